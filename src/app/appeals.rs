//! Appeal workflows (p.21-p.26): filing (draft, submit), the commission, votes, the chair's
//! close with rescoring into a new result version, the question statistics and the SLA
//! sweep. The rules are `domain::appeal`'s; this file reads what they need, asks them, and
//! writes through `store::appeal` in one audited transaction per act.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use jiff::Timestamp;
use serde::Serialize;

use super::{Application, scoring};
use crate::domain::appeal::filing::{self, FilingContext, RawQuestion};
use crate::domain::appeal::rescore::{self, PaperAnswer, Rescored};
use crate::domain::appeal::sla::{self, SlaState};
use crate::domain::appeal::stats::{self, QuestionStats, Sitting};
use crate::domain::appeal::voting::{self, QuestionOutcome, Vote};
use crate::domain::appeal::{AppealError, Change, Commission, CommissionMember, Panel};
use crate::domain::audit::Actor;
use crate::domain::bank::{Bank, Lang, Question};
use crate::domain::calendar::Calendar;
use crate::domain::paper::{self, PaperRequest};
use crate::domain::role::Role;
use crate::store::appeal::{
    AppealRow, AppealStatus, CloseRefused, ClosedDecision, Closing, Filing, FilingRefused,
    Policies, QuestionDecision, SlaMark, StoredCommission,
};
use crate::store::{self, result::Source};

/// The working-day calendar shipped with the engine; the p.21 window and the p.24 deadline are
/// counted on it with the years administrators confirmed since (`store::calendar::load`).
pub(crate) static CALENDAR: LazyLock<Calendar> =
    LazyLock::new(|| Calendar::embedded().expect("the embedded calendar validates"));

/// A failure of an appeal workflow: the rules refused (naming the clause), or the application
/// failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Rule(#[from] AppealError),
    #[error(transparent)]
    App(#[from] super::Error),
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Error {
        Error::App(e.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An appeal with what the cabinet and the console show beside it.
#[derive(Debug, Clone, Serialize)]
pub struct AppealView {
    #[serde(flatten)]
    pub appeal: AppealRow,
    /// RFC 3339 in Asia/Almaty.
    pub received_at_local: Option<String>,
    pub decide_by_local: Option<String>,
    pub filing_closes_at_local: String,
    pub sla: Option<SlaState>,
}

fn local(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned_datetime(crate::domain::calendar::almaty())
                .to_string()
        })
        .unwrap_or_else(|_| ms.to_string())
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

impl AppealView {
    fn of(appeal: AppealRow, now: Timestamp) -> AppealView {
        AppealView {
            received_at_local: appeal.received_at.map(local),
            decide_by_local: appeal.decide_by.map(local),
            filing_closes_at_local: local(appeal.filing_closes_at),
            sla: appeal
                .decide_by
                .map(|d| SlaState::at(ts(d), appeal.closed_at.map(ts), now)),
            appeal,
        }
    }
}

/// One question of the candidate's paper exactly as they saw it.
#[derive(Debug, Clone, Serialize)]
pub struct SeenQuestion {
    pub number: u32,
    pub question_id: String,
    pub lang: Lang,
    pub text: String,
    /// In the order shown.
    pub options: Vec<SeenOption>,
    /// What the candidate chose (option ids).
    pub answer: Vec<String>,
    /// The key in force at the exam (option ids).
    pub key: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeenOption {
    pub id: String,
    /// "A", "B", ... as on the screen.
    pub label: String,
    pub text: String,
}

/// A question of the candidate's paper as they saw it, with their answer and without the
/// key: what the cabinet shows to pick the questions to dispute (p.21).
#[derive(Debug, Clone, Serialize)]
pub struct PaperQuestion {
    pub number: u32,
    pub lang: Lang,
    pub text: String,
    /// In the order shown, lettered as on the screen.
    pub options: Vec<SeenOption>,
    /// What the candidate chose (option ids; empty: left blank).
    pub answer: Vec<String>,
}

/// A disputed question in the commission's console.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewQuestion {
    #[serde(flatten)]
    pub seen: SeenQuestion,
    pub ground: crate::domain::appeal::Ground,
    pub justification: String,
    pub stats: QuestionStats,
    /// Other appeals of the campaign that dispute this question.
    pub other_appeals: usize,
}

/// One appeal in the commission's queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    #[serde(flatten)]
    pub appeal: AppealView,
    pub candidate_name: String,
    pub organization: String,
    /// Who votes on it; None with `panel_error` saying why it cannot be formed (p.23).
    pub panel: Option<Panel>,
    pub panel_error: Option<String>,
    pub votes: Vec<Vote>,
    pub questions: Vec<ReviewQuestion>,
}

/// SLA compliance of one campaign.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignSla {
    pub campaign_id: String,
    pub compliance: sla::Compliance,
    /// Open appeals, least time left first.
    pub open: Vec<AppealView>,
}

