//! Tests of the appeal rules with the law's own numbers: the p.21 window across a weekend and
//! the Nauryz holidays of 2026, the p.25 grounds, the p.23 composition and recusal, majorities,
//! the p.24 SLA, and rescoring that moves a head of unit from 84 to 85 (p.17, p.26, p.30).

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use super::commission::MIN_VOTERS;
use super::filing::{
    JUSTIFICATION_MAX_CHARS, JUSTIFICATION_MIN_CHARS, may_file, validate_questions,
};
use super::rescore::{redecide, rescore};
use super::sla::{ESCALATE_WITHIN_MS, compliance, decide_by};
use super::voting::{check_vote, outcome, tally};
use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::exam::Score;
use crate::domain::rules::decision::OutcomeCode;
use crate::domain::rules::{ConflictPolicy, DecisionInput, Percent, Position, Procedure};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn calendar() -> Calendar {
    Calendar::embedded().unwrap()
}

fn shown(at_: &str) -> FilingContext {
    FilingContext {
        result_shown: Some(at(at_)),
        voided: false,
        already_submitted: false,
    }
}

const WHY: &str = "Согласно п.17 Правил порог равен 85 процентам, а не 70.";

fn raw(number: i64, ground: &str, justification: &str) -> RawQuestion {
    RawQuestion {
        number,
        ground: ground.into(),
        justification: justification.into(),
    }
}

// ---- p.21: the filing window ----

#[test]
fn window_across_the_nauryz_holidays_and_a_weekend_p21() {
    // Shown Friday 20 March 2026, 15:00 Almaty. 21-22 March is a weekend, 23-25 March are the
    // Nauryz days off: the 2 working days are Thursday 26 and Friday 27 March.
    let ctx = shown("2026-03-20T10:00:00Z");
    let deadline = may_file(&calendar(), ctx, at("2026-03-20T10:00:00Z")).unwrap();
    assert_eq!(deadline.last_day.to_string(), "2026-03-27");
    // The last accepted minute: 23:59 on Friday 27 March in Almaty (18:59 UTC).
    assert!(may_file(&calendar(), ctx, at("2026-03-27T18:59:00Z")).is_ok());
    assert!(may_file(&calendar(), ctx, at("2026-03-27T18:59:59.999Z")).is_ok());
    // The first refused one: 00:00 on Saturday 28 March in Almaty.
    let late = may_file(&calendar(), ctx, at("2026-03-27T19:00:00Z")).unwrap_err();
    assert_eq!(late.code(), "window_closed");
    let message = late.to_string();
    assert!(
        message.contains("2026-03-27") && message.contains("p.21"),
        "{message}"
    );
    // A week of holidays is no extension of the window on the holidays themselves.
    assert!(may_file(&calendar(), ctx, at("2026-03-24T06:00:00Z")).is_ok());
}

#[test]
fn window_across_a_plain_weekend_p21() {
    // Shown Friday 10 April 2026: Monday 13 and Tuesday 14 April; closes 00:00 Wednesday.
    let ctx = shown("2026-04-10T07:00:00Z");
    assert!(may_file(&calendar(), ctx, at("2026-04-14T18:59:00Z")).is_ok());
    assert!(may_file(&calendar(), ctx, at("2026-04-14T19:00:00Z")).is_err());
    // The Saturday and Sunday do not count: Monday evening is in time.
    assert!(may_file(&calendar(), ctx, at("2026-04-13T17:00:00Z")).is_ok());
}

#[test]
fn a_result_shown_late_at_night_utc_counts_from_its_almaty_day_p21() {
    // 20:30 UTC on Thursday 9 April is 01:30 Friday 10 April in Almaty.
    let ctx = shown("2026-04-09T20:30:00Z");
    let deadline = may_file(&calendar(), ctx, at("2026-04-10T00:00:00Z")).unwrap();
    assert_eq!(deadline.last_day.to_string(), "2026-04-14");
}

