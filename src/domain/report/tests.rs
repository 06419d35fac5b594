use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::domain::calendar::{Calendar, deadline::report_to_leb_deadline};
use crate::domain::rules::{
    Category, ConflictPolicy, DecisionInput, Percent, decide, find_position,
};

fn decision(
    position: &str,
    procedure: Procedure,
    percent: f64,
    claimed: Option<Category>,
) -> Decision {
    let current = claimed.map(|_| Category::CareerConsultant);
    decide(&DecisionInput {
        procedure,
        reattestation_of: None,
        position: find_position(position).unwrap(),
        score: Percent::new(percent).unwrap(),
        current_category: current,
        claimed_category: claimed,
        policy: ConflictPolicy::default(),
    })
    .unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn person(name: &str, region: Option<&str>, standing: Standing) -> Person {
    Person {
        iin: "850310300017".into(),
        name: name.into(),
        position: find_position("tmc_employment_specialist").unwrap(),
        organization: "ЦТМ Караганды".into(),
        place_of_work: String::new(),
        education: "высшее".into(),
        procedure: Procedure::Periodic,
        region: region.map(|s| Region::by_slug(s).unwrap()),
        standing,
        leb: None,
    }
}

fn scored(percent: f64) -> Standing {
    Standing::Scored {
        percent,
        decision: Box::new(decision(
            "tmc_employment_specialist",
            Procedure::Periodic,
            percent,
            None,
        )),
        at: at("2026-12-10T19:30:00Z"), // 00:30 on 11 December in Almaty
    }
}

fn people() -> Vec<Person> {
    let mut category = person("Бекова Дана", Some("karaganda"), Standing::NotFinished);
    category.position = find_position("cc_employment_specialist").unwrap();
    category.procedure = Procedure::Category;
    category.place_of_work = "Карьерный центр г. Темиртау".into();
    category.standing = Standing::Scored {
        percent: 90.0,
        decision: Box::new(decision(
            "cc_employment_specialist",
            Procedure::Category,
            90.0,
            Some(Category::CaseManager),
        )),
        at: at("2026-12-09T05:00:00Z"),
    };
    vec![
        person("=HYPERLINK(\"http://x\")", Some("karaganda"), scored(72.0)),
        category,
        person("Асанов Ерлан", Some("karaganda"), Standing::Voided),
        person("Досов Марат", Some("karaganda"), Standing::NotFinished),
        person("Ким Ольга", Some("almaty"), scored(65.0)),
        person("Нуров Али", None, scored(80.0)),
    ]
}

fn texts(row: &[Cell]) -> Vec<String> {
    row.iter()
        .map(|c| match c {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("#{n}"),
            Cell::Empty => String::new(),
        })
        .collect()
}

#[test]
fn appendix2_lists_one_region_numbered_with_voided_and_unfinished_rows() {
    let group = RegionGroup::parse("karaganda").unwrap();
    let table = appendix2("Аттестация 2026", group, &people());
    assert_eq!(table.header, APPENDIX2_HEADER);
    assert_eq!(table.preamble[0], APPENDIX2_TITLE_KK);
    assert_eq!(table.preamble[1], APPENDIX2_TITLE_RU);
    assert!(table.preamble[2].contains("Аттестация 2026"));
    assert!(table.preamble[3].contains("Карагандинская область"));
    assert!(table.preamble[3].contains("Қарағанды облысы"));
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| texts(r)).collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        rows[0],
        [
            "#1",
            "Карагандинская область",
            "ЦТМ Караганды",
            "=HYPERLINK(\"http://x\")",
            "Специалист по содействию занятости",
            "подтверждение соответствия занимаемой должности",
            "#72",
            "соответствует занимаемой должности"
        ]
    );
    assert_eq!(
        rows[1][2], "Карьерный центр г. Темиртау",
        "the place of work when given"
    );
    assert_eq!(rows[1][5], "заявление на квалификационную категорию");
    assert_eq!(
        rows[1][7],
        "соответствует заявленной квалификационной категории"
    );
    assert_eq!((rows[2][6].as_str(), rows[2][7].as_str()), ("", VOIDED_RU));
    assert_eq!(
        (rows[3][0].as_str(), rows[3][7].as_str()),
        ("#4", NOT_FINISHED_RU)
    );
    let csv = String::from_utf8(table.to_csv()).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
}

#[test]
fn rows_without_a_region_form_their_own_group() {
    let table = appendix2("x", RegionGroup::NotGiven, &people());
    assert_eq!(table.rows.len(), 1);
    assert_eq!(texts(&table.rows[0])[1], "регион не указан");
    assert_eq!(RegionGroup::parse("none"), Some(RegionGroup::NotGiven));
    assert_eq!(RegionGroup::parse("atlantis"), None);
    let almaty = appendix2("x", RegionGroup::parse("almaty").unwrap(), &people());
    assert_eq!(
        texts(&almaty.rows[0])[7],
        "не соответствует занимаемой должности"
    );
}

