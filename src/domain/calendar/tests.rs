//! Golden tests of the shipped calendar (2025, 2026) and the rules' deadlines.

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;

fn kz() -> Calendar {
    Calendar::embedded().expect("the shipped calendar/kz.json is valid")
}

fn at(rfc3339: &str) -> Timestamp {
    rfc3339.parse().expect("test instant")
}

/// Weekdays that are days off, and weekend days that are working, in `year`.
fn exceptions(calendar: &Calendar, year: i16) -> (Vec<Date>, Vec<Date>) {
    let mut weekdays_off = Vec::new();
    let mut weekends_worked = Vec::new();
    for day in date(year, 1, 1)
        .series(jiff::ToSpan::day(1))
        .take_while(|d| d.year() == year)
    {
        let working = calendar.is_working_day(day).expect("covered year");
        match (holidays::is_weekend(day), working) {
            (false, false) => weekdays_off.push(day),
            (true, true) => weekends_worked.push(day),
            _ => {}
        }
    }
    (weekdays_off, weekends_worked)
}

#[test]
fn whole_2026_calendar_has_246_working_days() {
    let calendar = kz();
    assert_eq!(calendar.working_days_in_year(2026), Ok(246));
    let (off, worked) = exceptions(&calendar, 2026);
    let expected = [
        (1, 1),   // New Year
        (1, 2),   // New Year
        (1, 7),   // Orthodox Christmas
        (3, 9),   // 8 March fell on Sunday
        (3, 23),  // Nauryz
        (3, 24),  // Nauryz 21 March fell on Saturday
        (3, 25),  // Nauryz 22 March fell on Sunday
        (5, 1),   // Unity Day
        (5, 7),   // Defender's Day
        (5, 11),  // Victory Day fell on Saturday
        (5, 27),  // Kurban Ait
        (7, 6),   // Capital Day
        (8, 31),  // Constitution Day fell on Sunday
        (10, 26), // Republic Day fell on Sunday
        (12, 16), // Independence Day
    ]
    .map(|(m, d)| date(2026, m, d));
    assert_eq!(off, expected);
    assert!(worked.is_empty(), "2026 has no transfer: {worked:?}");
}

#[test]
fn whole_2025_calendar_has_246_working_days_with_the_3_january_transfer() {
    let calendar = kz();
    assert_eq!(calendar.working_days_in_year(2025), Ok(246));
    let (off, worked) = exceptions(&calendar, 2025);
    let expected = [
        (1, 1),
        (1, 2),
        (1, 3), // transferred from Sunday 5 January (order No. 436)
        (1, 7),
        (3, 10), // 8 March fell on Saturday
        (3, 21),
        (3, 24), // Nauryz 22 March fell on Saturday
        (3, 25), // Nauryz 23 March fell on Sunday
        (5, 1),
        (5, 7),
        (5, 9),
        (6, 6), // Kurban Ait
        (7, 7), // Capital Day fell on Sunday
        (9, 1), // Constitution Day fell on Saturday
        (10, 27),
        (12, 16),
    ]
    .map(|(m, d)| date(2025, m, d));
    assert_eq!(off, expected);
    assert_eq!(worked, vec![date(2025, 1, 5)]);
}

#[test]
fn january_2026_has_19_working_days_as_the_ministry_published() {
    let calendar = kz();
    let january = date(2026, 1, 1)
        .series(jiff::ToSpan::day(1))
        .take_while(|d| d.month() == 1)
        .filter(|d| calendar.is_working_day(*d).expect("covered"))
        .count();
    assert_eq!(january, 19);
}

#[test]
fn nauryz_2026_on_sat_sun_mon_makes_23_24_25_march_days_off() {
    let calendar = kz();
    assert_eq!(
        calendar.day(date(2026, 3, 24)),
        Ok(DayKind::CarriedOver {
            holiday: date(2026, 3, 21)
        })
    );
    assert_eq!(
        calendar.day(date(2026, 3, 25)),
        Ok(DayKind::CarriedOver {
            holiday: date(2026, 3, 22)
        })
    );
    assert_eq!(calendar.is_working_day(date(2026, 3, 23)), Ok(false));
    assert_eq!(calendar.is_working_day(date(2026, 3, 20)), Ok(true));
    assert_eq!(calendar.is_working_day(date(2026, 3, 26)), Ok(true));
}

