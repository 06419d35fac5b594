//! The appeal commission's documents: the protocol of a decided appeal (p.24), as HTML and
//! as PDF with its font embedded.

pub mod protocol;

/// The review console (p.22-p.24), served at `/commission`.
pub const CONSOLE_HTML: &str = include_str!("console.html");
