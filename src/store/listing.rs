//! The administrators' listings: campaigns with their progress at a glance, and a campaign's
//! sessions, paginated and searchable by IIN or name. Each listing is a bounded number of
//! statements whatever the size of the campaign — a page of rows, then one grouped count
//! (campaigns) or one count (sessions) — never one statement per row.
//!
//! The live side (who is online now) is not read here: the HTTP handler asks the live state
//! about the sessions in progress only ([`in_progress_of`] for a page of campaigns, the
//! page's own rows for a page of sessions).

use sqlx::{AssertSqlSafe, Row};

use super::exam::Candidate;
use super::row::{Cells, known};
use super::{Db, Result};
use crate::domain::bank::Lang;
use crate::domain::exam::{EndReason, Score, Status};
use crate::domain::rules::{Decision, Procedure};

/// A page of a listing: 1-based number and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: i64,
    pub size: i64,
}

impl Page {
    pub(super) fn offset(self) -> i64 {
        (self.number - 1).max(0) * self.size
    }
}

/// One page of a listing and how many rows the whole listing has.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// How far a campaign has come, counted from its sessions and appeals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Sessions, one per roster row with its access code.
    pub admitted: i64,
    /// Sessions whose 120 minutes began (whatever happened after).
    pub started: i64,
    /// Sessions in progress now.
    pub in_progress: i64,
    /// Sessions in progress with an open socket: left 0 here, set by whoever asks the live
    /// state (the campaigns listing's handler).
    pub online: i64,
    /// Sessions ended and scored (submitted, time up or forced), not voided.
    pub submitted: i64,
    /// Sessions voided (p.19).
    pub voided: i64,
    /// Appeals filed (submitted or closed; drafts are not counted) (p.21).
    pub appealed: i64,
    /// Appeals the commission closed with a decision (p.24).
    pub decided: i64,
    /// Ended sessions (scored or voided) of a region whose Appendix 2 report was marked as
    /// sent to its local executive body (p.31).
    pub reported: i64,
    /// Sessions holding a certificate that is not annulled (p.32, Appendix 3-4).
    pub certified: i64,
}

/// A campaign in the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignSummary {
    pub campaign_id: String,
    pub name: String,
    pub bank_version: String,
    pub procedure: Procedure,
    pub languages: Vec<Lang>,
    pub opens_on: jiff::civil::Date,
    pub closes_on: jiff::civil::Date,
    pub created_at: i64,
    pub progress: Progress,
}

/// The campaigns whose name contains `q` (as typed, in lower case or in title case: SQLite
/// folds only ASCII), newest first, one page of them with their progress.
pub async fn campaigns(db: &Db, q: Option<&str>, page: Page) -> Result<Listed<CampaignSummary>> {
    let patterns = q.map(name_patterns).unwrap_or_default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let filter = if patterns.is_empty() {
        String::new()
    } else {
        let any: Vec<String> = patterns
            .iter()
            .map(|_| format!("name LIKE {} ESCAPE '\\'", next()))
            .collect();
        format!("WHERE {}", any.join(" OR "))
    };
    let sql = format!(
        "SELECT campaign_id, name, bank_version_id, procedure, languages, opens_on, closes_on, created_at, \
         COUNT(*) OVER () AS listed FROM campaign {filter} \
         ORDER BY created_at DESC, campaign_id LIMIT {} OFFSET {}",
        next(),
        next()
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for p in &patterns {
        query = query.bind(p.clone());
    }
    let rows = query
        .bind(page.size)
        .bind(page.offset())
        .fetch_all(db.pool())
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut total = None;
    for row in &rows {
        let cells = Cells::new(row, "campaign", "campaign_id")?;
        total = Some(cells.get::<i64>("listed")?);
        items.push(CampaignSummary {
            campaign_id: cells.key().to_owned(),
            name: cells.get("name")?,
            bank_version: cells.get("bank_version_id")?,
            procedure: cells.parse("procedure", str::parse::<Procedure>)?,
            languages: cells.json("languages")?,
            opens_on: cells.parse("opens_on", str::parse::<jiff::civil::Date>)?,
            closes_on: cells.parse("closes_on", str::parse::<jiff::civil::Date>)?,
            created_at: cells.get("created_at")?,
            progress: Progress::default(),
        });
    }
    let total = match total {
        Some(total) => total,
        // A page past the end has no row to carry the total.
        None => count_campaigns(db, &patterns).await?,
    };
    add_progress(db, &mut items).await?;
    Ok(Listed { items, total })
}

async fn count_campaigns(db: &Db, patterns: &[String]) -> Result<i64> {
    if patterns.is_empty() {
        return Ok(sqlx::query_scalar("SELECT COUNT(*) FROM campaign")
            .fetch_one(db.pool())
            .await?);
    }
    let any: Vec<String> = (1..=patterns.len())
        .map(|i| format!("name LIKE ${i} ESCAPE '\\'"))
        .collect();
    let sql = format!("SELECT COUNT(*) FROM campaign WHERE {}", any.join(" OR "));
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql));
    for p in patterns {
        query = query.bind(p.clone());
    }
    Ok(query.fetch_one(db.pool()).await?)
}

