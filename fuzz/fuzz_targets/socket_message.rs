//! The exam socket's client messages, parsed as the session parses a text frame: no panic,
//! and a message that parses serialises back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synaq::live::protocol::{ClientMessage, MAX_CLIENT_MESSAGE};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.len() > MAX_CLIENT_MESSAGE {
        return;
    }
    if let Ok(message) = serde_json::from_str::<ClientMessage>(text) {
        let written = serde_json::to_string(&message).expect("a message serialises");
        let again: ClientMessage =
            serde_json::from_str(&written).expect("a written message parses");
        assert_eq!(again, message);
    }
});
