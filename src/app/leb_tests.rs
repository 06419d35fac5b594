//! The pure parts of the LEB's workflows: what blocks a decision, the scope, Appendix 5.

use super::*;
use crate::domain::rules::{Position, Procedure};
use crate::export::Cell;

fn row(status: Status) -> Row {
    Row {
        session_id: "s1".into(),
        campaign_id: "c1".into(),
        campaign_name: "2026".into(),
        closes_on: jiff::civil::date(2026, 11, 27),
        candidate: store::exam::Candidate {
            name: "Гауһар Әбілқызы".into(),
            iin: "850310300011".into(),
            position: Position::by_slug("tmc_employment_specialist").unwrap(),
            organization: "ЦТМ Астана".into(),
            procedure: Procedure::Periodic,
            current_category: None,
            claimed_category: None,
        },
        region: "astana".into(),
        place_of_work: String::new(),
        education: String::new(),
        status,
        ended_at: Some(0),
        result: None,
        appeal: None,
        review_open: false,
        sent_at: None,
        decision: None,
        certificate: None,
    }
}

fn scored() -> Row {
    let decision = crate::domain::rules::decide(&crate::domain::rules::DecisionInput {
        procedure: Procedure::Periodic,
        reattestation_of: None,
        position: Position::by_slug("tmc_employment_specialist").unwrap(),
        score: crate::domain::rules::Percent::new(90.0).unwrap(),
        current_category: None,
        claimed_category: None,
        policy: Default::default(),
    })
    .unwrap();
    Row {
        result: Some(store::leb::Current {
            result_id: "r1".into(),
            version: 1,
            score: crate::domain::exam::Score {
                correct: 90,
                total: 100,
                percent_bp: 9000,
            },
            decision,
        }),
        ..row(Status::Scored)
    }
}

#[test]
fn a_scored_result_with_nothing_pending_can_be_decided() {
    assert_eq!(blocker(&scored(), 0), None);
}

#[test]
fn voided_untested_reviewed_or_regionless_rows_wait_with_their_reason_p19() {
    let why = |r: &Row| blocker(r, 0).unwrap().to_string();
    assert!(why(&row(Status::Voided)).contains("voided (p.19)"));
    assert_eq!(blocker(&row(Status::Voided), 0).unwrap().code(), "voided");
    assert_eq!(blocker(&row(Status::Rules), 0).unwrap().code(), "not_over");
    assert!(why(&row(Status::InProgress)).contains("not over"));
    let reviewed = Row {
        review_open: true,
        ..scored()
    };
    assert!(why(&reviewed).contains("proctoring review"));
    let nowhere = Row {
        region: String::new(),
        ..scored()
    };
    assert!(why(&nowhere).contains("no region"));
}

#[test]
fn an_open_appeal_or_a_draft_within_its_window_waits_and_a_closed_one_does_not_p21_p24() {
    let with = |status: &str, closes: i64| Row {
        appeal: Some((status.into(), closes)),
        ..scored()
    };
    assert_eq!(
        blocker(&with("submitted", 0), 10),
        Some(Blocked::AppealOpen)
    );
    assert!(
        blocker(&with("submitted", 0), 10)
            .unwrap()
            .to_string()
            .contains("appeal is open")
    );
    let window = blocker(&with("draft", 20), 10).unwrap();
    assert_eq!(
        (window.code(), window.until_ms()),
        ("appeal_window", Some(20))
    );
    assert!(window.to_string().contains("p.21"));
    assert_eq!(
        blocker(&with("draft", 5), 10),
        None,
        "the window closed unfiled"
    );
    assert_eq!(blocker(&with("closed", 0), 10), None);
}

#[test]
fn an_officer_reaches_its_region_only_and_an_admin_every_one() {
    assert!(in_scope(&Scope::Region("astana".into()), "astana"));
    assert!(!in_scope(&Scope::Region("astana".into()), "karaganda"));
    assert!(!in_scope(&Scope::Region("astana".into()), ""));
    assert!(in_scope(&Scope::All(None), "karaganda"));
    assert!(!in_scope(&Scope::All(Some("abai".into())), "karaganda"));
}

#[test]
fn appendix_5_reports_the_decided_rows_with_the_verdict_and_its_date() {
    let astana = Region::by_slug("astana").unwrap();
    let table = appendix5(astana, &[scored()]);
    assert!(table.rows.is_empty(), "an undecided row is not reported");
    let decided = Row {
        decision: Some(store::certificate::DecisionRow {
            decision_id: "d1".into(),
            session_id: "s1".into(),
            result_id: "r1".into(),
            region: "astana".into(),
            verdict: Verdict::FitsPosition,
            decided_on: jiff::civil::date(2026, 11, 30),
            order_number: "17".into(),
            note: String::new(),
            due_on: jiff::civil::date(2026, 12, 9),
            due_provisional: false,
            decided_at: 0,
            decided_by: "leb".into(),
        }),
        ..scored()
    };
    let table = appendix5(astana, &[scored(), decided]);
    assert_eq!(table.header, crate::domain::report::APPENDIX5_HEADER);
    assert_eq!(table.rows.len(), 1);
    let cells: Vec<String> = table.rows[0]
        .iter()
        .map(|c| match c {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("#{n}"),
            Cell::Empty => String::new(),
        })
        .collect();
    assert_eq!(&cells[1..3], ["850310300011", "Гауһар Әбілқызы"]);
    assert_eq!(&cells[5..7], ["", ""], "no category for a fitness decision");
    assert!(
        cells[7].contains("соответствует занимаемой должности"),
        "{cells:?}"
    );
    assert_eq!(cells[8], "2026-11-30", "the decision's own date");
}
