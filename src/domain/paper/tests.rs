use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rand_core::RngCore;

use super::*;
use crate::domain::bank::{Bank, Kind, Lang, Section};
use crate::domain::synth::synthetic_bank;

fn profile(tags: &[&str]) -> Profile {
    Profile {
        name: "tmc_employment_specialist".into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        exam_date: jiff::civil::date(2026, 11, 27),
    }
}

fn seed_from(n: u64) -> Seed {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&n.to_le_bytes());
    Seed::from_bytes(bytes)
}

fn paper_for(
    bank: &Bank,
    tags: &[&str],
    seed: Seed,
    exclusions: &BTreeSet<String>,
) -> Result<Paper, PaperError> {
    assemble(&PaperRequest {
        bank,
        blueprint: &Blueprint::default(),
        profile: &profile(tags),
        lang: Lang::Ru,
        seed,
        exclusions,
    })
}

#[test]
fn chacha20_stream_matches_rfc_7539_zero_key_vector() {
    // RFC 7539 §2.3.2-style test: key and nonce all zero, block 0 keystream starts
    // 76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28.
    let mut rng = Seed::from_bytes([0; 32]).rng();
    assert_eq!(rng.next_u64(), 0x903d_f1a0_ade0_b876);
    assert_eq!(rng.next_u64(), 0x28bd_8653_e56a_5d40);
}

#[test]
fn golden_vector_for_the_shuffle_never_changes() {
    let mut rng = Seed::from_bytes([0; 32]).rng();
    assert_eq!(shuffle_unpinned(&mut rng, &[false; 10]), GOLDEN_SHUFFLE_10);
    let mut rng = Seed::from_bytes([7; 32]).rng();
    assert_eq!(sample_indices(&mut rng, 100, 10), GOLDEN_SAMPLE_10_OF_100);
}

const GOLDEN_SHUFFLE_10: [usize; 10] = [9, 7, 3, 6, 1, 4, 8, 5, 2, 0];
const GOLDEN_SAMPLE_10_OF_100: [usize; 10] = [8, 56, 92, 66, 9, 65, 11, 82, 79, 51];

