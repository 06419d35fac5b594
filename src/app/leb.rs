//! The local executive body's workflows (p.32): the region's results with their due dates,
//! the decision the rules' outcome calls for, the certificate with its signed QR code, the
//! public verification of a certificate, and the region's Appendix 5.
//!
//! Scope: an `leb_officer` reaches only the rows of its region; any other session is
//! [`store::Error::NotFound`] (404), exactly as a session that does not exist.

use jiff::civil::Date;

use super::appeals::CALENDAR;
use super::{Application, Error, Result};
use crate::domain::audit::Actor;
use crate::domain::calendar::Calendar;
use crate::domain::certificate::{self as cert, Due, Fields, Grant, Verdict, seal};
use crate::domain::exam::Status;
use crate::domain::region::Region;
use crate::domain::report::{
    APPENDIX5_TITLE_KK, APPENDIX5_TITLE_RU, Appendix5Outcome, Appendix5Row, appendix5_table,
};
use crate::export::Table;
use crate::store::{self, leb::Row, leb::Scope};

/// A row of the listing with what the calendar and the rules say of it.
#[derive(Debug, Clone)]
pub struct LebRow {
    pub row: Row,
    /// The p.32 due date of the row's region and campaign.
    pub due: Option<Due>,
    /// Undecided past the due date (Almaty today), or decided after it.
    pub overdue: bool,
    /// The decision the current result calls for (the officer confirms it).
    pub verdict: Option<Verdict>,
    /// Why the row cannot be decided now, if it cannot.
    pub blocked: Option<Blocked>,
    /// The certificate the decision (taken or to take) gives, or why none.
    pub grant: Option<std::result::Result<Grant, cert::NoCertificate>>,
}

/// What the officer gives with the decision.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    /// The decision's own date (the act's).
    pub decided_on: Date,
    /// The order / act number.
    pub order_number: String,
    pub note: String,
}

/// What `/verify` finds for a number.
#[derive(Debug, Clone)]
pub struct Verification {
    pub certificate: store::certificate::CertificateRow,
    /// `Some(true)`: the `p`/`s` given are exactly the stored payload and its signature verifies
    /// with the published key; `Some(false)`: they are not; `None`: none were given.
    pub seal_valid: Option<bool>,
    /// Not annulled and within its validity today.
    pub current: bool,
}

/// Whether a row of `region` is within `scope`.
pub fn in_scope(scope: &Scope, region: &str) -> bool {
    match scope {
        Scope::All(None) => true,
        Scope::All(Some(r)) | Scope::Region(r) => r == region,
    }
}

/// Why a row cannot be decided now: a code the pages word in Kazakh and Russian, and the
/// English message of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The session was voided (p.19).
    Voided,
    /// The test is not over.
    NotOver,
    /// Scored, but no result version stands.
    NoResult,
    /// The session waits in the proctoring review queue (p.19).
    UnderReview,
    /// An appeal is filed and undecided (p.24, p.26).
    AppealOpen,
    /// An appeal may still be filed until this instant, Unix ms (p.21).
    AppealWindow { until_ms: i64 },
    /// The roster row names no region: no LEB decides on it.
    NoRegion,
}

impl Blocked {
    /// The code the pages word (`blocked.<code>` in src/web/leb/console_model.js).
    pub fn code(self) -> &'static str {
        match self {
            Blocked::Voided => "voided",
            Blocked::NotOver => "not_over",
            Blocked::NoResult => "no_result",
            Blocked::UnderReview => "under_review",
            Blocked::AppealOpen => "appeal_open",
            Blocked::AppealWindow { .. } => "appeal_window",
            Blocked::NoRegion => "no_region",
        }
    }

    /// Until when it lasts, when that is known (the appeal window's close).
    pub fn until_ms(self) -> Option<i64> {
        match self {
            Blocked::AppealWindow { until_ms } => Some(until_ms),
            _ => None,
        }
    }
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blocked::Voided => f.write_str("the session was voided (p.19): nothing to decide"),
            Blocked::NotOver => f.write_str("the test is not over: no result to decide on yet"),
            Blocked::NoResult => f.write_str("the session has no current result"),
            Blocked::UnderReview => f.write_str(
                "the session is under proctoring review: its result may still be voided (p.19)",
            ),
            Blocked::AppealOpen => f.write_str(
                "an appeal is open: the commission's decision may change the result (p.24, p.26)",
            ),
            Blocked::AppealWindow { until_ms } => write!(
                f,
                "an appeal may still be filed until {} (p.21)",
                crate::web::almaty(
                    jiff::Timestamp::from_millisecond(*until_ms).unwrap_or_default()
                )
            ),
            Blocked::NoRegion => {
                f.write_str("the roster row names no region: no local executive body decides on it")
            }
        }
    }
}

