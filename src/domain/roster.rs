//! The roster of attestees (p.9, Appendix 1): a CSV the administrator uploads, or the list a
//! TMC operator uploads as CSV or XLSX (`domain::attestee`), validated row by row with every
//! error reported at once, each naming its line and column. Both are read into a
//! [`crate::domain::sheet::Sheet`] and checked by one [`parse_sheet`].
//!
//! Columns (header required, any order): `iin, name, position, organization, procedure,
//! current_category, claimed_category` (the last two may be empty), and the optional
//! Appendix 1/5 columns `region` (a slug or name of [`crate::domain::region::REGIONS`];
//! required in the TMC's list), `place_of_work`, `service_years` (years of service in social
//! protection / employment), `education` and `number` (Appendix 1 "No."), which the reports
//! carry. A header may use the Russian or Kazakh names of Appendix 1 ([`header_key`]). Every
//! cell is refused if it holds a control or invisible formatting character (see
//! [`invisible`]); names and organisations are stored in Unicode NFC, so that one person is
//! one string.

use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;

use crate::domain::iin::Iin;
use crate::domain::region::{Region, find_region};
use crate::domain::rules::{Category, Position, Procedure, find_position};

/// One validated roster row.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    /// The line of the upload the row came from (the header is line 1).
    pub line: u64,
    /// The row's number in the TMC's list (Appendix 1 "No."), as written; may be empty.
    pub number: String,
    pub iin: Iin,
    pub name: String,
    pub position: &'static Position,
    pub organization: String,
    pub procedure: Procedure,
    pub current_category: Option<Category>,
    pub claimed_category: Option<Category>,
    /// The region whose local executive body receives the result (p.31); `None` when the
    /// upload has no `region` column.
    pub region: Option<&'static Region>,
    /// The place of work (Appendix 1, 2): a branch or career center; may be empty.
    pub place_of_work: String,
    /// Years of service in social protection / employment (Appendix 1), as written ("7",
    /// "3.5"); may be empty.
    pub service_years: String,
    /// Education (Appendix 5); may be empty.
    pub education: String,
}

