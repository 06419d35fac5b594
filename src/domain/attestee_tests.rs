use super::*;
use crate::domain::personnel::Facts;
use crate::domain::rules::eligibility::ReasonCode;
use crate::domain::rules::{Category, Procedure};
use crate::domain::sheet::{read_csv, read_xlsx};

const TODAY: Date = jiff::civil::date(2026, 12, 2);

fn iin(serial: u32) -> String {
    let base = format!("9005153{serial:04}");
    let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
    let check = crate::domain::iin::check_digit(&digits).expect("a check digit");
    format!("{base}{check}")
}

/// The Appendix 1 header in Russian, plus the columns synaq needs.
const RU_HEADER: [&str; 10] = [
    "№",
    "ФИО (при его наличии)",
    "Процедура аттестации",
    "Место работы",
    "Должность",
    "Стаж работы в сфере социальной защиты / занятости",
    "Текущая категория",
    "ИИН",
    "Организация",
    "Регион",
];

fn ru_rows() -> Vec<Vec<String>> {
    vec![
        vec![
            "1".into(),
            "Асанова Айгерим".into(),
            "periodic".into(),
            "Отдел занятости".into(),
            "tmc_employment_specialist".into(),
            "7,5".into(),
            "".into(),
            iin(1),
            "ЦТМ Караганды".into(),
            "Карагандинская область".into(),
        ],
        vec![
            "2".into(),
            "Петров Иван".into(),
            "periodic".into(),
            "".into(),
            "tmc_director".into(),
            "12".into(),
            "".into(),
            iin(2),
            "ЦТМ Караганды".into(),
            "karaganda".into(),
        ],
    ]
}

fn csv_of(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn xlsx_of(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "Список аттестуемых работников")
        .unwrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            // The number of years and the No. as numbers, as a spreadsheet keeps them.
            match cell.replace(',', ".").parse::<f64>() {
                Ok(n) if c == 0 || c == 5 => sheet.write_number(r, c, n).unwrap(),
                _ => sheet.write_string(r, c, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

fn known(h: &str) -> bool {
    crate::domain::roster::is_known_column(h)
}

#[test]
fn the_appendix_1_headers_in_russian_and_kazakh_name_the_columns() {
    let sheet = read_csv(&csv_of(&RU_HEADER, &ru_rows())).unwrap();
    let rows = parse_list(&sheet, TODAY, Some("ЦТМ Караганды"), &HashMap::new()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].number, "1");
    assert_eq!(rows[0].name, "Асанова Айгерим");
    assert_eq!(rows[0].place_of_work, "Отдел занятости");
    assert_eq!(rows[0].service_years, "7.5");
    assert_eq!(rows[1].region.map(|r| r.slug), Some("karaganda"));
    let kk = [
        "№",
        "Т.А.Ә. (бар болса)",
        "Аттестаттау рәсімі",
        "Жұмыс орны",
        "Лауазымы",
        "Халықты әлеуметтік қорғау немесе жұмыспен қамту жүйесіндегі жұмыс өтілі",
        "Қолданыстағы біліктілік санаты (бар болса)",
        "ЖСН",
        "Ұйым",
        "Өңір",
    ];
    let sheet = read_csv(&csv_of(&kk, &ru_rows())).unwrap();
    let same = parse_list(&sheet, TODAY, None, &HashMap::new()).unwrap();
    assert_eq!(same, rows);
}

#[test]
fn xlsx_and_csv_give_the_same_rows() {
    let from_csv = read_csv(&csv_of(&RU_HEADER, &ru_rows())).unwrap();
    let from_xlsx = read_xlsx(&xlsx_of(&RU_HEADER, &ru_rows()), known).unwrap();
    let a = parse_list(&from_csv, TODAY, None, &HashMap::new()).unwrap();
    let b = parse_list(&from_xlsx, TODAY, None, &HashMap::new()).unwrap();
    // The workbook's rows sit one lower (its title row); everything else is the same.
    assert_eq!(b.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
    let strip = |rows: Vec<RosterRow>| {
        rows.into_iter()
            .map(|r| RosterRow { line: 0, ..r })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(a), strip(b));
}

#[test]
fn every_error_kind_of_a_list_is_named_with_its_row_all_at_once() {
    let mut rows = ru_rows();
    rows.push(vec![
        "3".into(),
        "Серикова Дана".into(),
        "someday".into(),
        "".into(),
        "Специалист по занятости".into(),
        "".into(),
        "".into(),
        "900515300000".into(),
        "ЦТМ Астаны".into(),
        "Сибирь".into(),
    ]);
    rows.push(vec![
        "4".into(),
        "Другой".into(),
        "periodic".into(),
        "".into(),
        "tmc_director".into(),
        "".into(),
        "".into(),
        iin(4),
        "ЦТМ Астаны".into(),
        "".into(),
    ]);
    rows.push(ru_rows()[0].clone());
    let listed = HashMap::from([(iin(2), "Петров Иван".to_owned())]);
    let sheet = read_csv(&csv_of(&RU_HEADER, &rows)).unwrap();
    let errors = parse_list(&sheet, TODAY, Some("ЦТМ Караганды"), &listed).unwrap_err();
    let at: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(
        at,
        [
            (3, "iin"),
            (4, "iin"),
            (4, "position"),
            (4, "procedure"),
            (4, "region"),
            (5, "region"),
            (6, "iin"),
        ],
        "{errors:#?}"
    );
    assert!(
        errors[0]
            .message
            .contains("already on this campaign's list")
    );
    assert!(errors[2].message.contains("closest"), "{}", errors[2]);
    assert!(errors[5].message.contains("p.31"), "{}", errors[5]);
    assert!(errors[6].message.contains("line 2"), "{}", errors[6]);
    // A row of another organization, valid otherwise.
    let mut other = ru_rows();
    other[1][8] = "ЦТМ Астаны".into();
    let sheet = read_csv(&csv_of(&RU_HEADER, &other)).unwrap();
    let errors = parse_list(&sheet, TODAY, Some("ЦТМ Караганды"), &HashMap::new()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column.as_str()),
        (3, "organization")
    );
    assert!(errors[0].message.contains("p.9"));
    // An admin forms any organization's list.
    assert!(parse_list(&sheet, TODAY, None, &HashMap::new()).is_ok());
}

#[test]
fn a_list_without_a_region_column_or_with_one_named_twice_is_refused() {
    let header = ["iin", "name", "position", "organization", "procedure"];
    let sheet = read_csv(&csv_of(&header, &[])).unwrap();
    let errors = parse_list(&sheet, TODAY, None, &HashMap::new()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].column, "region");
    let header = [
        "iin",
        "ФИО",
        "name",
        "position",
        "organization",
        "procedure",
        "region",
    ];
    let sheet = read_csv(&csv_of(&header, &[])).unwrap();
    let errors = parse_list(&sheet, TODAY, None, &HashMap::new()).unwrap_err();
    assert_eq!(errors[0].column, "name");
    assert!(
        errors[0].message.contains("columns 2 and 3"),
        "{}",
        errors[0]
    );
}

fn facts(completed: f64) -> Facts {
    Facts {
        hire_date: jiff::civil::date(2018, 2, 1),
        position_start: jiff::civil::date(2019, 5, 6),
        first_time_hire: false,
        pregnant: false,
        leaves: vec![],
        training_hours_planned: 40.0,
        training_hours_completed: completed,
        profile_courses_done: false,
    }
}

fn row() -> RosterRow {
    let sheet = read_csv(&csv_of(&RU_HEADER, &ru_rows())).unwrap();
    parse_list(&sheet, TODAY, None, &HashMap::new()).unwrap()[0].clone()
}

#[test]
fn admission_follows_the_rules_on_the_first_testing_day() {
    let first_day = jiff::civil::date(2027, 2, 1);
    assert_eq!(
        admission(&row(), None, None, first_day).unwrap(),
        (Admission::NoData, vec![])
    );
    assert_eq!(
        admission(&row(), Some(&facts(40.0)), None, first_day).unwrap(),
        (Admission::Admitted, vec![])
    );
    let (status, reasons) = admission(&row(), Some(&facts(36.0)), None, first_day).unwrap();
    assert_eq!(status, Admission::NotAdmitted);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].code, ReasonCode::TrainingPlanNotCompleted);
    assert!(reasons[0].clause.starts_with("p.14"));
    // A category applicant without the profile courses (p.14.2).
    let applicant = RosterRow {
        position: crate::domain::rules::find_position("cc_employment_specialist").unwrap(),
        procedure: Procedure::Category,
        current_category: Some(Category::CareerConsultant),
        claimed_category: Some(Category::CaseManager),
        ..row()
    };
    let (_, reasons) = admission(&applicant, Some(&facts(40.0)), None, first_day).unwrap();
    assert_eq!(reasons[0].code, ReasonCode::ProfileCoursesNotCompleted);
    let done = Facts {
        profile_courses_done: true,
        ..facts(40.0)
    };
    assert_eq!(
        admission(&applicant, Some(&done), None, first_day)
            .unwrap()
            .0,
        Admission::Admitted
    );
}

