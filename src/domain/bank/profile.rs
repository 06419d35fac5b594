//! The profile tags a question may carry: whom it is drawn for.
//!
//! The list mirrors the position contract (seed 004, order No. 324: staff blocks A and B of
//! TMCs and career centers, the attested ones) and the categories of p.14/p.28. It is a
//! constant here so the bank validates on its own; the rules module owns the meaning.

/// Attested positions (blocks A and B of seed 004).
pub const POSITION_SLUGS: [&str; 18] = [
    "tmc_director",
    "tmc_deputy_director",
    "tmc_head_of_department",
    "tmc_head_of_department_chief_accountant",
    "tmc_employment_specialist",
    "tmc_training_specialist",
    "tmc_employer_relations_specialist",
    "tmc_labor_market_analyst",
    "tmc_social_work_consultant",
    "cc_director",
    "cc_head_of_sector",
    "cc_employment_specialist",
    "cc_career_guidance_specialist",
    "cc_job_placement_consultant",
    "cc_training_specialist",
    "cc_employer_relations_specialist",
    "cc_social_work_consultant",
    "cc_social_work_assistant",
];

/// Groups of positions: block A, TMC block B, career-center block B.
pub const GROUPS: [&str; 3] = [
    "group:management",
    "group:tmc_specialists",
    "group:cc_specialists",
];

/// Claimed categories of a career-center specialist (p.14: tested in the claimed profile).
pub const CATEGORIES: [&str; 3] = [
    "category:career_consultant",
    "category:case_manager",
    "category:mentor",
];

/// The tag for every attested position.
pub const ALL: &str = "all";

/// Whether `tag` is one of the known profile tags.
pub fn is_known(tag: &str) -> bool {
    tag == ALL
        || POSITION_SLUGS.contains(&tag)
        || GROUPS.contains(&tag)
        || CATEGORIES.contains(&tag)
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