#[test]
fn appeal_opened_friday_20_march_2026_closes_at_end_of_friday_27_march_p21() {
    let d = appeal_filing_deadline(&kz(), date(2026, 3, 20)).expect("covered");
    assert_eq!(d.clause, "p.21");
    assert_eq!(d.last_day, date(2026, 3, 27));
    assert_eq!(
        d.closes_at.to_string(),
        "2026-03-28T00:00:00+05:00[Asia/Almaty]"
    );
    assert!(d.is_met_by(at("2026-03-27T23:59:59.999+05:00")));
    assert!(!d.is_met_by(at("2026-03-28T00:00:00+05:00")));
    assert!(
        !d.is_met_by(at("2026-03-27T19:00:00Z")),
        "19:00 UTC is midnight in Almaty"
    );
}

#[test]
fn appeal_counts_from_the_almaty_date_of_an_instant_p21() {
    let calendar = kz();
    // 23:59 Thursday in Almaty: Friday 20 and Thursday 26 March are the two working days.
    let thursday = appeal_filing_deadline(&calendar, at("2026-03-19T18:59:00Z")).expect("ok");
    assert_eq!(thursday.from, date(2026, 3, 19));
    assert_eq!(thursday.last_day, date(2026, 3, 26));
    // One minute later it is already Friday in Almaty.
    let friday = appeal_filing_deadline(&calendar, at("2026-03-19T19:00:00Z")).expect("ok");
    assert_eq!(friday.from, date(2026, 3, 20));
    assert_eq!(friday.last_day, date(2026, 3, 27));
}

#[test]
fn appeal_whose_window_runs_into_2027_is_computed_and_marked_provisional_p21() {
    // Result shown Wed 30 December 2026: Thu 31 December is working; 1 January (Fri) is New
    // Year, 2 January (Sat) New Year carried over to Mon 4 January; Tue 5 January is the second.
    let d = appeal_filing_deadline(&kz(), date(2026, 12, 30)).expect("2027 is computed");
    assert_eq!(d.rule, Rule::AppealFiling);
    assert_eq!(d.last_day, date(2027, 1, 5));
    assert_eq!(
        d.closes_at.to_string(),
        "2027-01-06T00:00:00+05:00[Asia/Almaty]"
    );
    assert_eq!(d.calendar_years, [2026, 2027]);
    assert_eq!(d.provisional_years, [2027]);
    assert!(d.provisional, "2027's decree is not entered");
}

#[test]
fn deadlines_inside_2026_are_not_provisional_p21_p31() {
    let d = appeal_filing_deadline(&kz(), date(2026, 12, 1)).expect("ok");
    assert_eq!(d.last_day, date(2026, 12, 3));
    assert!(!d.provisional);
    assert_eq!(d.calendar_years, [2026]);
    assert!(d.provisional_years.is_empty());
    let r = report_to_leb_deadline(&kz(), date(2026, 12, 21)).expect("ok");
    assert_eq!(r.last_day, date(2026, 12, 28));
    assert!(!r.provisional);
}

#[test]
fn calendar_day_deadlines_reaching_2027_depend_on_no_year_p24() {
    let d = commission_decision_deadline(&kz(), date(2026, 12, 30)).expect("ok");
    assert_eq!(d.last_day, date(2027, 1, 4));
    assert!(d.calendar_years.is_empty());
    assert!(!d.provisional, "calendar days do not consult holidays");
}

#[test]
fn confirming_2027_clears_the_flag_and_applies_the_decree_p21() {
    let mut calendar = kz();
    assert!(
        calendar
            .year_status(2027)
            .expect("covered")
            .is_provisional()
    );
    // A decree that makes Fri 8 January a day off, worked on Sat 9 January (an example).
    calendar
        .confirm(Confirmation {
            year: 2027,
            kurban_ait: date(2027, 5, 16),
            transfers: vec![TransferEntry {
                day_off: date(2027, 1, 8),
                working_day: date(2027, 1, 9),
                source: None,
            }],
            source: "order No. 1 of 01.12.2026".into(),
        })
        .expect("confirmed");
    assert_eq!(
        calendar.year_status(2027),
        Ok(YearStatus::Confirmed {
            source: "order No. 1 of 01.12.2026".into()
        })
    );
    let d = appeal_filing_deadline(&calendar, date(2026, 12, 30)).expect("ok");
    assert!(!d.provisional, "{d:?}");
    assert!(d.provisional_years.is_empty());
    assert_eq!(d.last_day, date(2027, 1, 5));
    assert_eq!(calendar.is_working_day(date(2027, 1, 8)), Ok(false));
    assert_eq!(calendar.is_working_day(date(2027, 1, 9)), Ok(true));
    assert_eq!(
        calendar.add_working_days(date(2027, 1, 7), 1),
        Ok(date(2027, 1, 9)),
        "8 January rested, Saturday 9 worked"
    );
    assert_eq!(
        kz().add_working_days(date(2027, 1, 7), 1),
        Ok(date(2027, 1, 8))
    );
    // 2028 is still provisional.
    let d = report_to_leb_deadline(&calendar, date(2027, 12, 28)).expect("ok");
    assert_eq!(d.provisional_years, [2028]);
}