impl RosterRow {
    /// Whether the rules can decide this row's result: the position, procedure and categories
    /// fit together (e.g. a category applicant names the category claimed).
    pub fn decision_check(&self) -> Result<(), String> {
        crate::domain::rules::decide(&crate::domain::rules::DecisionInput {
            procedure: self.procedure,
            reattestation_of: None,
            position: self.position,
            score: crate::domain::rules::Percent::new(100.0).expect("100 is a percent"),
            current_category: self.current_category,
            claimed_category: self.claimed_category,
            policy: crate::domain::rules::ConflictPolicy::default(),
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
    }
}

/// A roster error, at a line (1-based, the header is line 1) and column name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, {column}: {message}")]
pub struct RosterError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

/// The columns, in the order [`parse_sheet`] indexes them.
const COLUMNS: [&str; 12] = [
    "iin",
    "name",
    "position",
    "organization",
    "procedure",
    "current_category",
    "claimed_category",
    "region",
    "place_of_work",
    "service_years",
    "education",
    "number",
];

/// The names a header may give each column besides its own (compared by [`header_key`]):
/// the Russian and Kazakh headers of Appendix 1 (p.9) and the usual short forms.
const ALIASES: [&[&str]; 12] = [
    &["иин", "жсн"],
    &["full_name", "фио", "ф.и.о", "т.а.ә", "аты-жөні"],
    &["должность", "лауазымы", "лауазым"],
    &["организация", "ұйым"],
    &[
        "процедура аттестации",
        "аттестаттау рәсімі",
        "процедура",
        "рәсім",
    ],
    &[
        "текущая категория",
        "қолданыстағы біліктілік санаты",
        "қолданыстағы санат",
        "ағымдағы санат",
    ],
    &[
        "заявленная категория",
        "мәлімделген санат",
        "мәлімделген біліктілік санаты",
    ],
    &["регион", "область", "өңір", "облыс"],
    &["место работы", "жұмыс орны"],
    &[
        "years_of_service",
        "стаж работы в сфере социальной защиты/занятости",
        "стаж работы в сфере социальной защиты населения или занятости",
        "стаж",
        "халықты әлеуметтік қорғау немесе жұмыспен қамту жүйесіндегі жұмыс өтілі",
        "жұмыс өтілі",
        "өтілі",
    ],
    &["образование", "білімі", "білім"],
    &["no", "№", "№ п/п", "р/с"],
];

/// A header cell as it is compared: NFC, lower case, without a parenthesised remark ("(при
/// его наличии)", "(бар болса)"), ё as е, single spaces, none around `/`, and no final `.`
/// or `:`.
pub fn header_key(header: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    for c in header.nfc().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            'ё' if depth == 0 => text.push('е'),
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace(" /", "/")
        .replace("/ ", "/")
        .trim_end_matches(['.', ':'])
        .trim()
        .to_owned()
}

/// The column a header cell names, if any.
fn column_of(header: &str) -> Option<usize> {
    let key = header_key(header);
    COLUMNS
        .iter()
        .zip(ALIASES)
        .position(|(name, aliases)| key == *name || aliases.contains(&key.as_str()))
}

/// Whether a header cell names a column of the roster or the list of attestees.
pub fn is_known_column(header: &str) -> bool {
    column_of(header).is_some()
}

/// Which upload a sheet is: the columns it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The QIO's roster of people admitted outside synaq: `iin, name, position,
    /// organization, procedure` required.
    Roster,
    /// The TMC's list of attestees (p.9, Appendix 1): the region too, whose local executive
    /// body receives the result (p.31).
    Attestees,
}

impl Form {
    fn optional(self, column: &str) -> bool {
        match (self, column) {
            (Form::Attestees, "region") => false,
            (_, column) => OPTIONAL.contains(&column),
        }
    }
}

/// The columns an upload may leave out of its header.
const OPTIONAL: [&str; 7] = [
    "current_category",
    "claimed_category",
    "region",
    "place_of_work",
    "service_years",
    "education",
    "number",
];

/// The most rows one upload may carry.
pub const MAX_ROWS: usize = 20_000;

/// A character no roster cell may hold, with its name for the error: Unicode controls (Cc:
/// NUL, tabs, line breaks, DEL, C1) and the invisible format characters (Cf) that change how a
/// name reads without showing — the bidirectional overrides and isolates U+202A-U+202E and
/// U+2066-U+2069, the zero-width U+200B-U+200D, U+2060 and U+FEFF, the marks U+200E/U+200F
/// and the soft hyphen U+00AD among them.
pub fn invisible(c: char) -> Option<&'static str> {
    match c {
        c if c.is_control() => Some("a control character"),
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Some("a bidirectional control"),
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{00ad}'
        | '\u{180e}' => Some("an invisible character"),
        _ => None,
    }
}

/// The first refused character of a cell, as a message naming it and its position.
pub fn invisible_in(cell: &str) -> Option<String> {
    refused_character(cell)
}

fn refused_character(cell: &str) -> Option<String> {
    cell.chars().zip(1..).find_map(|(c, position)| {
        invisible(c).map(|what| {
            format!(
                "{what} U+{:04X} at character {position}; remove it",
                c as u32
            )
        })
    })
}

/// The delimiter a header was written with when it is not the comma: a header read as one
/// column that holds the column names joined by `;` (a spreadsheet in a Russian or Kazakh
/// locale saves "CSV" so) or a tab. Without this, every column would be reported missing.
fn wrong_delimiter(headers: &[String]) -> Option<&'static str> {
    if headers.len() != 1 {
        return None;
    }
    let only = headers.first()?;
    [(';', "semicolons (;)"), ('\t', "tabs")]
        .into_iter()
        .find(|(d, _)| only.split(*d).filter(|h| is_known_column(h)).count() >= 2)
        .map(|(_, name)| name)
}

/// Whether `text` is a number of years of service: 0 to 70, at most one decimal ("3.5" or
/// "3,5").
fn is_years(text: &str) -> bool {
    let text = text.replace(',', ".");
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() == 1 => (whole, fraction),
        Some(_) => return false,
        None => (text.as_str(), "0"),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(whole)
        && whole.len() <= 2
        && digits(fraction)
        && whole
            .parse::<u32>()
            .is_ok_and(|y| y < 70 || (y == 70 && fraction == "0"))
}

/// Where the campaign's testing term stands on `today` (Asia/Almaty), from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// Before `opens_on`.
    NotYetOpen,
    /// From `opens_on` to `closes_on`, both inclusive.
    Open,
    /// After `closes_on`.
    Over,
}

