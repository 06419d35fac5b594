//! Verifying vendor callbacks (p.19): the raw body is checked before it is parsed, with the
//! scheme that vendor already uses, in constant time. Time is an argument; dedupe state
//! (nonces, event ids) is the server's, this module only names the key.

use ring::{digest, hmac};
use thiserror::Error;

/// How far a native timestamp may be from the server's clock, either way. Five minutes covers
/// clock drift and a vendor's retry queue; longer would let a captured request be replayed
/// for longer before its event id is even looked up.
pub const REPLAY_WINDOW_S: i64 = 300;

/// The largest callback body accepted. Evidence snapshots ride inside as base64, so the limit
/// is the evidence byte limit (`EvidenceLimits::default`, 4 MiB) times 4/3 plus room for JSON.
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;

/// The signing schemes vendors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `X-Synaq-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))` with
    /// `X-Synaq-Timestamp`; used by `native` and `edx`.
    Native,
    /// `signature = hex(SHA-1(nonce + ":" + raw data JSON + ":" + secret))` in the envelope.
    Proctorio,
    /// `X-ProctorU-Signature: sha1=hex(HMAC-SHA1(secret, body))`.
    ProctorU,
}

/// The secrets a vendor may sign with: the current one and, during a rotation, the previous
/// one. A secret retired from both is refused.
#[derive(Debug, Clone)]
pub struct Secrets {
    pub current: Vec<u8>,
    pub previous: Option<Vec<u8>>,
}

impl Secrets {
    pub fn new(current: impl Into<Vec<u8>>) -> Self {
        Secrets {
            current: current.into(),
            previous: None,
        }
    }

    /// Rotation: both `current` and `previous` verify.
    pub fn rotating(current: impl Into<Vec<u8>>, previous: impl Into<Vec<u8>>) -> Self {
        Secrets {
            current: current.into(),
            previous: Some(previous.into()),
        }
    }

    fn each(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(self.current.as_slice()).chain(self.previous.as_deref())
    }
}

/// Why a callback was refused. [`VerifyError::status_hint`] is the HTTP status the server
/// answers with; the crate itself knows no HTTP.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("body is {len} bytes, over the {limit}-byte limit")]
    TooLarge { len: usize, limit: usize },
    #[error("header {0} is missing")]
    MissingHeader(&'static str),
    #[error("header {0} is malformed")]
    MalformedHeader(&'static str),
    #[error("timestamp is {0} s in the past, outside the ±{REPLAY_WINDOW_S} s window")]
    Stale(i64),
    #[error("timestamp is {0} s in the future, outside the ±{REPLAY_WINDOW_S} s window")]
    Future(i64),
    #[error("signature does not match any active secret")]
    BadSignature,
    #[error("envelope field `{0}` is missing or malformed")]
    MalformedEnvelope(&'static str),
}

impl VerifyError {
    /// 413 too large, 422 malformed envelope, 401 for everything else (signature, headers,
    /// timestamps).
    pub fn status_hint(&self) -> u16 {
        match self {
            VerifyError::TooLarge { .. } => 413,
            VerifyError::MalformedEnvelope(_) => 422,
            _ => 401,
        }
    }
}

/// The native headers, as the server read them.
#[derive(Debug, Clone, Copy)]
pub struct NativeHeaders<'a> {
    /// `X-Synaq-Timestamp`.
    pub timestamp: Option<&'a str>,
    /// `X-Synaq-Signature`.
    pub signature: Option<&'a str>,
}

fn check_size(body: &[u8]) -> Result<(), VerifyError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(VerifyError::TooLarge {
            len: body.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(())
}

fn hex_after(
    value: Option<&str>,
    prefix: &str,
    name: &'static str,
) -> Result<Vec<u8>, VerifyError> {
    let value = value.ok_or(VerifyError::MissingHeader(name))?;
    let hexed = value
        .strip_prefix(prefix)
        .ok_or(VerifyError::MalformedHeader(name))?;
    hex::decode(hexed).map_err(|_| VerifyError::MalformedHeader(name))
}

/// The native signature header value for a body: `sha256=<hex>`.
pub fn sign_native(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(timestamp.to_string().as_bytes());
    ctx.update(b".");
    ctx.update(body);
    format!("sha256={}", hex::encode(ctx.sign().as_ref()))
}

/// Verify a native (or edx) callback at server time `now` (Unix seconds).
pub fn verify_native(
    headers: NativeHeaders<'_>,
    body: &[u8],
    secrets: &Secrets,
    now: i64,
) -> Result<(), VerifyError> {
    const TS: &str = "X-Synaq-Timestamp";
    const SIG: &str = "X-Synaq-Signature";
    check_size(body)?;
    let ts_text = headers.timestamp.ok_or(VerifyError::MissingHeader(TS))?;
    let ts: i64 = ts_text
        .trim()
        .parse()
        .map_err(|_| VerifyError::MalformedHeader(TS))?;
    let tag = hex_after(headers.signature, "sha256=", SIG)?;
    let skew = now - ts;
    if skew > REPLAY_WINDOW_S {
        return Err(VerifyError::Stale(skew));
    }
    if -skew > REPLAY_WINDOW_S {
        return Err(VerifyError::Future(-skew));
    }
    let mut message = Vec::with_capacity(ts_text.len() + 1 + body.len());
    message.extend_from_slice(ts_text.trim().as_bytes());
    message.push(b'.');
    message.extend_from_slice(body);
    let ok = secrets
        .each()
        .any(|s| hmac::verify(&hmac::Key::new(hmac::HMAC_SHA256, s), &message, &tag).is_ok());
    ok.then_some(()).ok_or(VerifyError::BadSignature)
}

/// The ProctorU signature header value for a body: `sha1=<hex>`.
pub fn sign_proctoru(secret: &[u8], body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret);
    format!("sha1={}", hex::encode(hmac::sign(&key, body).as_ref()))
}

/// Verify a ProctorU callback from its `X-ProctorU-Signature` header.
pub fn verify_proctoru(
    signature: Option<&str>,
    body: &[u8],
    secrets: &Secrets,
) -> Result<(), VerifyError> {
    check_size(body)?;
    let tag = hex_after(signature, "sha1=", "X-ProctorU-Signature")?;
    let ok = secrets.each().any(|s| {
        let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, s);
        hmac::verify(&key, body, &tag).is_ok()
    });
    ok.then_some(()).ok_or(VerifyError::BadSignature)
}

