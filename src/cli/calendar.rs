//! `synaq calendar ...`: working days and the rules' deadlines, on the shipped calendar or an
//! administrator's file plus the years confirmed in the database (`DATABASE_URL`), as JSON;
//! `calendar year` shows a year before it is confirmed and `calendar confirm` confirms it
//! (audited).

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use super::{CliError, open};
use crate::domain::calendar::{
    Calendar, CalendarError, Confirmation, Rule, TransferEntry, When, deadline,
};

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
    /// A year at a glance: entered, confirmed or provisional, its working days and every
    /// holiday, carried-over or transferred day.
    Year {
        /// The year.
        #[arg(long)]
        year: i16,
        /// A calendar JSON file to use instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        calendar: Option<PathBuf>,
    },
    /// Confirm a year the calendar file does not enter: Kurban Ait's date and the decree's
    /// transfers (none if it moves no day). Deadlines counting its days stop being provisional.
    Confirm {
        /// The year.
        #[arg(long)]
        year: i16,
        /// The first day of Kurban Ait as announced (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        kurban_ait: String,
        /// A transfer of the decree, DAY_OFF:WORKING_DAY (a weekday rested, a Saturday or
        /// Sunday worked); repeat for each. None: the decree moves no day.
        #[arg(long, value_name = "DAY_OFF:WORKING_DAY")]
        transfer: Vec<String>,
        /// The decree or order (or the publication saying there is none).
        #[arg(long)]
        source: String,
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

/// Runs a `calendar` subcommand against the database at `url` (for the confirmed years).
/// Reads the `--calendar` file if given (the CLI may do IO; the domain may not).
pub async fn run(url: &str, cmd: &CalendarCmd) -> Result<Value, CliError> {
    match cmd {
        CalendarCmd::AddWorkingDays {
            from,
            days,
            calendar,
        } => {
            let when = parse_from(from)?;
            let cal = load(url, calendar.as_ref()).await?;
            let start = when.almaty_date();
            let date = cal
                .add_working_days(start, *days)
                .map_err(|e| usage(blame(&e), e))?;
            let provisional = match start.tomorrow() {
                Ok(first) if *days > 0 => cal
                    .provisional_years(first, date)
                    .map_err(|e| usage(blame(&e), e))?,
                _ => Vec::new(),
            };
            Ok(json!({
                "from": start.to_string(),
                "days": days,
                "date": date.to_string(),
                "provisional": !provisional.is_empty(),
                "provisional_years": provisional,
            }))
        }
        CalendarCmd::Deadline {
            kind,
            from,
            calendar,
        } => {
            let when = parse_from(from)?;
            let cal = load(url, calendar.as_ref()).await?;
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
                "calendar_years": d.calendar_years,
                "provisional": d.provisional,
                "provisional_years": d.provisional_years,
            }))
        }
        CalendarCmd::Year { year, calendar } => {
            let cal = load(url, calendar.as_ref()).await?;
            let summary = cal.year_summary(*year).map_err(|e| usage("--year", e))?;
            Ok(serde_json::to_value(summary).expect("a summary serialises"))
        }
        CalendarCmd::Confirm {
            year,
            kurban_ait,
            transfer,
            source,
            calendar,
        } => {
            let kurban_ait = kurban_ait.parse().map_err(|_| {
                usage(
                    "--kurban-ait",
                    format!("{kurban_ait:?} is not a date (YYYY-MM-DD)"),
                )
            })?;
            let transfers = transfer
                .iter()
                .map(|t| parse_transfer(t))
                .collect::<Result<Vec<_>, _>>()?;
            if source.trim().is_empty() {
                return Err(usage("--source", "name the decree or order"));
            }
            let confirmation = Confirmation {
                year: *year,
                kurban_ait,
                transfers,
                source: source.trim().to_owned(),
            };
            let mut cal = load(url, calendar.as_ref()).await?;
            cal.confirm(confirmation.clone())
                .map_err(|e| usage("--year", e))?;
            let db = open(url).await?;
            crate::store::calendar::confirm(
                &db,
                &confirmation,
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
            )
            .await?;
            let summary = cal.year_summary(*year).map_err(|e| usage("--year", e))?;
            Ok(serde_json::to_value(summary).expect("a summary serialises"))
        }
    }
}

/// `DAY_OFF:WORKING_DAY` as a transfer.
fn parse_transfer(text: &str) -> Result<TransferEntry, CliError> {
    let refuse = || {
        usage(
            "--transfer",
            format!("{text:?} is not DAY_OFF:WORKING_DAY (two dates YYYY-MM-DD)"),
        )
    };
    let (off, work) = text.split_once(':').ok_or_else(refuse)?;
    Ok(TransferEntry {
        day_off: off.trim().parse().map_err(|_| refuse())?,
        working_day: work.trim().parse().map_err(|_| refuse())?,
        source: None,
    })
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

/// The shipped calendar, or the administrator's file, with the years confirmed in the
/// database applied (the file wins for a year it enters itself).
async fn load(url: &str, path: Option<&PathBuf>) -> Result<Calendar, CliError> {
    let base = match path {
        // The shipped file is tested valid; failing here is a broken build, not bad input.
        None => Calendar::embedded()
            .map_err(|e| CliError::Failed(format!("embedded calendar/kz.json: {e}")))?,
        Some(path) => {
            let shown = path.display();
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage("--calendar", format!("cannot read {shown}: {e}")))?;
            Calendar::from_json(&text).map_err(|e| usage("--calendar", format!("{shown}: {e}")))?
        }
    };
    let db = open(url).await?;
    let calendar = crate::store::calendar::load(&db, base).await;
    db.close().await;
    calendar.map_err(|e| CliError::Failed(e.to_string()))
}
