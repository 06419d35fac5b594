//! What the LEB's routes answer (docs/certificates.md).

use serde::{Deserialize, Serialize};

use crate::app::leb::{LebRow, Verification};
use crate::domain::certificate::{Due, Verdict};
use crate::http::admin::views::PageView;
use crate::store::certificate::{CertificateRow, DecisionRow, PublicKey};

/// The p.32 due date of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DueView {
    /// `dispatch` (the QIO's `report_dispatch.sent_at`) or `report_deadline` (none recorded:
    /// counted from the last day of the QIO's 5 working days after the campaign's end, p.31).
    pub from: String,
    /// The Almaty date the 3 working days count from.
    pub received_on: String,
    /// The last day the decision is in time.
    pub last_day: String,
    /// Counted over a year whose decree is not entered: the date may still move.
    pub provisional: bool,
    pub provisional_years: Vec<i16>,
}

impl DueView {
    fn of(due: &Due) -> DueView {
        DueView {
            from: serde_json::to_value(due.from)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            received_on: due.received_on.to_string(),
            last_day: due.last_day.to_string(),
            provisional: due.provisional,
            provisional_years: due.provisional_years.clone(),
        }
    }
}

/// A verdict: its code, the category it names, its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VerdictView {
    /// `category_assigned`, `category_confirmed`, `category_kept`, `category_lowered`,
    /// `dismissal`, `fits_position`, `does_not_fit_position`.
    pub code: String,
    /// The category's slug, for the category verdicts.
    pub category: Option<String>,
    pub kk: String,
    pub ru: String,
}

impl VerdictView {
    pub fn of(v: Verdict) -> VerdictView {
        let (kk, ru) = v.wording();
        VerdictView {
            code: v.code().to_owned(),
            category: v.category().map(|c| c.slug().to_owned()),
            kk,
            ru,
        }
    }
}

/// A decision taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionView {
    pub decision_id: String,
    pub session_id: String,
    /// The result version decided on.
    pub result_id: String,
    pub verdict: VerdictView,
    pub decided_on: String,
    pub order_number: String,
    pub note: String,
    /// The due date when it was taken, and whether that was provisional.
    pub due_on: String,
    pub due_provisional: bool,
    /// Taken after the due date.
    pub late: bool,
    pub decided_at: i64,
    pub decided_by: String,
}

impl DecisionView {
    pub fn of(d: &DecisionRow) -> DecisionView {
        DecisionView {
            decision_id: d.decision_id.clone(),
            session_id: d.session_id.clone(),
            result_id: d.result_id.clone(),
            verdict: VerdictView::of(d.verdict),
            decided_on: d.decided_on.to_string(),
            order_number: d.order_number.clone(),
            note: d.note.clone(),
            due_on: d.due_on.to_string(),
            due_provisional: d.due_provisional,
            late: d.decided_on > d.due_on,
            decided_at: d.decided_at,
            decided_by: d.decided_by.clone(),
        }
    }
}

/// A row of the LEB's listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LebRowView {
    pub session_id: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub closes_on: String,
    pub name: String,
    pub iin: String,
    /// The position's slug and names.
    pub position: String,
    pub position_kk: String,
    pub position_ru: String,
    pub organization: String,
    pub place_of_work: String,
    pub region: String,
    pub procedure: String,
    /// The session's status.
    pub status: String,
    /// `awaiting`, `voided`, `pending`, `decided` or `certified`.
    pub stage: String,
    /// The current result's percent, none before the end and once voided.
    pub percent: Option<f64>,
    /// The rules' outcome (p.30) of the current result.
    pub outcome_kk: Option<String>,
    pub outcome_ru: Option<String>,
    /// The decision the current result calls for, or the one taken.
    pub verdict: Option<VerdictView>,
    /// Why it cannot be decided now (English, for the API's reader).
    pub blocked: Option<String>,
    /// The same as a code the pages word: `voided`, `not_over`, `no_result`, `under_review`,
    /// `appeal_open`, `appeal_window` (until `blocked_until`), `no_region`.
    pub blocked_code: Option<String>,
    /// Unix ms: when an `appeal_window` block ends (p.21).
    pub blocked_until: Option<i64>,
    pub due: Option<DueView>,
    /// Undecided past the due date, or decided after it.
    pub overdue: bool,
    pub decision: Option<DecisionView>,
    /// The live certificate's number and form (`appendix_3`, `appendix_4`).
    pub certificate: Option<String>,
    pub certificate_kind: Option<String>,
    /// The form the decision gives (`appendix_3`, `appendix_4`), or none.
    pub gives: Option<String>,
    /// Why the decision gives no certificate (English).
    pub no_certificate: Option<String>,
    /// The same as a code: `category_kept` (p.33), `no_category`, `negative`, `out_of_range`.
    pub no_certificate_code: Option<String>,
}