#[test]
fn confirming_is_refused_for_file_years_early_years_and_bad_data() {
    let mut calendar = kz();
    let confirmation = |year, kurban_ait, transfers| Confirmation {
        year,
        kurban_ait,
        transfers,
        source: "order".into(),
    };
    assert_eq!(
        calendar.confirm(confirmation(2026, date(2026, 5, 27), vec![])),
        Err(CalendarDataError::EnteredInFile(2026))
    );
    assert_eq!(
        calendar.confirm(confirmation(2021, date(2021, 7, 20), vec![])),
        Err(CalendarDataError::BeforeStatutory {
            year: 2021,
            since: 2022
        })
    );
    assert_eq!(
        calendar.confirm(confirmation(2027, date(2028, 5, 5), vec![])),
        Err(CalendarDataError::KurbanAitOutsideYear {
            year: 2027,
            date: date(2028, 5, 5)
        })
    );
    let weekend_off = TransferEntry {
        day_off: date(2027, 1, 9),
        working_day: date(2027, 1, 10),
        source: None,
    };
    let err = calendar
        .confirm(confirmation(2027, date(2027, 5, 16), vec![weekend_off]))
        .expect_err("a Saturday cannot be made a day off");
    assert!(err.to_string().contains("2027-01-09"), "{err}");
    assert!(calendar.year_status(2027).expect("ok").is_provisional());
}

#[test]
fn stored_confirmations_apply_and_the_file_wins_over_them() {
    let stored = [
        Confirmation {
            year: 2026,
            kurban_ait: date(2026, 5, 27),
            transfers: vec![],
            source: "old".into(),
        },
        Confirmation {
            year: 2027,
            kurban_ait: date(2027, 5, 17),
            transfers: vec![],
            source: "order".into(),
        },
    ];
    let (calendar, skipped) = kz().with_confirmations(stored).expect("valid");
    assert_eq!(skipped, [2026]);
    assert_eq!(calendar.year_status(2026), Ok(YearStatus::Entered));
    assert!(!calendar.year_status(2027).expect("ok").is_provisional());
    assert_eq!(calendar.is_working_day(date(2027, 5, 17)), Ok(false));
    assert_eq!(calendar.is_working_day(date(2027, 5, 18)), Ok(true));
}

#[test]
fn commission_decides_within_5_calendar_days_even_over_a_weekend_p24() {
    let d = commission_decision_deadline(&kz(), date(2026, 3, 23)).expect("ok");
    assert_eq!(
        d.last_day,
        date(2026, 3, 28),
        "a Saturday: calendar days are not moved"
    );
    assert_eq!(d.clause, "p.24");
    assert_ne!(d.last_day, date(2026, 3, 27));
}

#[test]
fn report_to_leb_skips_victory_day_carry_over_p31() {
    // Testing ends Wed 6 May 2026: 7 May holiday, 11 May carried over from Sat 9 May.
    let d = report_to_leb_deadline(&kz(), date(2026, 5, 6)).expect("ok");
    assert_eq!(d.last_day, date(2026, 5, 15));
    assert_ne!(
        d.last_day,
        date(2026, 5, 13),
        "plain weekdays would give 13 May"
    );
}

#[test]
fn leb_decision_skips_kurban_ait_p32() {
    let d = leb_decision_deadline(&kz(), date(2026, 5, 25)).expect("ok");
    assert_eq!(d.last_day, date(2026, 5, 29));
    assert_eq!(d.clause, "p.32");
}

#[test]
fn evaluation_within_2_calendar_days_needs_no_holiday_data_p28_1() {
    // The last day is in 2027, absent from the data: calendar days do not consult it.
    let d = evaluation_deadline(&kz(), date(2026, 12, 30)).expect("ok");
    assert_eq!(d.last_day, date(2027, 1, 1));
    assert_eq!(d.clause, "p.28-1");
}

