//! Tests of the policy: the default over every kind and verdict, thresholds, validation.

use super::*;
use crate::signal::Severity;

fn sig(kind: Kind, confidence: f64, duration_s: f64) -> Signal {
    Signal {
        event_id: "e".into(),
        session_id: "s".into(),
        kind,
        severity: Severity::Medium,
        confidence,
        occurred_at: 0,
        duration_s,
        source: "native".into(),
        review: Review::Automated,
        evidence: vec![],
        replaces: None,
        raw: String::new(),
    }
}

fn human(mut s: Signal) -> Signal {
    s.review = Review::Human {
        reviewer: "r".into(),
    };
    s
}

#[test]
fn verdicts_under_the_default_policy() {
    let p = Policy::default();
    let v = |v| sig(Kind::Verdict(v), 1.0, 0.0);
    assert_eq!(decide(&p, &[], &human(v(Verdict::Violation))), Action::Void);
    assert_eq!(decide(&p, &[], &v(Verdict::Violation)), Action::Flag);
    assert_eq!(
        decide(&p, &[], &human(v(Verdict::Suspicious))),
        Action::Flag
    );
    assert_eq!(decide(&p, &[], &v(Verdict::Suspicious)), Action::Flag);
    for verdict in [Verdict::Clean, Verdict::NotReviewed] {
        assert_eq!(decide(&p, &[], &human(v(verdict))), Action::Record);
        assert_eq!(decide(&p, &[], &v(verdict)), Action::Record);
    }
}

#[test]
fn no_automated_observation_ever_voids_under_the_default_policy() {
    let p = Policy::default();
    for kind in Kind::OBSERVATIONS {
        let many: Vec<Signal> = (0..100).map(|_| sig(kind, 1.0, 600.0)).collect();
        assert_ne!(
            decide(&p, &many, &sig(kind, 1.0, 600.0)),
            Action::Void,
            "{kind:?}"
        );
    }
}

#[test]
fn each_observation_kind_first_seen_under_the_default_policy() {
    let p = Policy::default();
    for kind in Kind::OBSERVATIONS {
        let expected = match kind {
            Kind::IdentityMismatch | Kind::SessionTakeover => Action::Flag,
            _ => Action::Record,
        };
        assert_eq!(decide(&p, &[], &sig(kind, 1.0, 0.0)), expected, "{kind:?}");
    }
}

#[test]
fn counts_accumulate_toward_review_across_kinds_of_a_rule() {
    let p = Policy::default();
    let prior = [
        sig(Kind::TabHidden, 0.9, 0.0),
        sig(Kind::CopyPaste, 0.9, 0.0),
    ];
    assert_eq!(
        decide(&p, &prior[..1], &sig(Kind::FullscreenExit, 0.9, 0.0)),
        Action::Record
    );
    assert_eq!(
        decide(&p, &prior, &sig(Kind::FullscreenExit, 0.9, 0.0)),
        Action::Flag
    );
    // Kinds of other rules do not count.
    let other = [sig(Kind::GazeAway, 0.9, 0.0), sig(Kind::GazeAway, 0.9, 0.0)];
    assert_eq!(
        decide(&p, &other, &sig(Kind::TabHidden, 0.9, 0.0)),
        Action::Record
    );
}

#[test]
fn total_duration_flags_before_the_count_does() {
    let p = Policy::default();
    let prior = [sig(Kind::FaceAbsent, 0.8, 100.0)];
    assert_eq!(
        decide(&p, &prior, &sig(Kind::GazeAway, 0.8, 19.0)),
        Action::Record
    );
    assert_eq!(
        decide(&p, &prior, &sig(Kind::GazeAway, 0.8, 20.0)),
        Action::Flag
    );
}

#[test]
fn low_confidence_signals_neither_fire_nor_count() {
    let p = Policy::default();
    assert_eq!(
        decide(&p, &[], &sig(Kind::IdentityMismatch, 0.79, 0.0)),
        Action::Record
    );
    let weak = [sig(Kind::PhoneDetected, 0.5, 0.0)];
    assert_eq!(
        decide(&p, &weak, &sig(Kind::PhoneDetected, 0.9, 0.0)),
        Action::Record
    );
    let strong = [sig(Kind::PhoneDetected, 0.7, 0.0)];
    assert_eq!(
        decide(&p, &strong, &sig(Kind::PhoneDetected, 0.9, 0.0)),
        Action::Flag
    );
}

#[test]
fn a_campaign_may_void_automatically_and_the_strongest_action_wins() {
    let p = Policy::from_json(
        r#"{"rules": [
            {"kinds": ["phone_detected"], "count": 1, "action": "flag"},
            {"kinds": ["phone_detected"], "min_confidence": 0.95, "count": 1, "action": "void"}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        decide(&p, &[], &sig(Kind::PhoneDetected, 0.9, 0.0)),
        Action::Flag
    );
    assert_eq!(
        decide(&p, &[], &sig(Kind::PhoneDetected, 0.96, 0.0)),
        Action::Void
    );
    assert_eq!(
        decide(&p, &[], &sig(Kind::TabHidden, 1.0, 0.0)),
        Action::Record
    );
    // Defaults for verdicts when the campaign does not say.
    assert_eq!(p.human_violation, Action::Void);
    let p = Policy::from_json(r#"{"verdicts": {"human_violation": "flag"}}"#).unwrap();
    assert_eq!(
        decide(
            &p,
            &[],
            &human(sig(Kind::Verdict(Verdict::Violation), 1.0, 0.0))
        ),
        Action::Flag
    );
}

#[test]
fn the_default_policy_is_the_documented_json() {
    assert_eq!(Policy::default(), Policy::from_json(DEFAULT_JSON).unwrap());
    assert_eq!(Policy::default().rules.len(), 4);
}

#[test]
fn invalid_policies_name_the_field() {
    let field = |text: &str| Policy::from_json(text).unwrap_err().field;
    assert_eq!(field("[]"), "policy");
    assert_eq!(field("{"), "policy");
    assert_eq!(field(r#"{"rulez": []}"#), "rulez");
    assert_eq!(
        field(r#"{"verdicts": {"human_violation": "jail"}}"#),
        "verdicts.human_violation"
    );
    assert_eq!(
        field(r#"{"verdicts": {"other": "flag"}}"#),
        "verdicts.other"
    );
    assert_eq!(field(r#"{"rules": {}}"#), "rules");
    let rule = |r: &str| {
        field(&format!(
            r#"{{"rules": [{{"kinds": ["tab_hidden"], "count": 1, "action": "flag"}}, {r}]}}"#
        ))
    };
    assert_eq!(
        rule(r#"{"kinds": [], "count": 1, "action": "flag"}"#),
        "rules[1].kinds"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden", "sneeze"], "count": 1, "action": "flag"}"#),
        "rules[1].kinds[1]"
    );
    assert_eq!(
        rule(r#"{"kinds": ["verdict_violation"], "count": 1, "action": "flag"}"#),
        "rules[1].kinds[0]"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "min_confidence": 1.5, "count": 1, "action": "flag"}"#),
        "rules[1].min_confidence"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "count": 0, "action": "flag"}"#),
        "rules[1].count"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "action": "flag"}"#),
        "rules[1].count"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "total_duration_s": -1, "action": "flag"}"#),
        "rules[1].total_duration_s"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "count": 1}"#),
        "rules[1].action"
    );
    assert_eq!(
        rule(r#"{"kinds": ["tab_hidden"], "count": 1, "action": "flag", "why": 1}"#),
        "rules[1].why"
    );
}