#[test]
fn no_appeal_for_a_voided_session_or_twice_or_before_a_result_p19_p21() {
    let mut ctx = shown("2026-04-10T07:00:00Z");
    let now = at("2026-04-10T08:00:00Z");
    ctx.voided = true;
    let voided = may_file(&calendar(), ctx, now).unwrap_err();
    assert_eq!(voided, AppealError::Voided);
    assert!(voided.to_string().contains("p.19"));
    ctx.voided = false;
    ctx.already_submitted = true;
    assert_eq!(
        may_file(&calendar(), ctx, now),
        Err(AppealError::AlreadyFiled)
    );
    ctx.already_submitted = false;
    ctx.result_shown = None;
    assert_eq!(may_file(&calendar(), ctx, now), Err(AppealError::NoResult));
}

#[test]
fn a_year_outside_the_calendar_is_an_error_not_an_open_window() {
    // Years after the file's are computed (provisional); 2021 is before its statutory rules
    // (since 2022) and not entered, so the calendar cannot count it.
    let ctx = shown("2021-04-09T07:00:00Z");
    let err = may_file(&calendar(), ctx, at("2021-04-09T08:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "calendar");
    assert!(err.to_string().contains("p.21"), "{err}");
}

// ---- p.21, p.25: the disputed questions ----

#[test]
fn every_ground_of_p25_is_accepted_and_technical_ones_are_told_apart() {
    for ground in Ground::ALL {
        let valid = validate_questions(&[raw(7, ground.as_str(), WHY)], 100).unwrap();
        assert_eq!(valid[0].ground, ground);
    }
    assert!(Ground::FragmentMissing.is_technical() && Ground::SoftwareError.is_technical());
    assert!(!Ground::KeyDisputed.is_technical());
    assert!(!Ground::NoCorrectOption.is_technical() && !Ground::QuestionWrong.is_technical());
}

#[test]
fn a_question_outside_the_paper_is_refused_naming_it_and_the_field() {
    for number in [0, 101, -3] {
        let Err(AppealError::Invalid(errors)) =
            validate_questions(&[raw(number, "key_disputed", WHY)], 100)
        else {
            panic!("question {number} accepted");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].question, Some(number));
        assert_eq!(errors[0].field, "questions[0].number");
        assert!(errors[0].message.contains("not on your paper (1..=100)"));
    }
    assert!(validate_questions(&[raw(100, "key_disputed", WHY)], 100).is_ok());
    assert!(validate_questions(&[raw(1, "key_disputed", WHY)], 100).is_ok());
}

#[test]
fn a_bad_ground_a_short_or_long_justification_and_a_repeat_are_each_named() {
    let long = "ы".repeat(JUSTIFICATION_MAX_CHARS + 1);
    let short = "қ".repeat(JUSTIFICATION_MIN_CHARS - 1);
    let Err(AppealError::Invalid(errors)) = validate_questions(
        &[
            raw(3, "unfair", WHY),
            raw(4, "key_disputed", &short),
            raw(5, "key_disputed", &long),
            raw(3, "question_wrong", WHY),
        ],
        100,
    ) else {
        panic!("accepted");
    };
    let fields: Vec<(Option<i64>, &str)> = errors
        .iter()
        .map(|e| (e.question, e.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (Some(3), "questions[0].ground"),
            (Some(4), "questions[1].justification"),
            (Some(5), "questions[2].justification"),
            (Some(3), "questions[3].number"),
        ]
    );
    assert!(errors[1].message.contains("p.21"));
    assert!(errors[0].message.contains("p.25"));
}

#[test]
fn justification_bounds_count_characters_not_bytes_and_trim() {
    let exactly_min = "ә".repeat(JUSTIFICATION_MIN_CHARS);
    assert!(validate_questions(&[raw(1, "key_disputed", &exactly_min)], 100).is_ok());
    let exactly_max = "ә".repeat(JUSTIFICATION_MAX_CHARS);
    assert!(validate_questions(&[raw(1, "key_disputed", &exactly_max)], 100).is_ok());
    let padded = format!("   {}   ", "ә".repeat(JUSTIFICATION_MIN_CHARS - 1));
    assert!(validate_questions(&[raw(1, "key_disputed", &padded)], 100).is_err());
    let valid = validate_questions(&[raw(1, "key_disputed", &format!(" {WHY} "))], 100).unwrap();
    assert_eq!(valid[0].justification, WHY);
}

#[test]
fn an_empty_appeal_is_refused_p21() {
    let Err(AppealError::Invalid(errors)) = validate_questions(&[], 100) else {
        panic!("accepted");
    };
    assert_eq!(
        (errors[0].question, errors[0].field.as_str()),
        (None, "questions")
    );
}

// ---- p.22, p.23: the commission ----

fn member(name: &str, seat: Seat, org: &str) -> CommissionMember {
    CommissionMember {
        username: name.into(),
        seat,
        organization: Some(org.into()),
    }
}

fn commission_of(extra: &[CommissionMember]) -> Result<Commission, AppealError> {
    let mut members = vec![
        member("chair", Seat::Chair, "qio"),
        member("m1", Seat::Member, "cc-almaty"),
        member("m2", Seat::Member, "cc-astana"),
        member("sec", Seat::Secretary, "qio"),
    ];
    members.extend_from_slice(extra);
    Commission::form(members)
}

fn clause_of(err: AppealError) -> &'static str {
    match err {
        AppealError::Composition { clause, .. } => clause,
        other => panic!("not a composition error: {other}"),
    }
}

