//! The exam session's lifecycle as workflows: open the rules in a language, start (draw and
//! store the paper, index the deadline), extend, end (submit, deadline, force) with scoring,
//! and void. Each changes the database in one conditional transaction, then tells the socket.

use std::collections::BTreeSet;

use super::{Application, Error, Result, scoring};
use crate::domain::audit::Actor;
use crate::domain::bank::Lang;
use crate::domain::exam::{EndReason, Transition};
use crate::domain::lifecycle;
use crate::domain::paper::{self, PaperRequest, Seed};
use crate::domain::profile::ProfileInput;
use crate::live::Command;
use crate::store;

impl Application {
    /// Opens the rules in `lang` (p.18: their reading is not timed).
    pub async fn choose_lang(
        &self,
        session_id: &str,
        lang: Lang,
        actor: &Actor,
    ) -> Result<store::exam::SessionRow> {
        let row = store::exam::get(&self.db, session_id).await?;
        if !row.languages.contains(&lang) {
            return Err(Error::Conflict(format!(
                "lang: this campaign runs in {:?}",
                row.languages
            )));
        }
        let status = lifecycle::apply(row.status, Transition::ChooseLang)?;
        if !store::exam::choose_lang(&self.db, session_id, lang, actor, self.clock.now()).await? {
            return Err(self.refused(session_id, Transition::ChooseLang).await);
        }
        // The conditional update changed these two and nothing else: no second read.
        Ok(store::exam::SessionRow {
            status,
            lang: Some(lang),
            ..row
        })
    }

    /// Starts the exam: assembles the paper from a fresh seed (p.16), stores it with
    /// `deadline = now + 120 min` (p.18) and indexes the deadline.
    pub async fn start_exam(
        &self,
        session_id: &str,
        actor: &Actor,
    ) -> Result<store::exam::SessionRow> {
        let row = store::exam::get(&self.db, session_id).await?;
        let status = lifecycle::apply(row.status, Transition::Start)?;
        let campaign = store::campaign::get(&self.db, &row.campaign_id).await?;
        let bank = self.bank(&campaign.bank_version).await?;
        let now = self.clock.now();
        let exam_date = now
            .to_zoned_datetime(crate::domain::calendar::almaty())
            .date();
        // p.11: testing runs on the announced dates.
        if exam_date < campaign.opens_on || exam_date > campaign.closes_on {
            return Err(Error::Conflict(format!(
                "testing in this campaign runs from {} to {} (Asia/Almaty); today is {exam_date}",
                campaign.opens_on, campaign.closes_on
            )));
        }
        let profile = crate::domain::profile::for_position(
            row.candidate.position.slug,
            row.candidate.claimed_category.map(|c| c.slug()),
            exam_date,
        )
        .map_err(|e| {
            let field = match e.input() {
                ProfileInput::Position => "position",
                ProfileInput::ClaimedCategory => "claimed_category",
            };
            Error::Conflict(format!("{field}: {e}"))
        })?;
        let exclusions: BTreeSet<String> =
            store::exam::previous_questions(&self.db, session_id, &row.candidate.iin)
                .await?
                .into_iter()
                .collect();
        let lang = row.lang.unwrap_or(Lang::Kk);
        let drawn = paper::assemble(&PaperRequest {
            bank: &bank,
            blueprint: &campaign.blueprint,
            profile: &profile,
            lang,
            seed: Seed::generate(),
            exclusions: &exclusions,
        })?;
        let deadline = now.as_millisecond() + campaign.duration_min * 60_000;
        let new = store::paper::NewPaper {
            bank_version: &campaign.bank_version,
            profile: &profile,
            blueprint: &campaign.blueprint,
            exclusions: &exclusions,
            paper: &drawn,
        };
        let Some(paper_id) =
            store::exam::start(&self.db, session_id, new, deadline, actor, now).await?
        else {
            return Err(self.refused(session_id, Transition::Start).await);
        };
        self.live().schedule_deadline(session_id, deadline).await?;
        // The conditional update set these and nothing else: no second read.
        Ok(store::exam::SessionRow {
            status,
            paper_id: Some(paper_id),
            started_at: Some(now.as_millisecond()),
            deadline: Some(deadline),
            ..row
        })
    }

