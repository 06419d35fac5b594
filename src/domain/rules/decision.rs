//! The decision the Platform forms from a test result (p.17, p.27, p.28, p.30, p.33).
//!
//! Owns the bands, the p.30 wording in Kazakh and Russian, the consequences of a result
//! below the threshold, and the named policy for the p.27/p.30 conflict. Which group a
//! position belongs to is `positions`'; dates (the 12-month re-attestation deadline, the
//! category term) are `domain::calendar`'s and `category`'s.
//!
//! **Bands.** p.30 writes its bands for whole scores ("70 and more", "69 and less",
//! "from 70 to 84"); a score recomputed after an appeal may be fractional, so the bands are
//! cut at the thresholds themselves: a score *below 70* is in "69 and less" (69.5 is below),
//! a score *below 85* in "84 and less" or "70 to 84" (84.5 is there).
//!
//! **Conflict.** For a category applicant below 70, p.30.2 gives "one level below the
//! *claimed* category", p.27.1 (and p.28.2) "one level below the *current* one".
//! [`ConflictPolicy`] chooses; the default is p.30, and every decision records the policy
//! and whether it changed the outcome.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RuleError;
use super::category::Category;
use super::percent::Percent;
use super::positions::{AttestationGroup, Position, attestation_group};
use super::procedure::Procedure;

/// Months within which an attestee below the threshold is re-attested (p.27.2).
pub const REATTESTATION_WITHIN_MONTHS: u8 = 12;

/// The upper band of a category application: the claimed category is met (p.30.2).
pub const CLAIMED_CATEGORY_BAND: u8 = 85;

/// Which clause sets the category of an applicant scoring below 70 (p.27.1 vs p.30.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictPolicy {
    /// p.30.2: "fits the category one level below the claimed one" (default).
    #[default]
    P30,
    /// p.27.1 / p.28.2: "one level below the current category".
    P27,
}

impl FromStr for ConflictPolicy {
    type Err = RuleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['.', ' '], "").as_str() {
            "p30" => Ok(ConflictPolicy::P30),
            "p27" => Ok(ConflictPolicy::P27),
            _ => Err(RuleError::UnknownConflictPolicy {
                input: s.to_string(),
            }),
        }
    }
}

/// What `decide` needs; every field already parsed.
#[derive(Debug, Clone, Copy)]
pub struct DecisionInput {
    pub procedure: Procedure,
    /// For `Reattestation`: the procedure being repeated. When absent it is `Category` if a
    /// claimed category is given, else `Periodic`.
    pub reattestation_of: Option<Procedure>,
    pub position: &'static Position,
    pub score: Percent,
    pub current_category: Option<Category>,
    pub claimed_category: Option<Category>,
    pub policy: ConflictPolicy,
}

/// The p.30 decision codes; the last one is the p.27 reading of the third row of p.30.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeCode {
    FitsPosition,
    DoesNotFitPosition,
    FitsClaimedCategory,
    FitsCurrentCategory,
    FitsCategoryBelowClaimed,
    FitsCategoryBelowCurrent,
}

impl OutcomeCode {
    /// The wording in Kazakh and Russian, taken from p.30 (seeds 002 and 000); the p.27
    /// variant from p.27.1.
    pub fn wording(self) -> (&'static str, &'static str) {
        match self {
            OutcomeCode::FitsPosition => (
                "атқаратын лауазымына сәйкес келеді",
                "соответствует занимаемой должности",
            ),
            OutcomeCode::DoesNotFitPosition => (
                "атқаратын лауазымына сәйкес келмейді",
                "не соответствует занимаемой должности",
            ),
            OutcomeCode::FitsClaimedCategory => (
                "мәлімделген біліктілік санатына сәйкес келеді",
                "соответствует заявленной квалификационной категории",
            ),
            OutcomeCode::FitsCurrentCategory => (
                "мәлімделген біліктілік санатына сәйкес келмейді – қолданыстағы біліктілік санатына сәйкес келеді",
                "не соответствует заявленной квалификационной категории – соответствует действующей квалификационной категории",
            ),
            OutcomeCode::FitsCategoryBelowClaimed => (
                "мәлімделген біліктілік санатына сәйкес келмейді – мәлімделген деңгейден төмен біліктілік санатына сәйкес келеді",
                "не соответствует заявленной квалификационной категории – соответствует квалификационной категории, ниже заявленной на один уровень",
            ),
            OutcomeCode::FitsCategoryBelowCurrent => (
                "мәлімделген біліктілік санатына сәйкес келмейді – қолданыстағы біліктілік санатынан бір деңгейге төмен біліктілік санатына сәйкес келеді",
                "не соответствует заявленной квалификационной категории – соответствует квалификационной категории на один уровень ниже действующей",
            ),
        }
    }
}

