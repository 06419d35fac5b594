//! `synaq token issue`: a bearer token for the API, printed once.

use clap::Subcommand;
use serde_json::json;

use super::{CliError, open, print_json};
use crate::domain::role::Role;

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// Issue a token; it is printed once and stored only as a digest.
    Issue {
        /// author, admin, commission_chair, commission_member, commission_secretary, leb_officer.
        #[arg(long)]
        role: String,
        /// Who holds it (shown in the audit chain).
        #[arg(long)]
        name: String,
    },
}

pub async fn run(url: &str, cmd: TokenCmd) -> Result<(), CliError> {
    match cmd {
        TokenCmd::Issue { role, name } => {
            let role = Role::parse(&role).map_err(|e| CliError::Usage(format!("--role: {e}")))?;
            if name.trim().is_empty() {
                return Err(CliError::Usage("--name: must not be empty".into()));
            }
            let db = open(url).await?;
            let token = crate::store::token::issue(
                &db,
                role,
                name.trim(),
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
            )
            .await?;
            print_json(&json!({ "role": role, "name": name.trim(), "token": token }));
            Ok(())
        }
    }
}
