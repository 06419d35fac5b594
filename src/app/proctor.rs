//! Proctoring on the application layer (p.13, p.19): the one pipeline every signal enters —
//! vendor callbacks (verified and parsed by the HTTP layer with `synaq_proctor`) and the exam
//! page's own signals from the socket. Each signal is stored once (its dedupe key), the
//! campaign's policy decides what it does over the session's stored signals
//! (`synaq_proctor::policy::decide`), and the action is carried out: a flag puts the session in
//! the human review queue, a void ends it at once through the command bus or, after the end,
//! annuls its result and decision, whenever it was taken. Reinstatement restores them.
//! Results stay provisional until the campaign's review window closes.

use std::collections::HashMap;

use serde::Serialize;
use synaq_proctor::policy::{self, Action, Policy};
use synaq_proctor::signal::{Kind, Review, Severity, Signal};

use super::{Application, Error, Result};
use crate::domain::audit::{Actor, Task};
use crate::domain::exam::{Status, Transition};
use crate::domain::lifecycle;
use crate::live::ConnId;
use crate::store;
use crate::store::proctor::{Decision, Settings, Vote};

/// Why a batch of signals was not taken: nothing of it was stored.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Signal `index` of the batch names a session that does not exist.
    #[error("session {session_id} does not exist")]
    UnknownSession { index: usize, session_id: String },
    #[error(transparent)]
    App(#[from] Error),
}

impl From<store::Error> for IngestError {
    fn from(e: store::Error) -> IngestError {
        IngestError::App(e.into())
    }
}

/// What one signal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub id: String,
    pub session_id: String,
    /// `record`, `flag` or `void`: what the policy decided (the first time, for a duplicate).
    pub action: &'static str,
    /// Seen before: no second effect.
    pub duplicate: bool,
}

fn action_name(a: Action) -> &'static str {
    match a {
        Action::Record => "record",
        Action::Flag => "flag",
        Action::Void => "void",
    }
}

/// The action a campaign's settings give a signal: the policy's, except that an automated
/// signal never voids on its own when the campaign asks for a second review — it flags, and
/// two reviewers must confirm.
pub fn effective_action(
    settings_policy: &Policy,
    second_review: bool,
    prior: &[Signal],
    signal: &Signal,
) -> Action {
    match policy::decide(settings_policy, prior, signal) {
        Action::Void if second_review && signal.review == Review::Automated => Action::Flag,
        other => other,
    }
}

