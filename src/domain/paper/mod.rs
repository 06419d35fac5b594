//! Paper assembly (p.16): which 100 questions a candidate sees, in which order, with which
//! option order — a pure function of (bank, blueprint, profile, language, seed, exclusions).
//!
//! Reproducibility is the point: the stored [`Seed`] regenerates exactly the paper a candidate
//! saw, forever. So the randomness is ChaCha20 (a fixed, specified stream) driven through this
//! module's own sampling and Fisher-Yates code — never `rand`'s `shuffle`, whose output may change
//! between versions. Golden vectors in the tests pin the stream, the shuffle and a whole paper.
//!
//! Storage of papers and seeds lives in `store::paper`; drawing a fresh seed (`ring`'s
//! `SystemRandom`) happens at the edge, in `Seed::generate`.

pub mod coverage;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::domain::bank::{Bank, Lang, Question, Section};

/// Questions per section by default (p.16: 50 legal + 50 functional).
pub const DEFAULT_PER_SECTION: usize = 50;

/// The 256-bit seed from which a paper is regenerated.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seed([u8; 32]);

impl Seed {
    pub fn from_bytes(bytes: [u8; 32]) -> Seed {
        Seed(bytes)
    }

    /// A fresh seed from the operating system's CSPRNG (`crate::id::random_bytes`).
    pub fn generate() -> Seed {
        Seed(crate::id::random_bytes())
    }

    /// Parses 64 hex digits.
    pub fn parse(hex_text: &str) -> Result<Seed, PaperError> {
        let text = hex_text.trim();
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| PaperError::BadSeed {
            given: text.chars().take(80).collect(),
        })?;
        Ok(Seed(bytes))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn rng(&self) -> ChaCha20Rng {
        ChaCha20Rng::from_seed(self.0)
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seed({})", self.to_hex())
    }
}

impl fmt::Display for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Seed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Seed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Seed, D::Error> {
        let text = String::deserialize(d)?;
        Seed::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// How many questions of which kind a paper has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Blueprint {
    pub legal: usize,
    pub functional: usize,
    /// Optional minimums per topic, drawn first within their section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topic_quotas: Vec<TopicQuota>,
}

impl Default for Blueprint {
    /// p.16: 50 questions on normative legal acts, 50 on the labor functions.
    fn default() -> Blueprint {
        Blueprint {
            legal: DEFAULT_PER_SECTION,
            functional: DEFAULT_PER_SECTION,
            topic_quotas: Vec::new(),
        }
    }
}

impl Blueprint {
    pub fn count(&self, section: Section) -> usize {
        match section {
            Section::Legal => self.legal,
            Section::Functional => self.functional,
        }
    }
}

/// At least `count` questions of `topic` in `section`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TopicQuota {
    pub section: Section,
    pub topic: String,
    pub count: usize,
}

/// Who the paper is for: the profile tags the candidate's questions may carry (`all`, the
/// position slug, its group, the claimed category — p.14, p.16) and the exam day, which decides
/// which legal questions cite acts in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Human-readable name of the profile for error messages (the position slug).
    pub name: String,
    /// Tags a question must share one of to be eligible for this candidate.
    pub tags: BTreeSet<String>,
    pub exam_date: jiff::civil::Date,
}

impl Profile {
    pub(crate) fn admits(&self, question: &Question) -> bool {
        question.profile.iter().any(|tag| self.tags.contains(tag))
            && question
                .legal
                .as_ref()
                .is_none_or(|legal| legal.in_force_on(self.exam_date))
    }
}

/// Everything that determines a paper. Identical requests give byte-identical papers.
#[derive(Debug, Clone)]
pub struct PaperRequest<'a> {
    pub bank: &'a Bank,
    pub blueprint: &'a Blueprint,
    pub profile: &'a Profile,
    pub lang: Lang,
    pub seed: Seed,
    /// Question ids of the candidate's previous attempt: avoided while the bank has enough
    /// others, used (in bank order of preference) only to fill a shortfall.
    pub exclusions: &'a BTreeSet<String>,
}

/// One question of a paper: which question, and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperItem {
    pub question_id: String,
    pub section: Section,
    /// Option ids in display order.
    pub option_order: Vec<String>,
}

