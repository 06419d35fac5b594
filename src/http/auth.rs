//! Who is calling: the bearer token of the `Authorization` header, resolved to its holder and
//! role. Every handler states the roles it admits with [`Caller::admit`] as its first step.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::{AppState, Error};
use crate::domain::role::Role;
use crate::store::token::{self, Holder};

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Option<Role>,
    role_name: String,
}

impl Caller {
    /// Refuses the call unless the caller holds one of `admits`.
    pub fn admit(&self, admits: &'static [Role]) -> Result<Role, Error> {
        match self.role {
            Some(role) if admits.contains(&role) => Ok(role),
            _ => Err(Error::Forbidden {
                admits,
                have: self.role_name.clone(),
            }),
        }
    }

    /// The actor name written to the audit chain.
    pub fn actor(&self) -> String {
        format!("{}:{}", self.role_name, self.name)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, Error> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(Error::Unauthenticated)?;
        let bearer = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(Error::Unauthenticated)?;
        let Holder { name, role } = token::authenticate(&state.db, bearer)
            .await?
            .ok_or(Error::Unauthenticated)?;
        Ok(Caller {
            name,
            role: Role::parse(&role).ok(),
            role_name: role,
        })
    }
}