/// Why a row cannot be decided now (p.19, p.21-p.26), if it cannot.
pub fn blocker(row: &Row, now_ms: i64) -> Option<Blocked> {
    match row.status {
        Status::Voided => return Some(Blocked::Voided),
        Status::Scored => {}
        _ => return Some(Blocked::NotOver),
    }
    if row.result.is_none() {
        return Some(Blocked::NoResult);
    }
    if row.review_open {
        return Some(Blocked::UnderReview);
    }
    match &row.appeal {
        Some((status, _)) if status == "submitted" => return Some(Blocked::AppealOpen),
        Some((status, closes)) if status == "draft" && *closes > now_ms => {
            return Some(Blocked::AppealWindow { until_ms: *closes });
        }
        _ => {}
    }
    if Region::by_slug(&row.region).is_none() {
        return Some(Blocked::NoRegion);
    }
    None
}

impl Application {
    /// The working-day calendar with the years administrators confirmed.
    async fn calendar(&self) -> Result<Calendar> {
        Ok(store::calendar::load(&self.db, CALENDAR.clone()).await?)
    }

    fn today(&self) -> Date {
        crate::domain::calendar::almaty_date(self.clock.now())
    }

    fn annotate(&self, calendar: &Calendar, row: Row) -> Result<LebRow> {
        let sent = row
            .sent_at
            .map(jiff::Timestamp::from_millisecond)
            .transpose()
            .map_err(|e| Error::Conflict(format!("report_dispatch.sent_at: {e}")))?;
        let due = cert::decision_due(calendar, sent, row.closes_on).ok();
        let overdue = match (&due, &row.decision) {
            (Some(due), Some(decision)) => decision.decided_on > due.last_day,
            (Some(due), None) => row.status == Status::Scored && due.overdue_on(self.today()),
            (None, _) => false,
        };
        let verdict = match &row.decision {
            Some(decision) => Some(decision.verdict),
            None => row.result.as_ref().map(|r| cert::verdict(&r.decision)),
        };
        let grant = verdict.map(|v| {
            let on = row
                .decision
                .as_ref()
                .map_or_else(|| self.today(), |d| d.decided_on);
            cert::grant(v, on)
        });
        Ok(LebRow {
            blocked: blocker(&row, self.clock.now_ms()),
            row,
            due,
            overdue,
            verdict,
            grant,
        })
    }

    /// One page of the region's results with due dates (p.32).
    pub async fn leb_results(
        &self,
        filter: &store::leb::Filter,
        page: store::listing::Page,
    ) -> Result<store::listing::Listed<LebRow>> {
        let listed = store::leb::rows(&self.db, filter, page).await?;
        let calendar = self.calendar().await?;
        let items = listed
            .items
            .into_iter()
            .map(|row| self.annotate(&calendar, row))
            .collect::<Result<Vec<_>>>()?;
        Ok(store::listing::Listed {
            items,
            total: listed.total,
        })
    }

    /// The row of `session_id` if `scope` reaches it; 404 otherwise.
    pub async fn leb_row(&self, scope: &Scope, session_id: &str) -> Result<LebRow> {
        let row = store::leb::row(&self.db, session_id)
            .await?
            .filter(|row| in_scope(scope, &row.region))
            .ok_or_else(|| store::Error::NotFound(format!("no session {session_id}")))?;
        let calendar = self.calendar().await?;
        self.annotate(&calendar, row)
    }

    /// Takes the decision the current result calls for (p.32.1), audited. Refused while the
    /// result may still change (review, appeal) and once voided.
    pub async fn leb_decide(
        &self,
        scope: &Scope,
        session_id: &str,
        input: &DecisionInput,
        actor: &Actor,
    ) -> Result<store::certificate::DecisionRow> {
        let row = self.leb_row(scope, session_id).await?;
        if let Some(why) = row.blocked {
            return Err(Error::Conflict(why.to_string()));
        }
        if row.row.decision.is_some() {
            return Err(Error::Conflict(
                "this result is decided already (p.32): one decision per result version".into(),
            ));
        }
        let (Some(result), Some(verdict), Some(due)) = (&row.row.result, row.verdict, &row.due)
        else {
            return Err(Error::Conflict(
                "the due date cannot be computed: the calendar lacks a year it counts".into(),
            ));
        };
        let new = store::certificate::NewDecision {
            session_id,
            result_id: &result.result_id,
            region: &row.row.region,
            verdict,
            decided_on: input.decided_on,
            order_number: &input.order_number,
            note: &input.note,
            due,
        };
        Ok(store::certificate::decide(&self.db, &new, actor, self.clock.now()).await?)
    }