/// The letter of the `i`-th option shown (A, B, C, ...).
fn label(i: usize) -> String {
    char::from(b'A' + u8::try_from(i % 26).expect("below 26")).to_string()
}

pub(super) fn question_of<'b>(bank: &'b Bank, id: &str) -> Option<&'b Question> {
    bank.questions
        .binary_search_by(|q| q.id.as_str().cmp(id))
        .ok()
        .map(|i| &bank.questions[i])
}

pub(super) fn key_of(q: &Question) -> BTreeSet<String> {
    q.options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.id.clone())
        .collect()
}

/// A candidate's paper, regenerated from its stored seed and bank version and checked
/// against the stored one, with their answers.
struct Sat {
    paper: paper::Paper,
    bank: std::sync::Arc<Bank>,
    answers: BTreeMap<u32, BTreeSet<String>>,
}

impl Sat {
    fn seen(&self, number: u32) -> Option<SeenQuestion> {
        let item = self
            .paper
            .items
            .get(usize::try_from(number).ok()?.checked_sub(1)?)?;
        let q = question_of(&self.bank, &item.question_id)?;
        let lang = self.paper.lang;
        let options = item
            .option_order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let o = q.options.iter().find(|o| &o.id == id)?;
                Some(SeenOption {
                    id: id.clone(),
                    label: label(i),
                    text: o.text.get(lang).to_owned(),
                })
            })
            .collect();
        Some(SeenQuestion {
            number,
            question_id: q.id.clone(),
            lang,
            text: q.text.get(lang).to_owned(),
            options,
            answer: self
                .answers
                .get(&number)
                .map(|a| a.iter().cloned().collect())
                .unwrap_or_default(),
            key: key_of(q).into_iter().collect(),
        })
    }

    fn paper_answers(&self, changed_keys: &BTreeMap<String, BTreeSet<String>>) -> Vec<PaperAnswer> {
        self.paper
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let number = u32::try_from(i + 1).expect("a paper of fewer than 2^32 items");
                let key = changed_keys
                    .get(&item.question_id)
                    .cloned()
                    .unwrap_or_else(|| {
                        question_of(&self.bank, &item.question_id)
                            .map(key_of)
                            .unwrap_or_default()
                    });
                PaperAnswer {
                    number,
                    chosen: self.answers.get(&number).cloned().unwrap_or_default(),
                    key,
                }
            })
            .collect()
    }
}

impl Application {
    /// The paper a session's candidate saw, regenerated from the stored seed and bank version
    /// (p.16), with their answers. A regenerated paper differing from the stored one is
    /// corrupt data, never shown.
    async fn sat(&self, paper_id: &str, session_id: &str) -> Result<Sat> {
        let stored = store::paper::get(&self.db, paper_id).await?;
        let bank = self.bank(&stored.bank_version).await?;
        let regenerated = paper::assemble(&PaperRequest {
            bank: &bank,
            blueprint: &stored.blueprint,
            profile: &stored.profile,
            lang: stored.paper.lang,
            seed: stored.paper.seed,
            exclusions: &stored.exclusions,
        })
        .map_err(super::Error::from)?;
        if regenerated != stored.paper {
            return Err(store::Error::Corrupt(format!(
                "paper {paper_id}: the stored seed and bank version regenerate a different paper"
            ))
            .into());
        }
        let answers = store::exam::answers(&self.db, session_id)
            .await?
            .into_iter()
            .filter_map(|a| Some((u32::try_from(a.q).ok()?, a.choice.into_iter().collect())))
            .collect();
        Ok(Sat {
            paper: regenerated,
            bank,
            answers,
        })
    }

    /// The candidate's appeal, if any, with its receipt times.
    pub async fn my_appeal(&self, session_id: &str) -> Result<Option<AppealView>> {
        let now = self.clock.now();
        Ok(store::appeal::by_session(&self.db, session_id)
            .await?
            .map(|a| AppealView::of(a, now)))
    }

    /// The candidate's whole paper exactly as they saw it, with their answers and without the
    /// keys, once the result is shown (p.20, p.21); never for a voided session (p.19).
    pub async fn my_paper(&self, session_id: &str) -> Result<Vec<PaperQuestion>> {
        let row = self.session(session_id).await?;
        if row.status == crate::domain::exam::Status::Voided {
            return Err(AppealError::Voided.into());
        }
        if store::result::history(&self.db, session_id)
            .await?
            .is_empty()
        {
            return Err(AppealError::NoResult.into());
        }
        let paper_id = row.paper_id.ok_or(AppealError::NoResult)?;
        let sat = self.sat(&paper_id, session_id).await?;
        let count = u32::try_from(sat.paper.items.len()).unwrap_or(u32::MAX);
        Ok((1..=count)
            .filter_map(|n| sat.seen(n))
            .map(|q| PaperQuestion {
                number: q.number,
                lang: q.lang,
                text: q.text,
                options: q.options,
                answer: q.answer,
            })
            .collect())
    }

