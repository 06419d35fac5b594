//! `synaq token issue`: a bearer token for the API, printed once.

use clap::Subcommand;
use serde_json::json;

use super::{CliError, open, print_json};
use crate::domain::role::Role;

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// Issue a token; it is printed once and stored only as a digest.
    Issue {
        /// author, admin, commission_chair, commission_member, commission_secretary,
        /// leb_officer, proctor_reviewer, tmc_operator.
        #[arg(long)]
        role: String,
        /// The region (leb_officer) or the organization (tmc_operator) the token is limited to.
        #[arg(long)]
        scope: Option<String>,
        /// Who holds it (shown in the audit chain).
        #[arg(long)]
        name: String,
    },
}

pub async fn run(url: &str, cmd: TokenCmd) -> Result<(), CliError> {
    match cmd {
        TokenCmd::Issue { role, name, scope } => {
            let role = Role::parse(&role).map_err(|e| CliError::Usage(format!("--role: {e}")))?;
            let scope = crate::domain::role::check_scope(role, scope.as_deref())
                .map_err(|e| CliError::Usage(format!("--scope: {e}")))?;
            if name.trim().is_empty() {
                return Err(CliError::Usage("--name: must not be empty".into()));
            }
            let db = open(url).await?;
            let token = crate::store::token::issue_scoped(
                &db,
                role,
                scope.as_deref(),
                name.trim(),
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
            )
            .await?;
            print_json(
                &json!({ "role": role, "name": name.trim(), "scope": scope, "token": token }),
            );
            Ok(())
        }
    }
}
