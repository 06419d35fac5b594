//! `GET /api/v1/admin/campaigns/{campaign}/sessions.csv` and `.xlsx`: every session of a
//! campaign (the listing's filters `status` and `q` apply) as a table through `crate::export`
//! — names, IINs and every other text written as text, never as a formula. Times are
//! Asia/Almaty; the header is Russian, the language of the QIO's reports (p.31).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::calendar::almaty;
use crate::domain::exam::Status;
use crate::export::{Cell, Table};
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;
use crate::store::listing::{Page, SessionFilter, SessionSummary};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http::admin) struct Params {
    /// `scheduled`, `rules`, `in_progress`, `scored` or `voided`.
    #[param(value_type = Option<crate::domain::exam::Status>)]
    status: Option<String>,
    /// An IIN prefix or a part of the name.
    q: Option<String>,
}

/// Rows read per statement while the table is built.
const CHUNK: i64 = 500;

const HEADER: [&str; 17] = [
    "ФИО",
    "ИИН",
    "Должность",
    "Место работы",
    "Процедура",
    "Статус",
    "Завершение",
    "Язык",
    "Начало (Алматы)",
    "Окончание (Алматы)",
    "Ответов",
    "Сигналов",
    "Апелляция",
    "Верных",
    "Вопросов",
    "Процент",
    "Решение",
];

pub(in crate::http::admin) async fn csv(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let table = table(&state, &campaign_id, params).await?;
    Ok(download(
        &campaign_id,
        "csv",
        "text/csv; charset=utf-8",
        table.to_csv(),
    ))
}

pub(in crate::http::admin) async fn xlsx(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let table = table(&state, &campaign_id, params).await?;
    let bytes = table.to_xlsx().map_err(|e| Error::Internal(Box::new(e)))?;
    Ok(download(
        &campaign_id,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}

fn download(campaign_id: &str, ext: &str, content_type: &str, body: Vec<u8>) -> Response {
    // The campaign id is ours (letters, digits, '-'): safe inside the quoted file name.
    let safe: String = campaign_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"sessions-{safe}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn table(state: &AppState, campaign_id: &str, params: Params) -> Result<Table, Error> {
    let filter = SessionFilter {
        status: super::status(params.status)?,
        q: super::search(params.q)?,
    };
    let campaign = store::campaign::get(&state.db, campaign_id).await?; // 404 when unknown
    let mut rows = Vec::new();
    for number in 1.. {
        let page = Page {
            number,
            size: CHUNK,
        };
        let listed = store::listing::sessions(&state.db, campaign_id, &filter, page).await?;
        let n = listed.items.len() as i64;
        rows.extend(listed.items.iter().map(row));
        if n < CHUNK {
            break;
        }
    }
    Ok(Table {
        sheet: "Сессии".to_owned(),
        preamble: vec![format!(
            "{} ({} — {})",
            campaign.name, campaign.opens_on, campaign.closes_on
        )],
        header: HEADER.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    })
}

fn when(ms: Option<i64>) -> Cell {
    ms.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .map(|t| {
            t.to_zoned_datetime(almaty())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .into()
}

fn row(s: &SessionSummary) -> Vec<Cell> {
    let status = match s.status {
        Status::Scheduled => "не начата",
        Status::Rules => "читает правила",
        Status::InProgress => "сдаёт",
        Status::Scored => "оценена",
        Status::Voided => "аннулирована",
    };
    let (correct, total, percent, decision) = match &s.result {
        Some((score, decision)) => (
            Cell::Number(f64::from(score.correct)),
            Cell::Number(f64::from(score.total)),
            Cell::Number(score.percent()),
            Cell::Text(decision.outcome.ru.clone()),
        ),
        None => (Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty),
    };
    vec![
        s.candidate.name.clone().into(),
        s.candidate.iin.clone().into(),
        s.candidate.position.qualified_name_ru().into(),
        s.candidate.organization.clone().into(),
        s.candidate.procedure.name_ru().into(),
        status.into(),
        s.end_reason.map(|r| r.as_str()).into(),
        s.lang.map(|l| l.as_str()).into(),
        when(s.started_at),
        when(s.ended_at),
        Cell::Number(s.answered as f64),
        Cell::Number(s.signals as f64),
        s.appeal.clone().into(),
        correct,
        total,
        percent,
        decision,
    ]
}
