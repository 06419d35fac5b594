//! Pure domain rules: no I/O, no clock, no randomness of their own — time, seeds and calendars
//! are arguments. Everything here is testable with the law's own numbers.

pub mod appeal;
pub mod attestee;
pub mod audit;
pub mod bank;
pub mod calendar;
pub mod certificate;
pub mod exam;
pub mod iin;
pub mod item_stats;
pub mod lifecycle;
pub mod paper;
pub mod personnel;
pub mod profile;
pub mod region;
pub mod report;
pub mod role;
pub mod roster;
#[cfg(test)]
mod roster_props;
pub mod rules;
pub mod secret;
pub mod sheet;
pub mod synth;
