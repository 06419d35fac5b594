//! The working-day calendar of Kazakhstan and the deadlines counted on it, in Asia/Almaty.
//!
//! Owns: which civil days are working days (five-day week, minus public holidays, carried-over
//! days off and transferred days of rest), adding working or calendar days, turning an
//! instant into its Almaty date, and the deadlines of the Attestation Rules ([`deadline`]).
//! The holidays are data the administrator maintains ([`holidays`], `calendar/kz.json`): the
//! law says "working days" (p.21, p.31, p.32) and the government moves days off every year.
//! A year whose holidays and decree are entered (in the file, or confirmed by an
//! administrator, [`Confirmation`]) is exact. Any later year is computed from the statutory
//! rules of the file (fixed dates, the carry-over rule, Kurban Ait's date where known) and is
//! [`YearStatus::Provisional`]: every deadline that counts a day of it says so. A year before
//! the statutory rules and not entered is an error, never "no holidays".
//!
//! Time zone: Asia/Almaty, UTC+5 for the whole country since 2024-03-01, from jiff's bundled
//! tz database (so no file is read and every machine agrees). Reading the clock or a file is
//! left to callers: dates, instants and the calendar text are arguments.

pub mod deadline;
pub mod holidays;

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use jiff::civil::Date;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use serde::{Deserialize, Serialize};

pub use deadline::{
    Deadline, DeadlineError, Period, Rule, Window, appeal_filing_deadline,
    commission_decision_deadline, deadline, evaluation_deadline, leb_decision_deadline,
    periodic_attestation_deadline, primary_attestation_window, reattestation_deadline,
    report_to_leb_deadline,
};
pub use holidays::{CalendarDataError, CalendarFile, DayKind, Statutory, TransferEntry};

/// The calendar shipped with the engine (2025 and 2026 entered, the statutory rules from 2022),
/// the default when the administrator
/// points to no other file.
pub const KZ_JSON: &str = include_str!("../../../calendar/kz.json");

/// The IANA name of the one time zone the rules are counted in.
pub const TIME_ZONE: &str = "Asia/Almaty";

static ALMATY: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZoneDatabase::bundled()
        .get(TIME_ZONE)
        .expect("jiff's bundled tz database contains Asia/Almaty")
});

/// The Asia/Almaty time zone from the bundled database.
pub fn almaty() -> TimeZone {
    ALMATY.clone()
}

/// The Almaty civil date of an instant (a result shown at 23:30 UTC is shown the next
/// morning in Almaty).
pub fn almaty_date(at: Timestamp) -> Date {
    at.to_zoned_datetime(almaty()).date()
}

/// Why a calendar question cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The date's year has no entry in the calendar data.
    #[error("{date}: year {year} is not in the working-day calendar; add it to the calendar file")]
    YearNotCovered {
        /// The missing year.
        year: i16,
        /// The date that was asked about.
        date: Date,
    },
    /// The statutory rules could not compute a year (names the fault).
    #[error("year {year} cannot be computed from the statutory rules: {message}")]
    Statutory {
        /// The year.
        year: i16,
        /// What went wrong.
        message: String,
    },
    /// Date arithmetic left jiff's supported range (years -9999..=9999).
    #[error("counting from {0} leaves the supported range of dates")]
    OutOfRange(Date),
    /// A year outside jiff's supported range (years -9999..=9999).
    #[error("year {0} is outside the supported range of dates")]
    BadYear(i16),
}

/// A moment a deadline is counted from: a civil date, or an instant converted to its Almaty
/// date first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A civil date, already in Almaty.
    Day(Date),
    /// An exact instant.
    Instant(Timestamp),
}

/// The input is neither `YYYY-MM-DD` nor an RFC 3339 time with an offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date or RFC 3339 time")]
pub struct WhenError {
    /// The text refused.
    pub input: String,
}

