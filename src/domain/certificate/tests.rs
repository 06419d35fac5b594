//! The LEB's decision from every rules outcome, the certificate it gives, the number format,
//! the due date of p.32 (with a provisional 2027), and the seal's round trip.

use jiff::civil::date;

use super::seal::{self, Payload, SealError};
use super::*;
use crate::domain::rules::{
    Category as C, ConflictPolicy, DecisionInput, Percent, Position, Procedure, decide,
};

fn decided(
    slug: &str,
    procedure: Procedure,
    score: f64,
    current: Option<C>,
    claimed: Option<C>,
    policy: ConflictPolicy,
) -> Decision {
    let repeat = procedure == Procedure::Reattestation;
    decide(&DecisionInput {
        procedure,
        reattestation_of: repeat.then_some(if claimed.is_some() {
            Procedure::Category
        } else {
            Procedure::Periodic
        }),
        position: Position::by_slug(slug).unwrap(),
        score: Percent::new(score).unwrap(),
        current_category: current,
        claimed_category: claimed,
        policy,
    })
    .unwrap()
}

fn fitness(slug: &str, score: f64) -> Verdict {
    verdict(&decided(
        slug,
        Procedure::Periodic,
        score,
        None,
        None,
        ConflictPolicy::P30,
    ))
}

fn category(score: f64, current: C, claimed: C, policy: ConflictPolicy) -> Verdict {
    verdict(&decided(
        "cc_employment_specialist",
        Procedure::Category,
        score,
        Some(current),
        Some(claimed),
        policy,
    ))
}

#[test]
fn tmc_specialist_at_70_fits_and_at_69_does_not_p30_4() {
    assert_eq!(
        fitness("tmc_employment_specialist", 70.0),
        Verdict::FitsPosition
    );
    assert_eq!(
        fitness("tmc_employment_specialist", 69.0),
        Verdict::DoesNotFitPosition
    );
}

#[test]
fn head_of_department_at_85_fits_and_at_84_does_not_p30_3() {
    assert_eq!(
        fitness("tmc_head_of_department", 85.0),
        Verdict::FitsPosition
    );
    assert_eq!(
        fitness("tmc_head_of_department", 84.0),
        Verdict::DoesNotFitPosition
    );
}

#[test]
fn category_applicant_at_85_is_assigned_the_claimed_category_p30_2() {
    assert_eq!(
        category(
            85.0,
            C::CareerConsultant,
            C::CaseManager,
            ConflictPolicy::P30
        ),
        Verdict::CategoryAssigned {
            category: C::CaseManager
        }
    );
}

#[test]
fn confirming_the_current_category_at_85_confirms_it() {
    assert_eq!(
        category(90.0, C::CaseManager, C::CaseManager, ConflictPolicy::P30),
        Verdict::CategoryConfirmed {
            category: C::CaseManager
        }
    );
}

#[test]
fn category_applicant_at_84_keeps_the_current_category_p33() {
    assert_eq!(
        category(
            84.0,
            C::CareerConsultant,
            C::CaseManager,
            ConflictPolicy::P30
        ),
        Verdict::CategoryKept {
            category: C::CareerConsultant
        }
    );
}

#[test]
fn below_70_under_p30_one_below_the_claimed_is_the_current_one_kept() {
    assert_eq!(
        category(69.0, C::CaseManager, C::Mentor, ConflictPolicy::P30),
        Verdict::CategoryKept {
            category: C::CaseManager
        }
    );
}

#[test]
fn below_70_under_p27_the_category_is_lowered_one_below_the_current() {
    assert_eq!(
        category(69.0, C::CaseManager, C::Mentor, ConflictPolicy::P27),
        Verdict::CategoryLowered {
            category: C::CareerConsultant
        }
    );
}

#[test]
fn confirming_below_70_lowers_the_category_p30_2() {
    assert_eq!(
        category(60.0, C::Mentor, C::Mentor, ConflictPolicy::P30),
        Verdict::CategoryLowered {
            category: C::CaseManager
        }
    );
}

#[test]
fn reattestation_below_70_without_a_category_is_dismissal_p28_1() {
    let d = decided(
        "cc_employment_specialist",
        Procedure::Reattestation,
        50.0,
        Some(C::NoCategory),
        Some(C::CareerConsultant),
        ConflictPolicy::P30,
    );
    assert!(d.consequences.dismissal);
    assert_eq!(verdict(&d), Verdict::Dismissal);
}

