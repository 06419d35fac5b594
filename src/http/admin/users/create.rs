//! `POST /api/v1/admin/users {"username", "password", "role", "name", "scope"}`: a staff
//! account; `scope` is the region of an `leb_officer` and the organization of a `tmc_operator`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::domain::role::Role;
use crate::domain::secret;
use crate::http::extract::Json;
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(in crate::http::admin) struct NewUser {
    #[schema(pattern = r"^[A-Za-z0-9._-]{3,64}$")]
    username: String,
    /// 12 to 256 characters.
    #[schema(min_length = 12, max_length = 256)]
    password: String,
    #[schema(value_type = Role)]
    role: String,
    name: String,
    /// The region (`leb_officer`: a slug or its Russian/Kazakh name) or the organization
    /// (`tmc_operator`) the account is limited to; absent for every other role.
    #[serde(default)]
    scope: Option<String>,
}

pub(in crate::http::admin) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Json(user): Json<NewUser>,
) -> Result<StatusCode, Error> {
    let role = Role::parse(&user.role).map_err(|e| Error::bad_request("role", e.to_string()))?;
    if role == Role::Candidate {
        return Err(Error::bad_request(
            "role",
            "candidates log in with access codes, not accounts",
        ));
    }
    let username_ok = (3..=64).contains(&user.username.len())
        && user
            .username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !username_ok {
        return Err(Error::bad_request(
            "username",
            "3-64 characters of a-z, 0-9, '.', '_', '-'",
        ));
    }
    let scope = crate::domain::role::check_scope(role, user.scope.as_deref())
        .map_err(|m| Error::bad_request("scope", m))?;
    secret::check_password_strength(&user.password)
        .map_err(|m| Error::bad_request("password", m))?;
    if user.name.trim().is_empty() {
        return Err(Error::bad_request("name", "must not be empty"));
    }
    store::account::create_scoped_user(
        &state.db,
        &user.username,
        user.name.trim(),
        role,
        scope.as_deref(),
        &user.password,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(StatusCode::CREATED)
}