    /// The disputed questions of the candidate's appeal exactly as they saw them.
    pub async fn my_disputed(
        &self,
        session_id: &str,
        appeal: &AppealRow,
    ) -> Result<Vec<SeenQuestion>> {
        let row = self.session(session_id).await?;
        let paper_id = row.paper_id.ok_or(AppealError::NoResult)?;
        let sat = self.sat(&paper_id, session_id).await?;
        Ok(appeal
            .questions
            .iter()
            .filter_map(|q| sat.seen(q.number))
            .collect())
    }

    /// Files the candidate's appeal: saves a draft, or submits it (received now; p.24's
    /// `decide_by` runs from today). p.21: only within 2 working days after the result was
    /// shown; p.19: never for a voided session; one appeal per result.
    pub async fn file_appeal(
        &self,
        session_id: &str,
        questions: &[RawQuestion],
        submit: bool,
        actor: &Actor,
    ) -> Result<AppealView> {
        let now = self.clock.now();
        let row = self.session(session_id).await?;
        let existing = store::appeal::by_session(&self.db, session_id).await?;
        let history = store::result::history(&self.db, session_id).await?;
        let exam_result = history.iter().find(|r| r.source == Source::Exam);
        let context = FilingContext {
            result_shown: exam_result.and_then(|r| Timestamp::from_millisecond(r.created_at).ok()),
            voided: row.status == crate::domain::exam::Status::Voided,
            already_submitted: existing
                .as_ref()
                .is_some_and(|a| a.status != AppealStatus::Draft),
        };
        // The shipped calendar with the years administrators confirmed since.
        let calendar = store::calendar::load(&self.db, CALENDAR.clone()).await?;
        let window = filing::may_file(&calendar, context, now)?;
        let result_id = exam_result
            .map(|r| r.result_id.clone())
            .ok_or(AppealError::NoResult)?;
        let paper_id = row.paper_id.as_deref().ok_or(AppealError::NoResult)?;
        let stored = store::paper::get(&self.db, paper_id).await?;
        let paper_len = u32::try_from(stored.paper.items.len()).unwrap_or(u32::MAX);
        let valid = filing::validate_questions(questions, paper_len)?;
        let decide_by = if submit {
            Some(sla::decide_by(&calendar, now).map_err(AppealError::from)?)
        } else {
            None
        };
        let notice = serde_json::json!({
            "kk": "Апелляцияңыз қабылданды; комиссия шешімі 5 күнтізбелік күн ішінде (24-т.)",
            "ru": "Ваша апелляция принята; решение комиссии в течение 5 календарных дней (п.24)",
            "decide_by": decide_by.as_ref().map(|d| d.closes_at.to_string()),
        });
        let filed = store::appeal::file(
            &self.db,
            Filing {
                session_id,
                campaign_id: &row.campaign_id,
                result_id: &result_id,
                questions: &valid,
                filing_closes_at: window.closes_at.timestamp().as_millisecond(),
                submit_with_decide_by: decide_by
                    .as_ref()
                    .map(|d| d.closes_at.timestamp().as_millisecond()),
            },
            &notice,
            actor,
            now,
        )
        .await?;
        if submit && filed.is_ok() {
            self.notices_written();
        }
        match filed {
            Ok(appeal) => Ok(AppealView::of(appeal, now)),
            Err(FilingRefused::Voided) => Err(AppealError::Voided.into()),
            Err(FilingRefused::AlreadySubmitted) => Err(AppealError::AlreadyFiled.into()),
        }
    }

    /// Forms (or re-forms) a campaign's commission (p.22, p.23). Each member must be a staff
    /// account holding the seat's role: `commission_chair` for the chair,
    /// `commission_secretary` for the secretary, `commission_member` for members and reserves.
    pub async fn put_commission(
        &self,
        campaign_id: &str,
        members: Vec<CommissionMember>,
        policies: Policies,
        actor: &Actor,
    ) -> Result<StoredCommission> {
        store::campaign::get(&self.db, campaign_id).await?;
        let commission = Commission::form(members)?;
        for m in commission.members() {
            let role = store::appeal::staff_role(&self.db, &m.username).await?;
            let needed = match m.seat {
                crate::domain::appeal::Seat::Chair => Role::CommissionChair,
                crate::domain::appeal::Seat::Secretary => Role::CommissionSecretary,
                _ => Role::CommissionMember,
            };
            match role {
                Some(role) if role == needed => {}
                Some(role) => {
                    return Err(AppealError::Composition {
                        clause: "p.22",
                        message: format!(
                            "{} holds the {role} role; the {} seat needs {needed}",
                            m.username, m.seat
                        ),
                    }
                    .into());
                }
                None => {
                    return Err(AppealError::Composition {
                        clause: "p.22",
                        message: format!("{} is not an active staff account", m.username),
                    }
                    .into());
                }
            }
        }
        Ok(store::appeal::put_commission(
            &self.db,
            campaign_id,
            commission.members(),
            policies,
            actor,
            self.clock.now(),
        )
        .await?)
    }

