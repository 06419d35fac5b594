//! The MoodleXml importer on arbitrary bytes: no panic, located diagnostics, a bank that round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synaq::domain::bank::Format;

fuzz_target!(|data: &[u8]| synaq_fuzz::bank(data, Format::MoodleXml, "bank.xml"));
