//! The inputs of the professional-activity evaluation (p.28-1, Appendix 1-2) as a file: a CSV
//! or an XLSX sheet with the columns `iin`, `rating` (from service recipients over the last 12
//! months, 0 to 5, "4.2" or "4,2") and `violations` (recorded in the information system over
//! the last 12 months: a count, or yes/no — да/нет, иә/жоқ — where yes counts as 1). The
//! header row is required, in any order and case; other columns are ignored. A CSV may be
//! separated by commas, semicolons or tabs (the header line tells which). Every bad cell is
//! reported at once with its line (the header is line 1) and column; a file with any error
//! yields no row at all.

use std::collections::HashMap;
use std::fmt;

use calamine::{Data, Reader};

use crate::domain::iin::Iin;
use crate::domain::rules::Rating;

/// The required columns.
pub const COLUMNS: [&str; 3] = ["iin", "rating", "violations"];

/// The most rows an upload may hold.
pub const MAX_ROWS: usize = 20_000;

/// One valid line of the upload.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationInput {
    /// The line it came from (the header is line 1).
    pub line: u64,
    pub iin: Iin,
    pub rating: Rating,
    pub violations: u32,
}

/// One problem of the upload, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadError {
    /// 1-based; the header is line 1; 0 for the file as a whole.
    pub line: u64,
    /// The column's name; empty for the whole line or file.
    pub column: String,
    pub message: String,
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column.is_empty()) {
            (0, _) => f.write_str(&self.message),
            (line, true) => write!(f, "line {line}: {}", self.message),
            (line, false) => write!(f, "line {line}, column {}: {}", self.column, self.message),
        }
    }
}

fn whole(message: impl Into<String>) -> Vec<UploadError> {
    vec![UploadError {
        line: 0,
        column: String::new(),
        message: message.into(),
    }]
}

/// Which kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// The format of a `Content-Type` (`text/csv`, or the XLSX media type), if it is one.
    pub fn of_media_type(content_type: &str) -> Option<Format> {
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/csv" | "text/plain" => Some(Format::Csv),
            XLSX_MEDIA_TYPE => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// The media type of an XLSX workbook.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The rows of an upload, or every problem found in it.
pub fn parse(bytes: &[u8], format: Format) -> Result<Vec<EvaluationInput>, Vec<UploadError>> {
    let (rows, errors) = parse_lines(bytes, format)?;
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The valid lines of an upload and the problems of the others, so that a caller checking the
/// valid lines further (against the roster) reports every problem at once; `Err` when the
/// file as a whole cannot be read (not CSV or XLSX, no header, a column missing, no line).
pub fn parse_lines(
    bytes: &[u8],
    format: Format,
) -> Result<(Vec<EvaluationInput>, Vec<UploadError>), Vec<UploadError>> {
    let lines = match format {
        Format::Csv => csv_lines(bytes)?,
        Format::Xlsx => xlsx_lines(bytes)?,
    };
    rows(lines)
}

/// A cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

impl Value {
    fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    fn text(&self) -> String {
        match self {
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Value::Bool(b) => b.to_string(),
            Value::Empty => String::new(),
        }
    }
}

fn csv_lines(bytes: &[u8]) -> Result<Vec<(u64, Vec<Value>)>, Vec<UploadError>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "the CSV is not UTF-8 text (byte {}); save it as CSV UTF-8",
            e.valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A spreadsheet in a Russian or Kazakh locale saves "CSV" with semicolons (or tabs): the
    // header line tells which.
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .filter(|d| header.as_bytes().contains(d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    let (mut line, mut counted_to) = (1u64, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            vec![UploadError {
                line,
                column: String::new(),
                message: format!("not valid CSV: {e}"),
            }]
        })?;
        // The reader skips blank lines, and its position may point before them: the line is
        // counted up to the record's first byte that is not a line end.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        // Counted on from the previous record, once over the text.
        let start = start.min(text.len()).max(counted_to);
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = start;
        lines.push((
            line,
            record.iter().map(|c| Value::Text(c.to_owned())).collect(),
        ));
    }
    Ok(lines)
}

fn xlsx_lines(bytes: &[u8]) -> Result<Vec<(u64, Vec<Value>)>, Vec<UploadError>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| whole(format!("not an XLSX workbook: {e}")))?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(whole("the workbook has no sheet"));
    };
    let range = book
        .worksheet_range(&first)
        .map_err(|e| whole(format!("sheet {first:?} cannot be read: {e}")))?;
    // Lines are counted from row 1 of the sheet, as the spreadsheet shows them.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut lines = Vec::new();
    for (row, line) in range.rows().zip(u64::from(top) + 1..) {
        let mut cells = vec![Value::Empty; left as usize];
        cells.extend(row.iter().map(|d| match d {
            Data::String(s) => Value::Text(s.clone()),
            Data::Float(f) => Value::Number(*f),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Bool(b) => Value::Bool(*b),
            Data::Empty => Value::Empty,
            other => Value::Text(other.to_string()),
        }));
        lines.push((line, cells));
    }
    Ok(lines)
}

