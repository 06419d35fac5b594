//! Every vendor adapter on the same arbitrary body: no panic, and an error names a field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synaq_proctor::adapter::{edx, native, proctorio, proctoru};

const NOW: i64 = 1_790_000_000;

fuzz_target!(|data: &[u8]| {
    let results = [
        native::parse(data, "native"),
        edx::parse(data, "edx", "session-1", NOW),
        proctoru::parse(data, "proctoru"),
        match std::str::from_utf8(data) {
            Ok(text) => proctorio::parse(text, "proctorio", NOW),
            Err(_) => Ok(Vec::new()),
        },
    ];
    for r in results {
        if let Err(e) = r {
            assert!(!e.field.is_empty(), "{e}: no field");
        }
    }
});
