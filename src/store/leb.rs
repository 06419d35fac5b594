//! The local executive body's listing (p.32): the results of a region's people (the roster
//! row's `region`), across campaigns or in one, searchable by IIN or name, with what the LEB
//! needs to decide — the current result, an open appeal or proctoring review, when the QIO
//! sent the region's report (`report_dispatch`), the decision taken and the live certificate —
//! and the rows of the region's Appendix 5. Two statements a page, whatever the region's size.

use jiff::civil::Date;
use sqlx::AssertSqlSafe;

use super::certificate::DecisionRow;
use super::exam::Candidate;
use super::listing::{Listed, Page, escape_like, name_patterns};
use super::row::{Cells, known};
use super::{Db, Result};
use crate::domain::certificate::{Kind, Verdict};
use crate::domain::exam::{Score, Status};
use crate::domain::rules::Decision;

/// Whose rows a caller reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every region (an administrator), or the one named.
    All(Option<String>),
    /// One region's slug (an `leb_officer`).
    Region(String),
}

impl Scope {
    fn region(&self) -> Option<&str> {
        match self {
            Scope::All(region) => region.as_deref(),
            Scope::Region(region) => Some(region),
        }
    }
}

/// Where a row stands for the LEB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not tested yet, or testing now.
    Awaiting,
    /// Voided (p.19): nothing to decide, any certificate annulled.
    Voided,
    /// Scored, the current result not decided yet.
    Pending,
    /// Decided, no live certificate.
    Decided,
    /// Decided, a live certificate issued.
    Certified,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Awaiting,
        Stage::Voided,
        Stage::Pending,
        Stage::Decided,
        Stage::Certified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Awaiting => "awaiting",
            Stage::Voided => "voided",
            Stage::Pending => "pending",
            Stage::Decided => "decided",
            Stage::Certified => "certified",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    fn condition(self) -> &'static str {
        match self {
            Stage::Awaiting => "s.status IN ('scheduled', 'rules', 'in_progress')",
            Stage::Voided => "s.status = 'voided'",
            Stage::Pending => "s.status = 'scored' AND d.decision_id IS NULL",
            Stage::Decided => {
                "s.status = 'scored' AND d.decision_id IS NOT NULL AND c.certificate_number IS NULL"
            }
            Stage::Certified => "s.status = 'scored' AND c.certificate_number IS NOT NULL",
        }
    }
}

/// Which rows to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub scope: Scope,
    pub campaign: Option<String>,
    /// An IIN prefix or a part of the name.
    pub q: Option<String>,
    pub stage: Option<Stage>,
}

/// The current result of a listed session.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub result_id: String,
    pub version: i64,
    pub score: Score,
    pub decision: Decision,
}

/// One row of the LEB's listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub session_id: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub closes_on: Date,
    pub candidate: Candidate,
    pub region: String,
    pub place_of_work: String,
    pub education: String,
    pub status: Status,
    pub ended_at: Option<i64>,
    pub result: Option<Current>,
    /// The appeal's status (`draft`, `submitted`, `closed`) and when its filing closes.
    pub appeal: Option<(String, i64)>,
    /// The session waits in the proctoring review queue.
    pub review_open: bool,
    /// When the QIO sent this region's report of the campaign (p.31).
    pub sent_at: Option<i64>,
    /// The decision on the current result.
    pub decision: Option<DecisionRow>,
    /// The live certificate of that decision: its number and form.
    pub certificate: Option<(String, Kind)>,
}

impl Row {
    pub fn stage(&self) -> Stage {
        match (self.status, &self.decision, &self.certificate) {
            (Status::Voided, _, _) => Stage::Voided,
            (Status::Scored, _, Some(_)) => Stage::Certified,
            (Status::Scored, Some(_), None) => Stage::Decided,
            (Status::Scored, None, None) => Stage::Pending,
            _ => Stage::Awaiting,
        }
    }
}

const FROM: &str = "FROM roster_entry r \
     JOIN exam_session s ON s.roster_id = r.roster_id \
     JOIN campaign cam ON cam.campaign_id = r.campaign_id \
     LEFT JOIN result res ON res.session_id = s.session_id AND res.annulled_at IS NULL \
       AND res.version = (SELECT MAX(x.version) FROM result x WHERE x.session_id = s.session_id) \
     LEFT JOIN leb_decision d ON d.result_id = res.result_id \
     LEFT JOIN certificate c ON c.decision_id = d.decision_id AND c.live = 1 \
     LEFT JOIN report_dispatch rd ON rd.campaign_id = r.campaign_id AND rd.region = r.region \
     LEFT JOIN appeal ap ON ap.session_id = s.session_id \
     LEFT JOIN proctor_review pr ON pr.session_id = s.session_id";

const COLUMNS: &str = "s.session_id, r.campaign_id, cam.name AS campaign_name, cam.closes_on, \
     r.roster_id, r.name, r.iin, r.position, r.organization, r.procedure, r.current_category, \
     r.claimed_category, r.region, r.place_of_work, r.education, s.status, s.ended_at, \
     res.result_id, res.version, res.correct, res.total, res.percent_bp, res.decision, \
     ap.status AS appeal_status, ap.filing_closes_at, pr.state AS review_state, rd.sent_at, \
     d.decision_id, d.session_id AS d_session_id, d.result_id AS d_result_id, d.region AS d_region, \
     d.verdict, d.decided_on, d.order_number, d.note, d.due_on, d.due_provisional, d.decided_at, \
     d.decided_by, c.certificate_number, c.kind";

