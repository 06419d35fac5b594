//! Tables written for people to open in a spreadsheet: the reports of p.31-p.32 (Appendix 2,
//! Appendix 5) and the other downloads, as CSV and as XLSX (`rust_xlsxwriter`).
//!
//! A cell is text or a number, never a formula: in XLSX every text is a string cell, and in
//! CSV a text that a spreadsheet would read as a formula (one beginning with `=`, `+`, `-`,
//! `@`, a tab or a carriage return) is written behind an apostrophe, which the spreadsheet
//! hides and keeps as text (OWASP "CSV injection").

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// A table: a title (the sheet's name and the first row of the XLSX), a header row and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`; cut and replaced to fit).
    pub sheet: String,
    /// Lines written above the header in the XLSX (the form's title, the period, the region).
    pub preamble: Vec<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as CSV (UTF-8 with a byte-order mark, so that a spreadsheet opens Cyrillic
    /// right; comma-separated, CRLF line ends). The preamble is left out: a CSV is data.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            w.write_record(self.header.iter().map(|h| defused(h)))
                .expect("writing to memory");
            for row in &self.rows {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(t) => defused(t),
                    Cell::Number(n) => number(*n),
                    Cell::Empty => String::new(),
                }))
                .expect("writing to memory");
            }
            w.flush().expect("writing to memory");
        }
        out
    }

    /// The table as an XLSX workbook of one sheet: the preamble lines, a bold header (frozen
    /// when scrolling), the rows; text cells are string cells, so nothing is a formula.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&self.sheet))?;
        let bold = Format::new().set_bold();
        let mut r: u32 = 0;
        for line in &self.preamble {
            sheet.write_string_with_format(r, 0, line, &bold)?;
            r += 1;
        }
        if !self.preamble.is_empty() {
            r += 1;
        }
        for (c, h) in (0u16..).zip(&self.header) {
            sheet.write_string_with_format(r, c, h, &bold)?;
        }
        sheet.set_freeze_panes(r + 1, 0)?;
        for row in &self.rows {
            r += 1;
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        for (c, h) in (0u16..).zip(&self.header) {
            let widest = self
                .rows
                .iter()
                .filter_map(|row| match row.get(usize::from(c)) {
                    Some(Cell::Text(t)) => Some(t.chars().count()),
                    Some(Cell::Number(_)) => Some(8),
                    _ => None,
                })
                .chain([h.chars().count()])
                .max()
                .unwrap_or(8);
            sheet.set_column_width(c, (widest.clamp(6, 60) + 2) as f64)?;
        }
        book.save_to_buffer()
    }
}

/// A text as a CSV cell that no spreadsheet evaluates.
fn defused(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A number as written in a CSV: without a needless ".0", with a point.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A sheet name Excel accepts: at most 31 characters, without `[ ] : * ? / \`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            sheet: "Приложение 2: Карагандинская область".into(),
            preamble: vec!["Результаты тестирования".into()],
            header: vec!["ФИО".into(), "Балл".into()],
            rows: vec![
                vec!["=HYPERLINK(\"http://x\")".into(), 85.0.into()],
                vec!["-2+3".into(), Cell::Empty],
                vec!["Асанова Айгерим".into(), 72.5.into()],
            ],
        }
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_text() {
        let csv = String::from_utf8(table().to_csv()).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "ФИО,Балл");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",85");
        assert_eq!(lines[2], "'-2+3,");
        assert_eq!(lines[3], "Асанова Айгерим,72.5");
        for text in ["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(defused(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(defused("Иван"), "Иван");
    }

    #[test]
    fn xlsx_cells_are_strings_and_numbers_never_formulas() {
        let bytes = table().to_xlsx().unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::{Data, Reader};
        let name = book.sheet_names()[0].clone();
        assert_eq!(name.chars().count(), 31);
        assert!(!name.contains(':'));
        let range = book.worksheet_range(&name).unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("Результаты тестирования".into()))
        );
        assert_eq!(range.get_value((2, 0)), Some(&Data::String("ФИО".into())));
        assert_eq!(
            range.get_value((3, 0)),
            Some(&Data::String("=HYPERLINK(\"http://x\")".into()))
        );
        assert_eq!(range.get_value((3, 1)), Some(&Data::Float(85.0)));
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no cell holds a formula"
        );
    }
}
