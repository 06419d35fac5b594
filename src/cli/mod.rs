//! The `synaq` command line: `serve` (the default) and the operators' tools. Every command
//! that touches the database honours `DATABASE_URL` (default: the SQLite file under ./data/).
//!
//! Contract for scripts: results are JSON on stdout; a bad argument exits with code 2 and a
//! message naming it; a failed check (an invalid bank, a broken audit chain) exits with 1.

pub mod audit;
pub mod bank;
pub mod calendar;
pub mod iin;
pub mod paper;
pub mod rules;
pub mod serve;
pub mod token;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{DEFAULT_DATABASE_URL, Db};

#[derive(Debug, Parser)]
#[command(
    name = "synaq",
    version,
    about = "synaq — online proctored testing engine (сынақ)"
)]
pub struct Cli {
    /// Database: sqlite://PATH (default, embedded) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// The server's options when no command is given (`synaq` = `synaq serve`).
    #[command(flatten)]
    pub serve: serve::ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default when no command is given).
    Serve(serve::ServeArgs),
    /// Question banks: validate, import, list, synthesise.
    #[command(subcommand)]
    Bank(bank::BankCmd),
    /// Papers: show the paper a seed gives, or draw and store one.
    #[command(subcommand)]
    Paper(paper::PaperCmd),
    /// The audit chain.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// API tokens.
    #[command(subcommand)]
    Token(token::TokenCmd),
    /// The law as code: decisions (p.30), evaluation (p.28-1), eligibility (p.4-p.14).
    #[command(subcommand)]
    Rules(rules::RulesCmd),
    /// Individual identification numbers.
    #[command(subcommand)]
    Iin(iin::IinCmd),
    /// The working-day calendar and the deadlines of the rules (Asia/Almaty).
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
}

/// What a command ends with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad argument or input file: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// A check that ran and failed (invalid bank, broken chain): exit code 1.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<crate::store::Error> for CliError {
    fn from(e: crate::store::Error) -> CliError {
        match e {
            crate::store::Error::NotFound(m) | crate::store::Error::Ambiguous(m) => {
                CliError::Usage(m)
            }
            other => CliError::Other(other.into()),
        }
    }
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Failed(_) | CliError::Other(_) => ExitCode::from(1),
        }
    }
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values serialise")
    );
}

/// Opens the database named by `--database-url` / `DATABASE_URL`.
pub async fn open(url: &str) -> Result<Db, CliError> {
    Db::connect(url).await.map_err(|e| {
        CliError::Other(anyhow::anyhow!(
            "cannot open the database {}: {e}",
            redact(url)
        ))
    })
}

/// A database URL with its password, if any, hidden (secrets never reach logs).
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Runs the command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let url = cli.database_url;
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(args) => serve::run(&url, args).await,
        Command::Bank(cmd) => bank::run(&url, cmd).await,
        Command::Paper(cmd) => paper::run(&url, cmd).await,
        Command::Audit(cmd) => audit::run(&url, cmd).await,
        Command::Token(cmd) => token::run(&url, cmd).await,
        Command::Rules(cmd) => {
            print_json(&rules::run(&cmd).map_err(|e| CliError::Usage(e.to_string()))?);
            Ok(())
        }
        Command::Iin(cmd) => {
            print_json(&iin::run(&cmd)?);
            Ok(())
        }
        Command::Calendar(cmd) => {
            print_json(&calendar::run(&url, &cmd).await?);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted_from_database_urls() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            super::redact("sqlite://data/synaq.db"),
            "sqlite://data/synaq.db"
        );
    }
}
