//! Vendor adapters: each maps a verified raw body onto neutral [`Signal`]s, with errors that
//! name the field (the server answers 422). Parse only after [`crate::verify`] succeeded.

pub mod edx;
pub mod native;
pub mod proctorio;
pub mod proctoru;

use serde_json::{Map, Value};
use thiserror::Error;

#[allow(unused_imports)]
use crate::signal::Signal;

/// A body that verified but does not have the vendor's shape. HTTP 422.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("field `{field}`: {reason}")]
pub struct ParseError {
    /// A JSON path such as `events[2].confidence`.
    pub field: String,
    pub reason: String,
}

impl ParseError {
    pub(crate) fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ParseError {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn status_hint(&self) -> u16 {
        422
    }
}

pub(crate) fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ParseError> {
    v.as_object()
        .ok_or_else(|| ParseError::new(field, "must be an object"))
}

pub(crate) fn root(raw: &[u8]) -> Result<Value, ParseError> {
    serde_json::from_slice(raw).map_err(|e| ParseError::new("body", format!("not JSON: {e}")))
}

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn string(o: &Map<String, Value>, path: &str, key: &str) -> Result<String, ParseError> {
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(ParseError::new(at(path, key), "must not be empty")),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(ParseError::new(at(path, key), "must be a string")),
        None => Err(ParseError::new(at(path, key), "is missing")),
    }
}

pub(crate) fn opt_string(
    o: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<String>, ParseError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ParseError::new(at(path, key), "must be a string")),
    }
}

pub(crate) fn number(o: &Map<String, Value>, path: &str, key: &str) -> Result<f64, ParseError> {
    match o.get(key) {
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| ParseError::new(at(path, key), "must be a finite number")),
        Some(_) => Err(ParseError::new(at(path, key), "must be a number")),
        None => Err(ParseError::new(at(path, key), "is missing")),
    }
}

pub(crate) fn unit(o: &Map<String, Value>, path: &str, key: &str) -> Result<f64, ParseError> {
    let f = number(o, path, key)?;
    if (0.0..=1.0).contains(&f) {
        Ok(f)
    } else {
        Err(ParseError::new(at(path, key), "must be within 0..1"))
    }
}

pub(crate) fn seconds(o: &Map<String, Value>, path: &str, key: &str) -> Result<i64, ParseError> {
    match o.get(key) {
        Some(Value::Number(n)) => n.as_i64().filter(|s| *s >= 0).ok_or_else(|| {
            ParseError::new(at(path, key), "must be whole non-negative Unix seconds")
        }),
        Some(_) => Err(ParseError::new(at(path, key), "must be Unix seconds")),
        None => Err(ParseError::new(at(path, key), "is missing")),
    }
}
