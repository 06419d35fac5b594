//! The personnel and training data a TMC uploads for its attestees (p.4-p.6, p.14; CPD p.15,
//! p.21): per IIN the hire date, the day the position was taken, first-time hire, pregnancy,
//! leaves, training hours completed against the individual plan, and for a category applicant
//! whether the courses in the claimed category's profile are done.
//!
//! Read from a [`Sheet`] (CSV or XLSX). One person may take several rows: each row may carry
//! one leave (`leave_kind`, `leave_start`, `leave_end`); the person's own columns are given
//! on at least one of them, and where given on several they must agree. Every error is named
//! with its line and column, all at once. Which IINs are on the list is the caller's check.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::iin::Iin;
use crate::domain::roster::{RosterError, invisible_in};
use crate::domain::rules::eligibility::{
    AcademicHours, Leave, LeaveKind, MIN_TRAINING_HOURS, Person,
};
use crate::domain::rules::{Category, Procedure};
use crate::domain::sheet::Sheet;

/// What the upload says about one person: [`Person`] without what the list holds (the
/// procedure, the claimed category) and without the corrections of p.10, which the list's
/// corrections hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    pub hire_date: Date,
    pub position_start: Date,
    pub first_time_hire: bool,
    pub pregnant: bool,
    pub leaves: Vec<Leave>,
    /// The individual plan's hours (CPD p.15: at least 40 academic hours a year).
    pub training_hours_planned: f64,
    pub training_hours_completed: f64,
    /// The courses in the claimed category's profile are done (p.14.2).
    pub profile_courses_done: bool,
}

impl Facts {
    /// The rules' record of the person for the list's `procedure` and `claimed` category.
    pub fn person(&self, procedure: Procedure, claimed: Option<Category>) -> Person {
        Person {
            hire_date: self.hire_date,
            position_start: self.position_start,
            first_time_hire: self.first_time_hire,
            leaves: self.leaves.clone(),
            pregnant: self.pregnant,
            business_trips_abroad: Vec::new(),
            incapacity: Vec::new(),
            training_hours_planned: AcademicHours::new(self.training_hours_planned)
                .unwrap_or(AcademicHours::new(MIN_TRAINING_HOURS).expect("40 hours")),
            training_hours_completed: AcademicHours::new(self.training_hours_completed)
                .unwrap_or(AcademicHours::new(0.0).expect("0 hours")),
            profile_courses: match claimed {
                Some(category) if self.profile_courses_done => vec![category],
                _ => Vec::new(),
            },
            procedure,
            claimed_category: claimed,
        }
    }
}

/// One person's data, with the lines it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Personnel {
    pub iin: Iin,
    /// The first line of the person, then the others.
    pub lines: Vec<u64>,
    pub facts: Facts,
}

/// The columns, with the other names a header may give them (compared by
/// `roster::header_key`).
const COLUMNS: [(&str, &[&str]); 11] = [
    ("iin", &["иин", "жсн"]),
    (
        "hire_date",
        &[
            "дата приема",
            "дата приема на работу",
            "жұмысқа қабылданған күні",
        ],
    ),
    (
        "position_start",
        &[
            "position_date",
            "дата назначения на должность",
            "лауазымға тағайындалған күні",
        ],
    ),
    (
        "first_time_hire",
        &["впервые принят", "алғаш рет қабылданған"],
    ),
    ("pregnant", &["беременность", "жүктілік"]),
    ("leave_kind", &["вид отпуска", "демалыс түрі"]),
    ("leave_start", &["начало отпуска", "демалыстың басталуы"]),
    ("leave_end", &["конец отпуска", "демалыстың аяқталуы"]),
    (
        "training_hours_completed",
        &["hours_completed", "пройдено часов", "өткен сағаттар"],
    ),
    (
        "training_hours_planned",
        &["hours_planned", "часов по плану", "жоспар бойынша сағаттар"],
    ),
    (
        "profile_courses_done",
        &["курсы по профилю категории", "санат бейіні бойынша курстар"],
    ),
];

const REQUIRED: [&str; 4] = [
    "iin",
    "hire_date",
    "position_start",
    "training_hours_completed",
];

fn column_of(header: &str) -> Option<usize> {
    let key = crate::domain::roster::header_key(header);
    COLUMNS
        .iter()
        .position(|(name, aliases)| key == *name || aliases.contains(&key.as_str()))
}

