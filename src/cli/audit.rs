//! `synaq audit verify`: proves the audit chain unbroken, or names the first broken entry.

use clap::Subcommand;
use serde_json::json;

use super::{CliError, open, print_json};
use crate::store::audit::{self, Verdict};

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Verify every entry's hash and link; exit 1 naming the first broken entry.
    Verify,
}

pub async fn run(url: &str, cmd: AuditCmd) -> Result<(), CliError> {
    match cmd {
        AuditCmd::Verify => {
            let db = open(url).await?;
            match audit::verify(&db).await? {
                Verdict::Intact { entries } => {
                    print_json(&json!({ "intact": true, "entries": entries }));
                    Ok(())
                }
                Verdict::Broken { verified, error } => {
                    print_json(&json!({
                        "intact": false,
                        "verified": verified,
                        "first_broken": error.seq(),
                        "reason": error.to_string(),
                    }));
                    Err(CliError::Failed(format!(
                        "the audit chain is broken: {error}"
                    )))
                }
            }
        }
    }
}
