//! The working-day calendar of Kazakhstan and the deadlines counted on it, in Asia/Almaty.
//!
//! Owns: which civil days are working days (five-day week, minus public holidays, carried-over
//! days off and transferred days of rest), adding working or calendar days, turning an
//! instant into its Almaty date, and the deadlines of the Attestation Rules ([`deadline`]).
//! The holidays are data the administrator maintains ([`holidays`], `calendar/kz.json`),
//! never code: the law says "working days" (p.21, p.31, p.32) and the government moves days
//! off every year. A year absent from the data is an error, never "no holidays".
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

pub use deadline::{
    Deadline, DeadlineError, Period, Rule, Window, appeal_filing_deadline,
    commission_decision_deadline, deadline, evaluation_deadline, leb_decision_deadline,
    periodic_attestation_deadline, primary_attestation_window, reattestation_deadline,
    report_to_leb_deadline,
};
pub use holidays::{CalendarDataError, CalendarFile, DayKind};

/// The calendar shipped with the engine (2025 and 2026), the default when the administrator
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

/// The working-day calendar: the years covered and every day that is not a plain weekday or
/// weekend. Built once from the administrator's file.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeSet<i16>,
    special: BTreeMap<Date, DayKind>,
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
        Ok(Calendar {
            years: derived.years,
            special: derived.special,
        })
    }

    /// The years the data covers, in order.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    /// What kind of day `date` is; an error when its year is not in the data.
    pub fn day(&self, date: Date) -> Result<DayKind, CalendarError> {
        if !self.years.contains(&date.year()) {
            return Err(CalendarError::YearNotCovered {
                year: date.year(),
                date,
            });
        }
        Ok(holidays::kind_of(&self.special, date))
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

    /// The number of working days in `year` (the official "balance of working time").
    pub fn working_days_in_year(&self, year: i16) -> Result<u32, CalendarError> {
        let first = Date::new(year, 1, 1).map_err(|_| CalendarError::BadYear(year))?;
        let mut count = 0;
        for day in first.series(1.day()).take_while(|d| d.year() == year) {
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
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