#[test]
fn every_outcome_code_maps_to_the_verdict_that_says_the_same() {
    use crate::domain::rules::decision::OutcomeCode as O;
    let cases = [
        (fitness("tmc_employment_specialist", 70.0), O::FitsPosition),
        (
            fitness("tmc_employment_specialist", 10.0),
            O::DoesNotFitPosition,
        ),
        (
            category(
                85.0,
                C::NoCategory,
                C::CareerConsultant,
                ConflictPolicy::P30,
            ),
            O::FitsClaimedCategory,
        ),
        (
            category(
                70.0,
                C::NoCategory,
                C::CareerConsultant,
                ConflictPolicy::P30,
            ),
            O::FitsCurrentCategory,
        ),
        (
            category(0.0, C::CaseManager, C::Mentor, ConflictPolicy::P30),
            O::FitsCategoryBelowClaimed,
        ),
        (
            category(0.0, C::CaseManager, C::Mentor, ConflictPolicy::P27),
            O::FitsCategoryBelowCurrent,
        ),
    ];
    let codes: Vec<&str> = cases.iter().map(|(v, _)| v.code()).collect();
    assert_eq!(
        codes,
        [
            "fits_position",
            "does_not_fit_position",
            "category_assigned",
            "category_kept",
            "category_kept",
            "category_lowered"
        ]
    );
}

#[test]
fn a_category_assigned_gives_appendix_3_for_three_years_p7() {
    let g = grant(
        Verdict::CategoryAssigned {
            category: C::Mentor,
        },
        date(2026, 12, 3),
    )
    .unwrap();
    assert_eq!(g.kind, Kind::Appendix3);
    assert_eq!(g.category, Some(C::Mentor));
    assert_eq!(g.valid_until, date(2029, 12, 3));
}

#[test]
fn fitness_gives_appendix_4_until_the_next_periodic_attestation_p3() {
    let g = grant(Verdict::FitsPosition, date(2028, 2, 29)).unwrap();
    assert_eq!(g.kind, Kind::Appendix4);
    assert_eq!(g.category, None);
    assert_eq!(g.valid_until, date(2031, 2, 28));
}

#[test]
fn kept_negative_and_no_category_give_no_certificate() {
    let on = date(2026, 12, 3);
    assert_eq!(
        grant(
            Verdict::CategoryKept {
                category: C::Mentor
            },
            on
        ),
        Err(NoCertificate::CategoryKept(C::Mentor))
    );
    assert_eq!(
        grant(Verdict::DoesNotFitPosition, on),
        Err(NoCertificate::Negative("does_not_fit_position"))
    );
    assert_eq!(
        grant(Verdict::Dismissal, on),
        Err(NoCertificate::Negative("dismissal"))
    );
    assert_eq!(
        grant(
            Verdict::CategoryLowered {
                category: C::NoCategory
            },
            on
        ),
        Err(NoCertificate::NoCategory)
    );
    assert!(
        grant(
            Verdict::CategoryLowered {
                category: C::CareerConsultant
            },
            on
        )
        .is_ok()
    );
}

#[test]
fn a_number_reads_back_and_its_random_part_is_base32() {
    let n = Number::new(18, 2026, 42, [0, 31, 7, 200, 255]);
    assert_eq!(n.to_string(), "18-2026-00042-0Z78Z");
    assert_eq!(Number::parse(&n.to_string()), Some(n));
    assert_eq!(region_number("abai"), Some(1));
    assert_eq!(region_number("astana"), Some(18));
    assert_eq!(region_number("shymkent"), Some(20));
    assert_eq!(region_number("atlantis"), None);
}

#[test]
fn malformed_numbers_are_refused_before_any_lookup() {
    for bad in [
        "",
        "18-2026-00042",
        "18-2026-00042-0Z78",
        "18-2026-00042-0Z78ZZ",
        "18-2026-00042-0Z78I",
        "18-2026-0042-0Z78Z",
        "21-2026-00042-0Z78Z",
        "00-2026-00042-0Z78Z",
        "18-2026-00042-0z78z",
        "18-2026-00042-0Z78Z-1",
        "../../etc",
    ] {
        assert_eq!(Number::parse(bad), None, "{bad}");
    }
}

#[test]
fn due_counts_3_working_days_from_the_dispatch_p32() {
    let calendar = Calendar::embedded().unwrap();
    // Tuesday 1 December 2026, 10:00 in Almaty: 2, 3 and 4 December.
    let sent: Timestamp = "2026-12-01T05:00:00Z".parse().unwrap();
    let due = decision_due(&calendar, Some(sent), date(2026, 11, 20)).unwrap();
    assert_eq!(due.from, DueFrom::Dispatch);
    assert_eq!(due.received_on, date(2026, 12, 1));
    assert_eq!(due.last_day, date(2026, 12, 4));
    assert!(!due.provisional);
    assert!(!due.overdue_on(date(2026, 12, 4)));
    assert!(due.overdue_on(date(2026, 12, 5)));
}

