//! The administrator's retake for a technical fault (p.25): a closed appeal whose decision
//! upheld a technical fault under the campaign's policy `technical: "retake"` earns the
//! candidate one new sitting, in the original campaign's retake campaign, with a new access
//! code shown once. The rules are `domain::appeal::retake`'s; the writes `store::retake`'s;
//! the original session's result is never touched.

use jiff::civil::Date;
use serde::Serialize;

use super::Application;
use crate::domain::appeal::retake::{self, RetakeError};
use crate::domain::audit::Actor;
use crate::store;
use crate::store::appeal::AppealStatus;
use crate::store::retake::{Grant, GrantRefused, Granted, RetakeRow};

/// A failure of the retake workflow: the rules refused (naming the clause), or the
/// application failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Rule(#[from] RetakeError),
    #[error(transparent)]
    App(#[from] super::Error),
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Error {
        Error::App(e.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A retake as granted: the new session, its campaign and window, and the code (shown once).
#[derive(Debug, Clone, Serialize)]
pub struct GrantedRetake {
    #[serde(flatten)]
    pub granted: Granted,
    /// The questions decided a technical fault.
    pub questions: Vec<u32>,
}

impl Application {
    /// Grants the retake a closed appeal earned (p.25): refused unless the appeal is closed
    /// with a question decided a technical fault under the `retake` remedy, once per appeal,
    /// never for a voided session (p.19). `closes_on` is the retake's last day (Asia/Almaty);
    /// without it, the original campaign's last day while it is ahead, else today + 10 days.
    pub async fn grant_retake(
        &self,
        appeal_id: &str,
        closes_on: Option<Date>,
        actor: &Actor,
    ) -> Result<GrantedRetake> {
        let now = self.clock.now();
        let today = crate::domain::calendar::almaty_date(now);
        let appeal = store::appeal::get(&self.db, appeal_id).await?;
        let original = store::campaign::get(&self.db, &appeal.campaign_id).await?;
        let closes_on = retake::closes_on(closes_on, original.closes_on, today)?;
        let decision = match (&appeal.decision, appeal.status) {
            (Some(decision), AppealStatus::Closed) => decision,
            _ => {
                return Err(RetakeError::NotClosed {
                    appeal_id: appeal_id.to_owned(),
                    status: appeal.status.as_str().to_owned(),
                }
                .into());
            }
        };
        if let Some(earlier) = store::retake::by_appeal(&self.db, appeal_id).await? {
            return Err(already(earlier));
        }
        let questions = retake::retake_questions(
            appeal_id,
            decision.questions.iter().map(|q| (q.number, &q.outcome)),
            decision.policies.technical,
        )?;
        let row = self.session(&appeal.session_id).await?;
        if row.status == crate::domain::exam::Status::Voided {
            return Err(RetakeError::Voided.into());
        }
        let notice = serde_json::json!({
            "kk": "Техникалық ақау расталды: сізге қайта тапсыру берілді (25-т.). Жаңа кіру кодын әкімші береді.",
            "ru": "Техническая неисправность подтверждена: вам предоставлена пересдача (п.25). Новый код доступа выдаст администратор.",
            "closes_on": closes_on.to_string(),
        });
        let granted = store::retake::grant(
            &self.db,
            Grant {
                appeal_id,
                original_session_id: &appeal.session_id,
                original: &original,
                questions: &questions,
                today,
                closes_on,
                notice: &notice,
            },
            actor,
            now,
        )
        .await?;
        if granted.is_ok() {
            self.notices_written();
        }
        match granted {
            Ok(granted) => Ok(GrantedRetake { granted, questions }),
            Err(GrantRefused::Voided) => Err(RetakeError::Voided.into()),
            Err(GrantRefused::AlreadyGranted(earlier)) => Err(already(*earlier)),
        }
    }

    /// The retake granted on a session's result, if any (for the candidate's cabinet: never
    /// the code).
    pub async fn my_retake(&self, session_id: &str) -> Result<Option<RetakeRow>> {
        Ok(store::retake::by_original_session(&self.db, session_id).await?)
    }
}

fn already(earlier: RetakeRow) -> Error {
    RetakeError::AlreadyGranted {
        appeal_id: earlier.appeal_id,
        session_id: earlier.session_id,
        campaign_id: earlier.campaign_id,
    }
    .into()
}