/// The decision as shown and reported (Appendix 2 column 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub code: OutcomeCode,
    pub kk: String,
    pub ru: String,
}

impl From<OutcomeCode> for Outcome {
    fn from(code: OutcomeCode) -> Self {
        let (kk, ru) = code.wording();
        Outcome {
            code,
            kk: kk.to_string(),
            ru: ru.to_string(),
        }
    }
}

/// What follows from the decision for the attestee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consequences {
    /// The category held before the test, as given.
    pub current_category: Option<Category>,
    /// The category claimed (for a periodic confirmation: the current one).
    pub claimed_category: Option<Category>,
    /// The category after the decision; `None` outside category applications and on dismissal.
    pub resulting_category: Option<Category>,
    /// The current category stays in force until its term ends (p.33).
    pub current_category_kept_until_expiry: bool,
    /// Re-attestation is due within this many months (p.27.2).
    pub reattestation_within_months: Option<u8>,
    /// Below the threshold again at re-attestation, without the p.28.1 exception.
    pub dismissal: bool,
    /// Goes on to the professional-activity evaluation (p.28-1; refused by p.27.3).
    pub admitted_to_evaluation: bool,
}

/// The result of [`decide`]: serialised as the CLI's JSON and stored by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub procedure: Procedure,
    /// The procedure actually sat: for a re-attestation, the one it repeats.
    pub base_procedure: Procedure,
    /// Position slug (POSITIONS.md).
    pub position: String,
    pub group: AttestationGroup,
    /// Pass threshold in percent (p.17).
    pub threshold: u8,
    pub score: Percent,
    /// The score reached the threshold (p.17).
    pub passed: bool,
    pub outcome: Outcome,
    pub consequences: Consequences,
    /// The p.27/p.30 policy in force, recorded on every decision.
    pub policy: ConflictPolicy,
    /// True when the two policies would give different categories for this input.
    pub policy_changed_outcome: bool,
    /// Every clause applied, in order.
    pub clauses: Vec<String>,
}

/// Forms the decision of p.30 and its consequences from one test result.
pub fn decide(input: &DecisionInput) -> Result<Decision, RuleError> {
    let base = base_procedure(input)?;
    let group = attestation_group(input.position, base)?;
    let threshold = group.threshold();
    let passed = input.score.reaches(threshold); // p.17
    let repeat = input.procedure == Procedure::Reattestation;
    let mut clauses = vec![group.threshold_clause(), group.decision_clause()];

    let (code, consequences, changed) = if group == AttestationGroup::CategoryApplicant {
        category_outcome(input, base, passed, repeat, &mut clauses)?
    } else {
        if input.claimed_category.is_some() {
            return Err(RuleError::ClaimedCategoryNotForGroup {
                slug: input.position.slug,
                procedure: base,
            });
        }
        fitness_outcome(input, passed, repeat, &mut clauses)
    };

    let mut seen = Vec::new();
    clauses.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    Ok(Decision {
        procedure: input.procedure,
        base_procedure: base,
        position: input.position.slug.to_string(),
        group,
        threshold,
        score: input.score,
        passed,
        outcome: code.into(),
        consequences,
        policy: input.policy,
        policy_changed_outcome: changed,
        clauses: clauses.into_iter().map(String::from).collect(),
    })
}

/// The procedure actually sat: the input's, or for a re-attestation the one it repeats.
pub fn base_procedure(input: &DecisionInput) -> Result<Procedure, RuleError> {
    match (input.procedure, input.reattestation_of) {
        (Procedure::Reattestation, Some(Procedure::Reattestation)) => {
            Err(RuleError::ReattestationOfReattestation)
        }
        (Procedure::Reattestation, Some(repeated)) => Ok(repeated),
        (Procedure::Reattestation, None) if input.claimed_category.is_some() => {
            Ok(Procedure::Category)
        }
        (Procedure::Reattestation, None) => Ok(Procedure::Periodic),
        (procedure, None) => Ok(procedure),
        (procedure, Some(_)) => Err(RuleError::RepeatedProcedureWithoutReattestation { procedure }),
    }
}

