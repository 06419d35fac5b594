//! Secrets: staff passwords (PBKDF2-HMAC-SHA256, slow on purpose), one-time exam access codes
//! and opaque session tokens (high-entropy, so a fast SHA-256 digest is enough to store them:
//! a 10,000-candidate login burst must not queue behind a slow KDF).
//!
//! Nothing here stores or logs a secret; callers keep only the digests.

use std::num::NonZeroU32;

use ring::{digest, pbkdf2};

use crate::id::random_bytes;

/// PBKDF2 iterations for new password hashes (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// The alphabet of access codes: Crockford's base32 (no I, L, O, U), easy to read aloud.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Hex SHA-256 of a high-entropy secret (token or access code), the form stored.
pub fn digest_hex(secret: &str) -> String {
    hex::encode(digest::digest(&digest::SHA256, secret.as_bytes()))
}

/// A new opaque session token (256 bits).
pub fn new_token() -> String {
    hex::encode(random_bytes::<32>())
}

/// A new one-time access code: 16 base32 characters (80 bits) as XXXX-XXXX-XXXX-XXXX.
pub fn new_access_code() -> String {
    let bytes = random_bytes::<16>();
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| CODE_ALPHABET[(b & 31) as usize] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The canonical form of a typed access code: upper case, separators and spaces dropped,
/// the look-alikes O→0 and I/L→1 mapped. Returns None when it cannot be a code.
pub fn normalize_access_code(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(19);
    let mut n = 0;
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if CODE_ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        if n > 0 && n % 4 == 0 {
            out.push('-');
        }
        out.push(c);
        n += 1;
    }
    (n == 16).then_some(out)
}

/// A PBKDF2 password hash: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
pub fn hash_password(password: &str) -> String {
    hash_password_with(password, PBKDF2_ITERATIONS, random_bytes::<16>())
}

fn hash_password_with(password: &str, iterations: u32, salt: [u8; 16]) -> String {
    let mut out = [0u8; 32];
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        NonZeroU32::new(iterations).expect("iterations > 0"),
        &salt,
        password.as_bytes(),
        &mut out,
    );
    format!(
        "pbkdf2-sha256${iterations}${}${}",
        hex::encode(salt),
        hex::encode(out)
    )
}

/// Whether `password` matches `stored` (constant-time comparison inside ring).
pub fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [scheme, iterations, salt, hash] = parts.as_slice() else {
        return false;
    };
    let (Ok(iterations), Ok(salt), Ok(hash)) = (
        iterations.parse::<u32>(),
        hex::decode(salt),
        hex::decode(hash),
    ) else {
        return false;
    };
    let Some(iterations) = NonZeroU32::new(iterations) else {
        return false;
    };
    *scheme == "pbkdf2-sha256"
        && pbkdf2::verify(
            pbkdf2::PBKDF2_HMAC_SHA256,
            iterations,
            &salt,
            password.as_bytes(),
            &hash,
        )
        .is_ok()
}

/// Whether a password is acceptable for a staff account: 12 to 256 characters.
pub fn check_password_strength(password: &str) -> Result<(), &'static str> {
    match password.chars().count() {
        0..12 => Err("must be at least 12 characters"),
        257.. => Err("must be at most 256 characters"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash_password_with("correct horse battery", 1_000, [7; 16]);
        assert!(stored.starts_with("pbkdf2-sha256$1000$"));
        assert!(verify_password("correct horse battery", &stored));
        assert!(!verify_password("correct horse batterY", &stored));
        assert!(!verify_password("x", "garbage"));
        assert!(!verify_password("x", "pbkdf2-sha256$0$00$00"));
    }

    #[test]
    fn new_hashes_use_the_strong_iteration_count_and_fresh_salt() {
        let a = hash_password("same password here");
        let b = hash_password("same password here");
        assert!(a.starts_with(&format!("pbkdf2-sha256${PBKDF2_ITERATIONS}$")));
        assert_ne!(a, b, "salts differ");
    }

    #[test]
    fn access_codes_have_80_bits_and_normalise_from_sloppy_typing() {
        let code = new_access_code();
        assert_eq!(code.len(), 19);
        assert_eq!(normalize_access_code(&code).as_deref(), Some(code.as_str()));
        assert_eq!(
            normalize_access_code(&code.to_lowercase().replace('-', " ")).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalize_access_code("o1il-0000-0000-0000").as_deref(),
            Some("0111-0000-0000-0000")
        );
        assert_eq!(normalize_access_code("ABCD-EFGH"), None);
        assert_eq!(normalize_access_code("ABCD-EFGH-JKMN-PQR!"), None);
        assert_eq!(
            normalize_access_code("АВСD-EFGH-JKMN-PQRS"),
            None,
            "Cyrillic letters are refused"
        );
        assert_ne!(new_access_code(), new_access_code());
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_password_strength("short").is_err());
        assert!(check_password_strength("long enough password").is_ok());
    }
}
