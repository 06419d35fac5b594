//! Tests of the calendar file: validation errors naming the entry, the carry-over rule and
//! transfers, on small synthetic files.

use jiff::civil::date;

use super::*;

/// A one-year file with the given holidays and transfers (JSON fragments).
fn file(year: i16, holidays: &[&str], transfers: &[&str]) -> String {
    format!(
        r#"{{"years": [{{"year": {year}, "holidays": [{}], "transfers": [{}]}}]}}"#,
        holidays.join(","),
        transfers.join(",")
    )
}

fn holiday(date: &str, name_en: &str, carry_over: bool) -> String {
    format!(
        r#"{{"date": "{date}", "name_ru": "ru", "name_kk": "kk", "name_en": "{name_en}", "carry_over": {carry_over}}}"#
    )
}

#[test]
fn state_holiday_on_saturday_carries_over_to_monday() {
    // 6 July 2024 was a Saturday.
    let json = file(2024, &[&holiday("2024-07-06", "Capital Day", true)], &[]);
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(
        calendar.day(date(2024, 7, 8)),
        Ok(DayKind::CarriedOver {
            holiday: date(2024, 7, 6)
        })
    );
    assert_eq!(calendar.is_working_day(date(2024, 7, 9)), Ok(true));
}

#[test]
fn orthodox_christmas_on_saturday_is_not_carried_over() {
    // 7 January 2023 was a Saturday; Monday 9 January stayed a working day.
    let json = file(
        2023,
        &[&holiday("2023-01-07", "Orthodox Christmas", false)],
        &[],
    );
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(calendar.is_working_day(date(2023, 1, 9)), Ok(true));
    assert_eq!(calendar.is_working_day(date(2023, 1, 7)), Ok(false));
}

#[test]
fn kurban_ait_on_saturday_is_not_carried_over() {
    // The first day of Kurban Ait 2022 was Saturday 9 July.
    let json = file(2022, &[&holiday("2022-07-09", "Kurban Ait", false)], &[]);
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(calendar.is_working_day(date(2022, 7, 11)), Ok(true));
}

