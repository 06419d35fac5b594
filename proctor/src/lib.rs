//! # synaq-proctor
//!
//! The home of proctoring (p.13, p.19), pure (no HTTP, database or async runtime): the
//! vendor-neutral [`signal`] model, vendor callback [`verify`]-cation over the raw body, the
//! vendor [`adapter`]s onto the neutral model, the violation [`policy`] as data and its
//! pure decision, [`evidence`] image decoding under limits, and the Safe Exam Browser
//! request checks ([`seb`]). The server keeps the state
//! (dedupe keys, signals, the policy per campaign) and calls in. See docs/proctoring.md.
//!
//! # Layout
//!
//! - `signal`: `Signal`, `Kind`, `Verdict`, `Severity`, `Review`.
//! - `verify`: `verify_native` (native, edx), `verify_proctorio`, `verify_proctoru`, the
//!   `sign_*` counterparts, `Secrets` (rotation), `REPLAY_WINDOW_S`, `MAX_BODY_BYTES`.
//! - `adapter::{native, edx, proctorio, proctoru}::parse`: verified body to signals.
//! - `policy`: `Policy::from_json`, `DEFAULT_JSON`, `decide` to `Action`.
//! - `evidence`: `decode`, `decode_base64` under `EvidenceLimits`.
//! - `multipart`: a verified multipart native callback split into `events` and snapshots.
//! - `seb`: Safe Exam Browser keys, the request URL behind trusted proxies, `verify`.
//! - `bin/synaq-proctor-sim`: the vendor simulator.

pub mod adapter;
pub mod evidence;
pub mod multipart;
pub mod policy;
pub mod seb;
pub mod signal;
pub mod verify;

#[cfg(test)]
mod props_tests;