impl When {
    /// Parses `YYYY-MM-DD` as a civil date, anything else as an RFC 3339 instant (which must
    /// carry `Z` or an offset: a local time without one is ambiguous and refused).
    pub fn parse(input: &str) -> Result<When, WhenError> {
        let refuse = || WhenError {
            input: input.to_owned(),
        };
        if input.len() == 10 {
            input.parse::<Date>().map(When::Day).map_err(|_| refuse())
        } else {
            input
                .parse::<Timestamp>()
                .map(When::Instant)
                .map_err(|_| refuse())
        }
    }

    /// The Almaty civil date this moment falls on.
    pub fn almaty_date(self) -> Date {
        match self {
            When::Day(date) => date,
            When::Instant(at) => almaty_date(at),
        }
    }
}

impl From<Date> for When {
    fn from(date: Date) -> When {
        When::Day(date)
    }
}

impl From<Timestamp> for When {
    fn from(at: Timestamp) -> When {
        When::Instant(at)
    }
}

impl From<&ZonedDateTime> for When {
    fn from(at: &ZonedDateTime) -> When {
        When::Instant(at.timestamp())
    }
}

/// How far a year's days can be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum YearStatus {
    /// Its holidays and decree transfers are entered in the calendar file.
    Entered,
    /// An administrator confirmed it: Kurban Ait's date and the decree's transfers (or that
    /// there are none) are given.
    Confirmed {
        /// The decree or order named when confirming.
        source: String,
    },
    /// Computed from the statutory rules; the government's decree moving days of rest is not
    /// entered, so any deadline counting a day of it may still move.
    Provisional {
        /// Kurban Ait's expected date from the file; `None` when not known (then it is not
        /// counted as a day off).
        kurban_ait: Option<Date>,
    },
}

impl YearStatus {
    /// Whether deadlines counting a day of this year are provisional.
    pub fn is_provisional(&self) -> bool {
        matches!(self, YearStatus::Provisional { .. })
    }
}

/// An administrator's confirmation of a year not entered in the file: the first day of Kurban
/// Ait and the transfers of the government's decree (possibly none), with the decree named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// The year confirmed.
    pub year: i16,
    /// The first day of Kurban Ait as announced.
    pub kurban_ait: Date,
    /// The decree's transfers of days of rest; empty when it moves none.
    pub transfers: Vec<TransferEntry>,
    /// The decree or order (or the publication saying there is none).
    pub source: String,
}

/// One day that is not a plain weekday or weekend, for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialDay {
    /// The day.
    pub date: Date,
    /// What it is.
    #[serde(flatten)]
    pub kind: DayKind,
}

/// A year at a glance: how it is known, its working days, and every exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearSummary {
    /// The year.
    pub year: i16,
    /// Entered, confirmed or provisional.
    #[serde(flatten)]
    pub status: YearStatus,
    /// The number of working days of the five-day week.
    pub working_days: u32,
    /// Every holiday, carried-over and transferred day off, and transferred working day.
    pub days: Vec<SpecialDay>,
}

/// The working-day calendar: the entered years and every day of them that is not a plain
/// weekday or weekend, plus the statutory rules that compute any later year. Built once from
/// the administrator's file, then given the confirmations stored since.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeSet<i16>,
    special: BTreeMap<Date, DayKind>,
    confirmed: BTreeMap<i16, Confirmation>,
    statutory: Option<Statutory>,
    kurban_ait: BTreeMap<i16, Date>,
}

impl Calendar {
    /// The calendar shipped with the engine ([`KZ_JSON`]).
    pub fn embedded() -> Result<Calendar, CalendarDataError> {
        Calendar::from_json(KZ_JSON)
    }

    /// Parses and validates a calendar file's text.
    pub fn from_json(json: &str) -> Result<Calendar, CalendarDataError> {
        Calendar::from_file(&holidays::parse(json)?)
    }

