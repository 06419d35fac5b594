//! The calendar file: the data model an administrator edits (`calendar/kz.json`), its parser,
//! and the derivation of every day off it implies.
//!
//! Owns: the JSON shape, validation with errors naming the offending entry, the statutory
//! carry-over of a holiday that falls on a weekend, the decree transfers, and the holidays of
//! a year computed from the statutory section (fixed dates plus Kurban Ait's date). It leaves
//! answering questions about days (working or not, adding days) to [`super::Calendar`].
//!
//! The rules applied here:
//! - a holiday is a day off whatever the weekday;
//! - a holiday with `carry_over: true` that falls on a Saturday or Sunday makes the next day
//!   that would otherwise be working a day off (Law "On holidays in the Republic of
//!   Kazakhstan", art. 5); the religious days off (7 January, the first day of Kurban Ait)
//!   have `carry_over: false` (Labor Code art. 84 p.5);
//! - a transfer by government decree or ministerial order makes a weekend day working and a
//!   working weekday a day off (Labor Code art. 85 p.3).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

/// The whole calendar file, as the administrator writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// Free text for the administrator; ignored by the engine.
    #[serde(default)]
    pub note: Option<String>,
    /// The years whose holidays and decree transfers are entered (official): each such year is
    /// confirmed. A year absent here is computed from [`CalendarFile::statutory`] and is
    /// provisional; without a statutory section it cannot be queried at all.
    pub years: Vec<YearFile>,
    /// The holidays the law fixes, from which any later year is computed.
    #[serde(default)]
    pub statutory: Option<Statutory>,
}

/// The statutory holidays: the fixed dates of the Law "On holidays in the Republic of
/// Kazakhstan" (art. 1-3) and the Labor Code's religious days off (art. 84 p.5), and the first
/// day of Kurban Ait, which is lunar and therefore data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statutory {
    /// The first year these rules describe (the law as amended in 2022: Republic Day restored,
    /// Independence Day on 16 December only). Earlier years must be entered in `years`.
    pub since: i16,
    /// The legal basis, for the administrator; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
    /// The holidays on the same day every year.
    pub fixed: Vec<FixedHoliday>,
    /// The first day of Kurban Ait: its names and its date in each year known.
    pub kurban_ait: KurbanAit,
}

/// A holiday on the same month and day every year (one entry per day).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedHoliday {
    /// 1-12.
    pub month: i8,
    /// 1-31; the date must exist in every year (29 February is refused).
    pub day: i8,
    /// Russian name.
    pub name_ru: String,
    /// Kazakh name.
    pub name_kk: String,
    /// English name.
    pub name_en: String,
    /// Whether a weekend occurrence moves the day off to the next working day (false for the
    /// religious days off, Labor Code art. 84 p.5).
    pub carry_over: bool,
    /// The first year the holiday applies, when later than [`Statutory::since`].
    #[serde(default)]
    pub from_year: Option<i16>,
    /// The last year the holiday applies, when the law has since removed it.
    #[serde(default)]
    pub until_year: Option<i16>,
    /// The legal basis; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
}

/// The first day of Kurban Ait (a religious day off, never carried over: Labor Code art. 84
/// p.5). Its date follows the lunar calendar and is announced each year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KurbanAit {
    /// Russian name.
    pub name_ru: String,
    /// Kazakh name.
    pub name_kk: String,
    /// English name.
    pub name_en: String,
    /// The legal basis; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
    /// One date per year known (announced, or expected by astronomical calculation).
    pub dates: Vec<KurbanAitDate>,
}

/// The first day of Kurban Ait in one year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KurbanAitDate {
    /// The day.
    pub date: Date,
    /// Who announced it, or how it was calculated; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
}

/// The holidays and transfers of one calendar year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearFile {
    /// The year every date of this entry must fall in.
    pub year: i16,
    /// Free text (e.g. the official count of working days); ignored by the engine.
    #[serde(default)]
    pub note: Option<String>,
    /// Public holidays and religious days off of the year.
    pub holidays: Vec<HolidayEntry>,
    /// Days off moved by decree or order; empty when the year has none.
    #[serde(default)]
    pub transfers: Vec<TransferEntry>,
}

/// One holiday (one day: a multi-day holiday such as Nauryz has one entry per day).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayEntry {
    /// The day of the holiday.
    pub date: Date,
    /// Russian name, shown to Russian-speaking users.
    pub name_ru: String,
    /// Kazakh name, shown to Kazakh-speaking users.
    pub name_kk: String,
    /// English name, used in logs and documentation.
    pub name_en: String,
    /// Whether a weekend occurrence moves the day off to the next working day: true for
    /// national and state holidays, false for the religious days off.
    pub carry_over: bool,
    /// The legal basis, for the administrator and the audit; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
}