#[test]
fn a_chair_two_members_and_a_secretary_form_a_commission_p23() {
    let c = commission_of(&[]).unwrap();
    assert_eq!((c.chair(), c.secretary()), ("chair", "sec"));
    let five = commission_of(&[
        member("m3", Seat::Member, "x"),
        member("m4", Seat::Member, "y"),
    ]);
    assert!(five.is_ok());
}

#[test]
fn an_even_number_of_voters_is_refused_p23() {
    let err = commission_of(&[member("m3", Seat::Member, "x")]).unwrap_err();
    assert!(err.to_string().contains("4 voting members"), "{err}");
    assert_eq!(clause_of(err), "p.23");
    // Reserves and the secretary do not count as voters: still 3.
    assert!(commission_of(&[member("r1", Seat::Reserve, "x")]).is_ok());
}

#[test]
fn a_lone_voter_is_no_commission() {
    let err = Commission::form(vec![
        member("chair", Seat::Chair, "qio"),
        member("sec", Seat::Secretary, "qio"),
    ])
    .unwrap_err();
    assert!(err.to_string().contains(&format!("at least {MIN_VOTERS}")));
    assert_eq!(clause_of(err), "p.23");
}

#[test]
fn no_chair_or_two_chairs_is_refused_p22() {
    let err = Commission::form(vec![
        member("m1", Seat::Member, "a"),
        member("m2", Seat::Member, "b"),
        member("m3", Seat::Member, "c"),
        member("sec", Seat::Secretary, "qio"),
    ])
    .unwrap_err();
    assert!(err.to_string().contains("no chair"));
    assert_eq!(clause_of(err), "p.22");
    let two = commission_of(&[member("chair2", Seat::Chair, "x")]).unwrap_err();
    assert_eq!(clause_of(two), "p.22");
}

#[test]
fn a_voting_secretary_is_refused_p23() {
    // The secretary named again in a voting seat.
    let err = commission_of(&[
        member("sec", Seat::Member, "qio"),
        member("m3", Seat::Member, "x"),
    ])
    .unwrap_err();
    assert!(err.to_string().contains("secretary has no vote"), "{err}");
    assert_eq!(clause_of(err), "p.23");
    let none = Commission::form(vec![
        member("chair", Seat::Chair, "qio"),
        member("m1", Seat::Member, "a"),
        member("m2", Seat::Member, "b"),
    ])
    .unwrap_err();
    assert_eq!(clause_of(none), "p.23");
}