#[test]
fn primary_attestation_window_opens_at_6_months_and_closes_after_1_year_p4() {
    let w = primary_attestation_window(&kz(), date(2025, 8, 31)).expect("ok");
    assert_eq!(
        w.first_day,
        date(2026, 2, 28),
        "31 August + 6 months clamps to February"
    );
    assert_eq!(w.last_day, date(2026, 8, 31));
    assert!(w.contains(at("2026-02-28T00:00:00+05:00")));
    assert!(
        !w.contains(at("2026-02-27T23:59:59+05:00")),
        "before 6 months"
    );
    assert!(w.contains(at("2026-08-31T23:59:59+05:00")));
    assert!(!w.contains(at("2026-09-01T00:00:00+05:00")), "after 1 year");
}

#[test]
fn periodic_attestation_due_3_years_after_the_last_p3() {
    let d = periodic_attestation_deadline(&kz(), date(2024, 2, 29)).expect("ok");
    assert_eq!(d.last_day, date(2027, 2, 28));
    assert_eq!(d.clause, "p.3");
}

#[test]
fn reattestation_due_12_months_after_the_result_p27() {
    let d = reattestation_deadline(&kz(), date(2026, 3, 20)).expect("ok");
    assert_eq!(d.last_day, date(2027, 3, 20));
    assert!(!d.is_met_by(at("2027-03-21T00:00:00+05:00")));
}

#[test]
fn every_rule_has_its_clause_and_period() {
    let clauses: Vec<&str> = Rule::ALL.iter().map(|r| r.clause()).collect();
    assert_eq!(
        clauses,
        [
            "p.3", "p.4", "p.21", "p.24", "p.27", "p.28-1", "p.31", "p.32"
        ]
    );
    assert_eq!(Rule::AppealFiling.period(), Period::WorkingDays(2));
    assert_eq!(Rule::Evaluation.period().to_string(), "2 calendar days");
}

#[test]
fn querying_a_year_neither_entered_nor_statutory_is_an_error() {
    let calendar = kz();
    assert_eq!(
        calendar.is_working_day(date(2021, 1, 4)),
        Err(CalendarError::YearNotCovered {
            year: 2021,
            date: date(2021, 1, 4)
        })
    );
    assert!(calendar.working_days_in_year(2021).is_err());
    assert_eq!(calendar.years().collect::<Vec<_>>(), [2025, 2026]);
    // A file without a statutory section answers for its own years only.
    let bare =
        Calendar::from_json(r#"{"years": [{"year": 2026, "holidays": [], "transfers": []}]}"#)
            .expect("valid");
    assert_eq!(
        bare.is_working_day(date(2027, 1, 4)),
        Err(CalendarError::YearNotCovered {
            year: 2027,
            date: date(2027, 1, 4)
        })
    );
}

/// The special days of `year`, as (month, day) pairs.
fn days_off(calendar: &Calendar, year: i16) -> Vec<(i8, i8)> {
    let (off, worked) = exceptions(calendar, year);
    assert!(worked.is_empty(), "statutory years transfer nothing");
    off.iter().map(|d| (d.month(), d.day())).collect()
}

#[test]
fn statutory_rules_reproduce_the_entered_2025_and_2026_holidays() {
    let file = holidays::parse(KZ_JSON).expect("valid");
    let statutory = file.statutory.as_ref().expect("shipped with rules");
    for entered in &file.years {
        let kurban = statutory
            .kurban_ait
            .dates
            .iter()
            .find(|d| d.date.year() == entered.year)
            .map(|d| d.date);
        let computed = holidays::statutory_year(statutory, entered.year, kurban).expect("computes");
        let pairs = |y: &holidays::YearFile| {
            y.holidays
                .iter()
                .map(|h| (h.date, h.carry_over))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&computed), pairs(entered), "year {}", entered.year);
    }
}

