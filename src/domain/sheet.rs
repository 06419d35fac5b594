//! An upload read as rows of text cells, from a CSV text or from the first sheet of an XLSX
//! workbook (`calamine`), so that one parser ([`crate::domain::roster::parse_sheet`] and the
//! personnel parser) validates both the same way, naming the upload's own line (CSV) or row
//! (XLSX) in every error.
//!
//! Owns only the reading: which row is the header, how a spreadsheet's numbers and dates
//! become text. What the columns mean is the parsers'.

use std::io::Cursor;

use calamine::{Data, Reader};

/// One record of an upload: its line (CSV, quoted cells may span lines) or row (XLSX), and
/// its cells, or why the record could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    pub cells: Result<Vec<String>, String>,
}

/// An upload as a header and records.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The line or row of the header (1 in a CSV; in a workbook the first row that names at
    /// least two known columns, so that a title above the table is skipped).
    pub header_line: u64,
    pub header: Vec<String>,
    pub records: Vec<Record>,
}

/// The most records read from one upload: one more than any parser takes, so that the
/// parser can say the upload is too long.
pub const MAX_RECORDS: usize = crate::domain::roster::MAX_ROWS + 1;

/// Reads a CSV text (comma-separated, cells trimmed; a byte-order mark is ignored).
pub fn read_csv(text: &str) -> Result<Sheet, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut records = Vec::new();
    for (n, record) in reader.records().enumerate().take(MAX_RECORDS) {
        // The reader's own line, also for a refused record: quoted cells may span lines, so
        // the record count is not the line.
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let line = position.map_or(n as u64 + 2, |p| p.line());
        records.push(Record {
            line,
            cells: record
                .map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| e.to_string()),
        });
    }
    Ok(Sheet {
        header_line: 1,
        header,
        records,
    })
}

/// Reads the first sheet of an XLSX workbook. `known` tells a column name the parser knows:
/// the header is the first row naming two of them (or the first non-empty row if none does).
/// Row numbers are the spreadsheet's (1 is its first row).
pub fn read_xlsx(bytes: &[u8], known: impl Fn(&str) -> bool) -> Result<Sheet, String> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let rows: Vec<(u64, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            (
                first_row + i as u64 + 1,
                cells.iter().map(text).collect::<Vec<String>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .take(MAX_RECORDS + 20)
        .collect();
    let at = rows
        .iter()
        .position(|(_, cells)| cells.iter().filter(|c| known(c)).count() >= 2)
        .unwrap_or(0);
    let mut rows = rows.into_iter().skip(at);
    let (header_line, header) = rows.next().ok_or("the first sheet is empty")?;
    let records = rows
        .take(MAX_RECORDS)
        .map(|(line, cells)| Record {
            line,
            cells: Ok(cells),
        })
        .collect();
    Ok(Sheet {
        header_line,
        header,
        records,
    })
}

/// A spreadsheet cell as the text a CSV of it would hold: whole numbers without a decimal
/// point, dates as YYYY-MM-DD, booleans as `true`/`false`, errors and blanks empty.
fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => serial_date(d.as_f64()).unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// The day of a spreadsheet's serial date (days since 1899-12-30, the 1900 date system).
fn serial_date(serial: f64) -> Option<String> {
    use jiff::ToSpan;
    if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    jiff::civil::date(1899, 12, 30)
        .checked_add(days.days())
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_keeps_its_lines_and_refused_records() {
        let sheet = read_csv("\u{feff}a,b\n1,\"x\ny\"\n2\n3,4\n").unwrap();
        assert_eq!(sheet.header, ["a", "b"]);
        let lines: Vec<u64> = sheet.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert_eq!(sheet.records[0].cells, Ok(vec!["1".into(), "x\ny".into()]));
        assert!(sheet.records[1].cells.is_err(), "a record of one field");
    }

    #[test]
    fn spreadsheet_numbers_and_dates_read_as_their_text() {
        assert_eq!(text(&Data::Float(900515300012.0)), "900515300012");
        assert_eq!(text(&Data::Float(7.5)), "7.5");
        assert_eq!(text(&Data::Int(40)), "40");
        assert_eq!(text(&Data::Bool(true)), "true");
        assert_eq!(serial_date(45658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(serial_date(-1.0), None);
        assert_eq!(
            text(&Data::DateTimeIso("2025-03-01T00:00:00".into())),
            "2025-03-01"
        );
    }

    #[test]
    fn a_workbook_skips_the_title_above_its_header() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Список аттестуемых").unwrap();
        sheet.write_string(2, 0, "iin").unwrap();
        sheet.write_string(2, 1, "name").unwrap();
        sheet.write_number(3, 0, 900515300012.0).unwrap();
        sheet.write_string(3, 1, "Иван").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = read_xlsx(&bytes, |h| h == "iin" || h == "name").unwrap();
        assert_eq!(read.header_line, 3);
        assert_eq!(read.header, ["iin", "name"]);
        assert_eq!(read.records.len(), 1);
        assert_eq!(read.records[0].line, 4);
        assert_eq!(
            read.records[0].cells,
            Ok(vec!["900515300012".into(), "Иван".into()])
        );
        assert!(read_xlsx(b"iin,name\n", |_| true).is_err());
    }
}