/// The Proctorio envelope signature: hex SHA-1 of `nonce:data:secret`.
pub fn sign_proctorio(secret: &[u8], nonce: &str, raw_data: &str) -> String {
    hex::encode(proctorio_digest(secret, nonce, raw_data).as_ref())
}

fn proctorio_digest(secret: &[u8], nonce: &str, raw_data: &str) -> digest::Digest {
    let mut ctx = digest::Context::new(&digest::SHA1_FOR_LEGACY_USE_ONLY);
    ctx.update(nonce.as_bytes());
    ctx.update(b":");
    ctx.update(raw_data.as_bytes());
    ctx.update(b":");
    ctx.update(secret);
    ctx.finish()
}

/// A verified Proctorio envelope: the nonce the server must never accept twice, and the raw
/// `data` JSON for [`crate::adapter::proctorio::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProctorioEnvelope {
    pub kind: String,
    pub nonce: String,
    pub raw_data: String,
}

#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    nonce: Option<String>,
    signature: Option<String>,
    #[serde(borrow)]
    data: Option<&'a serde_json::value::RawValue>,
}

/// Verify a Proctorio callback: the envelope is read only far enough to find the nonce, the
/// signature and the exact bytes of `data`; `data` itself is parsed after this succeeds.
///
/// The comparison is constant-time: the expected digest and the sent one are both passed
/// through `ring::hmac::verify` (an HMAC keyed by the secret over the sent digest, checked
/// against the HMAC of the expected digest), so no byte-by-byte early exit can leak a prefix.
pub fn verify_proctorio(body: &[u8], secrets: &Secrets) -> Result<ProctorioEnvelope, VerifyError> {
    check_size(body)?;
    let env: Envelope<'_> =
        serde_json::from_slice(body).map_err(|_| VerifyError::MalformedEnvelope("body"))?;
    let kind = env.kind.ok_or(VerifyError::MalformedEnvelope("type"))?;
    let nonce = env
        .nonce
        .filter(|n| !n.is_empty())
        .ok_or(VerifyError::MalformedEnvelope("nonce"))?;
    let sent = env
        .signature
        .ok_or(VerifyError::MalformedEnvelope("signature"))?;
    let raw_data = env
        .data
        .ok_or(VerifyError::MalformedEnvelope("data"))?
        .get()
        .to_owned();
    let sent = hex::decode(sent).map_err(|_| VerifyError::BadSignature)?;
    let ok = secrets.each().any(|s| {
        let expected = proctorio_digest(s, &nonce, &raw_data);
        let key = hmac::Key::new(hmac::HMAC_SHA256, s);
        let expected_tag = hmac::sign(&key, expected.as_ref());
        hmac::verify(&key, &sent, expected_tag.as_ref()).is_ok()
    });
    ok.then_some(ProctorioEnvelope {
        kind,
        nonce,
        raw_data,
    })
    .ok_or(VerifyError::BadSignature)
}

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;