/// p.30.1, p.30.3, p.30.4: fits the position or not; below the threshold, re-attestation
/// within 12 months (p.27.2), or at re-attestation dismissal (p.28.1: first-time hires,
/// assistants, TMC specialists, heads of units, deputy directors and directors).
fn fitness_outcome(
    input: &DecisionInput,
    passed: bool,
    repeat: bool,
    clauses: &mut Vec<&'static str>,
) -> (OutcomeCode, Consequences, bool) {
    let mut c = Consequences {
        current_category: input.current_category,
        claimed_category: None,
        resulting_category: None,
        current_category_kept_until_expiry: false,
        reattestation_within_months: None,
        dismissal: false,
        admitted_to_evaluation: false,
    };
    if passed {
        return (OutcomeCode::FitsPosition, c, false);
    }
    if repeat {
        c.dismissal = true; // p.28.1
        clauses.push("p.28.1");
    } else {
        c.reattestation_within_months = Some(REATTESTATION_WITHIN_MONTHS); // p.27.2
        clauses.push("p.27.2");
    }
    (OutcomeCode::DoesNotFitPosition, c, false)
}

/// p.30.2 with p.27, p.28, p.28-1, p.29 and p.33 for a career-center specialist.
fn category_outcome(
    input: &DecisionInput,
    base: Procedure,
    passed: bool,
    repeat: bool,
    clauses: &mut Vec<&'static str>,
) -> Result<(OutcomeCode, Consequences, bool), RuleError> {
    let current = input
        .current_category
        .ok_or(RuleError::CurrentCategoryMissing)?;
    let claimed = claimed_category(base, current, input.claimed_category)?;
    let mut c = Consequences {
        current_category: Some(current),
        claimed_category: Some(claimed),
        resulting_category: None,
        current_category_kept_until_expiry: false,
        reattestation_within_months: None,
        dismissal: false,
        admitted_to_evaluation: passed, // p.28-1: reached the p.17 threshold
    };
    if passed {
        clauses.push("p.28-1");
    }
    if input.score.reaches(CLAIMED_CATEGORY_BAND) {
        c.resulting_category = Some(claimed);
        clauses.push("p.7");
        return Ok((OutcomeCode::FitsClaimedCategory, c, false));
    }
    if passed {
        c.resulting_category = Some(current);
        c.current_category_kept_until_expiry = true; // p.33
        clauses.push("p.33");
        return Ok((OutcomeCode::FitsCurrentCategory, c, false));
    }

    // Below 70: the p.27/p.30 conflict.
    let below_claimed = claimed.one_level_down();
    let below_current = current.one_level_down();
    let (code, resulting) = match input.policy {
        ConflictPolicy::P30 => (OutcomeCode::FitsCategoryBelowClaimed, below_claimed),
        ConflictPolicy::P27 => (OutcomeCode::FitsCategoryBelowCurrent, below_current),
    };
    let changed = below_claimed != below_current;
    c.admitted_to_evaluation = false; // p.27.3
    if repeat {
        // p.28.1: dismissal, except holders of "карьерный консультант", "кейс-менеджер",
        // "наставник"; p.28.2: the others drop one level.
        c.dismissal = current == Category::NoCategory;
        clauses.push("p.28.1");
        if !c.dismissal {
            clauses.push("p.28.2");
            c.resulting_category = Some(resulting);
        }
    } else {
        clauses.extend(["p.27.1", "p.27.2", "p.27.3"]);
        c.resulting_category = Some(resulting);
        c.reattestation_within_months = Some(REATTESTATION_WITHIN_MONTHS);
    }
    if c.resulting_category == Some(current) {
        c.current_category_kept_until_expiry = true; // p.33
        clauses.push("p.33");
    }
    Ok((code, c, changed))
}

/// The claimed category checked against p.29 (next level, or the current one confirmed);
/// a periodic attestation confirms the current category (p.2.2).
fn claimed_category(
    base: Procedure,
    current: Category,
    claimed: Option<Category>,
) -> Result<Category, RuleError> {
    match (base, claimed) {
        (Procedure::Periodic, None) => Ok(current),
        (Procedure::Periodic, Some(c)) if c == current => Ok(current),
        (Procedure::Periodic, Some(c)) => Err(RuleError::ConfirmationClaimsOther {
            current,
            claimed: c,
        }),
        (_, None) => Err(RuleError::ClaimedCategoryMissing),
        (_, Some(c))
            if (c == current && c != Category::NoCategory) || current.next_level() == Some(c) =>
        {
            Ok(c)
        }
        (_, Some(c)) => Err(RuleError::OutOfSequence {
            current,
            claimed: c,
        }),
    }
}

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
