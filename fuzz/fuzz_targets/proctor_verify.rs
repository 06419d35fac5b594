//! Callback verification on arbitrary headers and bodies: no panic, and nothing verifies
//! without the secret. The input is split at the first two newlines: timestamp header,
//! signature header, body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synaq_proctor::verify::{
    NativeHeaders, Secrets, verify_native, verify_proctorio, verify_proctoru,
};

const NOW: i64 = 1_790_000_000;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == b'\n');
    let timestamp = parts.next().and_then(|p| std::str::from_utf8(p).ok());
    let signature = parts.next().and_then(|p| std::str::from_utf8(p).ok());
    let body = parts.next().unwrap_or_default();
    let secrets = Secrets::rotating(b"fuzz-current".to_vec(), b"fuzz-previous".to_vec());
    let headers = NativeHeaders {
        timestamp,
        signature,
    };
    assert!(
        verify_native(headers, body, &secrets, NOW).is_err(),
        "a forged native callback verified"
    );
    assert!(
        verify_proctoru(signature, body, &secrets).is_err(),
        "a forged ProctorU callback verified"
    );
    assert!(
        verify_proctorio(data, &secrets).is_err(),
        "a forged Proctorio callback verified"
    );
});