    /// Builds the calendar from a parsed file, validating it.
    pub fn from_file(file: &CalendarFile) -> Result<Calendar, CalendarDataError> {
        let derived = holidays::derive(file)?;
        if let Some(statutory) = &file.statutory {
            holidays::check_statutory(statutory)?;
        }
        let calendar = Calendar {
            years: derived.years,
            special: derived.special,
            confirmed: BTreeMap::new(),
            kurban_ait: file
                .statutory
                .iter()
                .flat_map(|s| &s.kurban_ait.dates)
                .map(|d| (d.date.year(), d.date))
                .collect(),
            statutory: file.statutory.clone(),
        };
        // Every year with a known Kurban Ait must compute (e.g. it may not fall on a day a
        // fixed holiday already takes in a way the rules cannot resolve).
        for &year in calendar.kurban_ait.keys() {
            if !calendar.years.contains(&year) {
                calendar
                    .computed_year(year)
                    .map_err(|e| CalendarDataError::Statutory(e.to_string()))?;
            }
        }
        Ok(calendar)
    }

    /// Applies an administrator's confirmation: the year becomes exact (Kurban Ait and the
    /// decree's transfers given). Confirming a year again replaces the earlier confirmation.
    /// Refused, naming the fault, for a year entered in the file or before the statutory
    /// rules, a Kurban Ait date outside the year, or a transfer that does not fit.
    pub fn confirm(&mut self, confirmation: Confirmation) -> Result<(), CalendarDataError> {
        let year = confirmation.year;
        let statutory = self.statutory.as_ref().ok_or_else(|| {
            CalendarDataError::Statutory("the calendar file has no statutory section".into())
        })?;
        if self.years.contains(&year) && !self.confirmed.contains_key(&year) {
            return Err(CalendarDataError::EnteredInFile(year));
        }
        if year < statutory.since {
            return Err(CalendarDataError::BeforeStatutory {
                year,
                since: statutory.since,
            });
        }
        let mut entry = holidays::statutory_year(statutory, year, Some(confirmation.kurban_ait))?;
        entry.transfers = confirmation.transfers.clone();
        let days = holidays::derive_year(&entry)?;
        self.special.retain(|date, _| date.year() != year);
        self.special.extend(days);
        self.years.insert(year);
        self.confirmed.insert(year, confirmation);
        Ok(())
    }

    /// The calendar with every stored confirmation applied, skipping (and returning) the years
    /// the file itself enters: the reviewed file wins over an older confirmation.
    pub fn with_confirmations(
        mut self,
        confirmations: impl IntoIterator<Item = Confirmation>,
    ) -> Result<(Calendar, Vec<i16>), CalendarDataError> {
        let mut skipped = Vec::new();
        for c in confirmations {
            if self.years.contains(&c.year) && !self.confirmed.contains_key(&c.year) {
                skipped.push(c.year);
                continue;
            }
            self.confirm(c)?;
        }
        Ok((self, skipped))
    }

    /// The years entered in the file or confirmed, in order.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    /// How `year` is known: entered, confirmed, or provisional; an error when the calendar
    /// cannot answer for it at all.
    pub fn year_status(&self, year: i16) -> Result<YearStatus, CalendarError> {
        if let Some(c) = self.confirmed.get(&year) {
            return Ok(YearStatus::Confirmed {
                source: c.source.clone(),
            });
        }
        if self.years.contains(&year) {
            return Ok(YearStatus::Entered);
        }
        self.statutory_covering(year)?;
        Ok(YearStatus::Provisional {
            kurban_ait: self.kurban_ait.get(&year).copied(),
        })
    }

    /// The statutory rules when they cover `year`.
    fn statutory_covering(&self, year: i16) -> Result<&Statutory, CalendarError> {
        self.statutory
            .as_ref()
            .filter(|s| s.since <= year)
            .ok_or_else(|| CalendarError::YearNotCovered {
                year,
                date: Date::new(year, 1, 1).unwrap_or_default(),
            })
    }