    /// The campaign's commission, validated again as it is read.
    async fn commission(&self, campaign_id: &str) -> Result<(Commission, Policies)> {
        let stored = store::appeal::commission(&self.db, campaign_id)
            .await?
            .ok_or_else(|| AppealError::Composition {
                clause: "p.22",
                message: format!("campaign {campaign_id} has no appeal commission yet"),
            })?;
        Ok((Commission::form(stored.members)?, stored.policies))
    }

    /// The panel of an appeal: fixed at its first vote, else computed from the commission now.
    async fn panel(&self, appeal: &AppealRow) -> Result<(Panel, Commission, Policies)> {
        let (commission, policies) = self.commission(&appeal.campaign_id).await?;
        if let Some(panel) = &appeal.panel {
            return Ok((panel.clone(), commission, policies));
        }
        let row = self.session(&appeal.session_id).await?;
        let panel = commission.panel_for(Some(&row.candidate.organization))?;
        Ok((panel, commission, policies))
    }

    /// A voter's vote on one disputed question (p.23: the secretary has no vote).
    pub async fn vote(&self, appeal_id: &str, vote: Vote, actor: &Actor) -> Result<()> {
        let appeal = store::appeal::get(&self.db, appeal_id).await?;
        if appeal.status != AppealStatus::Submitted {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} is {} and takes no votes",
                appeal.status.as_str()
            ))
            .into());
        }
        let (panel, commission, _) = self.panel(&appeal).await?;
        voting::check_vote(&panel, commission.secretary(), &appeal.questions, &vote)?;
        if !store::appeal::vote(&self.db, appeal_id, &panel, &vote, actor, self.clock.now()).await?
        {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} was closed meanwhile"
            ))
            .into());
        }
        Ok(())
    }

    /// The chair closes the appeal (p.24): every voter has voted on every question; each
    /// question's outcome is its majority with the chair's remedy for an upheld one; the
    /// score is recomputed and decided again by the rules (p.26) into a new result version.
    /// A voided session is never rescored (p.19).
    pub async fn close_appeal(
        &self,
        appeal_id: &str,
        chair: &str,
        remedies: &BTreeMap<u32, QuestionOutcome>,
        actor: &Actor,
    ) -> Result<AppealView> {
        let appeal = store::appeal::get(&self.db, appeal_id).await?;
        if appeal.status != AppealStatus::Submitted {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} is {}, not open",
                appeal.status.as_str()
            ))
            .into());
        }
        let (panel, _, policies) = self.panel(&appeal).await?;
        if panel.chair != chair {
            return Err(AppealError::NotAVoter(format!(
                "only the chair {} closes the appeal",
                panel.chair
            ))
            .into());
        }
        if let Some(n) = remedies
            .keys()
            .find(|n| !appeal.questions.iter().any(|q| q.number == **n))
        {
            return Err(AppealError::BadVote {
                field: format!("outcomes.{n}"),
                message: format!("question {n} is not disputed in this appeal"),
            }
            .into());
        }
        let row = self.session(&appeal.session_id).await?;
        if row.status == crate::domain::exam::Status::Voided {
            return Err(AppealError::Voided.into());
        }
        let before = row.result.clone().ok_or(AppealError::NoResult)?;
        let votes = store::appeal::votes(&self.db, appeal_id).await?;
        let majorities = voting::tally(&panel, &appeal.questions, &votes)?;
        let paper_id = row.paper_id.as_deref().ok_or(AppealError::NoResult)?;
        let sat = self.sat(paper_id, &appeal.session_id).await?;
        let mut decided = Vec::new();
        let mut changes = BTreeMap::new();
        for (q, majority) in appeal.questions.iter().zip(&majorities) {
            let options: Vec<String> = sat
                .seen(q.number)
                .map(|s| s.options.into_iter().map(|o| o.id).collect())
                .unwrap_or_default();
            let outcome = voting::outcome(q, majority, remedies.get(&q.number), &options)?;
            if let Some(change) = change_of(&outcome) {
                changes.insert(q.number, change);
            }
            decided.push(QuestionDecision {
                number: q.number,
                uphold: majority.uphold,
                reject: majority.reject,
                outcome,
            });
        }
        let rescored = rescore::rescore(
            &sat.paper_answers(&BTreeMap::new()),
            &changes,
            policies.annulled,
            policies.technical,
        );
        let (after, decision_after) = match rescored {
            Rescored::Retake => (None, None),
            Rescored::Score { .. } if changes.is_empty() => (None, None),
            Rescored::Score { score } => {
                let decision = scoring::decide(&row.candidate, score)
                    .map_err(|e| store::Error::Corrupt(format!("rules cannot decide: {e}")))?;
                (Some(score), Some(decision))
            }
        };
        let decision = ClosedDecision {
            questions: decided,
            policies,
            before: before.score,
            after,
            decision_before: before.decision.clone(),
            decision_after,
            clause: "p.26".into(),
        };
        let notice = serde_json::json!({
            "kk": "Апелляция бойынша шешім қабылданды; хаттама жеке кабинетте (24-т., 26-т.)",
            "ru": "По апелляции принято решение; протокол в личном кабинете (п.24, п.26)",
        });
        let closed = store::appeal::close(
            &self.db,
            Closing {
                appeal_id,
                revision: appeal.revision,
                session_id: &appeal.session_id,
                decision: &decision,
                notice: &notice,
            },
            actor,
            self.clock.now(),
        )
        .await?;
        if closed.is_ok() {
            self.notices_written();
        }
        match closed {
            Ok(appeal) => Ok(AppealView::of(appeal, self.clock.now())),
            Err(CloseRefused::Voided) => Err(AppealError::Voided.into()),
            Err(CloseRefused::NotOpen) => Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} was closed, or voted on, meanwhile; reload and close again"
            ))
            .into()),
        }
    }

    /// The commission's queue: received open appeals, least time left first, each disputed
    /// question as the candidate saw it with the campaign's statistics on it.
    pub async fn appeal_queue(&self) -> Result<Vec<QueueItem>> {
        self.sweep_appeals().await?;
        let now = self.clock.now();
        let mut open: Vec<AppealRow> = store::appeal::received(&self.db, None)
            .await?
            .into_iter()
            .filter(|a| a.status == AppealStatus::Submitted)
            .collect();
        open.sort_by_key(|a| (a.decide_by, a.received_at));
        let mut stats_cache: BTreeMap<(String, String), QuestionStats> = BTreeMap::new();
        let mut items = Vec::new();
        for appeal in open {
            let row = self.session(&appeal.session_id).await?;
            let paper_id = row.paper_id.clone().ok_or(AppealError::NoResult)?;
            let sat = self.sat(&paper_id, &appeal.session_id).await?;
            let all = store::appeal::received(&self.db, Some(&appeal.campaign_id)).await?;
            let mut questions = Vec::new();
            for q in &appeal.questions {
                let Some(seen) = sat.seen(q.number) else {
                    continue;
                };
                let cache_key = (appeal.campaign_id.clone(), seen.question_id.clone());
                if !stats_cache.contains_key(&cache_key) {
                    let options: Vec<String> = seen.options.iter().map(|o| o.id.clone()).collect();
                    let computed = self
                        .question_stats(&appeal.campaign_id, &seen.question_id, &options)
                        .await?;
                    stats_cache.insert(cache_key.clone(), computed);
                }
                let other_appeals = self
                    .others_disputing(&all, &appeal.appeal_id, &seen.question_id)
                    .await?;
                questions.push(ReviewQuestion {
                    ground: q.ground,
                    justification: q.justification.clone(),
                    stats: stats_cache[&cache_key].clone(),
                    other_appeals,
                    seen,
                });
            }
            let (panel, panel_error) = match self.panel(&appeal).await {
                Ok((panel, _, _)) => (Some(panel), None),
                Err(Error::Rule(e)) => (None, Some(e.to_string())),
                Err(e) => return Err(e),
            };
            items.push(QueueItem {
                candidate_name: row.candidate.name.clone(),
                organization: row.candidate.organization.clone(),
                panel,
                panel_error,
                votes: store::appeal::votes(&self.db, &appeal.appeal_id).await?,
                questions,
                appeal: AppealView::of(appeal, now),
            });
        }
        Ok(items)
    }

    /// How many of `appeals` other than `appeal_id` dispute the bank question `question_id`.
    async fn others_disputing(
        &self,
        appeals: &[AppealRow],
        appeal_id: &str,
        question_id: &str,
    ) -> Result<usize> {
        let mut count = 0;
        for other in appeals.iter().filter(|a| a.appeal_id != appeal_id) {
            let row = self.session(&other.session_id).await?;
            let Some(paper_id) = row.paper_id else {
                continue;
            };
            let stored = store::paper::get(&self.db, &paper_id).await?;
            let disputes = other.questions.iter().any(|q| {
                stored
                    .paper
                    .items
                    .get(q.number as usize - 1)
                    .is_some_and(|item| item.question_id == question_id)
            });
            count += usize::from(disputes);
        }
        Ok(count)
    }

    /// The statistics of bank question `question_id` over the campaign's scored sessions.
    async fn question_stats(
        &self,
        campaign_id: &str,
        question_id: &str,
        options: &[String],
    ) -> Result<QuestionStats> {
        let mut sittings = Vec::new();
        for (session_id, paper_id) in store::appeal::scored_sessions(&self.db, campaign_id).await? {
            let stored = store::paper::get(&self.db, &paper_id).await?;
            let Some(index) = stored
                .paper
                .items
                .iter()
                .position(|i| i.question_id == question_id)
            else {
                continue;
            };
            let bank = self.bank(&stored.bank_version).await?;
            let answers: BTreeMap<i64, Vec<String>> = store::exam::answers(&self.db, &session_id)
                .await?
                .into_iter()
                .map(|a| (a.q, a.choice))
                .collect();
            let key = crate::domain::exam::PaperKey::new(&stored.paper, bank.clone());
            let total = crate::domain::exam::score(&key, &answers).correct;
            let chosen: BTreeSet<String> = answers
                .get(&(index as i64 + 1))
                .map(|c| c.iter().cloned().collect())
                .unwrap_or_default();
            let correct = question_of(&bank, question_id).is_some_and(|q| key_of(q) == chosen);
            sittings.push(Sitting {
                total_correct: total,
                chosen,
                correct,
            });
        }
        Ok(stats::question_stats(options, &sittings))
    }

    /// Records the SLA marks due now (p.24): an escalation notice to the chair and the
    /// administrators when less than 24 hours remain, a breach once `decide_by` passed. Each
    /// is recorded once; how many were recorded.
    pub async fn sweep_appeals(&self) -> Result<usize> {
        let now = self.clock.now();
        let mut recorded = 0;
        for appeal in store::appeal::received(&self.db, None).await? {
            let Some(decide_by) = appeal.decide_by else {
                continue;
            };
            let state = SlaState::at(ts(decide_by), appeal.closed_at.map(ts), now);
            let mark = match state {
                SlaState::Escalate { .. } if appeal.escalated_at.is_none() => SlaMark::Escalated,
                SlaState::Breached { .. } if appeal.breached_at.is_none() => SlaMark::Breached,
                _ => continue,
            };
            let mut recipients = vec!["role:admin".to_string()];
            if let Ok((commission, _)) = self.commission(&appeal.campaign_id).await {
                recipients.push(format!("user:{}", commission.chair()));
            }
            let (kk, ru, en) = match mark {
                SlaMark::Escalated => (
                    "Апелляция бойынша шешім қабылдауға 24 сағаттан аз уақыт қалды (24-т.)",
                    "До срока решения по апелляции осталось меньше 24 часов (п.24)",
                    "less than 24 hours left to decide (p.24)",
                ),
                SlaMark::Breached => (
                    "Апелляция 5 күндік мерзімде шешілмеді: мерзім бұзылды (24-т.)",
                    "Апелляция не решена в 5-дневный срок: срок нарушен (п.24)",
                    "the 5-day deadline passed undecided (p.24)",
                ),
            };
            let notice = serde_json::json!({
                "kk": kk,
                "ru": ru,
                "en": en,
                "decide_by": local(decide_by),
                "session_id": appeal.session_id,
            });
            if store::appeal::mark(&self.db, &appeal.appeal_id, mark, &recipients, &notice, now)
                .await?
            {
                recorded += 1;
            }
        }
        if recorded > 0 {
            self.notices_written();
        }
        Ok(recorded)
    }

    /// SLA compliance per campaign, with the open appeals, least time left first.
    pub async fn sla_dashboard(&self) -> Result<Vec<CampaignSla>> {
        self.sweep_appeals().await?;
        let now = self.clock.now();
        let mut by_campaign: BTreeMap<String, Vec<AppealView>> = BTreeMap::new();
        for appeal in store::appeal::received(&self.db, None).await? {
            by_campaign
                .entry(appeal.campaign_id.clone())
                .or_default()
                .push(AppealView::of(appeal, now));
        }
        Ok(by_campaign
            .into_iter()
            .map(|(campaign_id, views)| {
                let states: Vec<SlaState> = views.iter().filter_map(|v| v.sla).collect();
                let mut open: Vec<AppealView> = views
                    .into_iter()
                    .filter(|v| v.appeal.status == AppealStatus::Submitted)
                    .collect();
                open.sort_by_key(|v| v.appeal.decide_by);
                CampaignSla {
                    campaign_id,
                    compliance: sla::compliance(&states),
                    open,
                }
            })
            .collect())
    }

    /// The notices of a cabinet's recipients, newest first.
    pub async fn notices(&self, recipients: &[String]) -> Result<Vec<store::appeal::Notice>> {
        Ok(store::appeal::notices(&self.db, recipients, None).await?)
    }

    /// The notices of `recipients` written at or after `since_ms`, newest first.
    pub async fn notices_since(
        &self,
        recipients: &[String],
        since_ms: i64,
    ) -> Result<Vec<store::appeal::Notice>> {
        Ok(store::appeal::notices(&self.db, recipients, Some(since_ms)).await?)
    }

    /// Changes when this node writes notices (an appeal received, escalated, breached,
    /// decided, propagated): the open notice sockets wait on it.
    pub fn notices_watch(&self) -> tokio::sync::watch::Receiver<u64> {
        self.notices.subscribe()
    }

    /// Wakes this node's notice sockets.
    pub(super) fn notices_written(&self) {
        self.notices.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// How often, on the application's clock, the SLA sweep records escalations and breaches
/// (p.24). Half a minute late at worst, against a deadline counted in days.
pub const SLA_SWEEP_EVERY_MS: i64 = 30_000;

/// How often the sweep looks at the clock (real time). A manual clock moved forward in a test
/// is noticed within this, a real one sweeps every [`SLA_SWEEP_EVERY_MS`].
const SLA_SWEEP_POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs the SLA sweep (actor `system:appeals`) until the application is dropped: once at
/// start-up, then every [`SLA_SWEEP_EVERY_MS`] of the clock. Every node runs it; a mark is
/// recorded once (a conditional update), whichever node gets there first. A failed sweep is
/// logged and retried on the next poll.
pub(super) fn spawn_sla_sweep(app: std::sync::Weak<Application>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SLA_SWEEP_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last: Option<i64> = None;
        loop {
            tick.tick().await;
            let Some(app) = app.upgrade() else { return };
            let now = app.clock.now_ms();
            if last.is_some_and(|last| now - last < SLA_SWEEP_EVERY_MS) {
                continue;
            }
            match app.sweep_appeals().await {
                Ok(recorded) => {
                    last = Some(now);
                    if recorded > 0 {
                        tracing::info!(recorded, "appeal SLA marks recorded (p.24)");
                    }
                }
                Err(err) => tracing::warn!(error = %err, "appeal SLA sweep failed; retrying"),
            }
        }
    });
}