impl Term {
    /// The term of a campaign open from `opens_on` to `closes_on` inclusive, on `today`.
    pub fn on(opens_on: Date, closes_on: Date, today: Date) -> Term {
        if today < opens_on {
            Term::NotYetOpen
        } else if today <= closes_on {
            Term::Open
        } else {
            Term::Over
        }
    }
}

/// A roster may be added while the campaign's term has not ended (p.9-p.11: the list is
/// formed before testing); after `closes_on` it is refused naming the dates.
pub fn check_roster_allowed(opens_on: Date, closes_on: Date, today: Date) -> Result<(), String> {
    match Term::on(opens_on, closes_on, today) {
        Term::Over => Err(format!(
            "the campaign ran from {opens_on} to {closes_on} and has closed (today is {today} in Asia/Almaty): a roster can no longer be added; create a campaign with current dates"
        )),
        Term::NotYetOpen | Term::Open => Ok(()),
    }
}

/// Parses and validates a roster CSV: all rows, or every error. `today` is the day of the
/// upload in Asia/Almaty: no attestee is born after it.
pub fn parse(text: &str, today: Date) -> Result<Vec<RosterRow>, Vec<RosterError>> {
    let sheet = crate::domain::sheet::read_csv(text).map_err(|e| vec![header_error(1, e)])?;
    into_result(parse_sheet(&sheet, today, Form::Roster))
}