/// Whether a header cell names a personnel column.
pub fn is_known_column(header: &str) -> bool {
    column_of(header).is_some()
}

/// A date as written: `YYYY-MM-DD` or `DD.MM.YYYY`.
fn date(text: &str) -> Result<Date, String> {
    let parsed = match text.split('.').collect::<Vec<_>>()[..] {
        [d, m, y] if y.len() == 4 => format!("{y}-{m:0>2}-{d:0>2}").parse::<Date>(),
        _ => text.parse::<Date>(),
    };
    parsed.map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD or DD.MM.YYYY)"))
}

/// A yes or no: `yes`/`no`, `true`/`false`, `1`/`0`, `да`/`нет`, `иә`/`жоқ`; empty is no.
fn flag(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "" | "no" | "false" | "0" | "нет" | "жоқ" => Ok(false),
        "yes" | "true" | "1" | "да" | "иә" => Ok(true),
        _ => Err(format!(
            "{text:?} is not yes or no (yes/no, да/нет, иә/жоқ, 1/0)"
        )),
    }
}

/// A number of academic hours: not negative, at most 2000, a point or comma before decimals.
fn hours(text: &str) -> Result<f64, String> {
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && (0.0..=2000.0).contains(h))
        .ok_or_else(|| format!("{text:?} is not a number of academic hours from 0 to 2000"))
}

/// A leave's kind: `maternity`, `child_care`, `adoption`, `study`, or its Russian name.
fn leave_kind(text: &str) -> Result<LeaveKind, String> {
    match crate::domain::roster::header_key(text).as_str() {
        "maternity" | "по беременности и родам" | "декретный" => {
            Ok(LeaveKind::Maternity)
        }
        "child_care" | "по уходу за ребенком" => Ok(LeaveKind::ChildCare),
        "adoption" | "усыновление" => Ok(LeaveKind::Adoption),
        "study" | "учебный" => Ok(LeaveKind::Study),
        _ => Err(format!(
            "{text:?} is not a leave of p.6: maternity, child_care, adoption or study"
        )),
    }
}

/// The values one row gives for the person's own columns, each with the row's line.
#[derive(Default)]
struct Draft {
    lines: Vec<u64>,
    iin: Option<Iin>,
    values: BTreeMap<&'static str, (String, u64)>,
    leaves: Vec<Leave>,
}

