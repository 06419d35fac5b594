//! Randomness and ids, in one place: every random byte the server uses (paper seeds, tokens,
//! access codes, password salts, row ids, certificate numbers and signing keys) comes from
//! the operating system's CSPRNG through [`random_bytes`] (or, for a key, [`ed25519_pkcs8`]).
//! The domain stays deterministic: it takes seeds and secrets as arguments, and only the edge
//! constructors (`Seed::generate`, `secret::new_token`, ...) call here.

use ring::rand::{SecureRandom, SystemRandom};

/// `N` random bytes from the operating system (`ring`'s `SystemRandom`).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the operating system's random source failed");
    bytes
}

/// A new Ed25519 key pair as a PKCS#8 v2 document (the certificates' signing key,
/// docs/certificates.md), from the operating system's random source.
pub fn ed25519_pkcs8() -> Vec<u8> {
    ring::signature::Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
        .expect("the operating system's random source failed")
        .as_ref()
        .to_vec()
}

/// A new row id: 128 random bits in hex (32 characters), unguessable and collision-free in
/// practice.
pub fn new_id() -> String {
    hex::encode(random_bytes::<16>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_hex_digits_and_differ() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()), "{a}");
        assert_ne!(a, b);
        assert_ne!(random_bytes::<32>(), [0u8; 32]);
    }
}