#[test]
fn a_correction_adds_its_reason_with_the_clause_of_p10() {
    let first_day = jiff::civil::date(2027, 2, 1);
    let trip = Exclusion {
        reason: ExclusionReason::BusinessTripAbroad,
        from: jiff::civil::date(2027, 1, 20),
        until: Some(jiff::civil::date(2027, 2, 10)),
        note: String::new(),
    };
    let (status, reasons) = admission(&row(), Some(&facts(40.0)), Some(&trip), first_day).unwrap();
    assert_eq!(status, Admission::NotAdmitted);
    assert_eq!(reasons[0].code, ReasonCode::BusinessTripAbroad);
    assert_eq!(reasons[0].clause, "p.10.3");
    let maternity = Exclusion {
        reason: ExclusionReason::Maternity,
        until: None,
        ..trip.clone()
    };
    let (_, reasons) = admission(&row(), Some(&facts(40.0)), Some(&maternity), first_day).unwrap();
    assert_eq!(reasons[0].code, ReasonCode::OnMaternityLeave);
}

#[test]
fn an_incapacity_corrects_the_list_for_up_to_two_months_p10() {
    let from = jiff::civil::date(2027, 1, 10);
    let sick = |until: Option<Date>| Exclusion {
        reason: ExclusionReason::Incapacity,
        from,
        until,
        note: "листок нетрудоспособности".into(),
    };
    assert!(sick(Some(jiff::civil::date(2027, 3, 9))).check().is_ok());
    let (field, message) = sick(Some(jiff::civil::date(2027, 3, 10)))
        .check()
        .unwrap_err();
    assert_eq!(field, "until");
    assert!(
        message.contains("p.10.1") && message.contains("2027-03-09"),
        "{message}"
    );
    assert_eq!(sick(None).check().unwrap_err().0, "until");
    let back = Exclusion {
        reason: ExclusionReason::StudyLeave,
        from,
        until: Some(jiff::civil::date(2027, 1, 9)),
        note: String::new(),
    };
    assert_eq!(back.check().unwrap_err().0, "until");
    for reason in ExclusionReason::ALL {
        assert_eq!(ExclusionReason::parse(reason.slug()), Ok(reason));
    }
    assert!(
        ExclusionReason::parse("vacation")
            .unwrap_err()
            .contains("p.10")
    );
}