/// One transfer of a day of rest: `working_day` (a weekend day) is worked and `day_off`
/// (a weekday) is rested.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TransferEntry {
    /// The weekday that becomes a day off.
    pub day_off: Date,
    /// The Saturday or Sunday that becomes a working day.
    pub working_day: Date,
    /// The decree or order, for the administrator and the audit; ignored by the engine.
    #[serde(default)]
    pub source: Option<String>,
}

/// What kind of day a date is, once holidays, carry-overs and transfers are applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday with nothing special.
    Working,
    /// Saturday or Sunday with nothing special.
    Weekend,
    /// A public holiday or religious day off (whatever the weekday).
    Holiday {
        /// The holiday's English name.
        name_en: String,
    },
    /// A weekday made a day off because the holiday of `holiday` fell on a weekend.
    CarriedOver {
        /// The weekend holiday this day off comes from.
        holiday: Date,
    },
    /// A weekday made a day off by a transfer.
    TransferredDayOff {
        /// The weekend day worked in exchange.
        working_day: Date,
    },
    /// A weekend day made working by a transfer.
    TransferredWorkingDay {
        /// The weekday rested in exchange.
        day_off: Date,
    },
}

impl DayKind {
    /// Whether work is done on this day (the unit of "working days" in p.21, p.31, p.32).
    pub fn is_working(&self) -> bool {
        matches!(
            self,
            DayKind::Working | DayKind::TransferredWorkingDay { .. }
        )
    }
}

/// Why a calendar file was refused; each variant names the entry so the administrator can
/// find it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarDataError {
    /// The text is not JSON of the expected shape (serde's message gives line and column).
    #[error("calendar file is not valid: {0}")]
    Json(String),
    /// The file lists no year at all.
    #[error("calendar file lists no year")]
    NoYears,
    /// Two entries for the same year.
    #[error("year {0} is listed twice")]
    DuplicateYear(i16),
    /// A holiday dated outside the year it is listed under.
    #[error("year {year}: holiday {name_en:?} on {date} is not in {year}")]
    HolidayOutsideYear {
        /// The year entry.
        year: i16,
        /// The holiday's English name.
        name_en: String,
        /// Its date.
        date: Date,
    },
    /// A holiday with an empty name.
    #[error("year {year}: holiday on {date} has an empty {field}")]
    EmptyName {
        /// The year entry.
        year: i16,
        /// The holiday's date.
        date: Date,
        /// `name_ru`, `name_kk` or `name_en`.
        field: &'static str,
    },
    /// Two holidays on the same day.
    #[error("year {year}: two holidays on {date}")]
    DuplicateHoliday {
        /// The year entry.
        year: i16,
        /// The repeated date.
        date: Date,
    },
    /// A transfer dated outside the year it is listed under.
    #[error("year {year}: transfer {field} {date} is not in {year}")]
    TransferOutsideYear {
        /// The year entry.
        year: i16,
        /// `day_off` or `working_day`.
        field: &'static str,
        /// The date.
        date: Date,
    },
    /// A transfer whose `day_off` would not otherwise be a working day.
    #[error("year {year}: transfer day_off {date} is not a working day to rest (it is {found})")]
    TransferDayOffNotWorking {
        /// The year entry.
        year: i16,
        /// The `day_off` date.
        date: Date,
        /// What the day already is.
        found: String,
    },
    /// A transfer whose `working_day` is not a plain weekend day.
    #[error(
        "year {year}: transfer working_day {date} is not a weekend day to work (it is {found})"
    )]
    TransferWorkingDayNotWeekend {
        /// The year entry.
        year: i16,
        /// The `working_day` date.
        date: Date,
        /// What the day already is.
        found: String,
    },
    /// The statutory section is malformed (names the entry and the fault).
    #[error("statutory holidays: {0}")]
    Statutory(String),
    /// A year asked to be confirmed is before the statutory rules' first year.
    #[error(
        "year {year} is before {since}, the first year of the statutory rules; enter it in the calendar file"
    )]
    BeforeStatutory {
        /// The year.
        year: i16,
        /// [`Statutory::since`].
        since: i16,
    },
    /// A year asked to be confirmed is already entered in the calendar file.
    #[error("year {0} is entered in the calendar file; change the file instead")]
    EnteredInFile(i16),
    /// The Kurban Ait date given for a year is not in that year.
    #[error("year {year}: kurban_ait {date} is not in {year}")]
    KurbanAitOutsideYear {
        /// The year.
        year: i16,
        /// The date given.
        date: Date,
    },
    /// A weekend holiday whose carry-over finds no working day (a date overflow).
    #[error("holiday on {0} cannot be carried over: no later working day")]
    CarryOverOverflow(Date),
}

/// Every day that is not a plain weekday/weekend, and the years covered.
#[derive(Debug, Clone, Default)]
pub(super) struct DerivedDays {
    pub(super) years: BTreeSet<i16>,
    pub(super) special: BTreeMap<Date, DayKind>,
}

