//! The local executive body's documents and pages (p.32): the certificate (Appendix 3 or 4)
//! as PDF with its signed QR code, the public verify page, and the officers' console at `/leb`.

pub mod certificate;
pub mod verify;

/// The officers' console (results, decisions, certificates, Appendix 5), served at `/leb`.
pub const CONSOLE_HTML: &str = include_str!("console.html");