/// The change an outcome makes to the score.
fn change_of(outcome: &QuestionOutcome) -> Option<Change> {
    match outcome {
        QuestionOutcome::Rejected => None,
        QuestionOutcome::KeyCorrected { key } => Some(Change::KeyCorrected(key.clone())),
        QuestionOutcome::Annulled => Some(Change::Annulled),
        QuestionOutcome::TechnicalFault => Some(Change::TechnicalFault),
    }
}

impl Application {
    /// The protocol of a closed appeal (p.24), for the HTML and PDF renderings.
    pub async fn protocol(
        &self,
        appeal_id: &str,
    ) -> Result<crate::web::commission::protocol::Protocol> {
        use crate::web::commission::protocol::{Protocol, ProtocolQuestion};
        let appeal = store::appeal::get(&self.db, appeal_id).await?;
        let (Some(decision), Some(closed_at), Some(panel)) =
            (&appeal.decision, appeal.closed_at, &appeal.panel)
        else {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} is not decided yet; its protocol follows the decision"
            ))
            .into());
        };
        let row = self.session(&appeal.session_id).await?;
        let campaign = store::campaign::get(&self.db, &appeal.campaign_id).await?;
        let (commission, _) = self.commission(&appeal.campaign_id).await?;
        let votes = store::appeal::votes(&self.db, appeal_id).await?;
        let questions = appeal
            .questions
            .iter()
            .filter_map(|q| {
                let decided = decision.questions.iter().find(|d| d.number == q.number)?;
                Some(ProtocolQuestion {
                    number: q.number,
                    ground: q.ground,
                    justification: q.justification.clone(),
                    votes: votes
                        .iter()
                        .filter(|v| v.question == q.number && panel.is_voter(&v.voter))
                        .cloned()
                        .collect(),
                    uphold: decided.uphold,
                    reject: decided.reject,
                    outcome: decided.outcome.clone(),
                })
            })
            .collect();
        let decide_by = appeal.decide_by.unwrap_or(closed_at);
        Ok(Protocol {
            appeal_id: appeal.appeal_id.clone(),
            campaign: campaign.name.clone(),
            candidate: row.candidate.name.clone(),
            organization: row.candidate.organization.clone(),
            received_at: appeal.received_at.map(local).unwrap_or_default(),
            decide_by: local(decide_by),
            closed_at: local(closed_at),
            chair: panel.chair.clone(),
            voters: panel.voters.clone(),
            secretary: commission.secretary().to_owned(),
            recused: panel.recused.clone(),
            substitutes: panel.substitutes.clone(),
            questions,
            before: decision.before,
            after: decision.after,
            decision_before: decision.decision_before.clone(),
            decision_after: decision.decision_after.clone(),
            in_time: closed_at < decide_by,
        })
    }
}

