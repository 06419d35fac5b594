//! `POST /api/v1/banks`: a bank version. It takes either `multipart/form-data` with one or
//! more file parts (the part's filename picks the format; Kazakh and Russian files of one bank
//! go together), or a single native JSON bank as the raw body (`Content-Type:
//! application/json`). Query parameters: `name` (the bank's lineage, default `main`), and the
//! import defaults for what GIFT, Aiken and Moodle XML files do not say — `lang` (`kk`|`ru`,
//! for monolingual files), `section`, `profile` (comma-separated), `topic`, `difficulty` —
//! each also accepted as a multipart form field of the same name (not both); a multipart
//! part named `map` is a category map (docs/bank-format.md). It answers 201 with
//! the new version id, counts per section and profile and the import's notes (derived ids,
//! languages read from the letters), 200 with the same answer when the content was already
//! stored, or 422 with every error found (and the notes after them).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use serde::Deserialize;

use crate::domain::bank::{self, CategoryMap, DefaultsText, ImportOptions, Lang, SourceFile};
use crate::http::extract::{Query, body_error};
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// The bank's lineage (default `main`).
    name: Option<String>,
    /// `kk` or `ru`: the language of every file that names none itself (monolingual files).
    #[param(value_type = Option<crate::domain::bank::Lang>)]
    lang: Option<String>,
    /// `legal` or `functional`: the section of questions that give none (p.16).
    #[param(value_type = Option<crate::domain::bank::Section>)]
    section: Option<String>,
    /// Profile tags, comma-separated, of questions that give none (`all`, `group:management`).
    profile: Option<String>,
    /// The topic of questions whose tags and category give none.
    topic: Option<String>,
    /// 1 to 5: the difficulty of questions that give none (without it they have none).
    difficulty: Option<String>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<Params>,
    request: Request,
) -> Result<(StatusCode, Json<store::bank::ImportOutcome>), Error> {
    let name = lineage(&params)?;
    let Parsed { import, map_errors } = parse(&state, &params, request).await?;
    if !map_errors.is_empty() {
        return Err(Error::Unprocessable {
            code: "invalid_map",
            message: format!(
                "the category map has {} error(s); nothing was imported",
                map_errors.len()
            ),
            details: map_errors.iter().map(ToString::to_string).collect(),
        });
    }
    let notes: Vec<String> = import.notes.iter().map(ToString::to_string).collect();
    let bank = import.bank.map_err(|diagnostics| Error::Unprocessable {
        code: "invalid_bank",
        message: format!(
            "the bank has {} error(s); nothing was imported",
            bank::error_count(&diagnostics)
        ),
        details: diagnostics
            .iter()
            .map(ToString::to_string)
            .chain(notes.iter().cloned())
            .collect(),
    })?;
    let now = jiff::Timestamp::now();
    let mut outcome =
        store::bank::import(&state.db, &bank, &name, &caller.actor(), now, |_| {}).await?;
    outcome.notes = notes;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)))
}

/// The bank's lineage named by the query (default `main`), checked.
pub(super) fn lineage(params: &Params) -> Result<String, Error> {
    let name = params.name.clone().unwrap_or_else(|| "main".to_owned());
    bank::check_bank_name(&name).map_err(|m| Error::bad_request("name", m))?;
    Ok(name)
}

/// An upload read and parsed: the import (bank or diagnostics, and notes), and the errors of
/// its category map (when there are some, the bank was parsed without the map).
pub(super) struct Parsed {
    pub import: bank::Import,
    pub map_errors: Vec<bank::Diagnostic>,
}

/// Reads the upload's files and parses them with the defaults (query parameters or form
/// fields) and the map part.
pub(super) async fn parse(
    state: &AppState,
    params: &Params,
    request: Request,
) -> Result<Parsed, Error> {
    let mut upload = read_files(state, request).await?;
    // A default is a query parameter or a form field of the same name, not both.
    let given = |field: &'static str, query: &Option<String>| -> Result<Option<String>, Error> {
        let form = upload
            .fields
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, v)| v.clone());
        match (query, form) {
            (Some(_), Some(_)) => Err(Error::bad_request(
                field,
                "given both as a query parameter and as a form field",
            )),
            (Some(q), None) => Ok(Some(q.clone())),
            (None, form) => Ok(form),
        }
    };
    let (lang, section, profile, topic, difficulty) = (
        given("lang", &params.lang)?,
        given("section", &params.section)?,
        given("profile", &params.profile)?,
        given("topic", &params.topic)?,
        given("difficulty", &params.difficulty)?,
    );
    let text = DefaultsText {
        lang: lang.as_deref(),
        section: section.as_deref(),
        profile: profile.as_deref(),
        topic: topic.as_deref(),
        difficulty: difficulty.as_deref(),
    };
    let mut options =
        ImportOptions::from_text(&text).map_err(|e| Error::bad_request(e.field, e.message))?;
    // A file's own name (`attestation.kk.gift`) beats the default language.
    for f in &mut upload.files {
        f.lang = f.lang.or(options.lang);
    }
    let mut map_errors = Vec::new();
    if let Some(map) = upload.map {
        match CategoryMap::parse(&map.name, &map.content) {
            Ok(parsed) => options.map = Some(parsed),
            Err(diagnostics) => map_errors = diagnostics,
        }
    }
    let import = parse_off_workers(upload.files, options).await?;
    Ok(Parsed { import, map_errors })
}