impl LebRowView {
    pub fn of(r: &LebRow) -> LebRowView {
        let row = &r.row;
        let p = row.candidate.position;
        let (gives, no_certificate, no_certificate_code) = match &r.grant {
            Some(Ok(g)) => (Some(g.kind.as_str().to_owned()), None, None),
            Some(Err(e)) => (None, Some(e.to_string()), Some(e.code().to_owned())),
            None => (None, None, None),
        };
        LebRowView {
            session_id: row.session_id.clone(),
            campaign_id: row.campaign_id.clone(),
            campaign_name: row.campaign_name.clone(),
            closes_on: row.closes_on.to_string(),
            name: row.candidate.name.clone(),
            iin: row.candidate.iin.clone(),
            position: p.slug.to_owned(),
            position_kk: p.name_kk.to_owned(),
            position_ru: p.name_ru.to_owned(),
            organization: row.candidate.organization.clone(),
            place_of_work: row.place_of_work.clone(),
            region: row.region.clone(),
            procedure: row.candidate.procedure.slug().to_owned(),
            status: row.status.as_str().to_owned(),
            stage: row.stage().as_str().to_owned(),
            percent: row.result.as_ref().map(|c| c.score.percent()),
            outcome_kk: row.result.as_ref().map(|c| c.decision.outcome.kk.clone()),
            outcome_ru: row.result.as_ref().map(|c| c.decision.outcome.ru.clone()),
            verdict: r.verdict.map(VerdictView::of),
            blocked: r.blocked.map(|b| b.to_string()),
            blocked_code: r.blocked.map(|b| b.code().to_owned()),
            blocked_until: r.blocked.and_then(|b| b.until_ms()),
            due: r.due.as_ref().map(DueView::of),
            overdue: r.overdue,
            decision: row.decision.as_ref().map(DecisionView::of),
            certificate: row.certificate.as_ref().map(|(n, _)| n.clone()),
            certificate_kind: row.certificate.as_ref().map(|(_, k)| k.as_str().to_owned()),
            gives,
            no_certificate,
            no_certificate_code,
        }
    }
}

/// `GET /api/v1/leb/results`: a page of the region's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LebListView {
    /// The region listed (an officer's own; for an administrator the one asked, or none).
    pub region: Option<String>,
    /// Its name in Kazakh and Russian.
    pub region_kk: Option<String>,
    pub region_ru: Option<String>,
    /// Today in Asia/Almaty, against which `overdue` is judged.
    pub today: String,
    pub rows: Vec<LebRowView>,
    pub page: PageView,
}

/// A certificate as the LEB and its holder see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CertificateView {
    pub number: String,
    /// `appendix_3` (category) or `appendix_4` (fitness for the position).
    pub kind: String,
    pub title_kk: String,
    pub title_ru: String,
    pub session_id: String,
    pub region: String,
    pub full_name: String,
    pub category: Option<String>,
    pub position: String,
    pub verdict: VerdictView,
    pub decided_on: String,
    pub order_number: String,
    pub valid_until: String,
    pub issued_on: String,
    /// What the QR code encodes: `<origin>/verify/<number>?p=<payload>&s=<signature>`.
    pub verify_url: String,
    /// The QR's `p` (the signed payload, base64url) and `s` (the Ed25519 signature).
    pub payload: String,
    pub signature: String,
    pub key_id: String,
    pub issued_at: i64,
    /// The session was voided after the issue (p.19).
    pub annulled_at: Option<i64>,
}