/// Parses a personnel upload: one [`Personnel`] per IIN in order of first appearance, or
/// every error.
pub fn parse(sheet: &Sheet, today: Date) -> Result<Vec<Personnel>, Vec<RosterError>> {
    let error = |line: u64, column: &str, message: String| RosterError {
        line,
        column: column.to_owned(),
        message,
    };
    let mut index: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    for (at, header) in sheet.header.iter().enumerate() {
        if let Some(column) = column_of(header) {
            index[column].get_or_insert(at);
        }
    }
    let missing: Vec<RosterError> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|((name, _), i)| i.is_none() && REQUIRED.contains(name))
        .map(|((name, _), _)| {
            error(
                sheet.header_line,
                name,
                "column missing from the header".into(),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut errors = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    for record in &sheet.records {
        let line = record.line;
        let cells = match &record.cells {
            Ok(cells) => cells,
            Err(e) => {
                errors.push(error(line, "row", e.clone()));
                continue;
            }
        };
        if drafts.len() >= crate::domain::roster::MAX_ROWS {
            errors.push(error(line, "row", "too many rows: split the upload".into()));
            break;
        }
        let get = |i: usize| {
            index[i]
                .and_then(|i| cells.get(i))
                .map_or("", |c| c.as_str())
        };
        let before = errors.len();
        for (i, (name, _)) in COLUMNS.iter().enumerate() {
            if let Some(message) = invisible_in(get(i)) {
                errors.push(error(line, name, message));
            }
        }
        if errors.len() > before {
            continue;
        }
        let iin = match Iin::parse_on(get(0), today) {
            Ok(iin) => iin,
            Err(e) => {
                errors.push(error(line, "iin", e.to_string()));
                continue;
            }
        };
        let key = iin.to_string();
        if !drafts.contains_key(&key) {
            order.push(key.clone());
        }
        let draft = drafts.entry(key).or_default();
        draft.lines.push(line);
        draft.iin = Some(iin);
        for (i, (name, _)) in COLUMNS.iter().enumerate().skip(1) {
            let value = get(i);
            if value.is_empty() || name.starts_with("leave_") {
                continue;
            }
            match draft.values.get(name) {
                Some((first, at)) if first != value => errors.push(error(
                    line,
                    name,
                    format!("{value:?} differs from {first:?} on line {at} for the same IIN"),
                )),
                Some(_) => {}
                None => {
                    draft.values.insert(name, (value.to_owned(), line));
                }
            }
        }
        let (kind, start, end) = (get(5), get(6), get(7));
        if kind.is_empty() {
            if !start.is_empty() || !end.is_empty() {
                errors.push(error(
                    line,
                    "leave_kind",
                    "a leave's dates need its kind".into(),
                ));
            }
            continue;
        }
        let kind = leave_kind(kind).map_err(|m| errors.push(error(line, "leave_kind", m)));
        let start = date(start).map_err(|m| errors.push(error(line, "leave_start", m)));
        let end = match end {
            "" => Ok(None),
            end => date(end)
                .map(Some)
                .map_err(|m| errors.push(error(line, "leave_end", m))),
        };
        if let (Ok(kind), Ok(start), Ok(end)) = (kind, start, end) {
            if end.is_some_and(|e| e < start) {
                errors.push(error(
                    line,
                    "leave_end",
                    format!("before the leave's start, {start}"),
                ));
            } else {
                draft.leaves.push(Leave { kind, start, end });
            }
        }
    }
    let mut people = Vec::new();
    for key in order {
        let draft = drafts.remove(&key).expect("drafted");
        let first = draft.lines[0];
        let value = |name: &str| draft.values.get(name).map(|(v, line)| (v.as_str(), *line));
        let required = |name: &'static str, errors: &mut Vec<RosterError>| {
            let found = value(name);
            if found.is_none() {
                errors.push(error(first, name, "missing for this IIN".into()));
            }
            found
        };
        let parse_date = |name: &'static str, errors: &mut Vec<RosterError>| {
            required(name, errors).and_then(|(text, line)| {
                date(text)
                    .map_err(|m| errors.push(error(line, name, m)))
                    .ok()
            })
        };
        let hire_date = parse_date("hire_date", &mut errors);
        let position_start = parse_date("position_start", &mut errors);
        let completed = required("training_hours_completed", &mut errors).and_then(|(t, l)| {
            hours(t)
                .map_err(|m| errors.push(error(l, "training_hours_completed", m)))
                .ok()
        });
        let planned = match value("training_hours_planned") {
            None => Some(MIN_TRAINING_HOURS),
            Some((t, l)) => hours(t)
                .map_err(|m| errors.push(error(l, "training_hours_planned", m)))
                .ok(),
        };
        let mut yes_no = |name: &'static str| match value(name) {
            None => Some(false),
            Some((t, l)) => flag(t).map_err(|m| errors.push(error(l, name, m))).ok(),
        };
        let first_time_hire = yes_no("first_time_hire");
        let pregnant = yes_no("pregnant");
        let profile_courses_done = yes_no("profile_courses_done");
        if let (Some(h), Some(p)) = (hire_date, position_start)
            && p < h
        {
            errors.push(error(
                value("position_start").map_or(first, |(_, l)| l),
                "position_start",
                format!("{p} is before the hire date, {h}"),
            ));
            continue;
        }
        if let (
            Some(hire_date),
            Some(position_start),
            Some(training_hours_completed),
            Some(training_hours_planned),
            Some(first_time_hire),
            Some(pregnant),
            Some(profile_courses_done),
        ) = (
            hire_date,
            position_start,
            completed,
            planned,
            first_time_hire,
            pregnant,
            profile_courses_done,
        ) {
            people.push(Personnel {
                iin: draft.iin.expect("parsed"),
                lines: draft.lines,
                facts: Facts {
                    hire_date,
                    position_start,
                    first_time_hire,
                    pregnant,
                    leaves: draft.leaves,
                    training_hours_planned,
                    training_hours_completed,
                    profile_courses_done,
                },
            });
        }
    }
    if people.is_empty() && errors.is_empty() {
        errors.push(error(
            sheet.header_line + 1,
            "row",
            "the upload has no rows".into(),
        ));
    }
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(people)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "personnel_tests.rs"]
mod tests;
