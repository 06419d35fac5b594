//! What the fuzz targets share: the oracles beyond "does not panic".

use synaq::domain::bank::{self, Diagnostic, Format, ImportOptions, Location, SourceFile};

/// Imports `data` as one bank file of `format` (bilingual, then as a Kazakh file paired with
/// nothing) and checks what comes back:
/// - a line/column diagnostic points inside the file (1-based, at most one past the end of
///   its line);
/// - an imported bank survives the native JSON writer: written and read back, it is the same
///   bank.
pub fn bank(data: &[u8], format: Format, name: &str) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile {
        name: name.to_owned(),
        content: text.to_owned(),
        format: Some(format),
        lang: None,
    };
    match bank::parse_files(std::slice::from_ref(&file), &ImportOptions::default()) {
        Ok(imported) => {
            let written = bank::to_json(&imported);
            let again = SourceFile {
                name: "again.json".to_owned(),
                content: written.clone(),
                format: Some(Format::Json),
                lang: None,
            };
            match bank::parse_files(&[again], &ImportOptions::default()) {
                Ok(read) => assert_eq!(
                    read, imported,
                    "the written bank reads back differently:\n{written}"
                ),
                Err(d) => panic!("the written bank does not read back: {d:?}\n{written}"),
            }
        }
        Err(diags) => check_locations(text, &diags),
    }
}

/// Every line/column diagnostic names a place in `text` (the text the importer saw: without
/// a leading byte-order mark).
pub fn check_locations(text: &str, diags: &[Diagnostic]) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags {
        if let Location::Line { line, column } = d.at {
            assert!(line >= 1 && column >= 1, "{d}: not 1-based");
            let Some(l) = lines.get(line as usize - 1) else {
                panic!("{d}: line {line} of {} lines", lines.len());
            };
            let width = l.chars().count() as u32;
            assert!(
                column <= width + 1,
                "{d}: column {column} of a {width}-character line"
            );
        }
    }
}
