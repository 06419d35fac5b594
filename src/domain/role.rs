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
    /// An officer of a local executive body (p.32).
    LebOfficer,
    /// Reviews flagged proctoring sessions: confirms a violation (void, p.19) or dismisses it.
    ProctorReviewer,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Candidate,
        Role::Author,
        Role::CommissionChair,
        Role::CommissionMember,
        Role::CommissionSecretary,
        Role::Admin,
        Role::LebOfficer,
        Role::ProctorReviewer,
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
        }
    }

    pub fn parse(s: &str) -> Result<Role, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?}; roles are candidate, author, commission_chair, commission_member, commission_secretary, admin, leb_officer, proctor_reviewer"
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
}
