//! Safe Exam Browser (SEB) request checks, pure: a campaign's keys ([`SebKeys`]), the absolute
//! URL a request was addressed to ([`absolute_url`], believing forwarding headers only from a
//! [`TrustedProxies`] peer), and the verification of the two headers SEB adds to every request
//! ([`verify`]). The server reads the headers and the campaign's keys and answers the refusal;
//! this module knows no HTTP.
//!
//! SEB sends `X-SafeExamBrowser-ConfigKeyHash` = hex SHA-256(url + Config Key) and
//! `X-SafeExamBrowser-RequestHash` = hex SHA-256(url + Browser Exam Key), where `url` is the
//! absolute URL of the request without its fragment and each key is 64 lowercase hex
//! characters. The Config Key identifies the exam's SEB settings file; the Browser Exam Key
//! additionally the SEB build, so a campaign lists every build it admits.

use std::net::IpAddr;

use ring::digest;
use thiserror::Error;

/// Length of a key and of a hash in hex: a SHA-256.
pub const KEY_HEX_LEN: usize = 64;

/// The most Browser Exam Keys a campaign lists: one per admitted SEB build and platform.
pub const MAX_BROWSER_EXAM_KEYS: usize = 32;

/// The headers SEB sets.
pub const CONFIG_KEY_HEADER: &str = "X-SafeExamBrowser-ConfigKeyHash";
pub const REQUEST_HASH_HEADER: &str = "X-SafeExamBrowser-RequestHash";

/// A Config Key or a Browser Exam Key: 64 hex characters, kept lowercase (the form hashed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// `text` as a key, or why not.
    pub fn parse(text: &str) -> Result<Key, &'static str> {
        if text.len() != KEY_HEX_LEN {
            return Err("a key is 64 hexadecimal characters");
        }
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("a key has only hexadecimal characters (0-9, a-f)");
        }
        Ok(Key(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A campaign's SEB settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SebKeys {
    pub config_key: Key,
    /// At least one: every SEB build the campaign admits.
    pub browser_exam_keys: Vec<Key>,
}

/// Why [`SebKeys::parse`] refused the settings, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {reason}")]
pub struct KeysError {
    pub field: String,
    pub reason: String,
}

impl SebKeys {
    /// The settings from their parts, every problem naming its field (`browser_exam_keys[1]`).
    pub fn parse(config_key: &str, browser_exam_keys: &[String]) -> Result<SebKeys, KeysError> {
        let error = |field: String, reason: &str| KeysError {
            field,
            reason: reason.to_owned(),
        };
        let config_key = Key::parse(config_key).map_err(|r| error("config_key".to_owned(), r))?;
        if browser_exam_keys.is_empty() {
            return Err(error(
                "browser_exam_keys".to_owned(),
                "list at least one Browser Exam Key",
            ));
        }
        if browser_exam_keys.len() > MAX_BROWSER_EXAM_KEYS {
            return Err(error(
                "browser_exam_keys".to_owned(),
                "at most 32 Browser Exam Keys",
            ));
        }
        let mut keys: Vec<Key> = Vec::with_capacity(browser_exam_keys.len());
        for (i, k) in browser_exam_keys.iter().enumerate() {
            let key = Key::parse(k).map_err(|r| error(format!("browser_exam_keys[{i}]"), r))?;
            if keys.contains(&key) {
                return Err(error(format!("browser_exam_keys[{i}]"), "listed twice"));
            }
            keys.push(key);
        }
        Ok(SebKeys {
            config_key,
            browser_exam_keys: keys,
        })
    }
}

/// The two SEB headers as the server read them (`None` when absent).
#[derive(Debug, Clone, Copy, Default)]
pub struct SebHeaders<'a> {
    pub config_key_hash: Option<&'a str>,
    pub request_hash: Option<&'a str>,
}

/// Why a request was refused; each names the key that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SebError {
    #[error("the Safe Exam Browser headers are missing: open the exam in Safe Exam Browser")]
    HeadersMissing,
    #[error(
        "X-SafeExamBrowser-ConfigKeyHash does not match this exam's Config Key: \
         Safe Exam Browser runs with other settings"
    )]
    ConfigKeyMismatch,
    #[error(
        "X-SafeExamBrowser-RequestHash matches none of this exam's Browser Exam Keys: \
         this Safe Exam Browser build or its settings are not admitted"
    )]
    BrowserExamKeyMismatch,
}

impl SebError {
    /// The error code the server answers with (docs/proctoring.md, "Safe Exam Browser").
    pub fn code(self) -> &'static str {
        match self {
            SebError::HeadersMissing => "seb_headers_missing",
            SebError::ConfigKeyMismatch => "seb_config_key_mismatch",
            SebError::BrowserExamKeyMismatch => "seb_browser_exam_key_mismatch",
        }
    }
}

/// Lowercase hex SHA-256 of `url` followed by `key`: what SEB sends for that key.
pub fn request_hash(url: &str, key: &Key) -> String {
    hex::encode(digest_of(url, key))
}

fn digest_of(url: &str, key: &Key) -> [u8; 32] {
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(url.as_bytes());
    ctx.update(key.0.as_bytes());
    ctx.finish()
        .as_ref()
        .try_into()
        .expect("SHA-256 is 32 bytes")
}