#[test]
fn recusal_is_replaced_from_the_reserve_keeping_the_panel_odd_p23() {
    let c = commission_of(&[
        member("r1", Seat::Reserve, "cc-almaty"),
        member("r2", Seat::Reserve, "cc-shymkent"),
    ])
    .unwrap();
    let panel = c.panel_for(Some("cc-almaty")).unwrap();
    // m1 recuses; r1 is from the same organization, so r2 sits.
    assert_eq!(panel.recused, ["m1"]);
    assert_eq!(panel.substitutes, ["r2"]);
    assert_eq!(panel.voters, ["chair", "m2", "r2"]);
    assert_eq!(panel.voters.len() % 2, 1);
    // No conflict: the commission's voters, no substitutes.
    let plain = c.panel_for(Some("cc-karaganda")).unwrap();
    assert_eq!(plain.voters, ["chair", "m1", "m2"]);
    assert!(plain.recused.is_empty() && plain.substitutes.is_empty());
}

#[test]
fn recusal_without_a_substitute_says_why_p23() {
    let c = commission_of(&[member("r1", Seat::Reserve, "cc-almaty")]).unwrap();
    let err = c.panel_for(Some("cc-almaty")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("m1") && message.contains("odd"),
        "{message}"
    );
    assert_eq!(err.code(), "recusal");
    // The chair recusing leaves no one to preside.
    let err = c.panel_for(Some("qio")).unwrap_err();
    assert!(err.to_string().contains("chair"), "{err}");
}

// ---- p.23, p.24: votes and majorities ----

fn disputed(numbers: &[(u32, Ground)]) -> Vec<DisputedQuestion> {
    numbers
        .iter()
        .map(|&(number, ground)| DisputedQuestion {
            number,
            ground,
            justification: WHY.into(),
        })
        .collect()
}

fn vote(voter: &str, question: u32, verdict: Verdict) -> Vote {
    Vote {
        voter: voter.into(),
        question,
        verdict,
        reason: "ключ соответствует норме".into(),
    }
}

fn panel() -> Panel {
    commission_of(&[]).unwrap().panel_for(None).unwrap()
}

#[test]
fn the_secretary_a_recused_member_and_a_stranger_cannot_vote_p23() {
    let qs = disputed(&[(12, Ground::KeyDisputed)]);
    let err = check_vote(&panel(), "sec", &qs, &vote("sec", 12, Verdict::Uphold)).unwrap_err();
    assert!(err.to_string().contains("secretary") && err.to_string().contains("p.23"));
    let c = commission_of(&[member("r1", Seat::Reserve, "z")]).unwrap();
    let recused = c.panel_for(Some("cc-almaty")).unwrap();
    let err = check_vote(&recused, "sec", &qs, &vote("m1", 12, Verdict::Uphold)).unwrap_err();
    assert!(err.to_string().contains("recused"));
    assert!(check_vote(&recused, "sec", &qs, &vote("r1", 12, Verdict::Uphold)).is_ok());
    let err = check_vote(&panel(), "sec", &qs, &vote("r1", 12, Verdict::Uphold)).unwrap_err();
    assert_eq!(err.code(), "not_a_voter");
}

#[test]
fn a_vote_on_an_undisputed_question_or_without_a_reason_is_refused() {
    let qs = disputed(&[(12, Ground::KeyDisputed)]);
    let err = check_vote(&panel(), "sec", &qs, &vote("m1", 13, Verdict::Reject)).unwrap_err();
    assert!(matches!(err, AppealError::BadVote { ref field, .. } if field == "question"));
    let mut silent = vote("m1", 12, Verdict::Reject);
    silent.reason = "  ".into();
    let err = check_vote(&panel(), "sec", &qs, &silent).unwrap_err();
    assert!(matches!(err, AppealError::BadVote { ref field, .. } if field == "reason"));
}