    /// Ends a session in progress and scores it. True when this call ended it; false when it
    /// had ended already (someone else won). Tells the socket holder when the end did not come
    /// from the socket itself.
    pub async fn end(
        &self,
        session_id: &str,
        reason: EndReason,
        actor: &Actor,
        from_socket: bool,
    ) -> Result<bool> {
        self.end_noted(session_id, reason, actor, None, from_socket)
            .await
    }

    /// [`Application::end`] with a note for the audit entry (an administrator's reason).
    async fn end_noted(
        &self,
        session_id: &str,
        reason: EndReason,
        actor: &Actor,
        note: Option<&str>,
        from_socket: bool,
    ) -> Result<bool> {
        let row = store::exam::get(&self.db, session_id).await?;
        if lifecycle::apply(row.status, Transition::End(reason)).is_err() {
            return Ok(false);
        }
        let (_, _, key) = self.paper(&row).await?;
        let candidate = row.candidate.clone();
        let ended = store::exam::end(
            &self.db,
            session_id,
            store::exam::Ending { reason, note },
            actor,
            self.clock.now(),
            |answers| scoring::grade(&key, &candidate, answers),
        )
        .await?;
        if ended {
            self.live().cancel_deadline(session_id).await?;
            if !from_socket {
                self.hub
                    .command(Command::ForceSubmit {
                        session: session_id.to_owned(),
                    })
                    .await?;
            }
        }
        Ok(ended)
    }

    /// Extends the deadline of a session in progress (audited); the socket hears at once.
    pub async fn extend(
        &self,
        session_id: &str,
        minutes: i64,
        reason: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let deadline = store::exam::extend(
            &self.db,
            session_id,
            minutes,
            reason,
            actor,
            self.clock.now(),
        )
        .await?
        .ok_or_else(|| {
            Error::Conflict(
                "only an exam in progress, before its deadline, can be extended (p.18)".into(),
            )
        })?;
        self.live().schedule_deadline(session_id, deadline).await?;
        self.hub
            .command(Command::Extend {
                session: session_id.to_owned(),
            })
            .await?;
        Ok(deadline)
    }

    /// Why `transition` lost its conditional update: the session's status now forbids it, or
    /// (rarely) it changed and back meanwhile.
    async fn refused(&self, session_id: &str, transition: Transition) -> Error {
        match store::exam::get(&self.db, session_id).await {
            Ok(row) => match lifecycle::apply(row.status, transition) {
                Err(e) => e.into(),
                Ok(_) => Error::Conflict("the session changed meanwhile; try again".into()),
            },
            Err(e) => e.into(),
        }
    }

    /// Voids a session at any time (p.19): every version of its result is annulled, and the
    /// socket, if any, is ended.
    pub async fn void(&self, session_id: &str, reason: &str, actor: &Actor) -> Result<()> {
        let row = store::exam::get(&self.db, session_id).await?;
        lifecycle::apply(row.status, Transition::Void)?;
        if !store::exam::void(&self.db, session_id, reason, actor, self.clock.now()).await? {
            return Err(self.refused(session_id, Transition::Void).await);
        }
        self.live().cancel_deadline(session_id).await?;
        self.hub
            .command(Command::Void {
                session: session_id.to_owned(),
            })
            .await?;
        Ok(())
    }

    /// An administrator submits on the candidate's behalf, for `reason` (audited).
    pub async fn force_submit(&self, session_id: &str, reason: &str, actor: &Actor) -> Result<()> {
        let transition = Transition::End(EndReason::Forced);
        let row = store::exam::get(&self.db, session_id).await?;
        lifecycle::apply(row.status, transition)?;
        if !self
            .end_noted(session_id, EndReason::Forced, actor, Some(reason), false)
            .await?
        {
            return Err(self.refused(session_id, transition).await);
        }
        Ok(())
    }
}
