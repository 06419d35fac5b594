//! Properties of everything the crate parses from a vendor (bounded case counts; `fuzz/` runs
//! the same oracles for minutes): no body panics an adapter and every refusal names a field;
//! a signed callback verifies and any change to it does not; no byte string panics the
//! evidence decoder, and an encoded image decodes to its own size.

use std::io::Cursor;

use image::{ImageBuffer, ImageFormat, Rgb};
use proptest::prelude::*;

use crate::adapter::{edx, native, proctorio, proctoru};
use crate::evidence::{EvidenceLimits, decode, decode_base64};
use crate::verify::{
    NativeHeaders, Secrets, sign_native, sign_proctorio, sign_proctoru, verify_native,
    verify_proctorio, verify_proctoru,
};

const NOW: i64 = 1_790_000_000;

/// JSON-shaped bodies from the vendors' own field names, so generated bodies get past the
/// first `not JSON` refusal.
fn vendor_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"events\"",
            "\"event_id\"",
            "\"session_id\"",
            "\"kind\"",
            "\"tab_hidden\"",
            "\"face_missing\"",
            "\"confidence\"",
            "0.5",
            "1.5",
            "-1",
            "\"occurred_at\"",
            "1790000000",
            "\"duration_s\"",
            "\"status\"",
            "\"passed\"",
            "\"violation\"",
            "\"comments\"",
            "\"reviewed_by\"",
            "\"start\"",
            "\"stop\"",
            "\"flags\"",
            "\"suspicion\"",
            "\"attempt_id\"",
            "\"id\"",
            "\"incidents\"",
            "null",
            "\"\"",
            "1e999",
            "true",
        ]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn adapters_refuse_with_a_field(body: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(body);
    for result in [
        native::parse(body, "native"),
        edx::parse(body, "edx", "s-1", NOW),
        proctoru::parse(body, "proctoru"),
        proctorio::parse(&text, "proctorio", NOW),
    ] {
        if let Err(e) = result {
            prop_assert!(!e.field.is_empty(), "{e}: no field");
            prop_assert_eq!(e.status_hint(), 422);
        }
    }
    Ok(())
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 7]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_body_panics_an_adapter(body in prop::collection::vec(any::<u8>(), 0..300)) {
        adapters_refuse_with_a_field(&body)?;
    }

    #[test]
    fn vendor_shaped_bodies_are_mapped_or_refused_with_a_field(body in vendor_soup()) {
        adapters_refuse_with_a_field(body.as_bytes())?;
    }

    #[test]
    fn a_signed_native_callback_verifies_and_a_changed_one_does_not(
        secret in prop::collection::vec(any::<u8>(), 1..64),
        body in prop::collection::vec(any::<u8>(), 0..200),
        skew in -300i64..=300,
        flip in any::<prop::sample::Index>(),
    ) {
        let secrets = Secrets::new(secret.clone());
        let ts = (NOW + skew).to_string();
        let sig = sign_native(&secret, NOW + skew, &body);
        let headers = NativeHeaders { timestamp: Some(&ts), signature: Some(&sig) };
        prop_assert_eq!(verify_native(headers, &body, &secrets, NOW), Ok(()));
        if !body.is_empty() {
            let mut changed = body.clone();
            changed[flip.index(body.len())] ^= 1;
            prop_assert!(verify_native(headers, &changed, &secrets, NOW).is_err());
        }
        let later = (NOW + skew + 1).to_string();
        let headers = NativeHeaders { timestamp: Some(&later), signature: Some(&sig) };
        prop_assert!(verify_native(headers, &body, &secrets, NOW).is_err());
    }

    #[test]
    fn a_signed_proctoru_callback_verifies_and_a_changed_one_does_not(
        secret in prop::collection::vec(any::<u8>(), 1..64),
        body in prop::collection::vec(any::<u8>(), 1..200),
        flip in any::<prop::sample::Index>(),
    ) {
        let secrets = Secrets::rotating(b"new".to_vec(), secret.clone());
        let sig = sign_proctoru(&secret, &body);
        prop_assert_eq!(verify_proctoru(Some(&sig), &body, &secrets), Ok(()));
        let mut changed = body.clone();
        changed[flip.index(body.len())] ^= 0x20;
        prop_assert!(verify_proctoru(Some(&sig), &changed, &secrets).is_err());
    }

    #[test]
    fn a_signed_proctorio_envelope_verifies_with_its_exact_data(
        secret in "[ -~]{1,40}",
        nonce in "[a-z0-9-]{1,20}",
        id in "[a-z0-9]{1,10}",
        suspicion in 0u32..100,
    ) {
        let data = format!(r#"{{"id":"{id}","suspicion":{suspicion},"flags":{{}}}}"#);
        let sig = sign_proctorio(secret.as_bytes(), &nonce, &data);
        let body = format!(
            r#"{{"type":"attempt.reviewed","nonce":"{nonce}","signature":"{sig}","data":{data}}}"#
        );
        let env = verify_proctorio(body.as_bytes(), &Secrets::new(secret.as_bytes().to_vec()))
            .map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
        prop_assert_eq!(&env.raw_data, &data);
        prop_assert_eq!(&env.nonce, &nonce);
        let spaced = body.replacen(&format!(":{suspicion}"), &format!(": {suspicion}"), 1);
        prop_assert!(verify_proctorio(spaced.as_bytes(), &Secrets::new(secret.as_bytes().to_vec())).is_err());
    }

    #[test]
    fn unsigned_bytes_never_verify(
        body in prop::collection::vec(any::<u8>(), 0..200),
        sig in "(sha256=|sha1=)?[0-9a-f]{0,64}",
        ts in "-?[0-9]{0,12}",
    ) {
        let secrets = Secrets::new(b"k".to_vec());
        let headers = NativeHeaders { timestamp: Some(&ts), signature: Some(&sig) };
        prop_assert!(verify_native(headers, &body, &secrets, NOW).is_err());
        prop_assert!(verify_proctoru(Some(&sig), &body, &secrets).is_err());
        prop_assert!(verify_proctorio(&body, &secrets).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_bytes_panic_the_evidence_decoder(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        magic in prop::sample::select(vec![
            &b""[..], b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x10\x00\x00\x00WEBPVP8 ",
        ]),
    ) {
        let limits = EvidenceLimits::default();
        let mut input = magic.to_vec();
        input.extend_from_slice(&bytes);
        let _ = decode(&input, &limits);
        let _ = decode_base64(&String::from_utf8_lossy(&input), &limits);
    }

    #[test]
    fn an_encoded_png_decodes_to_its_size_with_a_bounded_thumbnail(
        width in 1u32..200,
        height in 1u32..200,
        cut in any::<prop::sample::Index>(),
    ) {
        let limits = EvidenceLimits { thumbnail_px: 32, ..EvidenceLimits::default() };
        let bytes = png(width, height);
        let e = decode(&bytes, &limits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!((e.width, e.height, e.mime), (width, height, "image/png"));
        let thumb = decode(&e.thumbnail_png, &limits).unwrap();
        prop_assert!(thumb.width.max(thumb.height) <= 32);
        // Cut short anywhere, it is refused (or, cut after its end, still the same image).
        let at = cut.index(bytes.len());
        if let Ok(e) = decode(&bytes[..at], &limits) {
            prop_assert_eq!((e.width, e.height), (width, height));
        }
    }
}