#[test]
fn golden_paper_never_changes() {
    let bank = synthetic_bank(400);
    let paper = paper_for(
        &bank,
        &["all"],
        Seed::from_bytes([42; 32]),
        &BTreeSet::new(),
    )
    .unwrap();
    let first: Vec<(&str, Vec<&str>)> = paper.items[..3]
        .iter()
        .map(|i| {
            (
                i.question_id.as_str(),
                i.option_order.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let functional_first = &paper.items[50];
    assert_eq!(format!("{first:?}"), GOLDEN_PAPER_HEAD);
    assert_eq!(
        format!(
            "{:?}",
            (
                &functional_first.question_id,
                &functional_first.option_order
            )
        ),
        GOLDEN_PAPER_FUNCTIONAL_HEAD
    );
}

const GOLDEN_PAPER_HEAD: &str = r#"[("SL-0000128", ["a", "d", "b", "c"]), ("SL-0000052", ["a", "c", "b", "d"]), ("SL-0000160", ["b", "a", "c", "d"])]"#;
const GOLDEN_PAPER_FUNCTIONAL_HEAD: &str = r#"("SF-0000109", ["e", "d", "b", "c", "a"])"#;

#[test]
fn pinned_options_keep_their_place() {
    let pinned = [false, true, false, false, true];
    for n in 0..200 {
        let mut rng = seed_from(n).rng();
        let order = shuffle_unpinned(&mut rng, &pinned);
        assert_eq!(order[1], 1);
        assert_eq!(order[4], 4);
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
    }
}

#[test]
fn uniform_below_covers_its_range_without_bias() {
    let mut rng = seed_from(1).rng();
    let mut counts = [0u32; 3];
    for _ in 0..30_000 {
        counts[uniform_below(&mut rng, 3) as usize] += 1;
    }
    // Binomial(30000, 1/3): sd ≈ 81.6; 5 sd = 408.
    for c in counts {
        assert!((c as i64 - 10_000).abs() < 408, "{counts:?}");
    }
}

#[test]
fn shortfall_names_section_profile_and_gap() {
    let bank = synthetic_bank(100); // 50 legal, 25 tagged `all`
    let err = paper_for(&bank, &["all"], seed_from(1), &BTreeSet::new()).unwrap_err();
    assert_eq!(
        err,
        PaperError::Shortfall {
            section: "legal",
            profile: "tmc_employment_specialist".into(),
            needed: 50,
            available: 25,
        }
    );
    assert!(err.to_string().contains("short by 25"), "{err}");
}

#[test]
fn previous_attempt_is_excluded_when_the_bank_has_enough_others() {
    let bank = synthetic_bank(400); // 100 legal + 100 functional tagged `all`
    let first = paper_for(&bank, &["all"], seed_from(1), &BTreeSet::new()).unwrap();
    let previous: BTreeSet<String> = first.items.iter().map(|i| i.question_id.clone()).collect();
    let second = paper_for(&bank, &["all"], seed_from(2), &previous).unwrap();
    assert!(
        second
            .items
            .iter()
            .all(|i| !previous.contains(&i.question_id))
    );
}

#[test]
fn previous_attempt_fills_only_the_shortfall() {
    let bank = synthetic_bank(320); // 80 legal + 80 functional tagged `all`
    let first = paper_for(&bank, &["all"], seed_from(1), &BTreeSet::new()).unwrap();
    let previous: BTreeSet<String> = first.items.iter().map(|i| i.question_id.clone()).collect();
    let second = paper_for(&bank, &["all"], seed_from(2), &previous).unwrap();
    let repeated = second
        .items
        .iter()
        .filter(|i| previous.contains(&i.question_id))
        .count();
    // 80 eligible per section, 50 seen before: 30 fresh per section, 20 repeats per section.
    assert_eq!(repeated, 40);
}

#[test]
fn legal_question_citing_an_ended_act_is_never_drawn() {
    let mut bank = synthetic_bank(400);
    let ended = bank
        .questions
        .iter_mut()
        .find(|q| q.section == Section::Legal)
        .unwrap();
    ended.legal.as_mut().unwrap().valid_to = Some(jiff::civil::date(2026, 11, 26));
    let ended_id = ended.id.clone();
    for n in 0..300 {
        let paper = paper_for(&bank, &["all"], seed_from(n), &BTreeSet::new()).unwrap();
        assert!(paper.items.iter().all(|i| i.question_id != ended_id));
    }
}

#[test]
fn topic_quota_is_met_and_too_large_quota_is_refused() {
    let bank = synthetic_bank(400);
    let blueprint = Blueprint {
        topic_quotas: vec![TopicQuota {
            section: Section::Legal,
            topic: "topic-2".into(),
            count: 8,
        }],
        ..Blueprint::default()
    };
    let request = |blueprint: &Blueprint, seed| {
        assemble(&PaperRequest {
            bank: &bank,
            blueprint,
            profile: &profile(&["all"]),
            lang: Lang::Kk,
            seed,
            exclusions: &BTreeSet::new(),
        })
    };
    let by_id: BTreeMap<&str, &str> = bank
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.topic.as_str()))
        .collect();
    let paper = request(&blueprint, seed_from(3)).unwrap();
    let on_topic = paper
        .items
        .iter()
        .filter(|i| by_id[i.question_id.as_str()] == "topic-2")
        .count();
    assert!(on_topic >= 8, "{on_topic}");
    let too_many = Blueprint {
        topic_quotas: vec![TopicQuota {
            section: Section::Legal,
            topic: "topic-2".into(),
            count: 11,
        }],
        ..Blueprint::default()
    };
    assert!(matches!(
        request(&too_many, seed_from(3)),
        Err(PaperError::QuotaShortfall { available: 10, .. })
    ));
}

#[test]
fn rendered_paper_has_no_keys_and_the_chosen_language() {
    let bank = synthetic_bank(400);
    let paper = paper_for(&bank, &["all"], seed_from(5), &BTreeSet::new()).unwrap();
    let rendered = paper.render(&bank);
    let json = serde_json::to_string(&rendered).unwrap();
    assert!(!json.contains("correct"));
    assert!(rendered.questions[0].text.starts_with("Синтетический"));
    assert_eq!(rendered.questions.len(), 100);
    assert!(rendered.questions.iter().any(|q| q.kind == Kind::Multiple));
}

#[test]
fn seed_parses_hex_and_refuses_anything_else() {
    let hex = "00".repeat(31) + "ff";
    assert_eq!(Seed::parse(&hex).unwrap().to_hex(), hex);
    assert!(matches!(
        Seed::parse("abc"),
        Err(PaperError::BadSeed { .. })
    ));
    assert!(matches!(
        Seed::parse(&"zz".repeat(32)),
        Err(PaperError::BadSeed { .. })
    ));
    assert_ne!(Seed::generate(), Seed::generate());
}

/// Exposure uniformity: over 10,000 seeds each eligible question of a section with 80 eligible
/// must appear in 50/80 of the papers. Binomial(10000, 0.625): sd ≈ 48.4; the tolerance is
/// ±5 sd (242), a false alarm probability below 1e-4 over all 160 questions.
#[test]
fn exposure_is_uniform_over_10000_seeds() {
    let bank = synthetic_bank(320);
    let mut exposure: BTreeMap<String, u32> = BTreeMap::new();
    for n in 0..10_000 {
        let paper = paper_for(&bank, &["all"], seed_from(n), &BTreeSet::new()).unwrap();
        for item in paper.items {
            *exposure.entry(item.question_id).or_default() += 1;
        }
    }
    assert_eq!(exposure.len(), 160, "every eligible question appears");
    for (id, count) in &exposure {
        assert!(
            (*count as i64 - 6250).abs() <= 242,
            "{id} drawn {count} times, expected 6250 ± 242"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn identical_inputs_give_byte_identical_papers(seed in any::<[u8; 32]>()) {
        let bank = synthetic_bank(400);
        let a = paper_for(&bank, &["all", "group:cc_specialists"], Seed::from_bytes(seed), &BTreeSet::new()).unwrap();
        let b = paper_for(&bank, &["all", "group:cc_specialists"], Seed::from_bytes(seed), &BTreeSet::new()).unwrap();
        prop_assert_eq!(serde_json::to_vec(&a).unwrap(), serde_json::to_vec(&b).unwrap());
    }

    #[test]
    fn every_paper_has_50_plus_50_distinct_questions_of_the_profile(seed in any::<[u8; 32]>()) {
        let bank = synthetic_bank(400);
        let tags = ["all", "group:management"];
        let paper = paper_for(&bank, &tags, Seed::from_bytes(seed), &BTreeSet::new()).unwrap();
        let by_id: BTreeMap<&str, &crate::domain::bank::Question> = bank.questions.iter().map(|q| (q.id.as_str(), q)).collect();
        prop_assert_eq!(paper.items.len(), 100);
        let ids: BTreeSet<&str> = paper.items.iter().map(|i| i.question_id.as_str()).collect();
        prop_assert_eq!(ids.len(), 100);
        for (index, item) in paper.items.iter().enumerate() {
            let question = by_id[item.question_id.as_str()];
            let section = if index < 50 { Section::Legal } else { Section::Functional };
            prop_assert_eq!(question.section, section);
            prop_assert!(question.profile.iter().any(|t| tags.contains(&t.as_str())));
            let mut order = item.option_order.clone();
            order.sort();
            let mut ids: Vec<String> = question.options.iter().map(|o| o.id.clone()).collect();
            ids.sort();
            prop_assert_eq!(order, ids);
            for (slot, option) in question.options.iter().enumerate() {
                if option.pinned {
                    prop_assert_eq!(&item.option_order[slot], &option.id);
                }
            }
        }
    }
}