#[test]
fn two_of_three_uphold_one_question_and_reject_the_other() {
    let qs = disputed(&[(12, Ground::KeyDisputed), (40, Ground::QuestionWrong)]);
    let votes = [
        vote("chair", 12, Verdict::Uphold),
        vote("m1", 12, Verdict::Uphold),
        vote("m2", 12, Verdict::Reject),
        vote("chair", 40, Verdict::Reject),
        vote("m1", 40, Verdict::Uphold),
        vote("m2", 40, Verdict::Reject),
    ];
    let result = tally(&panel(), &qs, &votes).unwrap();
    assert_eq!(
        (result[0].uphold, result[0].reject, result[0].upheld),
        (2, 1, true)
    );
    assert_eq!(
        (result[1].uphold, result[1].reject, result[1].upheld),
        (1, 2, false)
    );
}

#[test]
fn a_changed_vote_counts_once_and_a_missing_vote_blocks_the_close() {
    let qs = disputed(&[(12, Ground::KeyDisputed)]);
    let votes = [
        vote("chair", 12, Verdict::Reject),
        vote("m1", 12, Verdict::Uphold),
        vote("chair", 12, Verdict::Uphold),
    ];
    let err = tally(&panel(), &qs, &votes).unwrap_err();
    assert!(err.to_string().contains("m2 on question 12"), "{err}");
    let mut all = votes.to_vec();
    all.push(vote("m2", 12, Verdict::Reject));
    let result = tally(&panel(), &qs, &all).unwrap();
    assert_eq!((result[0].uphold, result[0].reject), (2, 1));
}

#[test]
fn outcomes_follow_the_ground_p25() {
    let options: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
    let upheld = Majority {
        question: 12,
        uphold: 2,
        reject: 1,
        upheld: true,
    };
    let rejected = Majority {
        upheld: false,
        uphold: 1,
        reject: 2,
        ..upheld.clone()
    };
    let key = disputed(&[(12, Ground::KeyDisputed)]).remove(0);
    let wrong = disputed(&[(12, Ground::QuestionWrong)]).remove(0);
    let tech = disputed(&[(12, Ground::SoftwareError)]).remove(0);
    let corrected = QuestionOutcome::KeyCorrected {
        key: BTreeSet::from(["c".to_string()]),
    };
    assert_eq!(
        outcome(&key, &rejected, None, &options).unwrap(),
        QuestionOutcome::Rejected
    );
    assert!(outcome(&key, &rejected, Some(&corrected), &options).is_err());
    assert_eq!(
        outcome(&key, &upheld, Some(&corrected), &options).unwrap(),
        corrected
    );
    assert!(outcome(&key, &upheld, None, &options).is_err());
    let unknown = QuestionOutcome::KeyCorrected {
        key: BTreeSet::from(["z".to_string()]),
    };
    assert!(outcome(&key, &upheld, Some(&unknown), &options).is_err());
    let empty = QuestionOutcome::KeyCorrected {
        key: BTreeSet::new(),
    };
    assert!(outcome(&key, &upheld, Some(&empty), &options).is_err());
    assert_eq!(
        outcome(&wrong, &upheld, None, &options).unwrap(),
        QuestionOutcome::Annulled
    );
    assert_eq!(
        outcome(&key, &upheld, Some(&QuestionOutcome::Annulled), &options).unwrap(),
        QuestionOutcome::Annulled
    );
    assert_eq!(
        outcome(&tech, &upheld, None, &options).unwrap(),
        QuestionOutcome::TechnicalFault
    );
    let err = outcome(&tech, &upheld, Some(&QuestionOutcome::Annulled), &options).unwrap_err();
    assert!(err.to_string().contains("p.25"));
    assert!(
        outcome(
            &wrong,
            &upheld,
            Some(&QuestionOutcome::TechnicalFault),
            &options
        )
        .is_err()
    );
}

// ---- p.24: the SLA ----

