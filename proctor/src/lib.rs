//! # synaq-proctor
//!
//! The home of proctoring (p.13, p.19): the signal model, the violation policy, vendor
//! callback verification (HMAC over the raw body, replay window) and evidence images.
//!
//! Nothing of it is built yet: the proctoring issue builds it. Until then this crate exports
//! nothing, and the server ingests no proctoring signal.
