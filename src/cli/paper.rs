//! `synaq paper show | draw | get`: the paper a seed gives, byte-identical on every run (p.16).

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::{CliError, open, print_json};
use crate::domain::bank::Lang;
use crate::domain::paper::{self, Blueprint, PaperRequest, Seed};
use crate::domain::profile;

#[derive(Debug, Subcommand)]
pub enum PaperCmd {
    /// Print the paper of a given seed as JSON (question ids in order, option order, texts).
    Show {
        #[command(flatten)]
        target: Target,
        /// 64 hexadecimal digits.
        #[arg(long)]
        seed: String,
    },
    /// Draw a paper with a fresh 256-bit seed, store it, and print it with its id.
    Draw {
        #[command(flatten)]
        target: Target,
    },
    /// Print a stored paper, regenerated from its seed and checked against what was stored.
    Get { paper_id: String },
}

/// Whose paper, from which bank.
#[derive(Debug, Args)]
pub struct Target {
    /// A bank version id or a unique prefix of it (at least 4 hex digits).
    #[arg(long)]
    bank: String,
    /// The candidate's position: a name from the typical structures (seed 004) or its slug.
    #[arg(long)]
    position: String,
    /// kk or ru.
    #[arg(long)]
    lang: String,
    /// The category a career-center specialist applies for (p.14).
    #[arg(long)]
    claimed_category: Option<String>,
    /// The exam day (YYYY-MM-DD): legal questions citing acts not in force that day are
    /// skipped. Default: today in Asia/Almaty.
    #[arg(long)]
    on: Option<String>,
    /// A JSON file with an array of question ids of the candidate's previous attempt.
    #[arg(long)]
    exclude: Option<PathBuf>,
}

pub async fn run(url: &str, cmd: PaperCmd) -> Result<(), CliError> {
    match cmd {
        PaperCmd::Show { target, seed } => {
            let seed = Seed::parse(&seed).map_err(|e| CliError::Usage(format!("--seed: {e}")))?;
            let db = open(url).await?;
            let drawn = draw(&db, &target, seed).await?;
            print_json(&drawn.output(None));
            Ok(())
        }
        PaperCmd::Draw { target } => {
            let db = open(url).await?;
            let drawn = draw(&db, &target, Seed::generate()).await?;
            let paper_id = crate::store::paper::insert(
                &db,
                crate::store::paper::NewPaper {
                    bank_version: &drawn.version,
                    profile: &drawn.profile,
                    blueprint: &drawn.blueprint,
                    exclusions: &drawn.exclusions,
                    paper: &drawn.paper,
                },
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
            )
            .await?;
            print_json(&drawn.output(Some(&paper_id)));
            Ok(())
        }
        PaperCmd::Get { paper_id } => {
            let db = open(url).await?;
            let stored = crate::store::paper::get(&db, &paper_id).await?;
            let bank = crate::store::bank::load(&db, &stored.bank_version).await?;
            let regenerated = paper::assemble(&PaperRequest {
                bank: &bank,
                blueprint: &stored.blueprint,
                profile: &stored.profile,
                lang: stored.paper.lang,
                seed: stored.paper.seed,
                exclusions: &stored.exclusions,
            })
            .map_err(|e| {
                CliError::Failed(format!("paper {paper_id} no longer regenerates: {e}"))
            })?;
            if regenerated != stored.paper {
                return Err(CliError::Failed(format!(
                    "paper {paper_id}: its seed regenerates a different paper than the one stored"
                )));
            }
            let rendered = stored.paper.render(&bank);
            print_json(&json!({
                "paper_id": paper_id,
                "bank_version": stored.bank_version,
                "profile": stored.profile,
                "regenerates": true,
                "paper": rendered,
            }));
            Ok(())
        }
    }
}

struct Drawn {
    version: String,
    profile: paper::Profile,
    blueprint: Blueprint,
    exclusions: BTreeSet<String>,
    paper: paper::Paper,
    bank: crate::domain::bank::Bank,
}

impl Drawn {
    fn output(&self, paper_id: Option<&str>) -> serde_json::Value {
        let mut out = json!({
            "bank_version": self.version,
            "profile": self.profile,
            "paper": self.paper.render(&self.bank),
        });
        if let Some(id) = paper_id {
            out["paper_id"] = json!(id);
        }
        out
    }
}

async fn draw(db: &crate::store::Db, target: &Target, seed: Seed) -> Result<Drawn, CliError> {
    let lang = Lang::parse(&target.lang)
        .ok_or_else(|| CliError::Usage(format!("--lang: {:?} is not kk or ru", target.lang)))?;
    let exam_date = match &target.on {
        Some(day) => day.parse::<jiff::civil::Date>().map_err(|e| {
            CliError::Usage(format!("--on: {day:?} is not a date (YYYY-MM-DD): {e}"))
        })?,
        None => jiff::ZonedDateTime::now()
            .with_time_zone(crate::domain::calendar::almaty())
            .date(),
    };
    let profile = profile::for_position(
        &target.position,
        target.claimed_category.as_deref(),
        exam_date,
    )
    .map_err(|e| {
        let flag = match e.input() {
            profile::ProfileInput::Position => "--position",
            profile::ProfileInput::ClaimedCategory => "--claimed-category",
        };
        CliError::Usage(format!("{flag}: {e}"))
    })?;
    let exclusions: BTreeSet<String> = match &target.exclude {
        None => BTreeSet::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::Usage(format!("--exclude {}: {e}", path.display())))?;
            serde_json::from_str(&text).map_err(|e| {
                CliError::Usage(format!(
                    "--exclude {}: not a JSON array of question ids: {e}",
                    path.display()
                ))
            })?
        }
    };
    let version = crate::store::bank::resolve(db, &target.bank).await?;
    let bank = crate::store::bank::load(db, &version).await?;
    let blueprint = Blueprint::default();
    let paper = paper::assemble(&PaperRequest {
        bank: &bank,
        blueprint: &blueprint,
        profile: &profile,
        lang,
        seed,
        exclusions: &exclusions,
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    Ok(Drawn {
        version,
        profile,
        blueprint,
        exclusions,
        paper,
        bank,
    })
}