#[test]
fn year_2027_is_computed_with_its_weekend_holidays_carried_over() {
    // 2027: 2 January is a Saturday, 21 March (Nauryz) a Sunday, 1 May a Saturday, 9 May a
    // Sunday; 7 January (Thursday) and Kurban Ait (expected Sunday 16 May) carry nothing.
    let calendar = kz();
    assert_eq!(
        days_off(&calendar, 2027),
        [
            (1, 1),   // New Year
            (1, 4),   // New Year 2 January fell on Saturday
            (1, 7),   // Orthodox Christmas
            (3, 8),   // Women's Day
            (3, 22),  // Nauryz
            (3, 23),  // Nauryz
            (3, 24),  // Nauryz 21 March fell on Sunday
            (5, 3),   // Unity Day fell on Saturday
            (5, 7),   // Defender's Day
            (5, 10),  // Victory Day fell on Sunday
            (7, 6),   // Capital Day
            (8, 30),  // Constitution Day
            (10, 25), // Republic Day
            (12, 16), // Independence Day
        ]
        .to_vec()
    );
    assert_eq!(
        calendar.day(date(2027, 1, 4)),
        Ok(DayKind::CarriedOver {
            holiday: date(2027, 1, 2)
        })
    );
    assert_eq!(calendar.working_days_in_year(2027), Ok(247));
    assert_eq!(
        calendar.year_status(2027),
        Ok(YearStatus::Provisional {
            kurban_ait: Some(date(2027, 5, 16))
        })
    );
}

#[test]
fn kurban_ait_on_a_weekday_is_a_day_off_without_carry_over_in_computed_years() {
    let calendar = kz();
    // Expected Friday 5 May 2028 and Tuesday 24 April 2029: days off; Saturday 13 April 2030
    // moves nothing (Monday 15 April works).
    assert_eq!(calendar.is_working_day(date(2028, 5, 5)), Ok(false));
    assert_eq!(calendar.is_working_day(date(2029, 4, 24)), Ok(false));
    assert_eq!(calendar.is_working_day(date(2030, 4, 15)), Ok(true));
    // 2031 has no Kurban Ait date: still computed, and says so.
    assert_eq!(
        calendar.year_status(2031),
        Ok(YearStatus::Provisional { kurban_ait: None })
    );
    // 2028: 8 March is a Wednesday, 1 January a Saturday (Monday 3 January off), Nauryz
    // 21-23 March Tue-Thu; 9 May a Tuesday.
    assert_eq!(
        calendar.day(date(2028, 1, 3)),
        Ok(DayKind::CarriedOver {
            holiday: date(2028, 1, 1)
        })
    );
    // Sunday 2 January 2028 moves to Tuesday 4 January: the next day that is still working.
    assert_eq!(
        calendar.day(date(2028, 1, 4)),
        Ok(DayKind::CarriedOver {
            holiday: date(2028, 1, 2)
        })
    );
}

#[test]
fn adding_working_and_calendar_days() {
    let calendar = kz();
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 20), 0),
        Ok(date(2026, 3, 20))
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 20), 1),
        Ok(date(2026, 3, 26))
    );
    // From a day off: the next working day is the first one.
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 21), 1),
        Ok(date(2026, 3, 26))
    );
    assert_eq!(
        add_calendar_days(date(2026, 3, 20), 10),
        Ok(date(2026, 3, 30))
    );
    assert!(add_calendar_days(date(9999, 12, 31), 1).is_err());
}

#[test]
fn when_parses_a_date_or_an_rfc3339_instant_and_names_bad_input() {
    assert_eq!(When::parse("2026-03-20"), Ok(When::Day(date(2026, 3, 20))));
    let instant = When::parse("2026-03-20T20:00:00Z").expect("instant");
    assert_eq!(instant.almaty_date(), date(2026, 3, 21));
    let offset = When::parse("2026-03-20T20:00:00+05:00").expect("instant");
    assert_eq!(offset.almaty_date(), date(2026, 3, 20));
    let bad = When::parse("2026-13-01").expect_err("month 13");
    assert_eq!(
        bad.to_string(),
        "\"2026-13-01\" is not a date or RFC 3339 time"
    );
    assert!(
        When::parse("2026-03-20T20:00:00").is_err(),
        "no offset: ambiguous"
    );
    assert!(When::parse("20.03.2026").is_err());
}

#[test]
fn almaty_is_utc_plus_5_since_march_2024_and_was_utc_plus_6_before() {
    assert_eq!(almaty_date(at("2026-06-01T19:00:00Z")), date(2026, 6, 2));
    assert_eq!(almaty_date(at("2026-06-01T18:59:59Z")), date(2026, 6, 1));
    // Before 2024-03-01 Almaty was UTC+6: 18:30 UTC was already the next day.
    assert_eq!(almaty_date(at("2023-06-01T18:30:00Z")), date(2023, 6, 2));
}
