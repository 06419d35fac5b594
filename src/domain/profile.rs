//! The candidate profile of a paper: which profile tags of the bank a position's candidate is
//! tested on (p.16: the labor functions of the position; p.14: a category applicant in the
//! profile of the claimed category).
//!
//! A question serves a candidate when its profile holds one of: `all`, the position's slug, the
//! position's group (`group:management` for block A, `group:tmc_specialists` for TMC block B,
//! `group:cc_specialists` for career-center block B and the assistant), or, for a category
//! applicant, `category:<claimed>`. The bank format (docs/bank-format.md) documents the tags.

use std::collections::BTreeSet;

use crate::domain::paper::Profile;
use crate::domain::rules::{Category, Org, Position, PositionKind, RuleError, find_position};

/// The group tag of a position, if it is attested.
pub fn group_tag(position: &Position) -> Option<&'static str> {
    match (position.org, position.kind) {
        (_, PositionKind::NotAttested) => None,
        (_, PositionKind::Director | PositionKind::DeputyDirector | PositionKind::HeadOfUnit) => {
            Some("group:management")
        }
        (Org::Tmc, PositionKind::Specialist | PositionKind::Assistant) => {
            Some("group:tmc_specialists")
        }
        (Org::Cc, PositionKind::Specialist | PositionKind::Assistant) => {
            Some("group:cc_specialists")
        }
    }
}

/// The tags a candidate in `position` applying for `claimed` (if any) is tested on.
pub fn tags(position: &Position, claimed: Option<Category>) -> BTreeSet<String> {
    let mut tags: BTreeSet<String> = ["all", position.slug]
        .iter()
        .map(|t| t.to_string())
        .collect();
    tags.extend(group_tag(position).map(str::to_owned));
    if let Some(category) = claimed {
        tags.insert(format!("category:{}", category.slug()));
    }
    tags
}

/// Why a profile could not be built. The message names no field: the caller knows where the
/// value came from (a CLI flag, an API field, a roster column) and says so ([`Self::input`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileError {
    #[error("{0}")]
    Position(RuleError),
    #[error(
        "{0} is not attested by test (p.17 names blocks A and B and the career-center assistant)"
    )]
    NotAttested(String),
    #[error("{0}")]
    Category(RuleError),
}

/// Which input of [`for_position`] a [`ProfileError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileInput {
    Position,
    ClaimedCategory,
}

impl ProfileError {
    pub fn input(&self) -> ProfileInput {
        match self {
            ProfileError::Position(_) | ProfileError::NotAttested(_) => ProfileInput::Position,
            ProfileError::Category(_) => ProfileInput::ClaimedCategory,
        }
    }
}

/// The paper profile of a candidate, from a typed position name (or slug) and claimed category.
pub fn for_position(
    position: &str,
    claimed: Option<&str>,
    exam_date: jiff::civil::Date,
) -> Result<Profile, ProfileError> {
    let position = find_position(position).map_err(ProfileError::Position)?;
    if !position.is_attested() {
        return Err(ProfileError::NotAttested(position.qualified_name_ru()));
    }
    let claimed = claimed
        .map(|c| c.parse::<Category>().map_err(ProfileError::Category))
        .transpose()?;
    Ok(Profile {
        name: position.slug.to_owned(),
        tags: tags(position, claimed),
        exam_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_career_center_specialist_claiming_a_category_gets_its_profile_p14() {
        let profile = for_position(
            "cc_employment_specialist",
            Some("кейс-менеджер"),
            jiff::civil::date(2026, 12, 1),
        )
        .unwrap();
        let expected: BTreeSet<String> = [
            "all",
            "cc_employment_specialist",
            "group:cc_specialists",
            "category:case_manager",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        assert_eq!(profile.tags, expected);
    }

    #[test]
    fn management_positions_share_the_management_group() {
        for slug in ["tmc_director", "tmc_deputy_director", "cc_head_of_sector"] {
            let profile = for_position(slug, None, jiff::civil::date(2026, 12, 1)).unwrap();
            assert!(profile.tags.contains("group:management"), "{slug}");
        }
    }

    #[test]
    fn unknown_positions_and_categories_are_refused_naming_the_input() {
        let day = jiff::civil::date(2026, 12, 1);
        let err = for_position("Космонавт", None, day).unwrap_err();
        assert_eq!(err.input(), ProfileInput::Position, "{err}");
        assert!(!err.to_string().starts_with("--"), "{err}");
        let err = for_position("cc_employment_specialist", Some("генерал"), day).unwrap_err();
        assert_eq!(err.input(), ProfileInput::ClaimedCategory, "{err}");
        let err = for_position("cc_employment_specialist", Some("кейс-менеджер"), day);
        assert!(err.is_ok(), "{err:?}");
    }
}