/// A candidate's paper. `items` holds the legal section first, then the functional one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub lang: Lang,
    pub seed: Seed,
    pub items: Vec<PaperItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaperError {
    #[error(
        "the bank cannot fill the {section} section for profile {profile}: {needed} questions \
         needed, {available} eligible (short by {short}) (p.16)",
        short = needed - available
    )]
    Shortfall {
        section: &'static str,
        profile: String,
        needed: usize,
        available: usize,
    },
    #[error(
        "the bank cannot meet the quota of {needed} {section} questions on topic {topic:?} for \
         profile {profile}: {available} eligible"
    )]
    QuotaShortfall {
        section: &'static str,
        topic: String,
        profile: String,
        needed: usize,
        available: usize,
    },
    #[error(
        "topic quotas of the {section} section add up to {quotas}, more than its {count} questions"
    )]
    QuotasExceedSection {
        section: &'static str,
        quotas: usize,
        count: usize,
    },
    #[error("seed {given:?} is not 64 hexadecimal digits (256 bits)")]
    BadSeed { given: String },
}

/// Assembles the paper of `request`. Pure and deterministic: the RNG stream is consumed in a
/// fixed order — legal section, functional section, then option orders item by item.
pub fn assemble(request: &PaperRequest<'_>) -> Result<Paper, PaperError> {
    let mut rng = request.seed.rng();
    let mut items = Vec::with_capacity(request.blueprint.legal + request.blueprint.functional);
    let mut chosen: Vec<&Question> = Vec::with_capacity(items.capacity());
    for section in Section::ALL {
        chosen.extend(draw_section(request, section, &mut rng)?);
    }
    for question in chosen {
        let pinned: Vec<bool> = question.options.iter().map(|o| o.pinned).collect();
        let order = shuffle_unpinned(&mut rng, &pinned);
        items.push(PaperItem {
            question_id: question.id.clone(),
            section: question.section,
            option_order: order
                .into_iter()
                .map(|i| question.options[i].id.clone())
                .collect(),
        });
    }
    Ok(Paper {
        lang: request.lang,
        seed: request.seed,
        items,
    })
}

/// The questions of one section in paper order.
fn draw_section<'b>(
    request: &PaperRequest<'b>,
    section: Section,
    rng: &mut ChaCha20Rng,
) -> Result<Vec<&'b Question>, PaperError> {
    let needed = request.blueprint.count(section);
    let profile = request.profile;
    let eligible: Vec<&Question> = request
        .bank
        .questions
        .iter()
        .filter(|q| q.section == section && profile.admits(q))
        .collect();
    if eligible.len() < needed {
        return Err(PaperError::Shortfall {
            section: section.as_str(),
            profile: profile.name.clone(),
            needed,
            available: eligible.len(),
        });
    }
    // Fresh questions first; the previous attempt's only when the fresh ones run out.
    let (fresh, previous): (Vec<&Question>, Vec<&Question>) = eligible
        .into_iter()
        .partition(|q| !request.exclusions.contains(&q.id));

    let quotas: Vec<&TopicQuota> = request
        .blueprint
        .topic_quotas
        .iter()
        .filter(|quota| quota.section == section)
        .collect();
    let quota_total: usize = quotas.iter().map(|quota| quota.count).sum();
    if quota_total > needed {
        return Err(PaperError::QuotasExceedSection {
            section: section.as_str(),
            quotas: quota_total,
            count: needed,
        });
    }

    let mut picked: Vec<&Question> = Vec::with_capacity(needed);
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    for quota in quotas {
        let on_topic = |q: &&&Question| q.topic == quota.topic && !taken.contains(q.id.as_str());
        let fresh_on_topic: Vec<&Question> = fresh.iter().filter(on_topic).copied().collect();
        let previous_on_topic: Vec<&Question> = previous.iter().filter(on_topic).copied().collect();
        if fresh_on_topic.len() + previous_on_topic.len() < quota.count {
            return Err(PaperError::QuotaShortfall {
                section: section.as_str(),
                topic: quota.topic.clone(),
                profile: profile.name.clone(),
                needed: quota.count,
                available: fresh_on_topic.len() + previous_on_topic.len(),
            });
        }
        for q in draw_preferring(rng, &fresh_on_topic, &previous_on_topic, quota.count) {
            taken.insert(q.id.as_str());
            picked.push(q);
        }
    }
    let rest_fresh: Vec<&Question> = fresh
        .iter()
        .filter(|q| !taken.contains(q.id.as_str()))
        .copied()
        .collect();
    let rest_previous: Vec<&Question> = previous
        .iter()
        .filter(|q| !taken.contains(q.id.as_str()))
        .copied()
        .collect();
    let remaining = needed - picked.len();
    picked.extend(draw_preferring(rng, &rest_fresh, &rest_previous, remaining));
    // Quota questions would otherwise always open the section: shuffle the section as a whole.
    if request
        .blueprint
        .topic_quotas
        .iter()
        .any(|q| q.section == section)
    {
        let order = shuffle_unpinned(rng, &vec![false; picked.len()]);
        picked = order.into_iter().map(|i| picked[i]).collect();
    }
    Ok(picked)
}