/// The WHERE clause of `filter` and its binds, numbered from $1.
fn conditions(filter: &Filter) -> (String, Vec<String>) {
    let mut binds: Vec<String> = Vec::new();
    let mut clauses: Vec<String> = Vec::new();
    if let Some(region) = filter.scope.region() {
        binds.push(region.to_owned());
        clauses.push(format!("r.region = ${}", binds.len()));
    }
    if let Some(campaign) = &filter.campaign {
        binds.push(campaign.clone());
        clauses.push(format!("r.campaign_id = ${}", binds.len()));
    }
    if let Some(stage) = filter.stage {
        clauses.push(format!("({})", stage.condition()));
    }
    if let Some(q) = filter.q.as_deref() {
        binds.push(format!("{}%", escape_like(q)));
        let mut any = vec![format!("r.iin LIKE ${} ESCAPE '\\'", binds.len())];
        for pattern in name_patterns(q) {
            binds.push(pattern);
            any.push(format!("r.name LIKE ${} ESCAPE '\\'", binds.len()));
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, binds)
}

/// One page of the rows `filter` selects, by campaign's end (newest first), name, IIN.
pub async fn rows(db: &Db, filter: &Filter, page: Page) -> Result<Listed<Row>> {
    let (conditions, binds) = conditions(filter);
    let sql = format!(
        "SELECT {COLUMNS} {FROM} {conditions} \
         ORDER BY cam.closes_on DESC, r.campaign_id, r.name, r.iin LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b.clone());
    }
    let items = query
        .bind(page.size)
        .bind((page.number - 1).max(0) * page.size)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(row_from)
        .collect::<Result<Vec<_>>>()?;
    let mut count = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) {FROM} {conditions}"
    )));
    for b in &binds {
        count = count.bind(b.clone());
    }
    Ok(Listed {
        items,
        total: count.fetch_one(db.pool()).await?,
    })
}

/// The row of one session, whatever its region (the caller checks the scope).
pub async fn row(db: &Db, session_id: &str) -> Result<Option<Row>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE s.session_id = $1");
    let found = sqlx::query(AssertSqlSafe(sql))
        .bind(session_id)
        .fetch_optional(db.pool())
        .await?;
    found.as_ref().map(row_from).transpose()
}

/// Every decided row of `region` (of `campaign`, when given) whose decision stands on the
/// current result: the rows of Appendix 5, by name then IIN.
pub async fn decided(db: &Db, region: &str, campaign: Option<&str>) -> Result<Vec<Row>> {
    let filter = Filter {
        scope: Scope::Region(region.to_owned()),
        campaign: campaign.map(str::to_owned),
        q: None,
        stage: None,
    };
    let (conditions, binds) = conditions(&filter);
    let sql = format!(
        "SELECT {COLUMNS} {FROM} {conditions} AND s.status = 'scored' AND d.decision_id IS NOT NULL \
         ORDER BY r.name, r.iin, r.campaign_id"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b.clone());
    }
    query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(row_from)
        .collect()
}

fn row_from(row: &sqlx::any::AnyRow) -> Result<Row> {
    let session = Cells::new(row, "exam_session", "session_id")?;
    let result_id: Option<String> = session.get("result_id")?;
    let result = match result_id {
        Some(id) => {
            let r = Cells::keyed(row, "result", id.clone());
            Some(Current {
                result_id: id,
                version: r.get("version")?,
                score: Score {
                    correct: r.int("correct")?,
                    total: r.int("total")?,
                    percent_bp: r.int("percent_bp")?,
                },
                decision: r.json("decision")?,
            })
        }
        None => None,
    };
    let decision_id: Option<String> = session.get("decision_id")?;
    let decision = match decision_id {
        Some(id) => {
            let d = Cells::keyed(row, "leb_decision", id.clone());
            Some(DecisionRow {
                decision_id: id,
                session_id: d.get("d_session_id")?,
                result_id: d.get("d_result_id")?,
                region: d.get("d_region")?,
                verdict: d.json::<Verdict>("verdict")?,
                decided_on: d.parse("decided_on", str::parse::<Date>)?,
                order_number: d.get("order_number")?,
                note: d.get("note")?,
                due_on: d.parse("due_on", str::parse::<Date>)?,
                due_provisional: d.get::<i64>("due_provisional")? == 1,
                decided_at: d.get("decided_at")?,
                decided_by: d.get("decided_by")?,
            })
        }
        None => None,
    };
    let number: Option<String> = session.get("certificate_number")?;
    let certificate = match number {
        Some(number) => {
            let c = Cells::keyed(row, "certificate", number.clone());
            Some((number, c.parse("kind", known("kind", Kind::parse))?))
        }
        None => None,
    };
    let appeal = match session.get::<Option<String>>("appeal_status")? {
        Some(status) => Some((status, session.get("filing_closes_at")?)),
        None => None,
    };
    let review: Option<String> = session.get("review_state")?;
    Ok(Row {
        session_id: session.key().to_owned(),
        campaign_id: session.get("campaign_id")?,
        campaign_name: session.get("campaign_name")?,
        closes_on: session.parse("closes_on", str::parse::<Date>)?,
        candidate: Candidate::from_row(&session.joined("roster_entry", "roster_id")?)?,
        region: session.get("region")?,
        place_of_work: session.get("place_of_work")?,
        education: session.get("education")?,
        status: session.parse("status", known("status", Status::parse))?,
        ended_at: session.get("ended_at")?,
        result,
        appeal,
        review_open: review.as_deref() == Some("open"),
        sent_at: session.get("sent_at")?,
        decision,
        certificate,
    })
}
