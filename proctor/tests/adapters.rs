//! Each adapter's documented sample payload (tests/samples/, quoted in docs/proctoring.md)
//! verified and mapped onto the neutral model, and the refusals that name a field.

use synaq_proctor::adapter::{edx, native, proctorio, proctoru};
use synaq_proctor::policy::{Action, Policy, decide};
use synaq_proctor::signal::{Kind, Review, Severity, Verdict};
use synaq_proctor::verify::{self, NativeHeaders, Secrets};

const SECRET: &[u8] = b"whsec_example";
const TS: i64 = 1_767_225_600;
const NATIVE: &[u8] = include_bytes!("samples/native.json");
const EDX: &[u8] = include_bytes!("samples/edx.json");
const PROCTORIO: &[u8] = include_bytes!("samples/proctorio.json");
const PROCTORU: &[u8] = include_bytes!("samples/proctoru.json");

#[test]
fn the_native_sample_maps_onto_one_signal() {
    let sigs = native::parse(NATIVE, "acme").unwrap();
    assert_eq!(sigs.len(), 1);
    let s = &sigs[0];
    assert_eq!(
        (s.event_id.as_str(), s.session_id.as_str()),
        ("ev-1", "s-42")
    );
    assert_eq!(
        (s.kind, s.severity, s.confidence),
        (Kind::TabHidden, Severity::High, 0.9)
    );
    assert_eq!((s.occurred_at, s.duration_s), (TS, 4.5));
    assert_eq!((s.source.as_str(), &s.review), ("acme", &Review::Automated));
    assert_eq!(s.dedupe_key(), "acme:ev-1");
    assert!(s.raw.contains(r#""id":"ev-1""#));
}

#[test]
fn a_native_verdict_naming_its_reviewer_is_human_and_voids_by_default() {
    let body = br#"{"events":[{"id":"v-1","session_id":"s-42","kind":"verdict_violation","confidence":1,"occurred_at":1767225600,"reviewed_by":"analyst-3"}]}"#;
    let s = native::parse(body, "acme").unwrap().remove(0);
    assert_eq!(s.kind, Kind::Verdict(Verdict::Violation));
    assert_eq!(
        s.review,
        Review::Human {
            reviewer: "analyst-3".to_owned()
        }
    );
    let policy = Policy::default();
    assert_eq!(decide(&policy, &[], &s), Action::Void);
    // The same verdict from software only flags (docs/proctoring.md, the default policy).
    let automated = br#"{"events":[{"id":"v-2","session_id":"s-42","kind":"verdict_violation","confidence":1,"occurred_at":1767225600,"reviewed_by":""}]}"#;
    let s = native::parse(automated, "acme").unwrap().remove(0);
    assert_eq!(s.review, Review::Automated);
    assert_eq!(decide(&policy, &[], &s), Action::Flag);
    let bad = br#"{"events":[{"id":"v-3","session_id":"s-42","kind":"verdict_violation","confidence":1,"occurred_at":1,"reviewed_by":7}]}"#;
    assert_eq!(
        native::parse(bad, "acme").unwrap_err().field,
        "events[0].reviewed_by"
    );
}

#[test]
fn native_refusals_name_the_field() {
    let field = |body: &str| native::parse(body.as_bytes(), "acme").unwrap_err().field;
    assert_eq!(field("nope"), "body");
    assert_eq!(field(r#"{"events": []}"#), "events");
    let ev = |e: &str| field(&format!(r#"{{"events": [{e}]}}"#));
    let ok = r#""id":"a","session_id":"s","occurred_at":1,"confidence":0.5"#;
    assert_eq!(
        ev(&format!(r#"{{{ok},"kind":"sneeze"}}"#)),
        "events[0].kind"
    );
    assert_eq!(
        ev(r#"{"id":"a","session_id":"s","occurred_at":1,"kind":"tab_hidden","confidence":2}"#),
        "events[0].confidence"
    );
    assert_eq!(
        ev(r#"{"id":"a","occurred_at":1,"kind":"tab_hidden","confidence":0.5}"#),
        "events[0].session_id"
    );
    assert_eq!(
        ev(&format!(r#"{{{ok},"kind":"tab_hidden","duration_s":-1}}"#)),
        "events[0].duration_s"
    );
    assert_eq!(
        ev(&format!(r#"{{{ok},"kind":"tab_hidden","evidence":[3]}}"#)),
        "events[0].evidence[0]"
    );
    assert_eq!(
        ev(
            r#"{"id":"a","session_id":"s","occurred_at":"noon","kind":"tab_hidden","confidence":0.5}"#
        ),
        "events[0].occurred_at"
    );
}

#[test]
fn the_edx_sample_verifies_and_a_reviewed_violation_voids() {
    let sig = verify::sign_native(SECRET, TS, EDX);
    let h = NativeHeaders {
        timestamp: Some("1767225600"),
        signature: Some(&sig),
    };
    verify::verify_native(h, EDX, &Secrets::new(SECRET), TS).unwrap();
    let s = edx::parse(EDX, "edx-campus", "s-42", TS).unwrap().remove(0);
    assert_eq!(s.kind, Kind::Verdict(Verdict::Violation));
    assert_eq!(
        s.review,
        Review::Human {
            reviewer: "reviewer@example.edu".into()
        }
    );
    assert_eq!(s.occurred_at, 1_767_225_800);
    assert_eq!(
        s.evidence,
        ["comment:1767225800-1767225860:Second person entered the room"]
    );
    assert_eq!(s.replaces.as_deref(), Some("edx-review:s-42"));
    assert_eq!(decide(&Policy::default(), &[], &s), Action::Void);
}

#[test]
fn an_edx_violation_without_a_reviewer_goes_to_a_second_review() {
    let body = br#"{"status":"violation","comments":[],"reviewed_by":null}"#;
    let s = edx::parse(body, "edx", "s-1", TS).unwrap().remove(0);
    assert_eq!(
        (s.kind, &s.review, s.occurred_at),
        (Kind::Verdict(Verdict::Suspicious), &Review::Automated, TS)
    );
    assert_eq!(decide(&Policy::default(), &[], &s), Action::Flag);
}

#[test]
fn a_later_edx_review_replaces_the_earlier_and_a_retry_dedupes() {
    let first = edx::parse(EDX, "edx", "s-42", TS).unwrap().remove(0);
    let retry = edx::parse(EDX, "edx", "s-42", TS + 60).unwrap().remove(0);
    let later = edx::parse(
        br#"{"status":"passed","reviewed_by":"lead"}"#,
        "edx",
        "s-42",
        TS,
    )
    .unwrap()
    .remove(0);
    assert_eq!(first.dedupe_key(), retry.dedupe_key());
    assert_ne!(first.dedupe_key(), later.dedupe_key());
    assert_eq!(first.replaces, later.replaces);
    assert_eq!(later.kind, Kind::Verdict(Verdict::Clean));
}

#[test]
fn edx_refusals_name_the_field() {
    let field = |b: &str| edx::parse(b.as_bytes(), "edx", "s", TS).unwrap_err().field;
    assert_eq!(field(r#"{"status":"maybe"}"#), "status");
    assert_eq!(field(r#"{"reviewed_by":"x"}"#), "status");
    assert_eq!(field(r#"{"status":"passed","comments":{}}"#), "comments");
    assert_eq!(
        field(r#"{"status":"passed","comments":[{"comment":"c","start":5,"stop":4}]}"#),
        "comments[0].stop"
    );
    assert_eq!(
        field(r#"{"status":"passed","comments":[{"start":5,"stop":6}]}"#),
        "comments[0].comment"
    );
}

#[test]
fn the_proctorio_sample_maps_each_nonzero_flag() {
    let env = verify::verify_proctorio(PROCTORIO, &Secrets::new(SECRET)).unwrap();
    let sigs = proctorio::parse(&env.raw_data, "proctorio", TS).unwrap();
    let got: Vec<_> = sigs
        .iter()
        .map(|s| (s.kind, s.confidence, s.event_id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::MultipleFaces, 0.02, "rep-9:multiple_faces_detected"),
            (Kind::TabHidden, 0.125, "rep-9:unfocus_detected"),
        ]
    );
    assert!(
        sigs.iter()
            .all(|s| s.session_id == "s-42" && s.occurred_at == TS)
    );
}

#[test]
fn proctorio_refusals_name_the_field() {
    let field = |d: &str| proctorio::parse(d, "p", TS).unwrap_err().field;
    assert_eq!(
        field(r#"{"id":"r","user_id":"u","flags":{}}"#),
        "data.attempt_id"
    );
    assert_eq!(
        field(r#"{"id":"r","user_id":"u","attempt_id":"s","flags":{"sneeze_detected":0.1}}"#),
        "data.flags.sneeze_detected"
    );
    assert_eq!(
        field(r#"{"id":"r","user_id":"u","attempt_id":"s","flags":{"unfocus_detected":7}}"#),
        "data.flags.unfocus_detected"
    );
    assert_eq!(
        field(r#"{"id":"r","user_id":"u","attempt_id":"s"}"#),
        "data.flags"
    );
}

#[test]
fn the_proctoru_sample_maps_onto_one_human_raised_flag() {
    verify::verify_proctoru(
        Some(&verify::sign_proctoru(SECRET, PROCTORU)),
        PROCTORU,
        &Secrets::new(SECRET),
    )
    .unwrap();
    let s = proctoru::parse(PROCTORU, "proctoru").unwrap().remove(0);
    assert_eq!(
        (s.kind, s.severity, s.duration_s),
        (Kind::PhoneDetected, Severity::High, 12.0)
    );
    assert_eq!(
        (s.event_id.as_str(), s.session_id.as_str(), s.occurred_at),
        ("inc-7", "s-42", 1_767_225_700)
    );
    assert_eq!(
        s.review,
        Review::Human {
            reviewer: "proctor-17".into()
        }
    );
    assert_eq!(s.evidence, ["note:Phone held up to camera"]);
}

#[test]
fn proctoru_refusals_name_the_field() {
    let field = |b: &str| proctoru::parse(b.as_bytes(), "pu").unwrap_err().field;
    let base = r#""incident_id":"i","reservation_id":"s","occurred_at":1"#;
    assert_eq!(
        field(&format!(r#"{{{base},"type":"sneeze","severity":"low"}}"#)),
        "type"
    );
    assert_eq!(
        field(&format!(r#"{{{base},"type":"talking","severity":"dire"}}"#)),
        "severity"
    );
    assert_eq!(
        field(&format!(
            r#"{{{base},"type":"talking","severity":"low","duration_s":"long"}}"#
        )),
        "duration_s"
    );
    assert_eq!(
        field(r#"{"incident_id":"i","occurred_at":1,"type":"talking","severity":"low"}"#),
        "reservation_id"
    );
}

#[test]
fn docs_proctoring_quotes_the_samples_and_their_exact_signatures() {
    let doc = include_str!("../../docs/proctoring.md");
    for sample in [NATIVE, EDX, PROCTORIO, PROCTORU] {
        assert!(
            doc.contains(std::str::from_utf8(sample).unwrap()),
            "sample missing from the doc"
        );
    }
    let native_sig = verify::sign_native(SECRET, TS, NATIVE);
    let edx_sig = verify::sign_native(SECRET, TS, EDX);
    let proctoru_sig = verify::sign_proctoru(SECRET, PROCTORU);
    for sig in [native_sig, edx_sig, proctoru_sig] {
        assert!(doc.contains(&sig), "{sig} missing from the doc");
    }
    assert!(
        doc.contains(
            synaq_proctor::policy::DEFAULT_JSON
                .trim_start_matches('{')
                .trim_end_matches('}')
        )
    );
}
