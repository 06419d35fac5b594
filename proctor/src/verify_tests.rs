//! Tests of callback verification: the documented signatures, the window, rotation, limits.

use super::*;

const SECRET: &[u8] = b"whsec_example";
const TS: i64 = 1_767_225_600;
const NATIVE: &[u8] = include_bytes!("../tests/samples/native.json");
const PROCTORU: &[u8] = include_bytes!("../tests/samples/proctoru.json");
const PROCTORIO: &[u8] = include_bytes!("../tests/samples/proctorio.json");

/// The worked example of docs/proctoring.md: if this fails, the doc is wrong.
const NATIVE_SIG: &str = "sha256=2352b8afc15e79273ec5342638777b1b562f2dda46869890a13e5d36db0380f0";
const PROCTORU_SIG: &str = "sha1=88737862a2ac8f2866135623e2bd7c0e726e7f80";

fn native(sig: &str, ts: &str, secrets: &Secrets, now: i64) -> Result<(), VerifyError> {
    verify_native(
        NativeHeaders {
            timestamp: Some(ts),
            signature: Some(sig),
        },
        NATIVE,
        secrets,
        now,
    )
}

#[test]
fn the_documented_native_signature_is_exact_and_verifies() {
    assert_eq!(sign_native(SECRET, TS, NATIVE), NATIVE_SIG);
    assert_eq!(
        native(NATIVE_SIG, "1767225600", &Secrets::new(SECRET), TS + 10),
        Ok(())
    );
}

#[test]
fn a_tampered_body_or_wrong_secret_is_refused() {
    let tampered = [NATIVE, b" "].concat();
    let h = NativeHeaders {
        timestamp: Some("1767225600"),
        signature: Some(NATIVE_SIG),
    };
    assert_eq!(
        verify_native(h, &tampered, &Secrets::new(SECRET), TS),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(
        native(NATIVE_SIG, "1767225600", &Secrets::new("other"), TS),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(VerifyError::BadSignature.status_hint(), 401);
}

#[test]
fn the_timestamp_is_signed_too() {
    let sig = sign_native(SECRET, TS, NATIVE);
    assert_eq!(
        native(&sig, "1767225601", &Secrets::new(SECRET), TS),
        Err(VerifyError::BadSignature)
    );
}

#[test]
fn the_replay_window_is_300_seconds_either_way_and_says_which() {
    let s = Secrets::new(SECRET);
    assert_eq!(native(NATIVE_SIG, "1767225600", &s, TS + 300), Ok(()));
    assert_eq!(native(NATIVE_SIG, "1767225600", &s, TS - 300), Ok(()));
    assert_eq!(
        native(NATIVE_SIG, "1767225600", &s, TS + 301),
        Err(VerifyError::Stale(301))
    );
    assert_eq!(
        native(NATIVE_SIG, "1767225600", &s, TS - 301),
        Err(VerifyError::Future(301))
    );
    assert!(VerifyError::Stale(301).to_string().contains("past"));
    assert!(VerifyError::Future(301).to_string().contains("future"));
}

#[test]
fn missing_and_malformed_headers_are_named() {
    let s = Secrets::new(SECRET);
    let h = NativeHeaders {
        timestamp: None,
        signature: Some(NATIVE_SIG),
    };
    assert_eq!(
        verify_native(h, NATIVE, &s, TS),
        Err(VerifyError::MissingHeader("X-Synaq-Timestamp"))
    );
    assert_eq!(
        native(NATIVE_SIG, "soon", &s, TS),
        Err(VerifyError::MalformedHeader("X-Synaq-Timestamp"))
    );
    let bare = NATIVE_SIG.trim_start_matches("sha256=");
    assert_eq!(
        native(bare, "1767225600", &s, TS),
        Err(VerifyError::MalformedHeader("X-Synaq-Signature"))
    );
}

#[test]
fn a_rotated_secret_accepts_old_and_new_and_refuses_the_retired() {
    let rotating = Secrets::rotating("new-secret", SECRET);
    assert_eq!(native(NATIVE_SIG, "1767225600", &rotating, TS), Ok(()));
    let new_sig = sign_native(b"new-secret", TS, NATIVE);
    assert_eq!(native(&new_sig, "1767225600", &rotating, TS), Ok(()));
    let retired = Secrets::rotating("newer-secret", "new-secret");
    assert_eq!(
        native(NATIVE_SIG, "1767225600", &retired, TS),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(
        verify_proctoru(Some(PROCTORU_SIG), PROCTORU, &rotating),
        Ok(())
    );
    assert_eq!(
        verify_proctoru(Some(PROCTORU_SIG), PROCTORU, &retired),
        Err(VerifyError::BadSignature)
    );
    assert!(verify_proctorio(PROCTORIO, &rotating).is_ok());
    assert_eq!(
        verify_proctorio(PROCTORIO, &retired),
        Err(VerifyError::BadSignature)
    );
}

#[test]
fn an_oversized_body_is_refused_before_anything_else() {
    let big = vec![b'x'; MAX_BODY_BYTES + 1];
    let e = verify_proctoru(None, &big, &Secrets::new(SECRET)).unwrap_err();
    assert_eq!(
        e,
        VerifyError::TooLarge {
            len: MAX_BODY_BYTES + 1,
            limit: MAX_BODY_BYTES
        }
    );
    assert_eq!(e.status_hint(), 413);
}

#[test]
fn the_documented_proctoru_signature_is_exact() {
    assert_eq!(sign_proctoru(SECRET, PROCTORU), PROCTORU_SIG);
    let s = Secrets::new(SECRET);
    assert_eq!(verify_proctoru(Some(PROCTORU_SIG), PROCTORU, &s), Ok(()));
    assert_eq!(
        verify_proctoru(Some(PROCTORU_SIG), &PROCTORU[1..], &s),
        Err(VerifyError::BadSignature)
    );
    assert_eq!(
        verify_proctoru(None, PROCTORU, &s),
        Err(VerifyError::MissingHeader("X-ProctorU-Signature"))
    );
}

#[test]
fn the_documented_proctorio_envelope_verifies_over_the_raw_data() {
    let env = verify_proctorio(PROCTORIO, &Secrets::new(SECRET)).unwrap();
    assert_eq!(env.nonce, "n-123");
    assert_eq!(env.kind, "attempt.reviewed");
    assert!(env.raw_data.starts_with(r#"{"id":"rep-9""#));
    assert_eq!(
        sign_proctorio(SECRET, &env.nonce, &env.raw_data),
        "9c635a5c4d5acc2a1808aa20b3845e6260a01637"
    );
    // Re-spacing the data changes the bytes signed: refused.
    let spaced = String::from_utf8(PROCTORIO.to_vec())
        .unwrap()
        .replace(r#""suspicion":31"#, r#""suspicion": 31"#);
    assert_eq!(
        verify_proctorio(spaced.as_bytes(), &Secrets::new(SECRET)),
        Err(VerifyError::BadSignature)
    );
}

#[test]
fn a_malformed_proctorio_envelope_names_the_field() {
    let s = Secrets::new(SECRET);
    let e = verify_proctorio(br#"{"type":"x","signature":"00","data":{}}"#, &s).unwrap_err();
    assert_eq!(e, VerifyError::MalformedEnvelope("nonce"));
    assert_eq!(e.status_hint(), 422);
    assert_eq!(
        verify_proctorio(b"[]", &s),
        Err(VerifyError::MalformedEnvelope("body"))
    );
}