    /// Issues the certificate of the decision on the current result (p.32.2, Appendix 3 or
    /// 4); the QR is sealed with the active key and points at `origin`'s `/verify`.
    pub async fn leb_issue(
        &self,
        scope: &Scope,
        session_id: &str,
        origin: &str,
        actor: &Actor,
    ) -> Result<store::certificate::CertificateRow> {
        let row = self.leb_row(scope, session_id).await?;
        if row.row.status == Status::Voided {
            return Err(Error::Conflict(
                "the session was voided (p.19): no certificate".into(),
            ));
        }
        let Some(decision) = &row.row.decision else {
            return Err(Error::Conflict(
                "decide first (p.32.1): a certificate follows the decision".into(),
            ));
        };
        if let Some((number, _)) = &row.row.certificate {
            return Err(Error::Conflict(format!(
                "certificate {number} is issued for this decision already"
            )));
        }
        let grant = cert::grant(decision.verdict, decision.decided_on)
            .map_err(|e| Error::Conflict(e.to_string()))?;
        let region = Region::by_slug(&row.row.region).ok_or_else(|| {
            Error::Conflict("the roster row names no region: no LEB issues for it".into())
        })?;
        let region_number = cert::region_number(region.slug)
            .ok_or_else(|| Error::Conflict(format!("region {} has no number", region.slug)))?;
        let fields = fields(&row.row, region, decision, grant, self.today());
        let key = store::certificate::active_key(&self.db, actor, self.clock.now()).await?;
        let new = store::certificate::NewCertificate {
            decision_id: &decision.decision_id,
            session_id,
            region_number,
            fields: &fields,
            key: &key,
            origin,
        };
        Ok(store::certificate::issue(&self.db, &new, actor, self.clock.now()).await?)
    }

    /// The certificate `number` if `scope` reaches its region; 404 otherwise.
    pub async fn leb_certificate(
        &self,
        scope: &Scope,
        number: &str,
    ) -> Result<store::certificate::CertificateRow> {
        store::certificate::certificate(&self.db, number)
            .await?
            .filter(|c| in_scope(scope, &c.region))
            .ok_or_else(|| store::Error::NotFound(format!("no certificate {number}")).into())
    }

    /// The certificates of the candidate's own session, newest first.
    pub async fn my_certificates(
        &self,
        session_id: &str,
    ) -> Result<Vec<store::certificate::CertificateRow>> {
        Ok(store::certificate::of_session(&self.db, session_id).await?)
    }

    /// What `/verify/{number}` says: the stored certificate, whether the QR's `p`/`s` are its
    /// own seal, and whether it is current. `None` for a number never issued.
    pub async fn verify_certificate(
        &self,
        number: &str,
        seal_given: Option<(&str, &str)>,
    ) -> Result<Option<Verification>> {
        if cert::Number::parse(number).is_none() {
            return Ok(None);
        }
        let Some(certificate) = store::certificate::certificate(&self.db, number).await? else {
            return Ok(None);
        };
        let seal_valid = match seal_given {
            None => None,
            Some((p, s)) => {
                let key = store::certificate::public_key(&self.db, &certificate.key_id).await?;
                Some(
                    p == certificate.payload
                        && s == certificate.signature
                        && key.is_some_and(|k| seal::verifies(&k, p, s)),
                )
            }
        };
        let current =
            certificate.annulled_at.is_none() && self.today() <= certificate.fields.valid_until;
        Ok(Some(Verification {
            certificate,
            seal_valid,
            current,
        }))
    }

    /// The region's Appendix 5 (p.32.3): every decision standing on a current result.
    pub async fn leb_appendix5(&self, region: &Region, campaign: Option<&str>) -> Result<Table> {
        let rows = store::leb::decided(&self.db, region.slug, campaign).await?;
        Ok(appendix5(region, &rows))
    }
}

/// The form's fields for the certificate of `decision` on `row`.
fn fields(
    row: &Row,
    region: &Region,
    decision: &store::certificate::DecisionRow,
    grant: Grant,
    issued_on: Date,
) -> Fields {
    let (leb_kk, leb_ru) = cert::leb_name(region);
    let position = row.candidate.position;
    Fields {
        kind: grant.kind,
        leb_kk,
        leb_ru,
        region: region.slug.to_owned(),
        decided_on: decision.decided_on,
        order_number: decision.order_number.clone(),
        full_name: row.candidate.name.clone(),
        category: grant.category,
        position: position.slug.to_owned(),
        position_kk: position.name_kk.to_owned(),
        position_ru: position.name_ru.to_owned(),
        verdict: decision.verdict,
        valid_until: grant.valid_until,
        place_kk: region.name_kk.to_owned(),
        place_ru: region.name_ru.to_owned(),
        issued_on,
    }
}

/// The Appendix 5 table of `region` from its decided rows: the LEB's verdict and the
/// decision's date (category in columns 6-7, fitness in 8-9); the columns and cells are
/// `report::appendix5_table`'s, the administrators' table's.
pub fn appendix5(region: &Region, rows: &[Row]) -> Table {
    let lines: Vec<Appendix5Row<'_>> = rows
        .iter()
        .filter_map(|row| {
            let decision = row.decision.as_ref()?;
            Some(Appendix5Row {
                iin: &row.candidate.iin,
                name: &row.candidate.name,
                education: &row.education,
                position: row.candidate.position,
                outcome: Appendix5Outcome::of_verdict(decision.verdict, decision.decided_on),
            })
        })
        .collect();
    appendix5_table(
        "Appendix 5".into(),
        vec![
            APPENDIX5_TITLE_KK.to_owned(),
            APPENDIX5_TITLE_RU.to_owned(),
            format!("{} / {}", region.name_kk, region.name_ru),
        ],
        &lines,
    )
}

#[cfg(test)]
#[path = "leb_tests.rs"]
mod tests;
