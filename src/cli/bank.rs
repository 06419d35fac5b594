//! `synaq bank validate | import | list | synth | export`: the question authors' tools.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::{CliError, open, print_json};
use crate::domain::bank::{self, Bank, Diagnostic, ImportOptions, Lang, SourceFile};

/// The largest bank file read (the HTTP upload limit is the same order).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum BankCmd {
    /// Check bank files and report every error with its position; import nothing.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The language of monolingual files (GIFT, Aiken, XML without multilang spans).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Validate and store the files as one bank version (a no-op if identical content exists).
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        lang: Option<String>,
        /// The bank's lineage name: a new version of a name retires the questions it drops.
        #[arg(long, default_value = "main")]
        name: String,
    },
    /// List the stored bank versions, newest first.
    List,
    /// Write a large synthetic bank (native JSON) for load tests and benchmarks.
    Synth {
        #[arg(long)]
        questions: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print a stored version as native JSON.
    Export {
        /// A version id or a unique prefix of one (at least 4 hex digits).
        version: String,
    },
}

pub async fn run(url: &str, cmd: BankCmd) -> Result<(), CliError> {
    match cmd {
        BankCmd::Validate { files, lang } => {
            let bank = parse(&files, parse_lang(lang.as_deref())?)?;
            let counts = crate::store::bank::Counts::of(&bank);
            print_json(&json!({
                "valid": true,
                "version": crate::store::bank::version_id(&bank),
                "questions": bank.questions.len(),
                "counts": counts,
            }));
            Ok(())
        }
        BankCmd::Import { files, lang, name } => {
            bank::check_bank_name(&name).map_err(|m| CliError::Usage(format!("--name: {m}")))?;
            let bank = parse(&files, parse_lang(lang.as_deref())?)?;
            let db = open(url).await?;
            let bar = progress_bar(bank.questions.len() as u64);
            let outcome = crate::store::bank::import(
                &db,
                &bank,
                &name,
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
                |n| bar.set_position(n),
            )
            .await?;
            bar.finish_and_clear();
            print_json(&outcome);
            Ok(())
        }
        BankCmd::List => {
            let db = open(url).await?;
            print_json(&crate::store::bank::list(&db).await?);
            Ok(())
        }
        BankCmd::Synth { questions, out } => {
            if questions < 2 {
                return Err(CliError::Usage("--questions: at least 2".into()));
            }
            let bank = crate::domain::synth::synthetic_bank(questions);
            std::fs::write(&out, bank::to_json(&bank))
                .map_err(|e| CliError::Usage(format!("--out {}: {e}", out.display())))?;
            print_json(&json!({ "out": out, "questions": questions }));
            Ok(())
        }
        BankCmd::Export { version } => {
            let db = open(url).await?;
            let version = crate::store::bank::resolve(&db, &version).await?;
            let bank = crate::store::bank::load(&db, &version).await?;
            println!("{}", bank::to_json(&bank));
            Ok(())
        }
    }
}

/// A bank lineage name: 1-64 characters of letters, digits, `-`, `_`, `.`.
fn parse_lang(lang: Option<&str>) -> Result<Option<Lang>, CliError> {
    lang.map(|l| {
        Lang::parse(l).ok_or_else(|| CliError::Usage(format!("--lang: {l:?} is not kk or ru")))
    })
    .transpose()
}

/// Reads and validates `files` into one bank; all errors are printed, one per line, on stderr.
pub fn parse(files: &[PathBuf], lang: Option<Lang>) -> Result<Bank, CliError> {
    let sources = files
        .iter()
        .map(|path| read_source(path, lang))
        .collect::<Result<Vec<_>, _>>()?;
    bank::parse_files(
        &sources,
        &ImportOptions {
            lang,
            ..Default::default()
        },
    )
    .map_err(report)
}

fn read_source(path: &Path, lang: Option<Lang>) -> Result<SourceFile, CliError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CliError::Usage(format!(
            "{name}: {} bytes is over the {MAX_FILE_BYTES}-byte limit for a bank file",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
    SourceFile::from_bytes(name, bytes, lang).map_err(|e| CliError::Usage(e.to_string()))
}

fn report(diagnostics: Vec<Diagnostic>) -> CliError {
    for d in &diagnostics {
        eprintln!("{d}");
    }
    CliError::Failed(format!(
        "{} error(s); nothing was imported",
        bank::error_count(&diagnostics)
    ))
}

fn progress_bar(len: u64) -> ProgressBar {
    if len < 1000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} importing [{bar:40}] {pos}/{len} questions ({eta})",
        )
        .expect("a valid progress template")
        .progress_chars("=> "),
    );
    bar
}
