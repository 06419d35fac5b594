//! The evidence image decoder on arbitrary bytes (and as base64 text): no panic, and an
//! accepted image is within the limits with a thumbnail that is itself a PNG within them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synaq_proctor::evidence::{EvidenceLimits, decode, decode_base64};

fuzz_target!(|data: &[u8]| {
    let limits = EvidenceLimits::default();
    if let Ok(e) = decode(data, &limits) {
        assert!(e.width <= limits.max_width && e.height <= limits.max_height);
        let thumb = decode(&e.thumbnail_png, &limits).expect("the thumbnail decodes");
        assert_eq!(thumb.mime, "image/png");
        assert!(thumb.width.max(thumb.height) <= limits.thumbnail_px);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = decode_base64(text, &limits);
    }
});
