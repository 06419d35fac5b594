//! Run-time configuration, from flags and environment variables (see `synaq serve --help`).

use std::net::SocketAddr;

/// What a server node needs to know at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen. The default, 127.0.0.1:8080, is the README's contract.
    pub addr: SocketAddr,
    /// The largest request body accepted (bank uploads): bounded so a client cannot exhaust
    /// memory.
    pub max_upload_bytes: usize,
    /// The reverse proxies whose `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host` are
    /// believed when the Safe Exam Browser check rebuilds a request's URL; none by default
    /// (docs/proctoring.md, "Safe Exam Browser").
    pub trusted_proxies: synaq_proctor::seb::TrustedProxies,
}

impl Config {
    /// 32 MiB: a 10,000-question bilingual bank in native JSON is about 12 MiB.
    pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;
}