#[test]
fn appendix5_gives_the_category_or_the_fitness_with_the_results_date() {
    let group = RegionGroup::parse("karaganda").unwrap();
    let table = appendix5("x", group, &people());
    assert_eq!(table.header, APPENDIX5_HEADER);
    assert_eq!(table.preamble[0], APPENDIX5_TITLE_KK);
    assert_eq!(table.preamble.last().unwrap(), APPENDIX5_DATES);
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| texts(r)).collect();
    assert_eq!(
        rows.len(),
        2,
        "voided and unfinished decide nothing: {rows:?}"
    );
    assert_eq!(
        rows[0],
        [
            "#1",
            "850310300017",
            "=HYPERLINK(\"http://x\")",
            "высшее",
            "Жұмыспен қамтуға жәрдемдесу жөніндегі маман / Специалист по содействию занятости",
            "",
            "",
            "атқаратын лауазымына сәйкес келеді / соответствует занимаемой должности",
            "2026-12-11"
        ]
    );
    assert_eq!(
        &rows[1][5..],
        ["кейс-менеджер / кейс-менеджер", "2026-12-09", "", ""],
        "a category application reports the category and its date"
    );
}

#[test]
fn appendix5_takes_the_leb_verdict_and_date_once_decided() {
    let mut people = people();
    for p in &mut people {
        p.leb = Some(LebDecided {
            verdict: Verdict::FitsPosition,
            decided_on: date(2026, 12, 21),
        });
    }
    let table = appendix5("x", RegionGroup::parse("karaganda").unwrap(), &people);
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| texts(r)).collect();
    assert_eq!(
        &rows[0][7..],
        [
            "атқаратын лауазымына сәйкес келеді / соответствует занимаемой должности",
            "2026-12-21"
        ]
    );
    assert_eq!(
        &rows[1][5..7],
        ["", ""],
        "the LEB's verdict, not the rules' category"
    );
    assert_eq!(rows[1][8], "2026-12-21");
}

#[test]
fn a_report_is_due_then_overdue_and_sent_in_time_or_late() {
    let calendar = Calendar::embedded().unwrap();
    // Testing ends Friday 11 December 2026; Wednesday 16 December is Independence Day: the 5
    // working days are 14, 15, 17, 18 and 21 December.
    let deadline = report_to_leb_deadline(&calendar, date(2026, 12, 11)).unwrap();
    assert_eq!(deadline.last_day, date(2026, 12, 21));
    assert!(!deadline.provisional);
    let on_last_day = at("2026-12-21T18:59:59Z"); // 23:59:59 in Almaty
    let next_day = at("2026-12-21T19:00:00Z");
    assert_eq!(
        dispatch_status(&deadline, None, on_last_day),
        DispatchStatus::Due
    );
    assert_eq!(
        dispatch_status(&deadline, None, next_day),
        DispatchStatus::Overdue
    );
    assert_eq!(
        dispatch_status(&deadline, Some(on_last_day), next_day),
        DispatchStatus::Sent
    );
    assert_eq!(
        dispatch_status(&deadline, Some(next_day), next_day),
        DispatchStatus::SentLate
    );
}

#[test]
fn a_report_due_in_2027_is_provisional() {
    let calendar = Calendar::embedded().unwrap();
    let deadline = report_to_leb_deadline(&calendar, date(2027, 1, 15)).unwrap();
    assert!(deadline.provisional);
    assert_eq!(deadline.provisional_years, [2027]);
    assert_eq!(deadline.last_day, date(2027, 1, 22));
}

#[test]
fn an_evaluation_is_pending_overdue_or_done_in_time_or_late() {
    let due = date(2026, 12, 13); // closes_on 11 December + 2 calendar days (p.28-1)
    let passed = scored(80.0);
    let in_time = at("2026-12-13T18:59:59Z");
    let late = at("2026-12-13T19:00:00Z");
    assert_eq!(
        evaluation_status(&passed, due, None, in_time),
        EvaluationStatus::Pending
    );
    assert_eq!(
        evaluation_status(&passed, due, None, late),
        EvaluationStatus::Overdue
    );
    assert_eq!(
        evaluation_status(&passed, due, Some(in_time), late),
        EvaluationStatus::Evaluated
    );
    assert_eq!(
        evaluation_status(&passed, due, Some(late), late),
        EvaluationStatus::EvaluatedLate
    );
    assert_eq!(
        evaluation_status(&scored(69.0), due, None, late),
        EvaluationStatus::NotAdmitted
    );
    assert_eq!(
        evaluation_status(&Standing::Voided, due, Some(in_time), late),
        EvaluationStatus::Voided
    );
    assert_eq!(
        evaluation_status(&Standing::NotFinished, due, None, late),
        EvaluationStatus::NotScored
    );
}
