//! Reading a stored row back into domain types, once, at the edge: every column that holds a
//! domain value (a role, a position, a status, a decision, JSON) is parsed here, and a value
//! that does not parse is [`Error::Corrupt`] naming the table, the column and the row.

use std::fmt::Display;

use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use super::{Error, Result};

/// One row of `table`, known by its key (`row`) in error messages.
pub(crate) struct Cells<'r> {
    row: &'r AnyRow,
    table: &'static str,
    key: String,
}

impl<'r> Cells<'r> {
    /// The row, named by the value of its key column `key`.
    pub fn new(row: &'r AnyRow, table: &'static str, key: &str) -> Result<Cells<'r>> {
        Ok(Cells {
            row,
            table,
            key: row.try_get(key)?,
        })
    }

    /// The row, named by `key` (for a key of several columns, e.g. `session/seq`).
    pub fn keyed(row: &'r AnyRow, table: &'static str, key: String) -> Cells<'r> {
        Cells { row, table, key }
    }

    /// The same row under another table's name (a joined row), named by that table's key.
    pub fn joined(&self, table: &'static str, key: &str) -> Result<Cells<'r>> {
        Cells::new(self.row, table, key)
    }

    /// The key the row is named by.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// A column as sqlx reads it (text, integers).
    pub fn get<T>(&self, column: &str) -> Result<T>
    where
        T: for<'q> sqlx::Decode<'q, Any> + sqlx::Type<Any>,
    {
        Ok(self.row.try_get(column)?)
    }

    /// The error for a stored value of `column` that is not what was written.
    pub fn corrupt(&self, column: &str, problem: impl Display) -> Error {
        Error::Corrupt(format!(
            "{}.{column} of row {}: {problem}",
            self.table, self.key
        ))
    }

    /// A text column read by `parse`.
    pub fn parse<T, E: Display>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        let text: String = self.get(column)?;
        parse(&text).map_err(|e| self.corrupt(column, e))
    }

    /// A nullable text column read by `parse`.
    pub fn parse_opt<T, E: Display>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<Option<T>> {
        let text: Option<String> = self.get(column)?;
        text.map(|t| parse(&t).map_err(|e| self.corrupt(column, e)))
            .transpose()
    }

    /// A JSON text column.
    pub fn json<T: DeserializeOwned>(&self, column: &str) -> Result<T> {
        self.parse(column, |text| serde_json::from_str(text))
    }

    /// An integer column that must fit `T` (counts, basis points).
    pub fn int<T: TryFrom<i64>>(&self, column: &str) -> Result<T> {
        let n: i64 = self.get(column)?;
        T::try_from(n).map_err(|_| self.corrupt(column, format!("{n} is out of range")))
    }
}

/// `parse` for a domain `Option`-returning parser: "unknown <what> <text>".
pub(crate) fn known<T>(
    what: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> impl FnOnce(&str) -> std::result::Result<T, String> {
    move |text| parse(text).ok_or_else(|| format!("unknown {what} {text:?}"))
}