/// Checks the statutory section: real fixed dates that exist every year, no day twice, names
/// present, one Kurban Ait date per year, none before `since`.
pub(super) fn check_statutory(statutory: &Statutory) -> Result<(), CalendarDataError> {
    let bad = |m: String| Err(CalendarDataError::Statutory(m));
    let mut seen = BTreeSet::new();
    for h in &statutory.fixed {
        // 2000 is a leap year: a date valid in it but not in 2001 is 29 February.
        let valid = Date::new(2001, h.month, h.day).is_ok();
        if !valid {
            return bad(format!(
                "{:?} on month {} day {} is not a date of every year",
                h.name_en, h.month, h.day
            ));
        }
        for (field, name) in [
            ("name_ru", &h.name_ru),
            ("name_kk", &h.name_kk),
            ("name_en", &h.name_en),
        ] {
            if name.trim().is_empty() {
                return bad(format!(
                    "holiday on month {} day {} has an empty {field}",
                    h.month, h.day
                ));
            }
        }
        let years = (h.from_year.unwrap_or(statutory.since), h.until_year);
        if !seen.insert((h.month, h.day, years)) {
            return bad(format!("two holidays on month {} day {}", h.month, h.day));
        }
    }
    let k = &statutory.kurban_ait;
    for (field, name) in [
        ("name_ru", &k.name_ru),
        ("name_kk", &k.name_kk),
        ("name_en", &k.name_en),
    ] {
        if name.trim().is_empty() {
            return bad(format!("kurban_ait has an empty {field}"));
        }
    }
    let mut years = BTreeSet::new();
    for d in &k.dates {
        if d.date.year() < statutory.since {
            return bad(format!(
                "kurban_ait date {} is before {}, the first statutory year",
                d.date, statutory.since
            ));
        }
        if !years.insert(d.date.year()) {
            return bad(format!("kurban_ait lists year {} twice", d.date.year()));
        }
    }
    Ok(())
}

/// The holidays of `year` under the statutory rules, with Kurban Ait on `kurban_ait` (none
/// when its date is not known): the entry a year gets when its decree is not entered.
pub(super) fn statutory_year(
    statutory: &Statutory,
    year: i16,
    kurban_ait: Option<Date>,
) -> Result<YearFile, CalendarDataError> {
    let mut holidays = Vec::new();
    for h in &statutory.fixed {
        let applies = h.from_year.unwrap_or(statutory.since) <= year
            && h.until_year.is_none_or(|until| year <= until);
        if !applies {
            continue;
        }
        let date = Date::new(year, h.month, h.day).map_err(|_| {
            CalendarDataError::Statutory(format!(
                "{:?} on month {} day {} is not a date in {year}",
                h.name_en, h.month, h.day
            ))
        })?;
        holidays.push(HolidayEntry {
            date,
            name_ru: h.name_ru.clone(),
            name_kk: h.name_kk.clone(),
            name_en: h.name_en.clone(),
            carry_over: h.carry_over,
            source: h.source.clone(),
        });
    }
    if let Some(date) = kurban_ait {
        if date.year() != year {
            return Err(CalendarDataError::KurbanAitOutsideYear { year, date });
        }
        let k = &statutory.kurban_ait;
        // On a day a fixed holiday already takes it adds nothing: a day off either way, and
        // a religious day off is never carried over (art. 84 p.5).
        if holidays.iter().all(|h| h.date != date) {
            holidays.push(HolidayEntry {
                date,
                name_ru: k.name_ru.clone(),
                name_kk: k.name_kk.clone(),
                name_en: k.name_en.clone(),
                carry_over: false, // Labor Code art. 84 p.5
                source: k.source.clone(),
            });
        }
    }
    holidays.sort_by_key(|h| h.date);
    Ok(YearFile {
        year,
        note: None,
        holidays,
        transfers: Vec::new(),
    })
}

/// Derives the days of one year standing alone (a computed or newly confirmed year). A
/// carry-over of a holiday late in December could reach the next January; Kazakhstan's latest
/// holiday is 16 December, so none does.
pub(super) fn derive_year(entry: &YearFile) -> Result<BTreeMap<Date, DayKind>, CalendarDataError> {
    let mut special = BTreeMap::new();
    insert_holidays(entry, &mut special)?;
    carry_over(entry, &mut special)?;
    insert_transfers(entry, &mut special)?;
    Ok(special)
}

/// Parses and validates a calendar file.
pub fn parse(json: &str) -> Result<CalendarFile, CalendarDataError> {
    serde_json::from_str(json).map_err(|e| CalendarDataError::Json(e.to_string()))
}

