//! Properties of the roster CSV parser (bounded case counts; `fuzz/` runs the same oracles
//! longer): no input panics it; every error names a line of the file and a known column;
//! rows written by a CSV writer read back as the same people.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::iin::check_digit;
use super::roster::{RosterError, parse};
use super::rules::Procedure;

const TODAY: Date = date(2026, 12, 2);

/// What an error may name: a column, the row as a whole, or the header.
const PLACES: [&str; 9] = [
    "iin",
    "name",
    "position",
    "organization",
    "procedure",
    "current_category",
    "claimed_category",
    "row",
    "header",
];

/// A header a roster might have, then free rows.
const HEADER: &str = "iin,name,position,organization,procedure,current_category,claimed_category\n";

fn lines_of(text: &str) -> u64 {
    text.split('\n').count() as u64
}

fn well_placed(text: &str, errors: &[RosterError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "an error result without an error");
    for e in errors {
        prop_assert!(PLACES.contains(&e.column.as_str()), "{e}: unknown column");
        // A missing row is reported on the line after the last one.
        prop_assert!(
            (1..=lines_of(text) + 1).contains(&e.line),
            "{e}: line {} of a {}-line file",
            e.line,
            lines_of(text)
        );
        prop_assert!(!e.message.is_empty(), "{e}: no message");
    }
    Ok(())
}

/// A valid IIN born on `day` of 1990 (man, 20th century digit 3) with serial `serial`.
fn iin(day: u16, serial: u16) -> Option<String> {
    let d = date(1990, 1, 1).saturating_add(jiff::Span::new().days(i64::from(day % 365)));
    let base = format!(
        "{:02}{:02}{:02}3{:04}",
        d.year() % 100,
        d.month(),
        d.day(),
        serial % 10_000
    );
    let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
    check_digit(&digits).map(|c| format!("{base}{c}"))
}

/// A person's name or an organisation: letters and inner spaces, quotes and commas, which
/// the CSV writer must quote.
fn cell() -> impl Strategy<Value = String> {
    r#"[А-Яа-яӘәҚқҢңӨөҰұҮүІі][А-Яа-яӘәҚқҢңӨөҰұҮүІіA-Za-z .,"()-]{0,40}[а-я]"#
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_text_panics_the_roster(text in r"\PC{0,300}") {
        if let Err(errors) = parse(&text, TODAY) {
            well_placed(&text, &errors)?;
        }
    }

    #[test]
    fn free_rows_under_a_good_header_are_read_or_placed(
        rows in prop::collection::vec(r#"[0-9a-zа-я,;" \r\n\t\u{202e}\u{200b}_-]{0,50}"#, 0..8),
    ) {
        let text = format!("{HEADER}{}", rows.join("\n"));
        if let Err(errors) = parse(&text, TODAY) {
            well_placed(&text, &errors)?;
        }
    }

    #[test]
    fn written_rows_read_back_as_the_same_people(
        people in prop::collection::vec((0u16..365, 0u16..10_000, cell(), cell()), 1..12),
    ) {
        let mut seen = std::collections::HashSet::new();
        let people: Vec<(String, String, String)> = people
            .into_iter()
            .filter_map(|(day, serial, name, org)| {
                let iin = iin(day, serial)?;
                seen.insert(iin.clone()).then_some((iin, name, org))
            })
            .collect();
        prop_assume!(!people.is_empty());
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["iin", "name", "position", "organization", "procedure"]).unwrap();
        for (iin, name, org) in &people {
            writer
                .write_record([iin.as_str(), name, "tmc_director", org, "periodic"])
                .unwrap();
        }
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let rows = parse(&text, TODAY).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert_eq!(rows.len(), people.len());
        for (row, (iin, name, org)) in rows.iter().zip(&people) {
            prop_assert_eq!(&row.iin.as_string(), iin);
            prop_assert_eq!(&row.name, name.trim());
            prop_assert_eq!(&row.organization, org.trim());
            prop_assert_eq!(row.position.slug, "tmc_director");
            prop_assert_eq!(row.procedure, Procedure::Periodic);
        }
    }

    /// A row with the wrong number of cells is reported on its own line, whatever quoted
    /// line breaks came before it.
    #[test]
    fn a_short_row_is_reported_on_its_own_line(before in 0usize..4, multiline in any::<bool>()) {
        let good = iin(10, 1).unwrap();
        let mut text = String::from("iin,name,position,organization,procedure\n");
        for i in 0..before {
            let name = if multiline { "\"Имя\nФамилия\"" } else { "Имя" };
            text.push_str(&format!("{},{name},tmc_director,Org {i},periodic\n", iin(20 + i as u16, 2).unwrap()));
        }
        text.push_str(&format!("{good},Short\n"));
        let errors = parse(&text, TODAY).unwrap_err();
        let short = errors.iter().find(|e| e.column == "row").expect("the short row is refused");
        prop_assert_eq!(short.line, lines_of(&text) - 1, "{:?}\n{}", errors, text);
    }
}

/// Found by `a_short_row_is_reported_on_its_own_line`: a refused record was placed by its
/// count (record 3 → line 4), not by the reader's line, so a quoted line break before it
/// moved every later error up a line.
#[test]
fn a_refused_row_after_a_quoted_line_break_names_its_own_line() {
    let text = format!(
        "iin,name,position,organization,procedure\n\
         {},\"Имя\nФамилия\",tmc_director,Org,periodic\n\
         {},Short\n",
        iin(1, 1).unwrap(),
        iin(2, 2).unwrap()
    );
    let errors = parse(&text, TODAY).unwrap_err();
    let short = errors.iter().find(|e| e.column == "row").unwrap();
    assert_eq!(short.line, 4, "{errors:?}");
}
