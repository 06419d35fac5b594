//! `synaq rules ...`: the rules code at the command line, answering in JSON.
//!
//! Owns argument parsing and the CLI edge (reading the person file); every answer comes
//! from `domain::rules`. Each error names the flag or JSON field it came from, e.g.
//! `--score: "abc" is not a number`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use serde_json::Value;
use thiserror::Error;

use crate::domain::rules::{
    ConflictPolicy, DecisionInput, GapPolicy, Percent, Person, Procedure, Rating, RuleError,
    decide, eligibility, evaluate, evaluation_due, find_position,
};

mod person_json;

/// The `rules` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum RulesCmd {
    /// The p.30 decision and its consequences for one test result.
    Decide(DecideArgs),
    /// The professional-activity evaluation of p.28-1 / Appendix 1-2.
    Evaluate(EvaluateArgs),
    /// Whether a person may sit the test on a date (p.4-p.6, p.10, p.14).
    Eligibility(EligibilityArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DecideArgs {
    /// Position: slug or Russian/Kazakh name, e.g. "Руководитель сектора" or
    /// "Специалист по содействию занятости (карьерный центр)".
    #[arg(long)]
    pub position: String,
    /// primary | periodic | category | reattestation
    #[arg(long)]
    pub procedure: String,
    /// Percent correct, 0-100; fractions allowed.
    #[arg(long, allow_hyphen_values = true)]
    pub score: String,
    /// Category held now (slug or name).
    #[arg(long)]
    pub current_category: Option<String>,
    /// Category claimed (slug or name).
    #[arg(long)]
    pub claimed_category: Option<String>,
    /// For a re-attestation: the procedure it repeats (primary | periodic | category).
    #[arg(long)]
    pub reattestation_of: Option<String>,
    /// p30 (default) | p27: the category of an applicant below 70.
    #[arg(long, default_value = "p30")]
    pub policy: String,
}

#[derive(Debug, Clone, Args)]
pub struct EvaluateArgs {
    /// Percent correct at testing, 0-100.
    #[arg(long, allow_hyphen_values = true)]
    pub score: String,
    /// Rating from service recipients over 12 months, 0-5.
    #[arg(long, allow_hyphen_values = true)]
    pub rating: String,
    /// Violations and errors recorded over 12 months.
    #[arg(long, allow_hyphen_values = true)]
    pub violations: String,
    /// zero (default, flagged for the commission) | ten: a rating in (3.9, 4.0].
    #[arg(long, default_value = "zero")]
    pub gap_policy: String,
    /// Day the testing stage ended (YYYY-MM-DD): adds the p.28-1 due date.
    #[arg(long)]
    pub testing_ended: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EligibilityArgs {
    /// JSON file holding a `Person`.
    #[arg(long)]
    pub person: PathBuf,
    /// Day of testing (YYYY-MM-DD).
    #[arg(long)]
    pub on: String,
}

/// A refusal at the command line; the message starts with the flag or field at fault.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("{field}: {source}")]
    Rule {
        field: &'static str,
        source: RuleError,
    },
    #[error("{field}: \"{input}\" is not a whole number of 0 or more")]
    NotACount { field: &'static str, input: String },
    #[error("{field}: \"{input}\" is not a date (YYYY-MM-DD)")]
    NotADate { field: &'static str, input: String },
    #[error("--person: cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("--person {path}: {field}: {message}")]
    PersonField {
        path: String,
        field: String,
        message: String,
    },
}

/// Runs one subcommand; the value is what the binary prints.
pub fn run(cmd: &RulesCmd) -> Result<Value, CliError> {
    match cmd {
        RulesCmd::Decide(a) => run_decide(a),
        RulesCmd::Evaluate(a) => run_evaluate(a),
        RulesCmd::Eligibility(a) => run_eligibility(a),
    }
}

fn run_decide(a: &DecideArgs) -> Result<Value, CliError> {
    let input = DecisionInput {
        position: find_position(&a.position).map_err(at("--position"))?,
        procedure: a.procedure.parse().map_err(at("--procedure"))?,
        score: a.score.parse().map_err(at("--score"))?,
        current_category: parse_opt(&a.current_category, "--current-category")?,
        claimed_category: parse_opt(&a.claimed_category, "--claimed-category")?,
        reattestation_of: parse_opt::<Procedure>(&a.reattestation_of, "--reattestation-of")?,
        policy: a.policy.parse::<ConflictPolicy>().map_err(at("--policy"))?,
    };
    let decision = decide(&input).map_err(|e| CliError::Rule {
        field: decide_field(&e),
        source: e,
    })?;
    Ok(to_value(&decision))
}

fn run_evaluate(a: &EvaluateArgs) -> Result<Value, CliError> {
    let score: Percent = a.score.parse().map_err(at("--score"))?;
    let rating: Rating = a.rating.parse().map_err(at("--rating"))?;
    let violations: u32 = a
        .violations
        .trim()
        .parse()
        .map_err(|_| CliError::NotACount {
            field: "--violations",
            input: a.violations.clone(),
        })?;
    let gap: GapPolicy = a.gap_policy.parse().map_err(at("--gap-policy"))?;
    let due = match &a.testing_ended {
        Some(text) => Some(
            evaluation_due(parse_date(text, "--testing-ended")?).map_err(at("--testing-ended"))?,
        ),
        None => None,
    };
    let evaluation = evaluate(score, rating, violations, gap).map_err(at("--score"))?;
    let mut value = to_value(&evaluation);
    if let (Some(due), Value::Object(map)) = (due, &mut value) {
        map.insert("due".into(), Value::String(due.to_string()));
    }
    Ok(value)
}

fn run_eligibility(a: &EligibilityArgs) -> Result<Value, CliError> {
    let on = parse_date(&a.on, "--on")?;
    let path = a.person.display().to_string();
    let text = std::fs::read_to_string(&a.person).map_err(|source| CliError::Read {
        path: path.clone(),
        source,
    })?;
    let person: Person =
        person_json::parse(&text).map_err(|(field, message)| CliError::PersonField {
            path: path.clone(),
            field,
            message,
        })?;
    let answer = eligibility(&person, on).map_err(|e| {
        let (field, message) = match &e {
            RuleError::InvalidPeriod { field, start, end } => (
                field.clone(),
                format!("ends {end} before it starts {start}"),
            ),
            RuleError::PositionBeforeHire {
                hire_date,
                position_start,
            } => (
                "position_start".to_string(),
                format!("{position_start} is before hire_date {hire_date}"),
            ),
            RuleError::ClaimedCategoryMissing => ("claimed_category".to_string(), e.to_string()),
            _ => ("(person)".to_string(), e.to_string()),
        };
        CliError::PersonField {
            path: path.clone(),
            field,
            message,
        }
    })?;
    Ok(to_value(&answer))
}

/// The flag a `decide` refusal is about.
fn decide_field(e: &RuleError) -> &'static str {
    match e {
        RuleError::NotAttested { .. } => "--position",
        RuleError::CategoryNotForPosition { .. } | RuleError::UnresolvedReattestation => {
            "--procedure"
        }
        RuleError::CurrentCategoryMissing => "--current-category",
        RuleError::ClaimedCategoryMissing
        | RuleError::ClaimedCategoryNotForGroup { .. }
        | RuleError::OutOfSequence { .. }
        | RuleError::ConfirmationClaimsOther { .. } => "--claimed-category",
        RuleError::ReattestationOfReattestation
        | RuleError::RepeatedProcedureWithoutReattestation { .. } => "--reattestation-of",
        _ => "input",
    }
}

fn at(field: &'static str) -> impl Fn(RuleError) -> CliError {
    move |source| CliError::Rule { field, source }
}

fn parse_opt<T>(text: &Option<String>, field: &'static str) -> Result<Option<T>, CliError>
where
    T: std::str::FromStr<Err = RuleError>,
{
    text.as_deref()
        .map(|t| t.parse::<T>().map_err(at(field)))
        .transpose()
}

fn parse_date(text: &str, field: &'static str) -> Result<Date, CliError> {
    text.trim().parse().map_err(|_| CliError::NotADate {
        field,
        input: text.to_string(),
    })
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    // The domain types serialise to plain JSON (strings, numbers, arrays): this cannot fail.
    serde_json::to_value(v).unwrap_or(Value::Null)
}