/// `Ok` with the rows when there is no error.
pub fn into_result(
    (rows, errors): (Vec<RosterRow>, Vec<RosterError>),
) -> Result<Vec<RosterRow>, Vec<RosterError>> {
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn header_error(line: u64, message: String) -> RosterError {
    RosterError {
        line,
        column: "header".to_owned(),
        message,
    }
}

/// Validates the rows of a sheet read from a CSV or an XLSX upload
/// ([`crate::domain::sheet`]) as `form`: the rows that are valid and every error, so that a
/// caller can add its own checks of the valid rows (scope, rows already stored) before
/// refusing the whole upload.
pub fn parse_sheet(
    sheet: &crate::domain::sheet::Sheet,
    today: Date,
    form: Form,
) -> (Vec<RosterRow>, Vec<RosterError>) {
    let error = |line: u64, column: &str, message: String| RosterError {
        line,
        column: column.to_owned(),
        message,
    };
    if let Some(found) = wrong_delimiter(&sheet.header) {
        return (
            Vec::new(),
            vec![header_error(
                sheet.header_line,
                format!(
                    "the columns are separated by {found}, not commas: save the file as \"CSV UTF-8 (comma delimited)\" and upload it again"
                ),
            )],
        );
    }
    let mut index: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut twice = Vec::new();
    for (at, header) in sheet.header.iter().enumerate() {
        if let Some(column) = column_of(header) {
            match index[column] {
                Some(first) => twice.push(error(
                    sheet.header_line,
                    COLUMNS[column],
                    format!(
                        "named twice in the header (columns {} and {})",
                        first + 1,
                        at + 1
                    ),
                )),
                None => index[column] = Some(at),
            }
        }
    }
    let missing: Vec<RosterError> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(c, i)| i.is_none() && !form.optional(c))
        .map(|(c, _)| {
            error(
                sheet.header_line,
                c,
                "column missing from the header".into(),
            )
        })
        .chain(twice)
        .collect();
    if !missing.is_empty() {
        return (Vec::new(), missing);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (n, record) in sheet.records.iter().enumerate() {
        let line = record.line;
        let cells = match &record.cells {
            Ok(cells) => cells,
            Err(e) => {
                errors.push(error(line, "row", e.clone()));
                continue;
            }
        };
        if n >= MAX_ROWS {
            errors.push(error(
                line,
                "row",
                format!("more than {MAX_ROWS} rows: split the roster"),
            ));
            break;
        }
        let get = |i: usize| {
            index[i]
                .and_then(|i| cells.get(i))
                .map_or("", |c| c.as_str())
        };
        let before = errors.len();
        for (i, column) in COLUMNS.iter().enumerate() {
            if let Some(message) = refused_character(get(i)) {
                errors.push(error(line, column, message));
            }
        }
        if errors.len() > before {
            continue;
        }
        let iin = Iin::parse_on(get(0), today)
            .map_err(|e| {
                let hint = if (10..12).contains(&get(0).len())
                    && get(0).chars().all(|c| c.is_ascii_digit())
                {
                    " (a spreadsheet drops the leading zeros of a number: format the IIN column as text)"
                } else {
                    ""
                };
                errors.push(error(line, "iin", format!("{e}{hint}")))
            })
            .ok();
        let name: String = get(1).nfc().collect();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push(error(line, "name", "must be 1 to 200 characters".into()));
        }
        let position = match find_position(get(2)) {
            Ok(p) if p.is_attested() => Some(p),
            Ok(p) => {
                errors.push(error(
                    line,
                    "position",
                    format!("{} is not attested by test (p.17)", p.name_ru),
                ));
                None
            }
            Err(e) => {
                errors.push(error(line, "position", e.to_string()));
                None
            }
        };
        let organization: String = get(3).nfc().collect();
        if organization.is_empty() || organization.chars().count() > 300 {
            errors.push(error(
                line,
                "organization",
                "must be 1 to 300 characters".into(),
            ));
        }
        let procedure = get(4)
            .parse::<Procedure>()
            .map_err(|e| errors.push(error(line, "procedure", e.to_string())))
            .ok();
        let category = |i: usize, errors: &mut Vec<RosterError>| -> Option<Category> {
            let text = get(i);
            if text.is_empty() {
                return None;
            }
            text.parse::<Category>()
                .map_err(|e| errors.push(error(line, COLUMNS[i], e.to_string())))
                .ok()
        };
        let current_category = category(5, &mut errors);
        let claimed_category = category(6, &mut errors);
        let region = match get(7) {
            // The TMC's list names every attestee's region (p.31).
            "" if form == Form::Attestees => {
                errors.push(error(
                    line,
                    "region",
                    "must name the region whose local executive body receives the result (p.31)"
                        .into(),
                ));
                None
            }
            // On the QIO's roster an empty cell, like a missing column, leaves the region
            // unknown: the reports list such people under "region not given" (docs/reports.md).
            "" => None,
            typed => find_region(typed)
                .map_err(|e| errors.push(error(line, "region", e.to_string())))
                .ok(),
        };
        let text = |i: usize, most: usize, errors: &mut Vec<RosterError>| -> String {
            let text: String = get(i).nfc().collect();
            if text.chars().count() > most {
                errors.push(error(
                    line,
                    COLUMNS[i],
                    format!("at most {most} characters"),
                ));
            }
            text
        };
        let place_of_work = text(8, 300, &mut errors);
        let service_years = text(9, 10, &mut errors);
        if !service_years.is_empty() && !is_years(&service_years) {
            errors.push(error(
                line,
                "service_years",
                format!(
                    "{service_years:?} is not a number of years from 0 to 70 (a point or comma before one decimal: 3.5)"
                ),
            ));
        }
        let education = text(10, 300, &mut errors);
        let number = text(11, 20, &mut errors);
        if let Some(first) = iin
            .as_ref()
            .and_then(|iin| seen.insert(iin.to_string(), line))
        {
            errors.push(error(line, "iin", format!("the same IIN as line {first}")));
        }
        if errors.len() == before {
            let row = RosterRow {
                line,
                number,
                iin: iin.expect("checked"),
                name,
                position: position.expect("checked"),
                organization,
                procedure: procedure.expect("checked"),
                current_category,
                claimed_category,
                region,
                place_of_work,
                service_years: service_years.replace(',', "."),
                education,
            };
            // The decision must be possible for this row, or its result could not be decided
            // after the exam (p.17, p.29, p.30): try it now with a full score.
            match row.decision_check() {
                Ok(()) => rows.push(row),
                Err(message) => errors.push(error(line, "procedure", message)),
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(error(
            sheet.header_line + 1,
            "row",
            "the roster has no rows".into(),
        ));
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the tests upload on.
    const TODAY: Date = jiff::civil::date(2026, 12, 2);

    fn parse(text: &str) -> Result<Vec<RosterRow>, Vec<RosterError>> {
        super::parse(text, TODAY)
    }

    /// A valid IIN: 1990-05-15, male, 1900s.
    fn iin(serial: u32) -> String {
        let base = format!("9005153{serial:04}");
        let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
        let check = crate::domain::iin::check_digit(&digits).expect("a check digit");
        format!("{base}{check}")
    }

    #[test]
    fn the_appendix_columns_are_optional_and_checked_when_given() {
        let header =
            "iin,name,position,organization,procedure,region,place_of_work,service_years,education";
        let text = format!(
            "{header}\n{},Асанова Айгерим,tmc_director,ЦТМ Караганды,periodic,Карагандинская область,Отдел занятости,\"7,5\",высшее\n",
            iin(1)
        );
        let rows = parse(&text).expect("valid");
        assert_eq!(rows[0].region.map(|r| r.slug), Some("karaganda"));
        assert_eq!(rows[0].place_of_work, "Отдел занятости");
        assert_eq!(rows[0].service_years, "7.5");
        assert_eq!(rows[0].education, "высшее");
        let bad = format!(
            "{header}\n{},Асанова Айгерим,tmc_director,ЦТМ Караганды,periodic,Сибирь,,71,\n",
            iin(2)
        );
        let empty = format!(
            "{header}\n{},Асанова Айгерим,tmc_director,ЦТМ Караганды,periodic,,,,\n",
            iin(3)
        );
        assert_eq!(parse(&empty).expect("valid")[0].region, None);
        let errors = parse(&bad).unwrap_err();
        let at: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(at, [(2, "region"), (2, "service_years")], "{errors:?}");
        for years in ["0", "70", "3.5", "12,0"] {
            assert!(is_years(years), "{years}");
        }
        for years in ["", "-1", "70.5", "100", "3.", ".5", "3.55", "x"] {
            assert!(!is_years(years), "{years}");
        }
    }

    #[test]
    fn a_valid_roster_parses_with_names_and_slugs() {
        let text = format!(
            "iin,name,position,organization,procedure,current_category,claimed_category\n\
             {},Айгерім Серікқызы,Специалист по содействию занятости (карьерный центр),КЦ Алматы,category,карьерный консультант,кейс-менеджер\n\
             {},Иван Петров,tmc_director,ЦТМ Астана,periodic,,\n",
            iin(1),
            iin(2)
        );
        let rows = parse(&text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].position.slug, "cc_employment_specialist");
        assert_eq!(rows[0].claimed_category, Some(Category::CaseManager));
        assert_eq!(rows[1].procedure, Procedure::Periodic);
    }

    #[test]
    fn every_bad_cell_is_reported_with_line_and_column() {
        let text = format!(
            "iin,name,position,organization,procedure\n\
             123,Name,tmc_director,Org,periodic\n\
             {},,Космонавт,Org,someday\n\
             {},Name,Водитель,Org,periodic\n",
            iin(3),
            iin(4)
        );
        let errors = parse(&text).unwrap_err();
        let places: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            places,
            vec![
                (2, "iin"),
                (3, "name"),
                (3, "position"),
                (3, "procedure"),
                (4, "position")
            ]
        );
    }

    #[test]
    fn a_row_the_rules_cannot_decide_is_refused_at_upload() {
        // A career-center specialist at periodic attestation confirms a category: it must be named.
        let text = format!(
            "iin,name,position,organization,procedure\n{},A,cc_employment_specialist,O,periodic\n",
            iin(7)
        );
        let errors = parse(&text).unwrap_err();
        assert_eq!(
            (errors[0].line, errors[0].column.as_str()),
            (2, "procedure"),
            "{errors:?}"
        );
        let text = format!(
            "iin,name,position,organization,procedure,current_category\n{},A,cc_employment_specialist,O,periodic,карьерный консультант\n",
            iin(7)
        );
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn missing_columns_and_duplicate_iins_are_refused() {
        let errors = parse("iin,name\n").unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.column.as_str()).collect::<Vec<_>>(),
            vec!["position", "organization", "procedure"]
        );
        let text = format!(
            "iin,name,position,organization,procedure\n{0},A,tmc_director,O,periodic\n{0},B,tmc_director,O,periodic\n",
            iin(5)
        );
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors[0].to_string(), "line 3, iin: the same IIN as line 2");
        assert!(parse("iin,name,position,organization,procedure\n").is_err());
    }

    #[test]
    fn control_and_invisible_characters_are_refused_naming_row_and_column() {
        let text = format!(
            "iin,name,position,organization,procedure\n\
             {},Ива\u{0}н,tmc_director,O,periodic\n\
             {},\u{202e}вонаvИ,tmc_director,O,periodic\n\
             {},Иван,tmc_director,Орг\u{200b},periodic\n\
             {},Иван,tmc_director,O\u{feff},periodic\n",
            iin(11),
            iin(12),
            iin(13),
            iin(14)
        );
        let errors = parse(&text).unwrap_err();
        let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            vec![
                "line 2, name: a control character U+0000 at character 4; remove it",
                "line 3, name: a bidirectional control U+202E at character 1; remove it",
                "line 4, organization: an invisible character U+200B at character 4; remove it",
                "line 5, organization: an invisible character U+FEFF at character 2; remove it",
            ]
        );
    }

    #[test]
    fn names_are_stored_in_nfc() {
        // "й" written as и + combining breve is stored as the one character U+0439.
        let text = format!(
            "iin,name,position,organization,procedure\n{},Серге\u{438}\u{306},tmc_director,O\u{308},periodic\n",
            iin(15)
        );
        let rows = parse(&text).unwrap();
        assert_eq!(rows[0].name, "Сергей");
        assert_eq!(rows[0].name.chars().count(), 6);
        assert_eq!(rows[0].organization, "Ö");
    }

    #[test]
    fn an_iin_born_after_the_upload_is_refused_naming_the_row() {
        let text = format!(
            "iin,name,position,organization,procedure\n{},A,tmc_director,O,periodic\n951230510000,B,tmc_director,O,periodic\n",
            iin(16)
        );
        let errors = parse(&text).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "line 3, iin: birth date 2095-12-30 (digits 1-7) is after today, 2026-12-02"
        );
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_semicolon_separated_roster_gets_one_error_naming_the_delimiter() {
        let text = format!(
            "iin;name;position;organization;procedure\n{};Кандидат;tmc_employment_specialist;ЦТМ;periodic\n",
            iin(1)
        );
        let errors = parse(&text).expect_err("refused");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 1);
        assert_eq!(errors[0].column, "header");
        assert!(
            errors[0].message.contains("semicolons (;)"),
            "{}",
            errors[0]
        );
        let tabs = "iin\tname\tposition\torganization\tprocedure\n";
        let errors = parse(tabs).expect_err("refused");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("tabs"), "{}", errors[0]);
        // A header that is simply wrong still names each missing column.
        let errors = parse("surname\nX\n").expect_err("refused");
        assert_eq!(errors.len(), 5, "{errors:?}");
    }

    #[test]
    fn headers_are_compared_without_case_remarks_or_spacing() {
        assert_eq!(header_key(" Т.А.Ә. (бар болса) "), "т.а.ә");
        assert_eq!(
            header_key("Стаж работы в сфере социальной  защиты / занятости"),
            "стаж работы в сфере социальной защиты/занятости"
        );
        assert_eq!(header_key("Ф.И.О.:"), "ф.и.о");
        assert_eq!(header_key("Учёба"), "учеба");
        assert_eq!(column_of("ИИН"), Some(0));
        assert_eq!(column_of("Процедура аттестации"), Some(4));
        assert_eq!(column_of("№"), Some(11));
        assert_eq!(column_of("Фамилия"), None);
        // The admin's roster takes the Appendix 1 headers too.
        let text = format!(
            "ИИН,ФИО,Должность,Организация,Процедура аттестации\n{},А,tmc_director,O,periodic\n",
            iin(21)
        );
        assert_eq!(parse(&text).expect("valid")[0].name, "А");
    }

    #[test]
    fn rows_remember_their_line() {
        let text = format!(
            "iin,name,position,organization,procedure\n{},А,tmc_employment_specialist,ЦТМ,periodic\n{},Б,tmc_employment_specialist,ЦТМ,periodic\n",
            iin(1),
            iin(2)
        );
        let rows = parse(&text).expect("valid");
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn the_term_and_a_roster_after_it_closed() {
        let (opens, closes) = (
            jiff::civil::date(2020, 11, 1),
            jiff::civil::date(2020, 12, 31),
        );
        assert_eq!(Term::on(opens, closes, TODAY), Term::Over);
        let err = check_roster_allowed(opens, closes, TODAY).expect_err("closed");
        assert!(
            err.contains("2020-11-01") && err.contains("2020-12-31"),
            "{err}"
        );
        assert_eq!(Term::on(opens, closes, closes), Term::Open);
        assert_eq!(Term::on(opens, closes, opens), Term::Open);
        assert_eq!(
            Term::on(opens, closes, jiff::civil::date(2020, 10, 31)),
            Term::NotYetOpen
        );
        assert!(check_roster_allowed(opens, closes, jiff::civil::date(2020, 10, 1)).is_ok());
        assert!(check_roster_allowed(opens, closes, closes).is_ok());
    }
}
