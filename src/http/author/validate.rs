//! `POST /api/v1/banks/validate`: an upload checked and nothing stored — the body and query
//! of `POST /api/v1/banks`. It answers 200 whether or not the files are valid, with every
//! diagnostic located by file, line and column (or JSON pointer) for the author page to show
//! beside its line, the notes, and for a valid bank the version id it would get and its
//! counts per section and profile.

use axum::Json;
use axum::extract::{Request, State};
use serde::Serialize;

use super::upload::{self, Params, Parsed};
use crate::domain::bank::{self, Diagnostic, Location, Note};
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store::bank::{Counts, version_id};

/// One diagnostic or note, located.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// The file's name as uploaded.
    pub file: String,
    /// 1-based line, for line-based formats (and JSON syntax errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column, counting characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// A JSON pointer into a native JSON bank (`/questions/3/options`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What is wrong (or, for a note, what the import did), for the author.
    pub message: String,
}

impl Finding {
    fn at(file: &str, at: &Location, message: String) -> Finding {
        let (line, column, pointer) = match at {
            Location::Line { line, column } => (Some(*line), Some(*column), None),
            Location::Pointer(p) => (None, None, Some(p.clone())),
            Location::File => (None, None, None),
        };
        Finding {
            file: file.to_owned(),
            line,
            column,
            pointer,
            message,
        }
    }

    fn of_error(d: &Diagnostic) -> Finding {
        Finding::at(&d.file, &d.at, d.error.to_string())
    }

    fn of_note(n: &Note) -> Finding {
        Finding::at(&n.file, &n.at, n.kind.to_string())
    }
}

/// The answer of a dry run.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Validation {
    /// True when the files would import.
    pub valid: bool,
    /// How many errors there are (more than `errors` holds when the cap was reached).
    pub error_count: u64,
    /// Every error found (the category map's first), in file order then by position.
    pub errors: Vec<Finding>,
    /// What the import would do for the author (derived ids, languages read from letters).
    pub notes: Vec<Finding>,
    /// For a valid bank: the version id it would be stored under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// For a valid bank: its questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<u64>,
    /// For a valid bank: questions per section, and per profile tag and section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<Counts>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    Query(params): Query<Params>,
    request: Request,
) -> Result<Json<Validation>, Error> {
    upload::lineage(&params)?;
    let Parsed { import, map_errors } = upload::parse(&state, &params, request).await?;
    let notes = import.notes.iter().map(Finding::of_note).collect();
    let mut errors: Vec<Finding> = map_errors.iter().map(Finding::of_error).collect();
    let mut error_count = map_errors.len() as u64;
    let (mut version, mut questions, mut counts) = (None, None, None);
    match import.bank {
        Ok(bank) if map_errors.is_empty() => {
            version = Some(version_id(&bank));
            questions = Some(bank.questions.len() as u64);
            counts = Some(Counts::of(&bank));
        }
        Ok(_) => {}
        Err(diagnostics) => {
            error_count += bank::error_count(&diagnostics) as u64;
            errors.extend(diagnostics.iter().map(Finding::of_error));
        }
    }
    Ok(Json(Validation {
        valid: error_count == 0,
        error_count,
        errors,
        notes,
        version,
        questions,
        counts,
    }))
}