/// The kinds of stored signals `decide` can look at for `signal`: those of every rule that
/// counts its kind (a verdict looks at none).
pub fn counted_kinds(policy: &Policy, signal: &Signal) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = policy
        .rules
        .iter()
        .filter(|r| r.kinds.contains(&signal.kind))
        .flat_map(|r| r.kinds.iter().map(|k| k.name()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// A campaign's settings with its policy parsed.
struct Loaded {
    policy: Policy,
    second_review: bool,
}

/// What the exam page may report about itself (docs/protocol.md, `signal`).
pub const PAGE_KINDS: [Kind; 6] = [
    Kind::TabHidden,
    Kind::FullscreenExit,
    Kind::CopyPaste,
    Kind::WindowResize,
    Kind::DevtoolsOpen,
    Kind::NetworkLost,
];

/// The longest a page signal's id may be.
pub const PAGE_ID_MAX: usize = 64;

/// The source name of the exam page's own signals.
pub const PAGE: &str = "page";

impl Application {
    /// Stores `signals` and carries out what the policy decides for each. All sessions must
    /// exist, or nothing is stored. Duplicates (a dedupe key seen before) have no effect.
    pub async fn ingest(
        &self,
        signals: &[Signal],
        actor: &Actor,
    ) -> Result<Vec<Outcome>, IngestError> {
        let ids: Vec<&str> = signals.iter().map(|s| s.session_id.as_str()).collect();
        let campaigns = store::proctor::campaigns_of(&self.db, &ids).await?;
        if let Some((index, s)) = signals
            .iter()
            .enumerate()
            .find(|(_, s)| !campaigns.contains_key(&s.session_id))
        {
            return Err(IngestError::UnknownSession {
                index,
                session_id: s.session_id.clone(),
            });
        }
        let mut loaded: HashMap<String, Loaded> = HashMap::new();
        for campaign in campaigns.values() {
            if loaded.contains_key(campaign) {
                continue;
            }
            let settings = store::proctor::settings(&self.db, campaign).await?;
            let policy = Policy::from_json(&settings.policy).map_err(|e| {
                store::Error::Corrupt(format!("campaign {campaign} proctoring policy: {e}"))
            })?;
            loaded.insert(
                campaign.clone(),
                Loaded {
                    policy,
                    second_review: settings.second_review,
                },
            );
        }
        let now = self.clock.now();
        let policy_of = |s: &Signal| &loaded[&campaigns[&s.session_id]];
        let recorded = store::proctor::record(
            &self.db,
            signals,
            actor,
            now,
            |s| counted_kinds(&policy_of(s).policy, s),
            |prior, s| {
                let l = policy_of(s);
                effective_action(&l.policy, l.second_review, prior, s)
            },
        )
        .await?;
        let mut out = Vec::with_capacity(recorded.len());
        for (r, signal) in recorded.into_iter().zip(signals) {
            if !r.duplicate {
                match r.action {
                    Action::Record => {}
                    Action::Flag => {
                        store::proctor::open_review(
                            &self.db,
                            &r.session_id,
                            signal.review == Review::Automated,
                            now,
                        )
                        .await?;
                    }
                    Action::Void => {
                        let reason = format!(
                            "proctoring: {} from {} (event {}) (p.19)",
                            signal.kind.name(),
                            signal.source,
                            signal.event_id
                        );
                        let note = store::proctor::VoidNote {
                            cause: store::proctor::VoidCause::Signal,
                            kind: Some(signal.kind.name()),
                            reason: &reason,
                        };
                        self.void_noted(&r.session_id, note, actor).await?;
                    }
                }
            }
            out.push(Outcome {
                id: r.event_id,
                session_id: r.session_id,
                action: action_name(r.action),
                duplicate: r.duplicate,
            });
        }
        Ok(out)
    }

    /// Voids the session (p.19) and notes why, for its history and reinstatement. False when
    /// it was voided already (nothing more happens).
    pub async fn void_noted(
        &self,
        session_id: &str,
        why: store::proctor::VoidNote<'_>,
        actor: &Actor,
    ) -> Result<bool> {
        let note =
            store::proctor::note_void(&self.db, session_id, why, actor, self.clock.now()).await?;
        match self.void(session_id, why.reason, actor).await {
            Ok(()) => {
                store::proctor::close_review_voided(&self.db, session_id, self.clock.now()).await?;
                Ok(true)
            }
            Err(e) => {
                store::proctor::withdraw_void_note(&self.db, &note).await?;
                match e {
                    Error::Transition(e) if e.from == Status::Voided => Ok(false),
                    e => Err(e),
                }
            }
        }
    }

    /// Reinstates a voided session: its annulled result and decision are restored (audited).
    pub async fn reinstate(
        &self,
        session_id: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<store::exam::SessionRow> {
        let row = store::exam::get(&self.db, session_id).await?;
        lifecycle::apply(row.status, Transition::Reinstate)?;
        if !store::proctor::reinstate(&self.db, session_id, reason, actor, self.clock.now()).await?
        {
            let now = store::exam::get(&self.db, session_id).await?;
            lifecycle::apply(now.status, Transition::Reinstate)?;
            return Err(Error::Conflict(
                "the session changed meanwhile; try again".into(),
            ));
        }
        Ok(store::exam::get(&self.db, session_id).await?)
    }

    /// The campaign's proctoring settings (the default when none were set).
    pub async fn proctoring(&self, campaign_id: &str) -> Result<Settings> {
        Ok(store::proctor::settings(&self.db, campaign_id).await?)
    }

    /// Until when the session's result is provisional (Unix ms): the end plus the campaign's
    /// review window, while that lies ahead; None once it passed or before the end.
    pub async fn provisional_until(&self, row: &store::exam::SessionRow) -> Result<Option<i64>> {
        let Some(ended) = row.ended_at.filter(|_| row.status == Status::Scored) else {
            return Ok(None);
        };
        let settings = self.proctoring(&row.campaign_id).await?;
        let until = ended + settings.review_window_h * 3_600_000;
        Ok((self.clock.now_ms() < until).then_some(until))
    }

    /// A reviewer's decision on a flagged session; a confirmation that completes the review
    /// voids it (p.19). Two distinct reviewers must confirm an automated flag when the campaign
    /// asks for a second review.
    pub async fn review(
        &self,
        session_id: &str,
        decision: Decision,
        reason: &str,
        actor: &Actor,
    ) -> Result<Vote> {
        let row = store::exam::get(&self.db, session_id).await?;
        let settings = self.proctoring(&row.campaign_id).await?;
        let review = store::proctor::review(&self.db, session_id)
            .await?
            .ok_or_else(|| Error::Conflict(format!("session {session_id} was never flagged")))?;
        let confirmations = if settings.second_review && review.automated {
            2
        } else {
            1
        };
        let vote = store::proctor::vote(
            &self.db,
            session_id,
            actor,
            decision,
            reason,
            confirmations,
            self.clock.now(),
        )
        .await?;
        if vote == Vote::Confirmed {
            let reason = format!("proctoring review confirmed a violation: {reason} (p.19)");
            let note = store::proctor::VoidNote {
                cause: store::proctor::VoidCause::Review,
                kind: None,
                reason: &reason,
            };
            self.void_noted(session_id, note, actor).await?;
        }
        Ok(vote)
    }

    /// A signal the exam page reported about itself (source `page`), into the same pipeline.
    pub async fn page_signal(
        &self,
        session_id: &str,
        id: &str,
        kind: Kind,
        duration_s: f64,
    ) -> Result<Outcome, IngestError> {
        let now = self.clock.now();
        let signal = Signal {
            event_id: id.to_owned(),
            session_id: session_id.to_owned(),
            kind,
            severity: Severity::Low,
            confidence: 1.0,
            occurred_at: now.as_second(),
            duration_s,
            source: PAGE.to_owned(),
            review: Review::Automated,
            evidence: Vec::new(),
            replaces: None,
            raw: serde_json::json!({"id": id, "kind": kind.name(), "duration_s": duration_s})
                .to_string(),
        };
        let mut out = self
            .ingest(&[signal], &Actor::candidate(session_id))
            .await?;
        Ok(out.remove(0))
    }

    /// A takeover of the socket is a signal too: another device (or tab) opened the exam.
    pub(super) async fn takeover_signal(
        &self,
        session_id: &str,
        previous: &ConnId,
        now: &ConnId,
    ) -> Result<()> {
        let signal = Signal {
            event_id: format!("takeover:{}:{}", now.node, now.conn),
            session_id: session_id.to_owned(),
            kind: Kind::SessionTakeover,
            severity: Severity::Medium,
            confidence: 1.0,
            occurred_at: self.clock.now().as_second(),
            duration_s: 0.0,
            source: PAGE.to_owned(),
            review: Review::Automated,
            evidence: Vec::new(),
            replaces: None,
            raw: serde_json::json!({
                "from": format!("{}:{}", previous.node, previous.conn),
                "to": format!("{}:{}", now.node, now.conn),
            })
            .to_string(),
        };
        match self.ingest(&[signal], &Actor::System(Task::Socket)).await {
            Ok(_) => Ok(()),
            Err(IngestError::App(e)) => Err(e),
            Err(IngestError::UnknownSession { session_id, .. }) => Err(Error::Store(
                store::Error::NotFound(format!("exam session {session_id} does not exist")),
            )),
        }
    }
}

/// Page signals a connection may send a minute. Honest pages send a few (a tab switch, a
/// resize); more is a page in a loop or a forged client, and is refused, not stored.
pub const PAGE_SIGNALS_PER_MINUTE: u32 = 30;

/// The longest condition a page may report: the whole exam with the longest extension.
const PAGE_MAX_DURATION_S: f64 = 4.0 * 3600.0;

/// One connection's page-signal count, in fixed one-minute windows.
#[derive(Debug, Clone)]
pub struct PageLimit {
    window: tokio::time::Instant,
    count: u32,
}

impl PageLimit {
    pub fn new(now: tokio::time::Instant) -> PageLimit {
        PageLimit {
            window: now,
            count: 0,
        }
    }

    /// Counts one signal at `now`; false when the connection is over its rate this minute.
    pub fn take(&mut self, now: tokio::time::Instant) -> bool {
        if now.saturating_duration_since(self.window) >= std::time::Duration::from_secs(60) {
            self.window = now;
            self.count = 0;
        }
        self.count += 1;
        self.count <= PAGE_SIGNALS_PER_MINUTE
    }
}

/// Checks a page's `signal` message and takes it into the pipeline; the refusal (code and
/// message, for an `error` frame) when it is over the rate or malformed.
pub async fn on_page_signal(
    app: &Application,
    session_id: &str,
    limit: &mut PageLimit,
    (id, kind, duration_s): (&str, &str, f64),
) -> Result<Option<(&'static str, String)>> {
    if !limit.take(tokio::time::Instant::now()) {
        return Ok(Some((
            "signal_rate_limited",
            format!("more than {PAGE_SIGNALS_PER_MINUTE} signals a minute; this one was not kept"),
        )));
    }
    let Some(kind) = Kind::from_name(kind).filter(|k| PAGE_KINDS.contains(k)) else {
        let names: Vec<&str> = PAGE_KINDS.iter().map(|k| k.name()).collect();
        return Ok(Some((
            "malformed",
            format!("signal kind: {kind:?} is not one of {}", names.join(", ")),
        )));
    };
    if id.is_empty() || id.len() > PAGE_ID_MAX {
        return Ok(Some((
            "malformed",
            format!("signal id: 1 to {PAGE_ID_MAX} bytes"),
        )));
    }
    if !duration_s.is_finite() || !(0.0..=PAGE_MAX_DURATION_S).contains(&duration_s) {
        return Ok(Some((
            "malformed",
            format!("signal duration_s: 0 to {PAGE_MAX_DURATION_S} seconds"),
        )));
    }
    match app.page_signal(session_id, id, kind, duration_s).await {
        Ok(_) => Ok(None),
        Err(IngestError::App(e)) => Err(e),
        Err(IngestError::UnknownSession { session_id, .. }) => Err(Error::Store(
            store::Error::NotFound(format!("exam session {session_id} does not exist")),
        )),
    }
}

/// The notice a voided socket gets before `ended`: why, in kk/ru/en (p.19). None when the
/// session was voided without a noted reason.
pub async fn void_notice(
    app: &Application,
    session_id: &str,
) -> Result<Option<crate::live::protocol::Localized3>> {
    let voids = store::proctor::voids(&app.db, session_id).await?;
    Ok(voids
        .into_iter()
        .rev()
        .find(|v| v.reinstated_at.is_none())
        .map(|v| crate::live::protocol::Localized3 {
            kk: format!("Нәтиже жойылды (19-т.): {}", v.reason),
            ru: format!("Результат аннулирован (п. 19): {}", v.reason),
            en: format!("The result is voided (p.19): {}", v.reason),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(kind: Kind, review: Review) -> Signal {
        Signal {
            event_id: "e".into(),
            session_id: "s".into(),
            kind,
            severity: Severity::High,
            confidence: 1.0,
            occurred_at: 0,
            duration_s: 0.0,
            source: "acme".into(),
            review,
            evidence: Vec::new(),
            replaces: None,
            raw: String::new(),
        }
    }

    fn voiding_policy() -> Policy {
        Policy::from_json(
            r#"{"rules": [{"kinds": ["phone_detected"], "count": 1, "action": "void"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_connection_may_send_30_signals_a_minute_then_waits_for_the_next_minute() {
        let start = tokio::time::Instant::now();
        let mut limit = PageLimit::new(start);
        for n in 0..PAGE_SIGNALS_PER_MINUTE {
            assert!(limit.take(start), "signal {n}");
        }
        assert!(!limit.take(start + std::time::Duration::from_secs(59)));
        assert!(limit.take(start + std::time::Duration::from_secs(60)));
    }

    #[test]
    fn only_the_kinds_a_rule_counts_with_the_signal_are_read() {
        let policy = Policy::default();
        let tab = signal(Kind::TabHidden, Review::Automated);
        assert_eq!(
            counted_kinds(&policy, &tab),
            [
                "copy_paste",
                "devtools_open",
                "fullscreen_exit",
                "screen_share_stopped",
                "tab_hidden"
            ]
        );
        assert!(counted_kinds(&policy, &signal(Kind::WindowResize, Review::Automated)).is_empty());
        use synaq_proctor::signal::Verdict;
        assert!(
            counted_kinds(
                &policy,
                &signal(Kind::Verdict(Verdict::Violation), Review::Automated)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_second_review_turns_an_automated_void_into_a_flag_p19() {
        let s = signal(Kind::PhoneDetected, Review::Automated);
        assert_eq!(
            effective_action(&voiding_policy(), false, &[], &s),
            Action::Void
        );
        assert_eq!(
            effective_action(&voiding_policy(), true, &[], &s),
            Action::Flag
        );
    }

    #[test]
    fn a_persons_violation_verdict_voids_even_with_a_second_review_p19() {
        use synaq_proctor::signal::Verdict;
        let human = signal(
            Kind::Verdict(Verdict::Violation),
            Review::Human {
                reviewer: "r".into(),
            },
        );
        assert_eq!(
            effective_action(&Policy::default(), true, &[], &human),
            Action::Void
        );
        let automated = signal(Kind::Verdict(Verdict::Violation), Review::Automated);
        assert_eq!(
            effective_action(&Policy::default(), true, &[], &automated),
            Action::Flag
        );
    }
}
