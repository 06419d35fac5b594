//! The live side of the exam: the socket handler (`session`) and its protocol types, this
//! node's socket registry and the command bus ([`Hub`]), the deadline sweeper (`sweeper`), the
//! clock, and the live state shared between nodes (`state`, with the `memory` and `redis`
//! backends).
//!
//! Nothing here decides the exam or touches the database: the application layer
//! (`crate::app`) changes the truth first and then nudges the socket holder through the hub,
//! and the sweeper asks the application (`sweeper::Deadlines`) to end what is due.

pub mod clock;
pub mod hub;
pub mod memory;
pub mod protocol;
pub mod redis;
pub mod session;
pub mod state;
pub mod sweeper;

#[cfg(test)]
mod conformance;
#[cfg(test)]
mod protocol_props;

pub use clock::{Clock, ManualClock, SystemClock};
pub use hub::{Attached, Hub};
pub use state::{Command, ConnId, LiveError, LiveState};
