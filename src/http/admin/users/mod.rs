//! Staff accounts and their roles: create one with its role and scope, list them (paginated,
//! `q` a username prefix or a part of the name), disable or enable one with a reason
//! (audited; a disabled account's logins die at once). One file per action.

pub(super) mod create;
pub(super) mod list;
pub(super) mod toggle;

use serde::{Deserialize, Serialize};

use crate::domain::role::Role;
use crate::store::staff::StaffUser;

/// A staff account as administrators see it (never its password).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct UserView {
    pub user_id: String,
    pub username: String,
    pub name: String,
    pub role: Role,
    /// The organization (`tmc_operator`) or region slug (`leb_officer`); null otherwise.
    pub scope: Option<String>,
    /// A disabled account cannot log in; its logins were closed when it was disabled.
    pub disabled: bool,
    /// Unix ms.
    pub created_at: i64,
}

impl From<StaffUser> for UserView {
    fn from(u: StaffUser) -> UserView {
        UserView {
            user_id: u.user_id,
            username: u.username,
            name: u.name,
            role: u.role,
            scope: u.scope,
            disabled: u.disabled,
            created_at: u.created_at,
        }
    }
}

/// `GET /api/v1/admin/users`: a page of staff accounts, by username.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct UserListView {
    pub users: Vec<UserView>,
    pub page: super::views::PageView,
}
