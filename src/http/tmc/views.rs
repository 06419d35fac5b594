//! What the TMC routes answer (docs/tmc.md).

use serde::{Deserialize, Serialize};

use crate::domain::attestee::ExclusionReason;
use crate::http::admin::views::PageView;
use crate::http::views::IssuedCodeView;
use crate::store::attestee::Attestee;

/// One reason an attestee is not admitted, with its clause, in three languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReasonView {
    pub code: String,
    pub clause: String,
    pub message_kk: String,
    pub message_ru: String,
    pub message_en: String,
    /// When the reason lapses, if known (YYYY-MM-DD).
    pub eligible_from: Option<String>,
}

/// A correction of p.10.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExclusionView {
    pub reason: ExclusionReason,
    /// `p.10.1`, `p.10.2` or `p.10.3`.
    pub clause: String,
    pub from: String,
    /// The last day; none while it lasts.
    pub until: Option<String>,
    pub note: String,
}

/// A person of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttesteeView {
    pub attestee_id: String,
    pub number: String,
    pub iin: String,
    pub name: String,
    /// The position's slug (seed 004).
    pub position: String,
    pub position_ru: String,
    pub position_kk: String,
    pub organization: String,
    pub procedure: String,
    pub current_category: Option<String>,
    pub claimed_category: Option<String>,
    /// The region's slug.
    pub region: String,
    pub place_of_work: String,
    pub service_years: String,
    pub education: String,
    /// `no_data`, `admitted`, `not_admitted` or `excluded`.
    pub status: String,
    /// The admission computed from the personnel data: `no_data`, `admitted`, `not_admitted`.
    pub admission: String,
    /// The first testing day it was computed for.
    pub admission_on: Option<String>,
    pub reasons: Vec<ReasonView>,
    pub exclusion: Option<ExclusionView>,
    /// `none`, `issued`, or `revoked` (the code died with an exclusion).
    pub code: String,
}

impl From<&Attestee> for AttesteeView {
    fn from(a: &Attestee) -> AttesteeView {
        let row = &a.row;
        AttesteeView {
            attestee_id: a.attestee_id.clone(),
            number: row.number.clone(),
            iin: row.iin.to_string(),
            name: row.name.clone(),
            position: row.position.slug.to_owned(),
            position_ru: row.position.name_ru.to_owned(),
            position_kk: row.position.name_kk.to_owned(),
            organization: row.organization.clone(),
            procedure: row.procedure.slug().to_owned(),
            current_category: row.current_category.map(|c| c.slug().to_owned()),
            claimed_category: row.claimed_category.map(|c| c.slug().to_owned()),
            region: row.region.map_or(String::new(), |r| r.slug.to_owned()),
            place_of_work: row.place_of_work.clone(),
            service_years: row.service_years.clone(),
            education: row.education.clone(),
            status: a.status().to_owned(),
            admission: a.admission.slug().to_owned(),
            admission_on: a.admission_on.map(|d| d.to_string()),
            reasons: a
                .reasons
                .iter()
                .map(|r| ReasonView {
                    code: serde_json::to_value(r.code)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    clause: r.clause.clone(),
                    message_kk: r.message_kk.clone(),
                    message_ru: r.message_ru.clone(),
                    message_en: r.message_en.clone(),
                    eligible_from: r.eligible_from.map(|d| d.to_string()),
                })
                .collect(),
            exclusion: a.exclusion.as_ref().map(|e| ExclusionView {
                reason: e.reason,
                clause: e.reason.clause().to_owned(),
                from: e.from.to_string(),
                until: e.until.map(|d| d.to_string()),
                note: e.note.clone(),
            }),
            code: a.code().to_owned(),
        }
    }
}

/// A page of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttesteeListView {
    pub attestees: Vec<AttesteeView>,
    pub page: PageView,
}

/// The rows an upload added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ImportView {
    pub added: usize,
    pub attestee_ids: Vec<String>,
}

/// What a personnel upload changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonnelView {
    /// The first testing day the admission was computed for.
    pub on: String,
    pub updated: usize,
    pub admitted: usize,
    pub not_admitted: usize,
}

/// The codes issued, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CodesView {
    pub entries: Vec<IssuedCodeView>,
    /// The same codes as a CSV for printing (UTF-8 with BOM; IIN, name, code).
    pub csv: String,
}

/// A campaign as a TMC operator picks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TmcCampaignView {
    pub campaign_id: String,
    pub name: String,
    pub opens_on: String,
    pub closes_on: String,
}

/// The newest 100 campaigns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TmcCampaignsView {
    pub campaigns: Vec<TmcCampaignView>,
}