impl CertificateView {
    pub fn of(c: &CertificateRow) -> CertificateView {
        let f = &c.fields;
        let (title_kk, title_ru) = c.kind.title();
        CertificateView {
            number: c.number.clone(),
            kind: c.kind.as_str().to_owned(),
            title_kk: title_kk.to_owned(),
            title_ru: title_ru.to_owned(),
            session_id: c.session_id.clone(),
            region: c.region.clone(),
            full_name: f.full_name.clone(),
            category: f.category.map(|c| c.slug().to_owned()),
            position: f.position.clone(),
            verdict: VerdictView::of(f.verdict),
            decided_on: f.decided_on.to_string(),
            order_number: f.order_number.clone(),
            valid_until: f.valid_until.to_string(),
            issued_on: f.issued_on.to_string(),
            verify_url: c.verify_url.clone(),
            payload: c.payload.clone(),
            signature: c.signature.clone(),
            key_id: c.key_id.clone(),
            issued_at: c.issued_at,
            annulled_at: c.annulled_at,
        }
    }
}

/// A published public key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicKeyView {
    pub key_id: String,
    /// `ed25519`.
    pub algorithm: String,
    /// The raw 32-byte public key, base64url without padding.
    pub public_key: String,
    /// Signs new certificates now; a retired key still verifies what it signed.
    pub active: bool,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl PublicKeyView {
    pub fn of(k: &PublicKey) -> PublicKeyView {
        PublicKeyView {
            key_id: k.key_id.clone(),
            algorithm: "ed25519".into(),
            public_key: k.public_key.clone(),
            active: k.active,
            created_at: k.created_at,
            retired_at: k.retired_at,
        }
    }
}

/// `GET /api/v1/certificates/key`: the keys that sign (and signed) certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct KeysView {
    pub keys: Vec<PublicKeyView>,
}

/// `GET /api/v1/verify/{number}`: what a verifier may learn — no IIN, no score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VerifyView {
    pub number: String,
    /// `current`, `expired`, `annulled` or `forged` (the `p`/`s` given are not this
    /// certificate's seal).
    pub status: String,
    /// The number exists and, when `p`/`s` were given, they verify over the stored payload.
    pub genuine: bool,
    /// Whether `p`/`s` were given and verified (none when not given).
    pub signature_valid: Option<bool>,
    pub kind: String,
    pub title_kk: String,
    pub title_ru: String,
    pub leb_kk: String,
    pub leb_ru: String,
    pub full_name: String,
    pub category: Option<String>,
    pub position_kk: String,
    pub position_ru: String,
    pub verdict: VerdictView,
    pub decided_on: String,
    pub order_number: String,
    pub valid_until: String,
    pub issued_on: String,
    pub annulled_at: Option<i64>,
    pub key_id: String,
}

impl VerifyView {
    pub fn of(v: &Verification) -> VerifyView {
        let c = &v.certificate;
        let f = &c.fields;
        let (title_kk, title_ru) = c.kind.title();
        let (status, _, _) = crate::web::leb::verify::headline(Some(v));
        VerifyView {
            number: c.number.clone(),
            status: status.to_owned(),
            genuine: v.seal_valid != Some(false),
            signature_valid: v.seal_valid,
            kind: c.kind.as_str().to_owned(),
            title_kk: title_kk.to_owned(),
            title_ru: title_ru.to_owned(),
            leb_kk: f.leb_kk.clone(),
            leb_ru: f.leb_ru.clone(),
            full_name: f.full_name.clone(),
            category: f.category.map(|c| c.slug().to_owned()),
            position_kk: f.position_kk.clone(),
            position_ru: f.position_ru.clone(),
            verdict: VerdictView::of(f.verdict),
            decided_on: f.decided_on.to_string(),
            order_number: f.order_number.clone(),
            valid_until: f.valid_until.to_string(),
            issued_on: f.issued_on.to_string(),
            annulled_at: c.annulled_at,
            key_id: c.key_id.clone(),
        }
    }
}