#[test]
fn decide_by_is_the_end_of_the_fifth_calendar_day_p24() {
    // Received Friday 27 March 2026, 16:00 Almaty: 28, 29, 30, 31 March and 1 April; weekends
    // count. The deadline is 00:00 Almaty on 2 April = 19:00 UTC on 1 April.
    let d = decide_by(&calendar(), at("2026-03-27T11:00:00Z")).unwrap();
    assert_eq!(d.last_day.to_string(), "2026-04-01");
    assert_eq!(d.closes_at.timestamp(), at("2026-04-01T19:00:00Z"));
    assert_eq!(d.clause, "p.24");
    // Received 23:30 Almaty on 27 March is still 27 March's day.
    let late = decide_by(&calendar(), at("2026-03-27T18:30:00Z")).unwrap();
    assert_eq!(late.last_day.to_string(), "2026-04-01");
}

#[test]
fn escalation_under_24_hours_and_a_breach_p24() {
    let due = at("2026-04-01T19:00:00Z");
    let state = |now: &str| SlaState::at(due, None, at(now));
    assert_eq!(
        state("2026-03-31T19:00:00Z"),
        SlaState::OnTime {
            left_ms: ESCALATE_WITHIN_MS
        }
    );
    assert_eq!(
        state("2026-03-31T19:00:00.001Z"),
        SlaState::Escalate {
            left_ms: ESCALATE_WITHIN_MS - 1
        }
    );
    assert_eq!(
        state("2026-04-01T18:59:59.999Z"),
        SlaState::Escalate { left_ms: 1 }
    );
    assert_eq!(
        state("2026-04-01T19:00:00Z"),
        SlaState::Breached { late_ms: 0 }
    );
    assert!(state("2026-04-02T01:00:00Z").is_breach());
    let closed = |when: &str| SlaState::at(due, Some(at(when)), at("2026-05-01T00:00:00Z"));
    assert_eq!(closed("2026-04-01T18:59:00Z"), SlaState::Met);
    assert_eq!(
        closed("2026-04-01T19:01:00Z"),
        SlaState::MetLate { late_ms: 60_000 }
    );
    assert!(
        closed("2026-04-01T19:01:00Z").is_breach() && !closed("2026-04-01T10:00:00Z").is_breach()
    );
}

#[test]
fn compliance_counts_every_settled_deadline() {
    let c = compliance(&[
        SlaState::Met,
        SlaState::Met,
        SlaState::Met,
        SlaState::MetLate { late_ms: 1 },
        SlaState::Breached { late_ms: 5 },
        SlaState::OnTime { left_ms: 9 },
        SlaState::Escalate { left_ms: 9 },
    ]);
    assert_eq!(
        (
            c.met,
            c.met_late,
            c.open_breached,
            c.open_on_time,
            c.open_escalated
        ),
        (3, 1, 1, 1, 1)
    );
    assert_eq!(c.percent, Some(60.0));
    assert_eq!(compliance(&[SlaState::OnTime { left_ms: 1 }]).percent, None);
}

// ---- p.26: rescoring ----

/// A 100-question paper with `correct` right answers; question 100 answered "a", keyed "b".
fn paper(correct: u32) -> Vec<PaperAnswer> {
    (1..=100)
        .map(|number| {
            let right = number <= correct;
            PaperAnswer {
                number,
                chosen: BTreeSet::from([if right { "b" } else { "a" }.to_string()]),
                key: BTreeSet::from(["b".to_string()]),
            }
        })
        .collect()
}

fn head_of_unit(score: f64) -> DecisionInput {
    DecisionInput {
        procedure: Procedure::Periodic,
        reattestation_of: None,
        position: Position::by_slug("tmc_head_of_department").unwrap(),
        score: Percent::new(score).unwrap(),
        current_category: None,
        claimed_category: None,
        policy: ConflictPolicy::default(),
    }
}

fn score_of(r: Rescored) -> Score {
    match r {
        Rescored::Score { score } => score,
        Rescored::Retake => panic!("retake"),
    }
}

