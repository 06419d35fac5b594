//! `synaq iin check IIN`: validates an IIN and prints what it encodes, as JSON.

use clap::Subcommand;
use serde_json::{Value, json};

use super::CliError;
use crate::domain::iin::Iin;

/// The `iin` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum IinCmd {
    /// Check an IIN (12 digits) and show its birth date and sex.
    Check {
        /// The IIN to check.
        #[arg(value_name = "IIN")]
        iin: String,
    },
}

/// Runs an `iin` subcommand; an invalid IIN is a failed check whose message names the `IIN`
/// argument and the fault. A birth date after today (in Asia/Almaty) or before 1900 fails it.
pub fn run(cmd: &IinCmd) -> Result<Value, CliError> {
    match cmd {
        IinCmd::Check { iin } => {
            let today = crate::domain::calendar::almaty_date(jiff::Timestamp::now());
            // An IIN that fails the check is a failed check (exit 1), like an invalid bank.
            let parsed = Iin::parse_on(iin, today)
                .map_err(|e| CliError::Failed(format!("IIN: {iin:?} is not a valid IIN: {e}")))?;
            Ok(json!({
                "iin": parsed.to_string(),
                "valid": true,
                "birth_date": parsed.birth_date().to_string(),
                "sex": parsed.sex(),
            }))
        }
    }
}
