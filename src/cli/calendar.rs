//! `synaq calendar ...`: working days and the rules' deadlines, on the shipped calendar or an
//! administrator's file, as JSON.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use super::CliError;
use crate::domain::calendar::{Calendar, CalendarError, Rule, When, deadline};

/// The `calendar` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum CalendarCmd {
    /// The date N working days after a date or instant (Asia/Almaty).
    AddWorkingDays {
        /// A date (YYYY-MM-DD) or an RFC 3339 time, taken as its Almaty date.
        #[arg(long, value_name = "DATE_OR_RFC3339")]
        from: String,
        /// How many working days to add.
        #[arg(long, value_name = "N")]
        days: u32,
        /// A calendar JSON file to use instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        calendar: Option<PathBuf>,
    },
    /// The deadline a rule sets, counted from a date or instant (Asia/Almaty).
    Deadline {
        /// Which rule: appeal (p.21), commission (p.24), report (p.31), leb (p.32),
        /// evaluation (p.28-1).
        #[arg(long, value_enum)]
        kind: DeadlineKind,
        /// A date (YYYY-MM-DD) or an RFC 3339 time, taken as its Almaty date.
        #[arg(long, value_name = "DATE_OR_RFC3339")]
        from: String,
        /// A calendar JSON file to use instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        calendar: Option<PathBuf>,
    },
}

/// The deadlines the CLI offers, by the short names operators use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeadlineKind {
    /// p.21: appeal filing, 2 working days after the result is shown.
    Appeal,
    /// p.24: commission decision, 5 calendar days from receipt.
    Commission,
    /// p.31: report to the LEB, 5 working days after testing ends.
    Report,
    /// p.32: LEB decision, 3 working days after receiving the results.
    Leb,
    /// p.28-1: professional-activity evaluation, 2 calendar days after testing ends.
    Evaluation,
}

impl DeadlineKind {
    /// The domain rule behind the short name.
    pub fn rule(self) -> Rule {
        match self {
            DeadlineKind::Appeal => Rule::AppealFiling,
            DeadlineKind::Commission => Rule::CommissionDecision,
            DeadlineKind::Report => Rule::ReportToLeb,
            DeadlineKind::Leb => Rule::LebDecision,
            DeadlineKind::Evaluation => Rule::Evaluation,
        }
    }
}

/// Runs a `calendar` subcommand. Reads the `--calendar` file if given (the CLI may do IO;
/// the domain may not).
pub fn run(cmd: &CalendarCmd) -> Result<Value, CliError> {
    match cmd {
        CalendarCmd::AddWorkingDays {
            from,
            days,
            calendar,
        } => {
            let cal = load(calendar.as_ref())?;
            let when = parse_from(from)?;
            let start = when.almaty_date();
            let date = cal
                .add_working_days(start, *days)
                .map_err(|e| usage(blame(&e), e))?;
            Ok(json!({
                "from": start.to_string(),
                "days": days,
                "date": date.to_string(),
            }))
        }
        CalendarCmd::Deadline {
            kind,
            from,
            calendar,
        } => {
            let cal = load(calendar.as_ref())?;
            let when = parse_from(from)?;
            let d = deadline(&cal, kind.rule(), when).map_err(|e| usage(blame(&e.source), e))?;
            Ok(json!({
                "kind": kind.to_possible_value().map(|v| v.get_name().to_owned()),
                "rule": d.rule,
                "clause": d.clause,
                "period": d.period.to_string(),
                "from": d.from.to_string(),
                "last_day": d.last_day.to_string(),
                "closes_at": d.closes_at.to_string(),
                "closes_at_utc": d.closes_at.timestamp().to_string(),
            }))
        }
    }
}

/// A usage error (exit 2) naming `field`.
fn usage(field: &str, message: impl std::fmt::Display) -> CliError {
    CliError::Usage(format!("{field}: {message}"))
}

/// A year missing from the data is the calendar file's fault; a date out of range, `--from`'s.
fn blame(error: &CalendarError) -> &'static str {
    match error {
        CalendarError::YearNotCovered { .. } | CalendarError::Statutory { .. } => "--calendar",
        CalendarError::OutOfRange(_) | CalendarError::BadYear(_) => "--from",
    }
}

fn parse_from(from: &str) -> Result<When, CliError> {
    When::parse(from).map_err(|e| usage("--from", e))
}

/// The shipped calendar, or the administrator's file.
fn load(path: Option<&PathBuf>) -> Result<Calendar, CliError> {
    match path {
        // The shipped file is tested valid; failing here is a broken build, not bad input.
        None => Calendar::embedded()
            .map_err(|e| CliError::Failed(format!("embedded calendar/kz.json: {e}"))),
        Some(path) => {
            let shown = path.display();
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage("--calendar", format!("cannot read {shown}: {e}")))?;
            Calendar::from_json(&text).map_err(|e| usage("--calendar", format!("{shown}: {e}")))
        }
    }
}
