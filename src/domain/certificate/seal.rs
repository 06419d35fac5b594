//! The certificate's QR code: a compact payload of the fields the form shows, signed with
//! Ed25519, so that anyone holding the published public key can check a printed certificate
//! offline, without asking the server (docs/certificates.md, "Verifying offline").
//!
//! The QR encodes `<origin>/verify/<number>?p=<payload>&s=<signature>`: `p` is the payload's
//! JSON bytes in base64url (no padding), `s` the 64-byte Ed25519 signature over exactly those
//! bytes, base64url. The payload names the key that signed it (`i`), so keys can rotate.
//!
//! Pure: the key arrives as PKCS#8 bytes; generating and storing it is the store's.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{self, Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};

use super::Kind;

/// The payload format written now.
pub const VERSION: u8 = 1;

/// What the QR code carries, signed. Short keys: the QR stays small enough to scan from
/// paper (about 300 characters with a Cyrillic name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// The payload format ([`VERSION`]).
    pub v: u8,
    /// The certificate number.
    pub n: String,
    /// The form: `appendix_3` (category) or `appendix_4` (fitness for the position).
    pub k: Kind,
    /// The holder's full name, as the form writes it.
    pub f: String,
    /// The decision (`domain::certificate::Verdict::code`).
    pub d: String,
    /// What is certified: the category's slug (Appendix 3) or the position's (Appendix 4).
    pub w: String,
    /// The decision's date, `YYYY-MM-DD`.
    pub t: String,
    /// The last day of validity, `YYYY-MM-DD`.
    pub u: String,
    /// The id of the key that signed it ([`key_id`]).
    pub i: String,
}

/// A payload with its signature, as stored and as the QR carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// `p`: the payload's bytes, base64url.
    pub payload: String,
    /// `s`: the signature, base64url.
    pub signature: String,
}

/// The key cannot sign, or a seal cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the signing key is not an Ed25519 PKCS#8 document")]
    BadKey,
    #[error("{0}: not base64url")]
    NotBase64(&'static str),
    #[error("the payload is not a certificate payload: {0}")]
    BadPayload(String),
}

/// A public key's id: the first 8 bytes of its SHA-256, in hex (16 digits).
pub fn key_id(public_key: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, public_key);
    hex::encode(&digest.as_ref()[..8])
}

/// The public key of a PKCS#8 Ed25519 key (32 bytes).
pub fn public_key(pkcs8: &[u8]) -> Result<Vec<u8>, SealError> {
    let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| SealError::BadKey)?;
    Ok(pair.public_key().as_ref().to_vec())
}

/// Signs `payload` with the PKCS#8 Ed25519 key `pkcs8`.
pub fn seal(pkcs8: &[u8], payload: &Payload) -> Result<Sealed, SealError> {
    let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| SealError::BadKey)?;
    let bytes = serde_json::to_vec(payload).map_err(|e| SealError::BadPayload(e.to_string()))?;
    let signature = pair.sign(&bytes);
    Ok(Sealed {
        payload: URL_SAFE_NO_PAD.encode(&bytes),
        signature: URL_SAFE_NO_PAD.encode(signature.as_ref()),
    })
}

/// Whether `signature` (base64url) is `public_key`'s Ed25519 signature over exactly the bytes
/// of `payload` (base64url).
pub fn verifies(public_key: &[u8], payload: &str, signature: &str) -> bool {
    let (Ok(bytes), Ok(sig)) = (
        URL_SAFE_NO_PAD.decode(payload),
        URL_SAFE_NO_PAD.decode(signature),
    ) else {
        return false;
    };
    signature::UnparsedPublicKey::new(&signature::ED25519, public_key)
        .verify(&bytes, &sig)
        .is_ok()
}

/// The payload `p` (base64url) carries.
pub fn open(payload: &str) -> Result<Payload, SealError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| SealError::NotBase64("p"))?;
    serde_json::from_slice(&bytes).map_err(|e| SealError::BadPayload(e.to_string()))
}

/// The URL the QR code encodes: the verify page of `number` on `origin` with the seal.
pub fn verify_url(origin: &str, number: &str, sealed: &Sealed) -> String {
    format!(
        "{}/verify/{number}?p={}&s={}",
        origin.trim_end_matches('/'),
        sealed.payload,
        sealed.signature
    )
}

/// Base64url (no padding) of raw bytes: how public keys are published.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Bytes of a base64url text.
pub fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}
