//! Qualification categories of career-center specialists (p.5, p.7, p.27, p.28, p.34).
//!
//! Owns the ladder, its names in Russian and Kazakh, parsing, the 3-year term and the
//! one-level-down step. Which category a decision gives is `decision`'s business.

use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use super::RuleError;
use super::lookup::normalize;

/// The categories, lowest first; the derived order is the ladder (p.28, p.34).
///
/// Serialised as the slug; read from the slug or the Russian or Kazakh name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// "без категории" / "санатсыз": a first-time specialist until primary attestation (p.5).
    NoCategory,
    /// "карьерный консультант" / "мансап консультанты".
    CareerConsultant,
    /// "кейс-менеджер" / "кейс-менеджер".
    CaseManager,
    /// "наставник" / "тәлімгер".
    Mentor,
}

/// A category is assigned for three years (p.7).
pub const CATEGORY_TERM_YEARS: i16 = 3;

impl Category {
    pub const ALL: [Category; 4] = [
        Category::NoCategory,
        Category::CareerConsultant,
        Category::CaseManager,
        Category::Mentor,
    ];

    /// The stable id (also the serde form).
    pub fn slug(self) -> &'static str {
        match self {
            Category::NoCategory => "no_category",
            Category::CareerConsultant => "career_consultant",
            Category::CaseManager => "case_manager",
            Category::Mentor => "mentor",
        }
    }

    /// The Russian name as the seeds write it (p.28, seed 000).
    pub fn name_ru(self) -> &'static str {
        match self {
            Category::NoCategory => "без категории",
            Category::CareerConsultant => "карьерный консультант",
            Category::CaseManager => "кейс-менеджер",
            Category::Mentor => "наставник",
        }
    }

    /// The Kazakh name as the consolidated text writes it (p.5, p.28, seed 002).
    pub fn name_kk(self) -> &'static str {
        match self {
            Category::NoCategory => "санатсыз",
            Category::CareerConsultant => "мансап консультанты",
            Category::CaseManager => "кейс-менеджер",
            Category::Mentor => "тәлімгер",
        }
    }

    /// One level down, never below "без категории" (p.27.1, p.28.2).
    pub fn one_level_down(self) -> Category {
        match self {
            Category::NoCategory | Category::CareerConsultant => Category::NoCategory,
            Category::CaseManager => Category::CareerConsultant,
            Category::Mentor => Category::CaseManager,
        }
    }

    /// The next level up, if any: the only category one may claim besides confirming the
    /// current one (p.29: the principle of sequence).
    pub fn next_level(self) -> Option<Category> {
        match self {
            Category::NoCategory => Some(Category::CareerConsultant),
            Category::CareerConsultant => Some(Category::CaseManager),
            Category::CaseManager => Some(Category::Mentor),
            Category::Mentor => None,
        }
    }

    /// The day the three-year term of a category assigned on `assigned_on` ends (p.7): the
    /// same month and day three years later, 29 February ending on 28 February (the civil-law
    /// way of counting a term in years).
    pub fn term_ends_on(assigned_on: Date) -> Result<Date, RuleError> {
        assigned_on
            .checked_add(CATEGORY_TERM_YEARS.years())
            .map_err(|_| RuleError::DateOutOfRange {
                what: "category term (p.7)",
            })
    }
}

impl FromStr for Category {
    type Err = RuleError;

    /// Accepts the slug or the Russian or Kazakh name, tolerant of case, spacing, ё/е and
    /// dash variants ("Кейс – менеджер", "CASE_MANAGER").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = normalize(s);
        Category::ALL
            .into_iter()
            .find(|c| {
                [c.slug(), c.name_ru(), c.name_kk()]
                    .iter()
                    .any(|n| normalize(n) == wanted)
            })
            .ok_or_else(|| RuleError::UnknownCategory {
                input: s.to_string(),
            })
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ladder_is_ordered_lowest_first_p28() {
        assert!(Category::NoCategory < Category::CareerConsultant);
        assert!(Category::CareerConsultant < Category::CaseManager);
        assert!(Category::CaseManager < Category::Mentor);
    }

    #[test]
    fn one_level_down_never_goes_below_no_category_p27() {
        assert_eq!(Category::Mentor.one_level_down(), Category::CaseManager);
        assert_eq!(
            Category::CaseManager.one_level_down(),
            Category::CareerConsultant
        );
        assert_eq!(
            Category::CareerConsultant.one_level_down(),
            Category::NoCategory
        );
        assert_eq!(Category::NoCategory.one_level_down(), Category::NoCategory);
    }

    #[test]
    fn next_level_stops_at_mentor_p29() {
        assert_eq!(
            Category::NoCategory.next_level(),
            Some(Category::CareerConsultant)
        );
        assert_eq!(Category::CaseManager.next_level(), Some(Category::Mentor));
        assert_eq!(Category::Mentor.next_level(), None);
    }

    #[test]
    fn slugs_and_names_in_both_languages_parse() {
        for c in Category::ALL {
            assert_eq!(c.slug().parse::<Category>().unwrap(), c);
            assert_eq!(c.name_ru().parse::<Category>().unwrap(), c);
            assert_eq!(c.name_kk().parse::<Category>().unwrap(), c);
            assert_eq!(c.name_ru().to_uppercase().parse::<Category>().unwrap(), c);
        }
        assert_eq!(
            "  Кейс – Менеджер ".parse::<Category>().unwrap(),
            Category::CaseManager
        );
        assert_eq!(
            "Без  категории".parse::<Category>().unwrap(),
            Category::NoCategory
        );
    }

    #[test]
    fn unknown_category_is_a_clear_error() {
        let err = "эксперт".parse::<Category>().unwrap_err();
        assert!(matches!(err, RuleError::UnknownCategory { .. }));
        let msg = err.to_string();
        assert!(
            msg.contains("эксперт") && msg.contains("наставник"),
            "{msg}"
        );
    }

    #[test]
    fn category_is_in_force_for_three_years_p7() {
        assert_eq!(
            Category::term_ends_on(date(2025, 10, 1)).unwrap(),
            date(2028, 10, 1)
        );
        assert_ne!(
            Category::term_ends_on(date(2025, 10, 1)).unwrap(),
            date(2027, 10, 1)
        );
        // A category assigned on 29 February ends on the 28th three years later.
        assert_eq!(
            Category::term_ends_on(date(2024, 2, 29)).unwrap(),
            date(2027, 2, 28)
        );
    }

    #[test]
    fn serde_uses_slugs() {
        assert_eq!(
            serde_json::to_string(&Category::CaseManager).unwrap(),
            "\"case_manager\""
        );
        assert_eq!(
            serde_json::from_str::<Category>("\"Наставник\"").unwrap(),
            Category::Mentor
        );
        assert!(serde_json::from_str::<Category>("\"expert\"").is_err());
    }
}