#[test]
fn transfer_makes_the_weekend_day_working_and_the_weekday_a_day_off() {
    let json = file(
        2023,
        &[],
        &[r#"{"day_off": "2023-07-07", "working_day": "2023-07-01"}"#],
    );
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(calendar.is_working_day(date(2023, 7, 1)), Ok(true));
    assert_eq!(calendar.is_working_day(date(2023, 7, 7)), Ok(false));
}

#[test]
fn transfer_of_a_weekend_day_off_is_refused_naming_it() {
    let json = file(
        2023,
        &[],
        &[r#"{"day_off": "2023-07-08", "working_day": "2023-07-01"}"#],
    );
    let err = Calendar::from_json(&json).expect_err("8 July 2023 was a Saturday");
    assert_eq!(
        err,
        CalendarDataError::TransferDayOffNotWorking {
            year: 2023,
            date: date(2023, 7, 8),
            found: "a weekend day".to_owned()
        }
    );
}

#[test]
fn transfer_to_work_on_a_weekday_or_holiday_is_refused() {
    let weekday = file(
        2023,
        &[],
        &[r#"{"day_off": "2023-07-07", "working_day": "2023-07-05"}"#],
    );
    assert!(matches!(
        Calendar::from_json(&weekday),
        Err(CalendarDataError::TransferWorkingDayNotWeekend { .. })
    ));
    let holiday_saturday = file(
        2024,
        &[&holiday("2024-07-06", "Capital Day", true)],
        &[r#"{"day_off": "2024-07-05", "working_day": "2024-07-06"}"#],
    );
    let err = Calendar::from_json(&holiday_saturday).expect_err("a holiday is not worked");
    assert!(err.to_string().contains("Capital Day"), "{err}");
}

#[test]
fn holiday_outside_its_year_is_refused_naming_it() {
    let json = file(
        2026,
        &[&holiday("2025-12-16", "Independence Day", true)],
        &[],
    );
    let err = Calendar::from_json(&json).expect_err("wrong year");
    assert_eq!(
        err.to_string(),
        "year 2026: holiday \"Independence Day\" on 2025-12-16 is not in 2026"
    );
}

#[test]
fn two_holidays_on_one_day_are_refused() {
    let json = file(
        2026,
        &[
            &holiday("2026-05-09", "Victory Day", true),
            &holiday("2026-05-09", "Victory Day again", true),
        ],
        &[],
    );
    assert_eq!(
        Calendar::from_json(&json).expect_err("duplicate"),
        CalendarDataError::DuplicateHoliday {
            year: 2026,
            date: date(2026, 5, 9)
        }
    );
}

#[test]
fn a_year_listed_twice_is_refused() {
    let json = r#"{"years": [{"year": 2026, "holidays": []}, {"year": 2026, "holidays": []}]}"#;
    assert_eq!(
        Calendar::from_json(json).expect_err("duplicate year"),
        CalendarDataError::DuplicateYear(2026)
    );
}

#[test]
fn empty_file_unknown_field_bad_date_and_empty_name_are_refused() {
    assert_eq!(
        Calendar::from_json(r#"{"years": []}"#).expect_err("no year"),
        CalendarDataError::NoYears
    );
    let typo = r#"{"years": [{"year": 2026, "holidays": [], "tranfsers": []}]}"#;
    let err = Calendar::from_json(typo).expect_err("unknown field");
    assert!(err.to_string().contains("tranfsers"), "{err}");
    let bad_date = file(2026, &[&holiday("2026-02-30", "Nowhere Day", true)], &[]);
    assert!(matches!(
        Calendar::from_json(&bad_date),
        Err(CalendarDataError::Json(_))
    ));
    let empty = file(2026, &[&holiday("2026-05-01", " ", true)], &[]);
    assert_eq!(
        Calendar::from_json(&empty).expect_err("empty name"),
        CalendarDataError::EmptyName {
            year: 2026,
            date: date(2026, 5, 1),
            field: "name_en"
        }
    );
}

#[test]
fn shipped_file_marks_only_the_religious_days_without_carry_over() {
    let file = holidays::parse(KZ_JSON).expect("valid");
    for year in &file.years {
        let religious: Vec<&str> = year
            .holidays
            .iter()
            .filter(|h| !h.carry_over)
            .map(|h| h.name_en.as_str())
            .collect();
        assert_eq!(
            religious,
            ["Orthodox Christmas", "Kurban Ait (first day)"],
            "year {}",
            year.year
        );
        assert_eq!(year.holidays.len(), 15, "year {}", year.year);
    }
}

/// A file with one entered year (2026, nothing special) and the given statutory section.
fn statutory_file(fixed: &[&str], kurban_dates: &[&str]) -> String {
    format!(
        r#"{{"years": [{{"year": 2026, "holidays": []}}], "statutory": {{"since": 2022,
        "fixed": [{}], "kurban_ait": {{"name_ru": "ru", "name_kk": "kk", "name_en": "Kurban Ait",
        "dates": [{}]}}}}}}"#,
        fixed.join(","),
        kurban_dates
            .iter()
            .map(|d| format!(r#"{{"date": "{d}"}}"#))
            .collect::<Vec<_>>()
            .join(",")
    )
}

fn fixed(month: i8, day: i8, name_en: &str, bounds: &str) -> String {
    format!(
        r#"{{"month": {month}, "day": {day}, "name_ru": "ru", "name_kk": "kk", "name_en": "{name_en}", "carry_over": true{bounds}}}"#
    )
}

#[test]
fn statutory_section_is_validated_naming_the_entry() {
    let refused = |json: String, needle: &str| {
        let err = Calendar::from_json(&json).expect_err("refused");
        assert!(err.to_string().contains(needle), "{err} lacks {needle}");
    };
    refused(
        statutory_file(&[&fixed(2, 29, "Leap Day", "")], &[]),
        "\"Leap Day\" on month 2 day 29 is not a date of every year",
    );
    refused(
        statutory_file(&[&fixed(4, 31, "April 31", "")], &[]),
        "month 4 day 31",
    );
    refused(
        statutory_file(
            &[&fixed(5, 1, "Unity Day", ""), &fixed(5, 1, "Again", "")],
            &[],
        ),
        "two holidays on month 5 day 1",
    );
    refused(
        statutory_file(&[], &["2027-05-16", "2027-05-17"]),
        "kurban_ait lists year 2027 twice",
    );
    refused(statutory_file(&[], &["2020-07-31"]), "before 2022");
}

#[test]
fn a_holiday_bounded_by_years_applies_only_inside_them() {
    // Independence Day was 16 and 17 December until 2021; from 2022 only 16 December.
    let json = statutory_file(
        &[
            &fixed(12, 16, "Independence Day", ""),
            &fixed(12, 17, "Independence Day 2", r#", "until_year": 2027"#),
            &fixed(6, 1, "New Day", r#", "from_year": 2028"#),
        ],
        &[],
    );
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(calendar.is_working_day(date(2027, 12, 17)), Ok(false));
    // 2028: 16 December (Saturday) moves to Monday 18; 17 December is a plain Sunday.
    assert_eq!(calendar.day(date(2028, 12, 17)), Ok(DayKind::Weekend));
    assert_eq!(calendar.is_working_day(date(2028, 12, 19)), Ok(true));
    assert_eq!(calendar.is_working_day(date(2027, 6, 1)), Ok(true));
    assert_eq!(calendar.is_working_day(date(2028, 6, 1)), Ok(false));
    // Sunday 17 December 2023 moved to Monday 18; 16 December 2023 (Saturday) to Tuesday 19.
    assert_eq!(
        calendar.day(date(2023, 12, 18)),
        Ok(DayKind::CarriedOver {
            holiday: date(2023, 12, 16)
        })
    );
    assert_eq!(
        calendar.day(date(2023, 12, 19)),
        Ok(DayKind::CarriedOver {
            holiday: date(2023, 12, 17)
        })
    );
}

#[test]
fn kurban_ait_on_a_fixed_holiday_adds_nothing() {
    let json = statutory_file(&[&fixed(5, 1, "Unity Day", "")], &["2029-05-01"]);
    let calendar = Calendar::from_json(&json).expect("valid");
    assert_eq!(
        calendar.day(date(2029, 5, 1)),
        Ok(DayKind::Holiday {
            name_en: "Unity Day".into()
        })
    );
    assert_eq!(calendar.is_working_day(date(2029, 5, 2)), Ok(true));
}