/// Draws `count` from `preferred`, topping up from `fallback` when `preferred` is too small.
fn draw_preferring<'b>(
    rng: &mut ChaCha20Rng,
    preferred: &[&'b Question],
    fallback: &[&'b Question],
    count: usize,
) -> Vec<&'b Question> {
    let from_preferred = count.min(preferred.len());
    let mut out: Vec<&Question> = sample_indices(rng, preferred.len(), from_preferred)
        .into_iter()
        .map(|i| preferred[i])
        .collect();
    let from_fallback = count - from_preferred;
    out.extend(
        sample_indices(rng, fallback.len(), from_fallback)
            .into_iter()
            .map(|i| fallback[i]),
    );
    out
}

/// A uniform integer in `0..n` (n > 0) by rejection sampling on 64-bit outputs: no modulo bias,
/// and a stream consumption that depends only on the ChaCha20 output, so it never changes.
pub fn uniform_below(rng: &mut impl RngCore, n: u64) -> u64 {
    assert!(n > 0, "uniform_below needs a non-empty range");
    // The largest multiple of n that fits: values at or above it would bias low residues.
    let zone = u64::MAX - (u64::MAX % n + 1) % n;
    loop {
        let x = rng.next_u64();
        if x <= zone {
            return x % n;
        }
    }
}

/// `count` distinct indices of `0..len`, in draw order: a partial Fisher-Yates shuffle.
pub fn sample_indices(rng: &mut impl RngCore, len: usize, count: usize) -> Vec<usize> {
    assert!(count <= len, "cannot sample {count} of {len}");
    let mut pool: Vec<usize> = (0..len).collect();
    for i in 0..count {
        let j = i + uniform_below(rng, (len - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool
}

/// A permutation of `0..pinned.len()` in which every pinned position keeps its index and the
/// unpinned ones are Fisher-Yates shuffled among themselves.
pub fn shuffle_unpinned(rng: &mut impl RngCore, pinned: &[bool]) -> Vec<usize> {
    let free: Vec<usize> = (0..pinned.len()).filter(|&i| !pinned[i]).collect();
    let mut shuffled = free.clone();
    // Fisher-Yates from the top, as Durstenfeld wrote it.
    for i in (1..shuffled.len()).rev() {
        let j = uniform_below(rng, (i + 1) as u64) as usize;
        shuffled.swap(i, j);
    }
    let mut order: Vec<usize> = (0..pinned.len()).collect();
    for (slot, value) in free.into_iter().zip(shuffled) {
        order[slot] = value;
    }
    order
}

/// A paper rendered for the candidate's screen: texts in the chosen language, options in paper
/// order, no keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedPaper {
    pub lang: Lang,
    pub seed: Seed,
    pub questions: Vec<RenderedQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedQuestion {
    /// 1-based number on the paper.
    pub number: usize,
    pub question_id: String,
    pub section: Section,
    pub kind: crate::domain::bank::Kind,
    pub text: String,
    pub options: Vec<RenderedOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedOption {
    pub id: String,
    pub text: String,
}

impl Paper {
    /// Renders the paper's texts from the bank it was drawn from. Panics if the bank is not the
    /// paper's bank (a question id is missing): that is a programming error, not user input.
    pub fn render(&self, bank: &Bank) -> RenderedPaper {
        let by_id: BTreeMap<&str, &Question> =
            bank.questions.iter().map(|q| (q.id.as_str(), q)).collect();
        let questions = self
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let question = by_id[item.question_id.as_str()];
                RenderedQuestion {
                    number: index + 1,
                    question_id: item.question_id.clone(),
                    section: item.section,
                    kind: question.kind,
                    text: question.text.get(self.lang).to_owned(),
                    options: item
                        .option_order
                        .iter()
                        .map(|id| {
                            let option = question
                                .options
                                .iter()
                                .find(|o| &o.id == id)
                                .expect("paper option belongs to its question");
                            RenderedOption {
                                id: id.clone(),
                                text: option.text.get(self.lang).to_owned(),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        RenderedPaper {
            lang: self.lang,
            seed: self.seed,
            questions,
        }
    }
}

#[cfg(test)]
mod tests;
