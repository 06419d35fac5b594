//! The roster CSV on arbitrary bytes: no panic, and every error names a line of the file.
#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use synaq::domain::roster;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(errors) = roster::parse(text, date(2026, 12, 2)) {
        assert!(!errors.is_empty(), "an error result with no error");
        for e in &errors {
            assert!(e.line >= 1, "{e}: line 0");
            assert!(!e.column.is_empty(), "{e}: no column");
        }
    }
});
