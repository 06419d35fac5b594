//! The roles of the people and systems that use synaq (ARCHITECTURE.md, "Roles"). Every route
//! declares the roles it admits; this is their one list.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An employee sitting the test.
    Candidate,
    /// A question author of the qualification-improvement organization (p.15).
    Author,
    /// The appeal commission's chair (p.23).
    CommissionChair,
    /// A voting member of the appeal commission (p.23).
    CommissionMember,
    /// The commission's secretary: records, has no vote (p.23).
    CommissionSecretary,
    /// An operator of the qualification-improvement organization who runs campaigns.
    Admin,
    /// An officer of a local executive body (p.32): sees and decides only its region's people.
    LebOfficer,
    /// An operator of a TMC (p.9, p.10): forms and corrects the list of attestees of its own
    /// organization, and sees no other organization's people.
    TmcOperator,
    /// Reviews flagged proctoring sessions: confirms a violation (void, p.19) or dismisses it.
    ProctorReviewer,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Candidate,
        Role::Author,
        Role::CommissionChair,
        Role::CommissionMember,
        Role::CommissionSecretary,
        Role::Admin,
        Role::LebOfficer,
        Role::ProctorReviewer,
        Role::TmcOperator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Author => "author",
            Role::CommissionChair => "commission_chair",
            Role::CommissionMember => "commission_member",
            Role::CommissionSecretary => "commission_secretary",
            Role::Admin => "admin",
            Role::LebOfficer => "leb_officer",
            Role::ProctorReviewer => "proctor_reviewer",
            Role::TmcOperator => "tmc_operator",
        }
    }

    pub fn parse(s: &str) -> Result<Role, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// What a scoped role's staff member is limited to: a `tmc_operator` to one organization, an
/// `leb_officer` to one region (a slug of [`crate::domain::region::REGIONS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Organization,
    Region,
}

impl Role {
    /// The scope a staff member of this role must carry, if any.
    pub fn scope_kind(self) -> Option<ScopeKind> {
        match self {
            Role::TmcOperator => Some(ScopeKind::Organization),
            Role::LebOfficer => Some(ScopeKind::Region),
            _ => None,
        }
    }
}

/// The stored scope of a staff member of `role` from what was typed: a region's slug for an
/// `leb_officer` (any of its names accepted), an organization's name (trimmed, NFC, 1 to 300
/// characters) for a `tmc_operator`. Every other role takes none; a scoped role must have one.
pub fn check_scope(role: Role, scope: Option<&str>) -> Result<Option<String>, String> {
    use unicode_normalization::UnicodeNormalization;
    let typed = scope.map(str::trim).filter(|s| !s.is_empty());
    match (role.scope_kind(), typed) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(format!(
            "the {role} role sees every organization and region: give no scope"
        )),
        (Some(ScopeKind::Region), None) => Err(format!(
            "an {role} acts for one region's local executive body (p.32): give its region"
        )),
        (Some(ScopeKind::Organization), None) => Err(format!(
            "a {role} forms the list of one organization (p.9): give the organization's name as the roster writes it"
        )),
        (Some(ScopeKind::Region), Some(typed)) => crate::domain::region::find_region(typed)
            .map(|r| Some(r.slug.to_owned()))
            .map_err(|e| e.to_string()),
        (Some(ScopeKind::Organization), Some(typed)) => {
            let name: String = typed.nfc().collect();
            if name.chars().count() > 300 {
                Err("an organization's name is at most 300 characters".into())
            } else {
                Ok(Some(name))
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?}; roles are candidate, author, commission_chair, commission_member, commission_secretary, admin, leb_officer, proctor_reviewer, tmc_operator"
)]
pub struct UnknownRole(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_back_and_unknown_roles_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("root"), Err(UnknownRole("root".into())));
    }

    #[test]
    fn scoped_roles_need_their_scope_and_others_refuse_one() {
        assert_eq!(
            check_scope(Role::LebOfficer, Some(" Карагандинская область ")),
            Ok(Some("karaganda".into()))
        );
        assert_eq!(
            check_scope(Role::TmcOperator, Some(" ЦТМ г. Астана ")),
            Ok(Some("ЦТМ г. Астана".into()))
        );
        assert!(
            check_scope(Role::LebOfficer, None)
                .unwrap_err()
                .contains("p.32")
        );
        assert!(
            check_scope(Role::TmcOperator, Some("  "))
                .unwrap_err()
                .contains("p.9")
        );
        assert!(check_scope(Role::LebOfficer, Some("Сибирь")).is_err());
        assert!(check_scope(Role::Admin, Some("karaganda")).is_err());
        assert_eq!(check_scope(Role::Admin, None), Ok(None));
    }
}
