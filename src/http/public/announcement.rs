//! The announcement of a campaign's testing dates (p.11), public: `GET
//! /api/v1/campaigns/{campaign}/announcement` (JSON) and the page `/campaigns/{campaign}` in
//! Kazakh and Russian, written by the server (every text escaped, no script), dates in
//! Asia/Almaty.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::pages;
use crate::http::{AppState, Error};
use crate::store;
use crate::store::announcement::Announcement;

/// An announcement as the public reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AnnouncementView {
    pub campaign_id: String,
    pub campaign_name: String,
    /// The first and last testing days (YYYY-MM-DD, Asia/Almaty).
    pub opens_on: String,
    pub closes_on: String,
    pub text_kk: String,
    pub text_ru: String,
    /// RFC 3339, UTC.
    pub published_at: String,
}

impl From<Announcement> for AnnouncementView {
    fn from(a: Announcement) -> AnnouncementView {
        AnnouncementView {
            campaign_id: a.campaign_id,
            campaign_name: a.campaign_name,
            opens_on: a.opens_on.to_string(),
            closes_on: a.closes_on.to_string(),
            text_kk: a.text_kk,
            text_ru: a.text_ru,
            published_at: jiff::Timestamp::from_millisecond(a.published_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

pub(super) async fn json(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Json<AnnouncementView>, Error> {
    let announcement = store::announcement::get(&state.db, &campaign_id).await?;
    Ok(Json(announcement.into()))
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Response, Error> {
    match store::announcement::get(&state.db, &campaign_id).await {
        Ok(a) => Ok(pages::dynamic(StatusCode::OK, render(&a))),
        Err(store::Error::NotFound(_)) => {
            Ok(pages::dynamic(StatusCode::NOT_FOUND, missing().to_owned()))
        }
        Err(e) => Err(e.into()),
    }
}

/// `text` with the five characters HTML gives meaning to escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A day as DD.MM.YYYY.
fn day(d: jiff::civil::Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

/// The paragraphs of a text (split at blank lines), escaped.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(a: &Announcement) -> String {
    let published = jiff::Timestamp::from_millisecond(a.published_at)
        .map(|t| {
            t.to_zoned_datetime(crate::domain::calendar::almaty())
                .strftime("%d.%m.%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let (opens, closes, name) = (day(a.opens_on), day(a.closes_on), escape(&a.campaign_name));
    format!(
        r#"<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}</title>
<link rel="stylesheet" href="/assets/shared/landing.css">
</head>
<body>
<h1>{name}</h1>
<section lang="kk" id="kk">
<h2>Хабарландыру</h2>
<p class="dates">Тестілеу күндері: <time datetime="{opens_on}">{opens}</time> — <time datetime="{closes_on}">{closes}</time> (Астана уақыты, Asia/Almaty)</p>
{text_kk}
<p class="sub">Жарияланды: {published}</p>
</section>
<section lang="ru" id="ru">
<h2>Объявление</h2>
<p class="dates">Даты тестирования: <time datetime="{opens_on}">{opens}</time> — <time datetime="{closes_on}">{closes}</time> (время Астаны, Asia/Almaty)</p>
{text_ru}
<p class="sub">Опубликовано: {published}</p>
</section>
</body>
</html>
"#,
        opens_on = a.opens_on,
        closes_on = a.closes_on,
        text_kk = paragraphs(&a.text_kk),
        text_ru = paragraphs(&a.text_ru),
    )
}

fn missing() -> &'static str {
    r#"<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<title>synaq</title>
<link rel="stylesheet" href="/assets/shared/landing.css">
</head>
<body>
<p lang="kk">Бұл науқанның хабарландыруы әлі жарияланған жоқ.</p>
<p lang="ru">Объявление этой кампании ещё не опубликовано.</p>
</body>
</html>
"#
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_every_text_and_shows_the_dates_in_both_languages() {
        let a = Announcement {
            campaign_id: "c1".into(),
            campaign_name: "Аттестация <2027>".into(),
            opens_on: jiff::civil::date(2027, 2, 1),
            closes_on: jiff::civil::date(2027, 2, 12),
            text_kk: "Құрметті <b>әріптестер</b>\n\nекінші".into(),
            text_ru: "Уважаемые коллеги & \"друзья\"".into(),
            // 2027-01-10 05:00 UTC is 10:00 in Almaty.
            published_at: 1_799_557_200_000,
        };
        let html = render(&a);
        assert!(html.contains("Аттестация &lt;2027&gt;"));
        assert!(html.contains("<p>Құрметті &lt;b&gt;әріптестер&lt;/b&gt;</p>\n<p>екінші</p>"));
        assert!(html.contains("Уважаемые коллеги &amp; &quot;друзья&quot;"));
        assert!(html.contains("01.02.2027</time> — <time datetime=\"2027-02-12\">12.02.2027"));
        assert!(!html.contains("<script"));
        assert!(html.contains("Опубликовано: 10.01.2027 10:00"), "{html}");
    }
}