/// The progress of the listed campaigns, in one grouped statement over the sessions,
/// appeals, report marks and certificates of those campaigns only (indexes
/// `exam_session_campaign_status`, `appeal_campaign_status`, `roster_entry_campaign_region`).
async fn add_progress(db: &Db, items: &mut [CampaignSummary]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let list = db.values(4 * items.len(), "?");
    let params: Vec<&str> = list.split(", ").collect();
    let groups: Vec<String> = params.chunks(items.len()).map(|c| c.join(", ")).collect();
    let sql = format!(
        "SELECT campaign_id, 'session' AS counted, status, COUNT(*) AS n, \
         SUM(CASE WHEN started_at IS NULL THEN 0 ELSE 1 END) AS started \
         FROM exam_session WHERE campaign_id IN ({}) GROUP BY campaign_id, status \
         UNION ALL \
         SELECT campaign_id, 'appeal' AS counted, status, COUNT(*) AS n, 0 AS started \
         FROM appeal WHERE campaign_id IN ({}) GROUP BY campaign_id, status \
         UNION ALL \
         SELECT s.campaign_id, 'reported' AS counted, '' AS status, COUNT(*) AS n, 0 AS started \
         FROM exam_session s JOIN roster_entry r ON r.roster_id = s.roster_id \
         JOIN report_dispatch d ON d.campaign_id = s.campaign_id AND d.region = r.region \
         WHERE s.campaign_id IN ({}) AND s.status IN ('scored', 'voided') GROUP BY s.campaign_id \
         UNION ALL \
         SELECT s.campaign_id, 'certified' AS counted, '' AS status, \
         COUNT(DISTINCT c.session_id) AS n, 0 AS started \
         FROM certificate c JOIN exam_session s ON s.session_id = c.session_id \
         WHERE s.campaign_id IN ({}) AND c.annulled_at IS NULL GROUP BY s.campaign_id",
        groups[0], groups[1], groups[2], groups[3]
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for _ in 0..4 {
        for item in items.iter() {
            query = query.bind(item.campaign_id.clone());
        }
    }
    for row in query.fetch_all(db.pool()).await? {
        let campaign_id: String = row.try_get("campaign_id")?;
        let counted: String = row.try_get("counted")?;
        let status: String = row.try_get("status")?;
        let n: i64 = row.try_get("n")?;
        let started: i64 = row.try_get("started")?;
        let Some(item) = items.iter_mut().find(|i| i.campaign_id == campaign_id) else {
            continue;
        };
        let p = &mut item.progress;
        match (counted.as_str(), status.as_str()) {
            ("session", status) => {
                p.admitted += n;
                p.started += started;
                match Status::parse(status) {
                    Some(Status::InProgress) => p.in_progress += n,
                    Some(Status::Scored) => p.submitted += n,
                    Some(Status::Voided) => p.voided += n,
                    Some(Status::Scheduled | Status::Rules) => {}
                    None => {
                        return Err(Cells::keyed(&row, "exam_session", campaign_id)
                            .corrupt("status", format!("unknown status {status:?}")));
                    }
                }
            }
            ("reported", _) => p.reported += n,
            ("certified", _) => p.certified += n,
            (_, "submitted") => p.appealed += n,
            (_, "closed") => {
                p.appealed += n;
                p.decided += n;
            }
            _ => {} // drafts: not filed yet
        }
    }
    Ok(())
}

/// The sessions in progress of the campaigns `campaign_ids`, as (campaign, session) pairs:
/// what the live state is asked about to count who is online now (index
/// `exam_session_campaign_status`).
pub async fn in_progress_of(db: &Db, campaign_ids: &[String]) -> Result<Vec<(String, String)>> {
    if campaign_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT campaign_id, session_id FROM exam_session WHERE status = 'in_progress' \
         AND campaign_id IN ({})",
        db.values(campaign_ids.len(), "?")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in campaign_ids {
        query = query.bind(id.clone());
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("campaign_id")?, r.try_get("session_id")?)))
        .collect()
}

