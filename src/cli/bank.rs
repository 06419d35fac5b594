//! `synaq bank validate | import | list | synth | export`: the question authors' tools.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::{CliError, open, print_json};
use crate::domain::bank::export::ExportFormat;
use crate::domain::bank::{
    self, Bank, CategoryMap, DefaultsText, Diagnostic, ImportOptions, Lang, SourceFile,
};

/// The largest bank file read (the HTTP upload limit is the same order).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What an import assumes where a file says nothing (GIFT, Aiken, Moodle XML): a tag in
/// the file beats the map, which beats the category path, which beats these defaults.
#[derive(Debug, clap::Args)]
pub struct Defaults {
    /// The language of every file that names none itself (monolingual files).
    #[arg(long, value_name = "kk|ru")]
    lang: Option<String>,
    /// Section of questions that give none (p.16).
    #[arg(long, value_name = "legal|functional")]
    section: Option<String>,
    /// Profile tags of questions that give none, comma-separated (`all`, `group:management`).
    #[arg(long, value_name = "TAG[,TAG]")]
    profile: Option<String>,
    /// Topic of questions whose tags and category give none.
    #[arg(long, value_name = "T")]
    topic: Option<String>,
    /// Difficulty (1-5) of questions that give none; without it they have none.
    #[arg(long, value_name = "1-5")]
    difficulty: Option<String>,
    /// A CSV file mapping Moodle categories to section, profile and topic
    /// (`category,section,profile,topic`; docs/bank-format.md).
    #[arg(long, value_name = "FILE")]
    map: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BankCmd {
    /// Check bank files and report every error with its position; import nothing.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        defaults: Defaults,
    },
    /// Validate and store the files as one bank version (a no-op if identical content exists).
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        defaults: Defaults,
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
    /// Print a stored version as native JSON, GIFT or Moodle XML (re-importable to the same
    /// version).
    Export {
        /// A version id or a unique prefix of one (at least 4 hex digits).
        version: String,
        /// The format written.
        #[arg(long, default_value = "json", value_name = "json|gift|xml")]
        format: String,
        /// One language only, for a pair of monolingual files (GIFT and XML; default: both,
        /// with multilang markup).
        #[arg(long, value_name = "kk|ru")]
        lang: Option<String>,
    },
}

pub async fn run(url: &str, cmd: BankCmd) -> Result<(), CliError> {
    match cmd {
        BankCmd::Validate { files, defaults } => {
            let (bank, notes) = parse(&files, &defaults.options()?)?;
            let counts = crate::store::bank::Counts::of(&bank);
            print_json(&json!({
                "valid": true,
                "version": crate::store::bank::version_id(&bank),
                "questions": bank.questions.len(),
                "counts": counts,
                "notes": notes,
            }));
            Ok(())
        }
        BankCmd::Import {
            files,
            defaults,
            name,
        } => {
            bank::check_bank_name(&name).map_err(|m| CliError::Usage(format!("--name: {m}")))?;
            let (bank, notes) = parse(&files, &defaults.options()?)?;
            let db = open(url).await?;
            let bar = progress_bar(bank.questions.len() as u64);
            let mut outcome = crate::store::bank::import(
                &db,
                &bank,
                &name,
                &crate::domain::audit::Actor::Cli,
                jiff::Timestamp::now(),
                |n| bar.set_position(n),
            )
            .await?;
            bar.finish_and_clear();
            outcome.notes = notes;
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
        BankCmd::Export {
            version,
            format,
            lang,
        } => {
            let format = ExportFormat::parse(&format).ok_or_else(|| {
                CliError::Usage(format!("--format: {format:?} is not json, gift or xml"))
            })?;
            let lang = parse_lang(lang.as_deref())?;
            if format == ExportFormat::Json && lang.is_some() {
                return Err(CliError::Usage(
                    "--lang: the native JSON format is always bilingual; use --format gift or xml"
                        .into(),
                ));
            }
            let db = open(url).await?;
            let version = crate::store::bank::resolve(&db, &version).await?;
            let bank = crate::store::bank::load(&db, &version).await?;
            let text = bank::export::export(&bank, format, lang)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            Ok(())
        }
    }
}

impl Defaults {
    /// The import options these flags give, each checked and named when wrong.
    fn options(&self) -> Result<ImportOptions, CliError> {
        let text = DefaultsText {
            lang: self.lang.as_deref(),
            section: self.section.as_deref(),
            profile: self.profile.as_deref(),
            topic: self.topic.as_deref(),
            difficulty: self.difficulty.as_deref(),
        };
        let mut options = ImportOptions::from_text(&text)
            .map_err(|e| CliError::Usage(format!("--{}: {}", e.field, e.message)))?;
        if let Some(path) = &self.map {
            let name = path.display().to_string();
            let usage = |m: String| CliError::Usage(format!("--map: {name}: {m}"));
            let len = std::fs::metadata(path)
                .map_err(|e| usage(e.to_string()))?
                .len();
            if len > MAX_FILE_BYTES {
                return Err(usage(format!(
                    "{len} bytes is over the {MAX_FILE_BYTES}-byte limit for a bank file"
                )));
            }
            let text = std::fs::read_to_string(path).map_err(|e| usage(e.to_string()))?;
            options.map = Some(CategoryMap::parse(&name, &text).map_err(report)?);
        }
        Ok(options)
    }
}

fn parse_lang(lang: Option<&str>) -> Result<Option<Lang>, CliError> {
    lang.map(|l| {
        Lang::parse(l).ok_or_else(|| CliError::Usage(format!("--lang: {l:?} is not kk or ru")))
    })
    .transpose()
}

/// Reads and validates `files` into one bank, with the notes of the import as the author
/// reads them; all errors are printed, one per line, on stderr, and the notes after them.
pub fn parse(files: &[PathBuf], options: &ImportOptions) -> Result<(Bank, Vec<String>), CliError> {
    let mut sources = Vec::new();
    let mut unpacked = Vec::new();
    for path in files {
        match read_source(path, options.lang)? {
            Ok(mut files) => sources.append(&mut files),
            Err(mut diags) => unpacked.append(&mut diags),
        }
    }
    if !unpacked.is_empty() {
        return Err(report(unpacked));
    }
    let import = bank::import(&sources, options);
    let notes: Vec<String> = import.notes.iter().map(ToString::to_string).collect();
    match import.bank {
        Ok(bank) => Ok((bank, notes)),
        Err(diagnostics) => {
            let error = report(diagnostics);
            for n in &notes {
                eprintln!("{n}");
            }
            Err(error)
        }
    }
}

/// One file as the importer's sources: itself, or the items of a QTI package (`Err` with
/// the package's problems).
fn read_source(
    path: &Path,
    lang: Option<Lang>,
) -> Result<Result<Vec<SourceFile>, Vec<Diagnostic>>, CliError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CliError::Usage(format!(
            "{name}: {} bytes is over the {MAX_FILE_BYTES}-byte limit for a bank file",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
    if bank::qti::is_package(&name, &bytes) {
        return Ok(bank::qti::unpack(&name, &bytes, lang));
    }
    SourceFile::from_bytes(name, bytes, lang)
        .map(|f| Ok(vec![f]))
        .map_err(|e| CliError::Usage(e.to_string()))
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
