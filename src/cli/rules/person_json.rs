//! Reading a `Person` from JSON with errors that name the field path
//! (`leaves[1].end: ...`), since serde_json alone reports only line and column.
//!
//! On failure the whole document is re-checked field by field against the field types of
//! `domain::rules::eligibility::Person`; the first bad path wins.

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::rules::eligibility::{AcademicHours, Leave, LeaveKind, Period};
use crate::domain::rules::{Category, Person, Procedure};

/// The fields a `Person` must have.
const REQUIRED: [&str; 4] = [
    "hire_date",
    "position_start",
    "training_hours_completed",
    "procedure",
];

/// Parses the text into a `Person`, or gives `(field path, message)`.
pub fn parse(text: &str) -> Result<Person, (String, String)> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ("(document)".to_string(), e.to_string()))?;
    serde_json::from_value::<Person>(value.clone())
        .map_err(|e| locate(&value).unwrap_or_else(|| ("(person)".to_string(), e.to_string())))
}

/// The first field of `value` that does not fit `Person`.
fn locate(value: &Value) -> Option<(String, String)> {
    let Some(obj) = value.as_object() else {
        return Some(("(document)".into(), "expected a JSON object".into()));
    };
    if let Some(missing) = REQUIRED.iter().find(|f| !obj.contains_key(**f)) {
        return Some((missing.to_string(), "missing".into()));
    }
    for (key, val) in obj {
        let found = match key.as_str() {
            "hire_date" | "position_start" => check::<Date>(key, val),
            "first_time_hire" | "pregnant" => check::<bool>(key, val),
            "training_hours_planned" | "training_hours_completed" => {
                check::<AcademicHours>(key, val)
            }
            "procedure" => check::<Procedure>(key, val),
            "claimed_category" => check::<Option<Category>>(key, val),
            "profile_courses" => each(key, val, check::<Category>),
            "leaves" => each(key, val, |path, v| {
                object(path, v, &["kind", "start"], |field, fv| match field {
                    "kind" => Some(check::<LeaveKind>(field, fv)),
                    "start" => Some(check::<Date>(field, fv)),
                    "end" => Some(check::<Option<Date>>(field, fv)),
                    _ => None,
                })
                .or_else(|| check::<Leave>(path, v))
            }),
            "business_trips_abroad" | "incapacity" => each(key, val, |path, v| {
                object(path, v, &["start"], |field, fv| match field {
                    "start" => Some(check::<Date>(field, fv)),
                    "end" => Some(check::<Option<Date>>(field, fv)),
                    _ => None,
                })
                .or_else(|| check::<Period>(path, v))
            }),
            _ => Some((key.clone(), "unknown field".into())),
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `Some((path, message))` when `value` is not a `T`.
fn check<T: DeserializeOwned>(path: &str, value: &Value) -> Option<(String, String)> {
    serde_json::from_value::<T>(value.clone())
        .err()
        .map(|e| (path.to_string(), e.to_string()))
}

/// Checks every element of an array with `item`, indexing the path.
fn each(
    path: &str,
    value: &Value,
    item: impl Fn(&str, &Value) -> Option<(String, String)>,
) -> Option<(String, String)> {
    let Some(items) = value.as_array() else {
        return Some((path.to_string(), "expected an array".into()));
    };
    items
        .iter()
        .enumerate()
        .find_map(|(i, v)| item(&format!("{path}[{i}]"), v))
}

/// Checks an object's required and known fields; `field` answers `None` for unknown names.
fn object(
    path: &str,
    value: &Value,
    required: &[&str],
    field: impl Fn(&str, &Value) -> Option<Option<(String, String)>>,
) -> Option<(String, String)> {
    let Some(obj): Option<&Map<String, Value>> = value.as_object() else {
        return Some((path.to_string(), "expected an object".into()));
    };
    if let Some(missing) = required.iter().find(|f| !obj.contains_key(**f)) {
        return Some((format!("{path}.{missing}"), "missing".into()));
    }
    obj.iter().find_map(|(k, v)| match field(k, v) {
        None => Some((format!("{path}.{k}"), "unknown field".into())),
        Some(found) => found.map(|(_, msg)| (format!("{path}.{k}"), msg)),
    })
}