#[test]
fn a_corrected_key_moves_a_head_of_unit_from_84_to_85_and_the_decision_p17_p26() {
    let before = crate::domain::rules::decide(&head_of_unit(84.0)).unwrap();
    assert_eq!(before.outcome.code, OutcomeCode::DoesNotFitPosition);
    // Question 100 was answered "a"; the commission corrects its key to "a".
    let changes = BTreeMap::from([(100, Change::KeyCorrected(BTreeSet::from(["a".to_string()])))]);
    let after = score_of(rescore(
        &paper(84),
        &changes,
        AnnulPolicy::default(),
        TechnicalRemedy::default(),
    ));
    assert_eq!(
        (after.correct, after.total, after.percent_bp),
        (85, 100, 8_500)
    );
    let decision = redecide(&head_of_unit(84.0), after).unwrap();
    assert_eq!(decision.outcome.code, OutcomeCode::FitsPosition);
}

#[test]
fn a_corrected_key_can_also_take_a_point_away() {
    // Question 1 was right under the old key "b"; the key becomes "c".
    let changes = BTreeMap::from([(1, Change::KeyCorrected(BTreeSet::from(["c".to_string()])))]);
    let after = score_of(rescore(
        &paper(85),
        &changes,
        AnnulPolicy::default(),
        TechnicalRemedy::default(),
    ));
    assert_eq!(after.correct, 84);
    assert_eq!(
        redecide(&head_of_unit(85.0), after).unwrap().outcome.code,
        OutcomeCode::DoesNotFitPosition
    );
}

#[test]
fn an_annulled_question_is_credited_by_default_or_removed_from_the_denominator() {
    let changes = BTreeMap::from([(100, Change::Annulled)]);
    let credited = score_of(rescore(
        &paper(84),
        &changes,
        AnnulPolicy::Credit,
        TechnicalRemedy::Credit,
    ));
    assert_eq!(
        (credited.correct, credited.total, credited.percent_bp),
        (85, 100, 8_500)
    );
    assert_eq!(
        redecide(&head_of_unit(84.0), credited)
            .unwrap()
            .outcome
            .code,
        OutcomeCode::FitsPosition
    );
    // 84 of 99 is 84.84%: still below 85 — the policy decides this head's fate.
    let removed = score_of(rescore(
        &paper(84),
        &changes,
        AnnulPolicy::RemoveFromDenominator,
        TechnicalRemedy::Credit,
    ));
    assert_eq!(
        (removed.correct, removed.total, removed.percent_bp),
        (84, 99, 8_484)
    );
    assert_eq!(
        redecide(&head_of_unit(84.0), removed).unwrap().outcome.code,
        OutcomeCode::DoesNotFitPosition
    );
    // An annulled question the candidate had right is no loss under either policy's count.
    let right = BTreeMap::from([(1, Change::Annulled)]);
    assert_eq!(
        score_of(rescore(
            &paper(84),
            &right,
            AnnulPolicy::Credit,
            TechnicalRemedy::Credit
        ))
        .correct,
        84
    );
}

#[test]
fn a_technical_fault_is_credited_or_grants_a_retake() {
    let changes = BTreeMap::from([(100, Change::TechnicalFault)]);
    let credited = score_of(rescore(
        &paper(69),
        &changes,
        AnnulPolicy::Credit,
        TechnicalRemedy::Credit,
    ));
    assert_eq!(credited.correct, 70);
    assert_eq!(
        rescore(
            &paper(69),
            &changes,
            AnnulPolicy::Credit,
            TechnicalRemedy::Retake
        ),
        Rescored::Retake
    );
}

#[test]
fn no_change_rescoring_reproduces_the_score() {
    let same = score_of(rescore(
        &paper(84),
        &BTreeMap::new(),
        AnnulPolicy::Credit,
        TechnicalRemedy::Credit,
    ));
    assert_eq!(
        (same.correct, same.total, same.percent_bp),
        (84, 100, 8_400)
    );
}