/// Saturday and Sunday: the days of rest of the five-day week.
pub(super) fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The kind of `date` given only the special days derived so far.
pub(super) fn kind_of(special: &BTreeMap<Date, DayKind>, date: Date) -> DayKind {
    match special.get(&date) {
        Some(kind) => kind.clone(),
        None if is_weekend(date) => DayKind::Weekend,
        None => DayKind::Working,
    }
}

/// Validates the file and derives every day off: holidays, then carry-overs, then transfers.
pub(super) fn derive(file: &CalendarFile) -> Result<DerivedDays, CalendarDataError> {
    if file.years.is_empty() {
        return Err(CalendarDataError::NoYears);
    }
    let mut days = DerivedDays::default();
    for entry in &file.years {
        if !days.years.insert(entry.year) {
            return Err(CalendarDataError::DuplicateYear(entry.year));
        }
        insert_holidays(entry, &mut days.special)?;
    }
    // Carry-overs look at every year's holidays, so they run once all are known.
    for entry in &file.years {
        carry_over(entry, &mut days.special)?;
    }
    for entry in &file.years {
        insert_transfers(entry, &mut days.special)?;
    }
    Ok(days)
}

fn insert_holidays(
    entry: &YearFile,
    special: &mut BTreeMap<Date, DayKind>,
) -> Result<(), CalendarDataError> {
    let year = entry.year;
    for h in &entry.holidays {
        if h.date.year() != year {
            return Err(CalendarDataError::HolidayOutsideYear {
                year,
                name_en: h.name_en.clone(),
                date: h.date,
            });
        }
        for (field, name) in [
            ("name_ru", &h.name_ru),
            ("name_kk", &h.name_kk),
            ("name_en", &h.name_en),
        ] {
            if name.trim().is_empty() {
                return Err(CalendarDataError::EmptyName {
                    year,
                    date: h.date,
                    field,
                });
            }
        }
        let kind = DayKind::Holiday {
            name_en: h.name_en.clone(),
        };
        if special.insert(h.date, kind).is_some() {
            return Err(CalendarDataError::DuplicateHoliday { year, date: h.date });
        }
    }
    Ok(())
}

/// Law "On holidays", art. 5: when a holiday falls on a day of rest, the next working day
/// after the holiday is a day off. Processed in date order so that Nauryz on Sat-Sun-Mon
/// yields Tuesday then Wednesday.
fn carry_over(
    entry: &YearFile,
    special: &mut BTreeMap<Date, DayKind>,
) -> Result<(), CalendarDataError> {
    let mut weekend_holidays: Vec<Date> = entry
        .holidays
        .iter()
        .filter(|h| h.carry_over && is_weekend(h.date))
        .map(|h| h.date)
        .collect();
    weekend_holidays.sort();
    for holiday in weekend_holidays {
        let mut day = holiday;
        loop {
            day = day
                .tomorrow()
                .map_err(|_| CalendarDataError::CarryOverOverflow(holiday))?;
            if kind_of(special, day) == DayKind::Working {
                break;
            }
        }
        special.insert(day, DayKind::CarriedOver { holiday });
    }
    Ok(())
}

fn insert_transfers(
    entry: &YearFile,
    special: &mut BTreeMap<Date, DayKind>,
) -> Result<(), CalendarDataError> {
    let year = entry.year;
    for t in &entry.transfers {
        for (field, date) in [("day_off", t.day_off), ("working_day", t.working_day)] {
            if date.year() != year {
                return Err(CalendarDataError::TransferOutsideYear { year, field, date });
            }
        }
        let off = kind_of(special, t.day_off);
        if off != DayKind::Working {
            return Err(CalendarDataError::TransferDayOffNotWorking {
                year,
                date: t.day_off,
                found: describe(&off),
            });
        }
        let work = kind_of(special, t.working_day);
        if work != DayKind::Weekend {
            return Err(CalendarDataError::TransferWorkingDayNotWeekend {
                year,
                date: t.working_day,
                found: describe(&work),
            });
        }
        special.insert(
            t.day_off,
            DayKind::TransferredDayOff {
                working_day: t.working_day,
            },
        );
        special.insert(
            t.working_day,
            DayKind::TransferredWorkingDay { day_off: t.day_off },
        );
    }
    Ok(())
}

/// A short human description of a day, for error messages.
fn describe(kind: &DayKind) -> String {
    match kind {
        DayKind::Working => "a working day".to_owned(),
        DayKind::Weekend => "a weekend day".to_owned(),
        DayKind::Holiday { name_en } => format!("the holiday {name_en:?}"),
        DayKind::CarriedOver { holiday } => format!("the carried-over day off of {holiday}"),
        DayKind::TransferredDayOff { working_day } => {
            format!("already a day off transferred from {working_day}")
        }
        DayKind::TransferredWorkingDay { day_off } => {
            format!("already a working day transferred to {day_off}")
        }
    }
}