/// The outcome of a propagation: what would change (dry run) or what changed.
#[derive(Debug, Clone, Serialize)]
pub struct Propagation {
    pub appeal_id: String,
    pub applied: bool,
    /// The bank questions corrected or annulled by the appeal.
    pub questions: BTreeMap<String, Change>,
    /// Every result that changes, and whether its decision changes.
    pub changes: Vec<store::appeal::Propagated>,
}

/// The content changes (corrected keys, annulments) an appeal decided, by bank question id.
fn content_changes(appeal: &AppealRow, sat: &Sat) -> BTreeMap<String, Change> {
    let Some(decision) = &appeal.decision else {
        return BTreeMap::new();
    };
    decision
        .questions
        .iter()
        .filter_map(|q| {
            let change = match &q.outcome {
                QuestionOutcome::KeyCorrected { key } => Change::KeyCorrected(key.clone()),
                QuestionOutcome::Annulled => Change::Annulled,
                QuestionOutcome::Rejected | QuestionOutcome::TechnicalFault => return None,
            };
            let item = sat
                .paper
                .items
                .get(usize::try_from(q.number).ok()?.checked_sub(1)?)?;
            Some((item.question_id.clone(), change))
        })
        .collect()
}

impl Application {
    /// Propagates an appeal's corrected keys and annulled questions to every other scored
    /// session of the campaign whose paper had them (p.26): the dry run lists exactly the
    /// results, and decisions, that would change; applying writes exactly those as new result
    /// versions (source `propagation`), notifies the candidates and audits each. Corrections
    /// propagated earlier and each session's own appeal stay applied; a voided session is
    /// never rescored (p.19); a session whose own appeal granted a retake is left alone.
    pub async fn propagate(
        &self,
        appeal_id: &str,
        apply: bool,
        actor: &Actor,
    ) -> Result<Propagation> {
        let appeal = store::appeal::get(&self.db, appeal_id).await?;
        if appeal.status != AppealStatus::Closed {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} is not decided; only a decision propagates"
            ))
            .into());
        }
        if appeal.propagated_at.is_some() {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} was already propagated"
            ))
            .into());
        }
        let (_, policies) = self.commission(&appeal.campaign_id).await?;
        let own = self.session(&appeal.session_id).await?;
        let own_paper = own.paper_id.clone().ok_or(AppealError::NoResult)?;
        let this = content_changes(&appeal, &self.sat(&own_paper, &appeal.session_id).await?);
        if this.is_empty() {
            return Err(AppealError::NotClosable(format!(
                "appeal {appeal_id} corrected no key and annulled no question: nothing to propagate"
            ))
            .into());
        }
        // The campaign's corrections in force: those propagated before, then this appeal's.
        let received = store::appeal::received(&self.db, Some(&appeal.campaign_id)).await?;
        let mut earlier: Vec<&AppealRow> = received
            .iter()
            .filter(|a| a.propagated_at.is_some())
            .collect();
        earlier.sort_by_key(|a| a.propagated_at);
        let mut corrections = BTreeMap::new();
        for other in earlier {
            let row = self.session(&other.session_id).await?;
            let Some(paper_id) = row.paper_id else {
                continue;
            };
            corrections.extend(content_changes(
                other,
                &self.sat(&paper_id, &other.session_id).await?,
            ));
        }
        corrections.extend(this.clone());
        let mut changes = Vec::new();
        for (session_id, paper_id) in
            store::appeal::scored_sessions(&self.db, &appeal.campaign_id).await?
        {
            let sat = self.sat(&paper_id, &session_id).await?;
            if !sat
                .paper
                .items
                .iter()
                .any(|i| this.contains_key(&i.question_id))
            {
                continue;
            }
            let mut by_number: BTreeMap<u32, Change> = sat
                .paper
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let change = corrections.get(&item.question_id)?.clone();
                    Some((u32::try_from(i + 1).ok()?, change))
                })
                .collect();
            if let Some(mine) = received
                .iter()
                .find(|a| a.session_id == session_id && a.status == AppealStatus::Closed)
                && let Some(decision) = &mine.decision
            {
                for q in &decision.questions {
                    if let Some(change) = change_of(&q.outcome) {
                        by_number.insert(q.number, change);
                    }
                }
            }
            let Rescored::Score { score } = rescore::rescore(
                &sat.paper_answers(&BTreeMap::new()),
                &by_number,
                policies.annulled,
                policies.technical,
            ) else {
                continue;
            };
            let row = self.session(&session_id).await?;
            let Some(current) = row.result else { continue };
            if current.score == score {
                continue;
            }
            let decision = scoring::decide(&row.candidate, score)
                .map_err(|e| store::Error::Corrupt(format!("rules cannot decide: {e}")))?;
            changes.push(store::appeal::Propagated {
                session_id,
                before: current.score,
                after: score,
                decision_changed: decision.outcome.code != current.decision.outcome.code,
                decision_before: current.decision,
                decision_after: decision,
            });
        }
        if !apply {
            return Ok(Propagation {
                appeal_id: appeal_id.to_owned(),
                applied: false,
                questions: this,
                changes,
            });
        }
        let notice = serde_json::json!({
            "kk": "Басқа апелляция бойынша кілт түзетілді; нәтижеңіз қайта есептелді (26-т.)",
            "ru": "По другой апелляции исправлен ключ; ваш результат пересчитан (п.26)",
        });
        let written = store::appeal::propagate(
            &self.db,
            appeal_id,
            &changes,
            &notice,
            actor,
            self.clock.now(),
        )
        .await?
        .ok_or_else(|| {
            AppealError::NotClosable(format!("appeal {appeal_id} was already propagated"))
        })?;
        self.notices_written();
        Ok(Propagation {
            appeal_id: appeal_id.to_owned(),
            applied: true,
            questions: this,
            changes: written,
        })
    }
}
