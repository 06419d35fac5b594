//! # synaq-proctor
//!
//! The home of proctoring (p.13, p.19), pure (no HTTP, database or async runtime): the
//! vendor-neutral [`signal`] model, vendor callback [`verify`]-cation over the raw body, the
//! vendor [`adapter`]s onto the neutral model, the violation [`policy`] as data and its
//! pure decision, and [`evidence`] image decoding under limits. The server keeps the state
//! (dedupe keys, signals, the policy per campaign) and calls in. See docs/proctoring.md.

pub mod adapter;
pub mod evidence;
pub mod policy;
pub mod signal;
pub mod verify;
