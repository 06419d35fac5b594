//! The profile tags a question may carry: whom it is drawn for. Positions and categories are
//! the rules module's (`domain::rules`, seed 004 and p.14/p.28); this file only names the tags.

use crate::domain::rules::{Category, Position};

/// Groups of positions: block A, TMC block B, career-center block B and the assistant.
pub const GROUPS: [&str; 3] = [
    "group:management",
    "group:tmc_specialists",
    "group:cc_specialists",
];

/// The tag for every attested position.
pub const ALL: &str = "all";

/// Whether `tag` is one of the known profile tags: `all`, an attested position's slug, a
/// group, or `category:` and a category a specialist can claim (p.14).
pub fn is_known(tag: &str) -> bool {
    tag == ALL
        || GROUPS.contains(&tag)
        || Position::by_slug(tag).is_some_and(|p| p.is_attested())
        || tag.strip_prefix("category:").is_some_and(|slug| {
            Category::ALL
                .iter()
                .any(|c| *c != Category::NoCategory && c.slug() == slug)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_tags_are_known_and_others_are_not() {
        for tag in [
            "all",
            "cc_social_work_assistant",
            "group:management",
            "category:mentor",
        ] {
            assert!(is_known(tag), "{tag}");
        }
        for tag in ["tmc_lawyer", "group:all", "category:no_category", "ALL", ""] {
            assert!(!is_known(tag), "{tag}");
        }
    }
}
