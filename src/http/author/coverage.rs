//! `GET /api/v1/campaigns/{campaign}/coverage[?all=true]`: whether the campaign's bank version
//! fills a paper (its blueprint, 50 + 50 by default, p.16) for every position of its roster —
//! with `all=true`, for every attested position too — on every day the campaign runs, and for
//! those it cannot, how many questions of which section (or topic quota) are missing, in
//! Kazakh, Russian and English (`domain::paper::coverage`). Checked before the campaign opens,
//! so a candidate never meets a bank too small when pressing Start.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};

use crate::domain::bank::Section;
use crate::domain::paper::coverage::{self, Shortfall};
use crate::domain::rules::positions::POSITIONS;
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// `true`: every attested position as well as the roster's.
    all: Option<bool>,
}

/// A text in the three languages of the page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Words {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

/// One count the bank cannot meet, with what to tell the author.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Missing {
    #[serde(flatten)]
    pub shortfall: Shortfall,
    pub missing: usize,
    pub message: Words,
}

/// One profile papers are drawn for.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PositionCoverage {
    pub position: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_category: Option<String>,
    /// Roster rows with this profile (0: an attested position not on the roster).
    pub candidates: i64,
    /// True when every day's paper can be filled.
    pub fills: bool,
    pub missing: Vec<Missing>,
}

/// The answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub campaign: String,
    pub bank_version: String,
    /// True when every profile's paper can be filled.
    pub fills: bool,
    pub positions: Vec<PositionCoverage>,
}

fn words(position: &str, s: &Shortfall) -> Words {
    let missing = s.missing();
    let (needed, available, on) = (s.needed, s.available, s.on);
    let (kk, ru, en) = match s.section {
        Section::Legal => ("құқықтық", "правовой", "legal"),
        Section::Functional => ("функционалдық", "функциональный", "functional"),
    };
    match &s.topic {
        None => Words {
            kk: format!(
                "{position}: {kk} бөлімге {missing} сұрақ жетіспейді ({needed} керек, {on} күні {available} сәйкес)"
            ),
            ru: format!(
                "{position}: в {ru} раздел не хватает {missing} вопр. (нужно {needed}, на {on} подходит {available})"
            ),
            en: format!(
                "{position}: the {en} section is {missing} question(s) short ({needed} needed, {available} eligible on {on})"
            ),
        },
        Some(topic) => Words {
            kk: format!(
                "{position}: {kk} бөлімнің «{topic}» тақырыбына {missing} сұрақ жетіспейді ({needed} керек, {on} күні {available} сәйкес)"
            ),
            ru: format!(
                "{position}: по теме «{topic}» ({ru} раздел) не хватает {missing} вопр. (нужно {needed}, на {on} подходит {available})"
            ),
            en: format!(
                "{position}: the {en} topic quota {topic:?} is {missing} question(s) short ({needed} needed, {available} eligible on {on})"
            ),
        },
    }
}

pub(super) async fn handle(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Coverage>, Error> {
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    let bank = store::bank::load(&state.db, &campaign.bank_version).await?;
    let mut wanted: BTreeMap<(String, Option<String>), i64> = BTreeMap::new();
    for (position, claimed, n) in store::campaign::roster_profiles(&state.db, &campaign_id).await? {
        wanted.insert((position, claimed), n);
    }
    if params.all == Some(true) {
        for p in POSITIONS.iter().filter(|p| p.is_attested()) {
            wanted.entry((p.slug.to_owned(), None)).or_insert(0);
        }
    }
    let mut positions = Vec::with_capacity(wanted.len());
    for ((position, claimed), candidates) in wanted {
        let profile =
            crate::domain::profile::for_position(&position, claimed.as_deref(), campaign.opens_on)
                .map_err(|e| Error::Conflict(format!("roster position {position}: {e}")))?;
        let missing: Vec<Missing> = coverage::shortfalls(
            &bank,
            &campaign.blueprint,
            &profile,
            campaign.opens_on,
            campaign.closes_on,
        )
        .into_iter()
        .map(|s| Missing {
            missing: s.missing(),
            message: words(&position, &s),
            shortfall: s,
        })
        .collect();
        positions.push(PositionCoverage {
            fills: missing.is_empty(),
            position,
            claimed_category: claimed,
            candidates,
            missing,
        });
    }
    Ok(Json(Coverage {
        fills: positions.iter().all(|p| p.fills),
        campaign: campaign.campaign_id,
        bank_version: campaign.bank_version,
        positions,
    }))
}
