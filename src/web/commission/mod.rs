//! The appeal commission's documents: the protocol of a decided appeal (p.24), as HTML and
//! as PDF with its font embedded.

pub mod protocol;