    /// The special days of a year neither entered nor confirmed, from the statutory rules.
    fn computed_year(&self, year: i16) -> Result<BTreeMap<Date, DayKind>, CalendarError> {
        let statutory = self.statutory_covering(year)?;
        let failed = |e: CalendarDataError| CalendarError::Statutory {
            year,
            message: e.to_string(),
        };
        let entry = holidays::statutory_year(statutory, year, self.kurban_ait.get(&year).copied())
            .map_err(failed)?;
        holidays::derive_year(&entry).map_err(failed)
    }

    /// What kind of day `date` is; an error when its year is neither entered nor computable.
    pub fn day(&self, date: Date) -> Result<DayKind, CalendarError> {
        if self.years.contains(&date.year()) {
            return Ok(holidays::kind_of(&self.special, date));
        }
        match self.computed_year(date.year()) {
            Ok(special) => Ok(holidays::kind_of(&special, date)),
            Err(CalendarError::YearNotCovered { year, .. }) => {
                Err(CalendarError::YearNotCovered { year, date })
            }
            Err(e) => Err(e),
        }
    }

    /// Whether `date` is a working day of the five-day week.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        Ok(self.day(date)?.is_working())
    }

    /// The `n`-th working day after `from` (`from` itself is never counted: the day of the
    /// event starts nothing; `n = 0` gives `from`).
    pub fn add_working_days(&self, from: Date, n: u32) -> Result<Date, CalendarError> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day
                .tomorrow()
                .map_err(|_| CalendarError::OutOfRange(from))?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The years of the days `first..=last` that are provisional, in order.
    pub fn provisional_years(&self, first: Date, last: Date) -> Result<Vec<i16>, CalendarError> {
        let mut out = Vec::new();
        for year in first.year()..=last.year() {
            if self.year_status(year)?.is_provisional() {
                out.push(year);
            }
        }
        Ok(out)
    }

    /// The number of working days in `year` (the official "balance of working time").
    pub fn working_days_in_year(&self, year: i16) -> Result<u32, CalendarError> {
        Ok(self.days_of_year(year)?.0)
    }

    /// The working-day count and every special day of `year`.
    fn days_of_year(&self, year: i16) -> Result<(u32, Vec<SpecialDay>), CalendarError> {
        let first = Date::new(year, 1, 1).map_err(|_| CalendarError::BadYear(year))?;
        let computed;
        let special = if self.years.contains(&year) {
            &self.special
        } else {
            computed = self.computed_year(year)?;
            &computed
        };
        let mut count = 0;
        let mut days = Vec::new();
        for date in first.series(1.day()).take_while(|d| d.year() == year) {
            let kind = holidays::kind_of(special, date);
            if kind.is_working() {
                count += 1;
            }
            if !matches!(kind, DayKind::Working | DayKind::Weekend) {
                days.push(SpecialDay { date, kind });
            }
        }
        Ok((count, days))
    }

    /// The year at a glance, for an administrator about to confirm it.
    pub fn year_summary(&self, year: i16) -> Result<YearSummary, CalendarError> {
        let status = self.year_status(year)?;
        let (working_days, days) = self.days_of_year(year)?;
        Ok(YearSummary {
            year,
            status,
            working_days,
            days,
        })
    }
}

/// The day `n` calendar days after `from` (holidays do not matter, so no year data is needed).
pub fn add_calendar_days(from: Date, n: u32) -> Result<Date, CalendarError> {
    from.checked_add(i64::from(n).days())
        .map_err(|_| CalendarError::OutOfRange(from))
}

/// The instant a day ends in Almaty: the start of the next day, exclusive. An act at `t` is
/// on or before `day` exactly when `t < end_of_almaty_day(day)`.
pub fn end_of_almaty_day(day: Date) -> Result<ZonedDateTime, CalendarError> {
    day.tomorrow()
        .and_then(|next| next.to_zoned_datetime(almaty()))
        .map_err(|_| CalendarError::OutOfRange(day))
}

/// The instant a day starts in Almaty (00:00 local), inclusive.
pub fn start_of_almaty_day(day: Date) -> Result<ZonedDateTime, CalendarError> {
    day.to_zoned_datetime(almaty())
        .map_err(|_| CalendarError::OutOfRange(day))
}