/// Bank parses running at once, each on a blocking thread: parsing a large bank takes
/// seconds of CPU, which must not stall the async workers driving the exam sockets; further
/// uploads wait their turn here (docs/limits.md).
pub const PARSES_AT_ONCE: usize = 2;

static PARSES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PARSES_AT_ONCE);

/// Parses the uploaded files on a blocking thread, behind [`PARSES`].
async fn parse_off_workers(
    files: Vec<SourceFile>,
    options: ImportOptions,
) -> Result<bank::Import, Error> {
    let _permit = PARSES
        .acquire()
        .await
        .map_err(|e| Error::Internal(Box::new(e)))?;
    tokio::task::spawn_blocking(move || bank::import(&files, &options))
        .await
        .map_err(|e| Error::Internal(Box::new(e)))
}

/// What an upload carries: the bank's files and, as the part named `map`, a category map.
struct Upload {
    files: Vec<SourceFile>,
    map: Option<SourceFile>,
    /// Form fields (parts without a filename) named as a default: `lang`, `section`, ...
    fields: Vec<(&'static str, String)>,
}

/// The defaults a form field may give, as the query parameters of the same names.
const DEFAULT_FIELDS: [&str; 5] = ["lang", "section", "profile", "topic", "difficulty"];

/// The uploaded files: multipart parts, or the raw body as one JSON file.
async fn read_files(state: &AppState, request: Request) -> Result<Upload, Error> {
    // The languages are set once the defaults are known; a file's name gives its own now.
    let lang: Option<Lang> = None;
    let limit = state.config.max_upload_bytes;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?;
        let mut files = Vec::new();
        let mut map = None;
        let mut fields = Vec::new();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?
        {
            let is_map = field.name() == Some("map");
            let default = (field.file_name().is_none())
                .then(|| DEFAULT_FIELDS.iter().find(|f| field.name() == Some(**f)))
                .flatten()
                .copied();
            let name = field
                .file_name()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("part-{}", files.len() + 1));
            let bytes = field.bytes().await.map_err(|e| {
                match body_error(e.status(), e.body_text(), limit) {
                    Error::BadRequest { message, .. } => Error::bad_request(name.clone(), message),
                    other => other,
                }
            })?;
            if let Some(key) = default {
                let value = String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::bad_request(key, "not UTF-8 text"))?;
                if fields.iter().any(|(k, _)| *k == key) {
                    return Err(Error::bad_request(key, "given twice as a form field"));
                }
                fields.push((key, value));
                continue;
            }
            if !is_map && bank::qti::is_package(&name, &bytes) {
                match bank::qti::unpack(&name, &bytes, lang) {
                    Ok(mut items) => files.append(&mut items),
                    Err(diagnostics) => {
                        return Err(Error::Unprocessable {
                            code: "invalid_bank",
                            message: format!(
                                "the package {name} has {} error(s); nothing was imported",
                                diagnostics.len()
                            ),
                            details: diagnostics.iter().map(ToString::to_string).collect(),
                        });
                    }
                }
                continue;
            }
            let file = source_file(name, bytes, lang)?;
            if is_map {
                if map.replace(file).is_some() {
                    return Err(Error::bad_request("map", "more than one part named map"));
                }
            } else {
                files.push(file);
            }
        }
        if files.is_empty() {
            return Err(Error::bad_request(
                "body",
                "the multipart body has no file part",
            ));
        }
        Ok(Upload { files, map, fields })
    } else if content_type.starts_with("application/json") {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?;
        Ok(Upload {
            files: vec![source_file("upload.json".to_owned(), bytes, lang)?],
            map: None,
            fields: Vec::new(),
        })
    } else {
        Err(Error::UnsupportedMediaType {
            expected: "multipart/form-data with file parts, or application/json with a native bank",
        })
    }
}

/// One uploaded file as text; the body's buffer becomes the string without a copy.
fn source_file(name: String, bytes: Bytes, lang: Option<Lang>) -> Result<SourceFile, Error> {
    SourceFile::from_bytes(name, Vec::from(bytes), lang).map_err(|e| {
        Error::bad_request(
            e.name,
            format!("not UTF-8 text (invalid byte at offset {})", e.offset),
        )
    })
}