/// Which sessions of a campaign to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFilter {
    pub status: Option<Status>,
    /// An IIN prefix or a part of the name.
    pub q: Option<String>,
}

/// A session in the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub session_id: String,
    pub candidate: Candidate,
    pub status: Status,
    pub end_reason: Option<EndReason>,
    pub lang: Option<Lang>,
    pub started_at: Option<i64>,
    pub deadline: Option<i64>,
    pub ended_at: Option<i64>,
    /// Questions with a chosen option now (flags alone do not count).
    pub answered: i64,
    /// Proctoring signals received, the page's and the vendors', superseded ones left out.
    pub signals: i64,
    /// The appeal's status (`draft`, `submitted`, `closed`), if the candidate opened one.
    pub appeal: Option<String>,
    /// The current result: none before the end and once voided (p.19).
    pub result: Option<(Score, Decision)>,
}

/// One page of the sessions of `campaign_id` matching `filter`, by name then IIN.
pub async fn sessions(
    db: &Db,
    campaign_id: &str,
    filter: &SessionFilter,
    page: Page,
) -> Result<Listed<SessionSummary>> {
    let mut binds: Vec<String> = vec![campaign_id.to_owned()];
    let mut clauses = vec!["r.campaign_id = $1".to_owned()];
    if let Some(status) = filter.status {
        binds.push(status.as_str().to_owned());
        clauses.push(format!("s.status = ${}", binds.len()));
    }
    if let Some(q) = filter.q.as_deref() {
        let mut any = Vec::new();
        binds.push(format!("{}%", escape_like(q)));
        any.push(format!("r.iin LIKE ${} ESCAPE '\\'", binds.len()));
        for pattern in name_patterns(q) {
            binds.push(pattern);
            any.push(format!("r.name LIKE ${} ESCAPE '\\'", binds.len()));
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    let from = format!(
        "FROM roster_entry r JOIN exam_session s ON s.roster_id = r.roster_id WHERE {}",
        clauses.join(" AND ")
    );
    let sql = format!(
        "SELECT s.session_id, s.status, s.lang, s.started_at, s.deadline, s.ended_at, s.end_reason, \
         r.roster_id, r.name, r.iin, r.position, r.organization, r.procedure, r.current_category, \
         r.claimed_category, \
         (SELECT COUNT(*) FROM answer a WHERE a.session_id = s.session_id AND a.choice <> '[]') AS answered, \
         (SELECT COUNT(*) FROM proctor_signal p WHERE p.session_id = s.session_id \
            AND p.superseded_by IS NULL) AS signals, \
         (SELECT ap.status FROM appeal ap WHERE ap.session_id = s.session_id) AS appeal, \
         res.result_id, res.correct, res.total, res.percent_bp, res.decision, res.annulled_at \
         {from_rows} \
         ORDER BY r.name, r.iin LIMIT ${limit} OFFSET ${offset}",
        from_rows = from.replacen(
            "WHERE",
            "LEFT JOIN result res ON res.session_id = s.session_id AND res.version = \
             (SELECT MAX(x.version) FROM result x WHERE x.session_id = s.session_id) WHERE",
            1
        ),
        limit = binds.len() + 1,
        offset = binds.len() + 2,
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query
        .bind(page.size)
        .bind(page.offset())
        .fetch_all(db.pool())
        .await?;
    let items = rows
        .iter()
        .map(summary_from_row)
        .collect::<Result<Vec<_>>>()?;
    let mut count = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) {from}")));
    for b in &binds {
        count = count.bind(b.clone());
    }
    let total: i64 = count.fetch_one(db.pool()).await?;
    Ok(Listed { items, total })
}

fn summary_from_row(row: &sqlx::any::AnyRow) -> Result<SessionSummary> {
    let session = Cells::new(row, "exam_session", "session_id")?;
    let result_id: Option<String> = session.get("result_id")?;
    let annulled_at: Option<i64> = session.get("annulled_at")?;
    let result = match result_id {
        Some(id) if annulled_at.is_none() => {
            let r = Cells::keyed(row, "result", id);
            Some((
                Score {
                    correct: r.int("correct")?,
                    total: r.int("total")?,
                    percent_bp: r.int("percent_bp")?,
                },
                r.json::<Decision>("decision")?,
            ))
        }
        _ => None,
    };
    Ok(SessionSummary {
        session_id: session.key().to_owned(),
        candidate: Candidate::from_row(&session.joined("roster_entry", "roster_id")?)?,
        status: session.parse("status", known("status", Status::parse))?,
        end_reason: session
            .parse_opt("end_reason", |text| match EndReason::parse(text) {
                Some(reason) => Ok(Some(reason)),
                // Written before voiding became its own transition; the status says voided.
                None if text == "voided" => Ok(None),
                None => Err(format!("unknown end reason {text:?}")),
            })?
            .flatten(),
        lang: session.parse_opt("lang", known("language", Lang::parse))?,
        started_at: session.get("started_at")?,
        deadline: session.get("deadline")?,
        ended_at: session.get("ended_at")?,
        answered: session.get("answered")?,
        signals: session.get("signals")?,
        appeal: session.get("appeal")?,
        result,
    })
}

/// `text` with LIKE's wildcards (and the escape character) escaped, for `ESCAPE '\'`.
pub(crate) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The LIKE patterns of a name search for `q`: the text as typed, in lower case and in title
/// case (names are stored as written; SQLite's LIKE folds only ASCII letters, PostgreSQL's
/// none), each `%...%`, without repeats.
pub(crate) fn name_patterns(q: &str) -> Vec<String> {
    let title: String = {
        let mut out = String::with_capacity(q.len());
        let mut start = true;
        for c in q.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = c.is_whitespace() || c == '-';
        }
        out
    };
    let mut patterns: Vec<String> = Vec::new();
    for form in [q.to_owned(), q.to_lowercase(), title] {
        let pattern = format!("%{}%", escape_like(&form));
        if !patterns.contains(&pattern) {
            patterns.push(pattern);
        }
    }
    patterns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_search_tries_the_text_as_typed_in_lower_and_in_title_case() {
        assert_eq!(
            name_patterns("ИВАНОВ ас"),
            ["%ИВАНОВ ас%", "%иванов ас%", "%Иванов Ас%"]
        );
        assert_eq!(name_patterns("иванов"), ["%иванов%", "%Иванов%"]);
        assert_eq!(
            name_patterns("Әлия-нұр"),
            ["%Әлия-нұр%", "%әлия-нұр%", "%Әлия-Нұр%"]
        );
    }

    #[test]
    fn like_wildcards_in_a_search_are_literal() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
        assert_eq!(name_patterns("%"), [r"%\%%"]);
    }

    #[test]
    fn a_page_starts_after_the_rows_of_the_pages_before_it() {
        assert_eq!(
            Page {
                number: 1,
                size: 50
            }
            .offset(),
            0
        );
        assert_eq!(
            Page {
                number: 3,
                size: 20
            }
            .offset(),
            40
        );
    }
}
