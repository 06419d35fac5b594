use super::*;
use crate::domain::sheet::read_csv;

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 12, 2);

fn iin(serial: u32) -> String {
    let base = format!("9005153{serial:04}");
    let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
    let check = crate::domain::iin::check_digit(&digits).expect("a check digit");
    format!("{base}{check}")
}

fn parse_csv(text: &str) -> Result<Vec<Personnel>, Vec<RosterError>> {
    parse(&read_csv(text).unwrap(), TODAY)
}

#[test]
fn several_rows_of_one_iin_carry_its_leaves() {
    let text = format!(
        "iin,hire_date,position_start,training_hours_completed,leave_kind,leave_start,leave_end\n\
         {0},2015-03-01,01.09.2020,44,maternity,2022-01-10,2023-01-09\n\
         {0},,,,study,2026-11-20,\n\
         {1},2024-01-15,2024-01-15,\"12,5\",,,\n",
        iin(1),
        iin(2)
    );
    let people = parse_csv(&text).expect("valid");
    assert_eq!(people.len(), 2);
    let first = &people[0].facts;
    assert_eq!(people[0].lines, [2, 3]);
    assert_eq!(first.position_start, jiff::civil::date(2020, 9, 1));
    assert_eq!(first.leaves.len(), 2);
    assert_eq!(first.leaves[1].kind, LeaveKind::Study);
    assert_eq!(first.leaves[1].end, None);
    assert_eq!(first.training_hours_planned, MIN_TRAINING_HOURS);
    assert_eq!(people[1].facts.training_hours_completed, 12.5);
}

#[test]
fn every_bad_cell_and_disagreement_is_named() {
    let text = format!(
        "iin,hire_date,position_start,training_hours_completed,first_time_hire,leave_kind,leave_start\n\
         123,2015-03-01,2015-03-01,40,,,\n\
         {0},2015-03-01,2014-01-01,40,,,\n\
         {1},2015-03-01,2015-03-01,-3,maybe,holiday,2020-01-01\n\
         {2},2015-03-01,2015-03-01,40,,,\n\
         {2},2016-03-01,,,,,\n\
         {3},,2015-03-01,40,,,2020-01-01\n",
        iin(1),
        iin(2),
        iin(3),
        iin(4)
    );
    let errors = parse_csv(&text).unwrap_err();
    let at: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(
        at,
        [
            (2, "iin"),
            (3, "position_start"),
            (4, "leave_kind"),
            (4, "training_hours_completed"),
            (4, "first_time_hire"),
            (6, "hire_date"),
            (7, "leave_kind"),
            (7, "hire_date"),
        ],
        "{errors:#?}"
    );
    assert!(errors[5].message.contains("line 5"), "{}", errors[5]);
}

#[test]
fn the_required_columns_are_named_when_missing() {
    let errors = parse_csv("iin,hire_date\n").unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, ["position_start", "training_hours_completed"]);
    let errors = parse_csv("iin,hire_date,position_start,training_hours_completed\n").unwrap_err();
    assert_eq!(errors[0].column, "row");
}

#[test]
fn facts_become_the_rules_person_with_the_claimed_profile() {
    let facts = Facts {
        hire_date: jiff::civil::date(2020, 1, 1),
        position_start: jiff::civil::date(2020, 1, 1),
        first_time_hire: false,
        pregnant: false,
        leaves: vec![],
        training_hours_planned: 60.0,
        training_hours_completed: 60.0,
        profile_courses_done: true,
    };
    let person = facts.person(Procedure::Category, Some(Category::CaseManager));
    assert_eq!(person.profile_courses, vec![Category::CaseManager]);
    assert_eq!(person.training_hours_planned.value(), 60.0);
    let person = facts.person(Procedure::Periodic, None);
    assert!(person.profile_courses.is_empty());
}