#[test]
fn due_skips_the_nauryz_days_off_of_2026() {
    let calendar = Calendar::embedded().unwrap();
    // Friday 20 March 2026; 23, 24 and 25 March are days off: 26, 27 and 30 March.
    let sent: Timestamp = "2026-03-20T06:00:00Z".parse().unwrap();
    let due = decision_due(&calendar, Some(sent), date(2026, 3, 10)).unwrap();
    assert_eq!(due.last_day, date(2026, 3, 30));
}

#[test]
fn without_a_dispatch_due_counts_from_the_p31_deadline_and_2027_is_provisional() {
    let calendar = Calendar::embedded().unwrap();
    // Testing ends Friday 29 January 2027: the QIO's 5 working days end Friday 5 February,
    // the LEB's 3 on Wednesday 10 February; 2027's decree is not entered.
    let due = decision_due(&calendar, None, date(2027, 1, 29)).unwrap();
    assert_eq!(due.from, DueFrom::ReportDeadline);
    assert_eq!(due.received_on, date(2027, 2, 5));
    assert_eq!(due.last_day, date(2027, 2, 10));
    assert!(due.provisional);
    assert_eq!(due.provisional_years, [2027]);
}

fn payload(key: &str) -> Payload {
    Payload {
        v: seal::VERSION,
        n: "18-2026-00042-0Z78Z".into(),
        k: Kind::Appendix3,
        f: "Гауһар Әбілқызы".into(),
        d: "category_assigned".into(),
        w: "mentor".into(),
        t: "2026-12-03".into(),
        u: "2029-12-03".into(),
        i: key.into(),
    }
}

fn test_key() -> Vec<u8> {
    let rng = ring::rand::SystemRandom::new();
    ring::signature::Ed25519KeyPair::generate_pkcs8(&rng)
        .unwrap()
        .as_ref()
        .to_vec()
}

#[test]
fn a_sealed_payload_verifies_with_its_public_key_and_opens_to_the_same_fields() {
    let pkcs8 = test_key();
    let public = seal::public_key(&pkcs8).unwrap();
    let id = seal::key_id(&public);
    assert_eq!(id.len(), 16);
    let sealed = seal::seal(&pkcs8, &payload(&id)).unwrap();
    assert!(seal::verifies(&public, &sealed.payload, &sealed.signature));
    assert_eq!(seal::open(&sealed.payload).unwrap(), payload(&id));
    let url = seal::verify_url("https://synaq.example/", "18-2026-00042-0Z78Z", &sealed);
    assert_eq!(
        url,
        format!(
            "https://synaq.example/verify/18-2026-00042-0Z78Z?p={}&s={}",
            sealed.payload, sealed.signature
        )
    );
    assert!(url.len() < 420, "{} characters: {url}", url.len());
}

#[test]
fn a_changed_payload_another_key_or_a_bad_signature_does_not_verify() {
    let pkcs8 = test_key();
    let public = seal::public_key(&pkcs8).unwrap();
    let sealed = seal::seal(&pkcs8, &payload("k")).unwrap();
    let mut forged = payload("k");
    forged.u = "2099-12-03".into();
    let forged = seal::seal(&test_key(), &forged).unwrap();
    assert!(!seal::verifies(&public, &forged.payload, &sealed.signature));
    assert!(!seal::verifies(&public, &forged.payload, &forged.signature));
    let other = seal::public_key(&test_key()).unwrap();
    assert!(!seal::verifies(&other, &sealed.payload, &sealed.signature));
    assert!(!seal::verifies(&public, &sealed.payload, "not base64!"));
    assert!(!seal::verifies(&public, "", &sealed.signature));
    assert_eq!(
        seal::seal(b"not a key", &payload("k")),
        Err(SealError::BadKey)
    );
    assert!(seal::open("e30").is_err(), "{{}} lacks the fields");
}

#[test]
fn a_kind_is_stored_and_signed_in_its_one_form() {
    for kind in [Kind::Appendix3, Kind::Appendix4] {
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            serde_json::Value::from(kind.as_str())
        );
        assert_eq!(Kind::parse(kind.as_str()), Some(kind));
    }
}