/// Equal in time that depends on the length only, never on where the first difference is.
fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The digest a header carries, or None when it is not 64 hex characters (which matches no key).
fn sent_digest(value: &str) -> Option<[u8; 32]> {
    let value = value.trim();
    if value.len() != KEY_HEX_LEN {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(value, &mut out).ok()?;
    Some(out)
}

/// Checks a request to `url` (from [`absolute_url`]): the Config Key first, then the Browser
/// Exam Keys. Every allowed key is compared, so the time taken does not say which one matched.
pub fn verify(keys: &SebKeys, url: &str, headers: SebHeaders<'_>) -> Result<(), SebError> {
    let (Some(config), Some(request)) = (headers.config_key_hash, headers.request_hash) else {
        return Err(SebError::HeadersMissing);
    };
    let config_ok = sent_digest(config)
        .is_some_and(|sent| constant_time_eq(&sent, &digest_of(url, &keys.config_key)));
    if !config_ok {
        return Err(SebError::ConfigKeyMismatch);
    }
    let request_ok = sent_digest(request).is_some_and(|sent| {
        keys.browser_exam_keys.iter().fold(false, |hit, k| {
            constant_time_eq(&sent, &digest_of(url, k)) | hit
        })
    });
    if !request_ok {
        return Err(SebError::BrowserExamKeyMismatch);
    }
    Ok(())
}

/// The peers whose forwarding headers are believed: the reverse proxies in front of the server.
/// Empty (the default) believes none, and the URL is the one the server itself was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// A comma-separated list of addresses and CIDR blocks: `10.0.0.0/8, 127.0.0.1, ::1`.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (addr, bits) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (item, None),
            };
            let addr: IpAddr = addr
                .parse()
                .map_err(|_| format!("{item:?} is not an IP address or CIDR block"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(b) => b
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("{item:?}: a prefix length is 0 to {max}"))?,
            };
            nets.push((addr, bits));
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `peer` is one of the proxies. An IPv4 peer seen as IPv4-mapped IPv6 counts as
    /// its IPv4 address.
    pub fn trusts(&self, peer: IpAddr) -> bool {
        let peer = match peer {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|(net, bits)| match (net, peer) {
            (IpAddr::V4(n), IpAddr::V4(p)) => {
                prefix_eq(&n.octets(), &p.octets(), usize::from(*bits))
            }
            (IpAddr::V6(n), IpAddr::V6(p)) => {
                prefix_eq(&n.octets(), &p.octets(), usize::from(*bits))
            }
            _ => false,
        })
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: usize) -> bool {
    let (whole, rest) = (bits / 8, bits % 8);
    if a[..whole] != b[..whole] {
        return false;
    }
    rest == 0 || {
        let mask = 0xffu8 << (8 - rest);
        a[whole] & mask == b[whole] & mask
    }
}

/// What the server knows of a request, to rebuild its absolute URL.
#[derive(Debug, Clone, Copy)]
pub struct RequestTarget<'a> {
    /// The address the connection came from.
    pub peer: IpAddr,
    /// The server's own transport: `http` (a TLS-terminating proxy sits in front) or `https`.
    pub scheme: &'a str,
    /// The `Host` header (or the request's authority).
    pub host: Option<&'a str>,
    /// The path and query, as sent (`/api/v1/exam/start?x=1`).
    pub path_and_query: &'a str,
    /// `Forwarded` (RFC 7239), `X-Forwarded-Proto`, `X-Forwarded-Host`, as sent.
    pub forwarded: Option<&'a str>,
    pub x_forwarded_proto: Option<&'a str>,
    pub x_forwarded_host: Option<&'a str>,
    /// An exam socket upgrade: the page opened `ws://` or `wss://`, and that is the URL.
    pub websocket: bool,
}

/// The absolute URL the client addressed, without a fragment (a browser never sends one). The
/// scheme and host come from the forwarding headers only when the peer is a trusted proxy:
/// `Forwarded`'s `proto=` and `host=` if it is sent, else `X-Forwarded-Proto` and
/// `X-Forwarded-Host`; of a comma-separated list the LAST element is taken, the one the
/// trusted proxy itself added (an earlier one may come from the client). A value that is not a
/// scheme or a host is ignored. From any other peer these headers are ignored.
pub fn absolute_url(t: RequestTarget<'_>, trusted: &TrustedProxies) -> String {
    let mut scheme = t.scheme.to_ascii_lowercase();
    let mut host = t.host.unwrap_or("").trim().to_owned();
    if trusted.trusts(t.peer) {
        let (proto, fwd_host) = match t.forwarded.and_then(last_element) {
            Some(element) => forwarded_pairs(element),
            None => (
                t.x_forwarded_proto.and_then(last_element),
                t.x_forwarded_host.and_then(last_element),
            ),
        };
        if let Some(p) = proto.map(str::to_ascii_lowercase)
            && (p == "http" || p == "https")
        {
            scheme = p;
        }
        if let Some(h) = fwd_host.filter(|h| is_host(h)) {
            host = h.to_owned();
        }
    }
    if t.websocket {
        scheme = if scheme == "https" { "wss" } else { "ws" }.to_owned();
    }
    let path = t.path_and_query.split('#').next().unwrap_or("");
    let path = if path.is_empty() { "/" } else { path };
    format!("{scheme}://{host}{path}")
}

fn last_element(list: &str) -> Option<&str> {
    list.rsplit(',').map(str::trim).find(|s| !s.is_empty())
}

/// `proto` and `host` of one `Forwarded` element (`for=...;proto=https;host="a.b"`).
fn forwarded_pairs(element: &str) -> (Option<&str>, Option<&str>) {
    let (mut proto, mut host) = (None, None);
    for pair in element.split(';') {
        let Some((name, value)) = pair.trim().split_once('=') else {
            continue;
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        match name.trim().to_ascii_lowercase().as_str() {
            "proto" => proto = Some(value),
            "host" => host = Some(value),
            _ => {}
        }
    }
    (proto, host)
}

/// A host with an optional port: letters, digits, `-`, `.`, `:` and IPv6 brackets only.
fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

#[cfg(test)]
#[path = "seb_tests.rs"]
mod tests;