type Lines = (Vec<EvaluationInput>, Vec<UploadError>);

fn rows(lines: Vec<(u64, Vec<Value>)>) -> Result<Lines, Vec<UploadError>> {
    let Some(header_at) = lines
        .iter()
        .position(|(_, l)| l.iter().any(|c| !c.is_blank()))
    else {
        return Err(whole(
            "the file is empty: give a header iin,rating,violations and one line per person",
        ));
    };
    let header_line = lines[header_at].0;
    let header: Vec<String> = lines[header_at]
        .1
        .iter()
        .map(|c| c.text().to_lowercase())
        .collect();
    let mut index = HashMap::new();
    let mut errors = Vec::new();
    for column in COLUMNS {
        match header.iter().position(|h| h == column) {
            Some(i) => {
                index.insert(column, i);
            }
            None => errors.push(UploadError {
                line: header_line,
                column: column.to_owned(),
                message: format!(
                    "the header has no column {column:?} (it needs iin, rating, violations)"
                ),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut counted = 0;
    for (line, cells) in lines.iter().skip(header_at + 1) {
        let line = *line;
        if cells.iter().all(Value::is_blank) {
            continue;
        }
        counted += 1;
        if counted > MAX_ROWS {
            return Err(whole(format!("more than {MAX_ROWS} lines; split the file")));
        }
        let cell = |column: &'static str| cells.get(index[column]).cloned().unwrap_or(Value::Empty);
        let mut fail = |column: &str, message: String| {
            errors.push(UploadError {
                line,
                column: column.to_owned(),
                message,
            });
        };
        let iin_cell = cell("iin");
        let iin = match Iin::parse(&iin_cell.text()) {
            Ok(iin) => {
                if let Some(first) = seen.insert(iin.to_string(), line) {
                    fail("iin", format!("IIN {iin} is also on line {first}"));
                    None
                } else {
                    Some(iin)
                }
            }
            Err(e) => {
                fail("iin", e.to_string());
                None
            }
        };
        let rating_cell = cell("rating");
        let rating = match &rating_cell {
            Value::Number(n) => Rating::new(*n).map_err(|e| e.to_string()),
            v if v.is_blank() => Err("empty: give the rating from 0 to 5".to_owned()),
            v => v.text().parse::<Rating>().map_err(|e| e.to_string()),
        };
        let rating = rating.map_err(|m| fail("rating", m)).ok();
        let violations_cell = cell("violations");
        let violations = violations(&violations_cell)
            .map_err(|m| fail("violations", m))
            .ok();
        if let (Some(iin), Some(rating), Some(violations)) = (iin, rating, violations) {
            out.push(EvaluationInput {
                line,
                iin,
                rating,
                violations,
            });
        }
    }
    if out.is_empty() && errors.is_empty() {
        return Err(whole("the file has a header but no line of data"));
    }
    Ok((out, errors))
}

/// The violations cell: a count, or yes/no in English, Russian or Kazakh (yes = 1).
fn violations(cell: &Value) -> Result<u32, String> {
    let refuse = |what: &str| {
        format!(
            "{what}: give the number of violations recorded over the last 12 months, or yes/no (да/нет, иә/жоқ)"
        )
    };
    match cell {
        Value::Bool(b) => Ok(u32::from(*b)),
        Value::Number(n) if n.fract() == 0.0 && (0.0..=1e6).contains(n) => Ok(*n as u32),
        Value::Number(n) => Err(refuse(&n.to_string())),
        v if v.is_blank() => Err(refuse("empty")),
        v => {
            let text = v.text().to_lowercase();
            match text.as_str() {
                "no" | "нет" | "жоқ" | "false" => Ok(0),
                "yes" | "да" | "иә" | "ия" | "true" => Ok(1),
                t => t
                    .parse::<u32>()
                    .map_err(|_| refuse(&format!("{:?}", v.text()))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iin(n: u32) -> String {
        (0..10u32)
            .find_map(|k| {
                let base = format!("8503103{:04}", n * 10 + k);
                let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
                crate::domain::iin::check_digit(&digits).map(|c| format!("{base}{c}"))
            })
            .unwrap()
    }

    #[test]
    fn a_csv_in_any_column_order_with_counts_and_yes_no() {
        let csv = format!(
            "\u{feff}Violations,IIN,rating,note\n0,{},\"4,5\",x\nда,{},3.95,\n\n3,{},5,\n",
            iin(1),
            iin(2),
            iin(3)
        );
        let rows = parse(csv.as_bytes(), Format::Csv).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].line, rows[0].violations), (2, 0));
        assert_eq!(rows[0].rating.value(), 4.5);
        assert_eq!((rows[1].line, rows[1].violations), (3, 1));
        assert_eq!(rows[1].rating.value(), 3.95);
        assert_eq!((rows[2].line, rows[2].violations), (5, 3));
    }

    #[test]
    fn every_bad_cell_is_named_by_line_and_column_and_nothing_is_kept() {
        let csv = format!(
            "iin,rating,violations\n123,4,0\n{},5.5,0\n{},4,maybe\n{},,1\n",
            iin(1),
            iin(2),
            iin(1)
        );
        let errors = parse(csv.as_bytes(), Format::Csv).unwrap_err();
        let at: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            at,
            [
                (2, "iin"),
                (3, "rating"),
                (4, "violations"),
                (5, "iin"),
                (5, "rating")
            ],
            "{errors:?}"
        );
        assert!(errors[3].message.contains("line 3"), "{}", errors[3]);
        assert_eq!(
            errors[1].to_string().split(':').next(),
            Some("line 3, column rating")
        );
    }

    #[test]
    fn more_lines_than_the_bound_are_refused_whole() {
        let line = format!("{},4,0\n", iin(1));
        let csv = format!("iin,rating,violations\n{}", line.repeat(MAX_ROWS + 1));
        let errors = parse(csv.as_bytes(), Format::Csv).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("more than 20000 lines"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_csv_saved_with_semicolons_is_read() {
        let csv = format!("iin;rating;violations\r\n{};4,2;0\r\n", iin(4));
        let rows = parse(csv.as_bytes(), Format::Csv).unwrap();
        assert_eq!((rows[0].line, rows[0].rating.value()), (2, 4.2));
        let tabs = format!("iin\trating\tviolations\n{}\t5\tyes\n", iin(4));
        assert_eq!(
            parse(tabs.as_bytes(), Format::Csv).unwrap()[0].violations,
            1
        );
    }

    #[test]
    fn a_missing_column_is_named_on_the_header_line() {
        let errors = parse(b"iin,rating\n", Format::Csv).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].column.as_str()),
            (1, "violations")
        );
        assert!(
            parse(b"", Format::Csv).unwrap_err()[0]
                .message
                .contains("empty")
        );
        assert!(
            parse(b"iin,rating,violations\n", Format::Csv).unwrap_err()[0]
                .message
                .contains("no line of data")
        );
    }

    #[test]
    fn an_xlsx_sheet_is_read_with_numbers_text_and_booleans() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "iin").unwrap();
        sheet.write_string(0, 1, "rating").unwrap();
        sheet.write_string(0, 2, "violations").unwrap();
        sheet.write_string(1, 0, iin(1)).unwrap();
        sheet.write_number(1, 1, 4.2).unwrap();
        sheet.write_number(1, 2, 0).unwrap();
        sheet.write_string(2, 0, iin(2)).unwrap();
        sheet.write_string(2, 1, "3,9").unwrap();
        sheet.write_boolean(2, 2, true).unwrap();
        sheet.write_string(3, 0, iin(3)).unwrap();
        sheet.write_number(3, 1, 7).unwrap();
        sheet.write_string(3, 2, "нет").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let errors = parse(&bytes, Format::Xlsx).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column.as_str()), (4, "rating"));
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in COLUMNS.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, iin(2)).unwrap();
        sheet.write_string(1, 1, "3,9").unwrap();
        sheet.write_boolean(1, 2, true).unwrap();
        let rows = parse(&book.save_to_buffer().unwrap(), Format::Xlsx).unwrap();
        assert_eq!((rows[0].line, rows[0].violations), (2, 1));
        assert_eq!(rows[0].rating.value(), 3.9);
        assert!(parse(b"PK not a zip", Format::Xlsx).is_err());
    }
}
