//! The audit chain's vocabulary: who acted ([`Actor`]), what they did ([`Action`]) and to what
//! ([`Subject`]). Each has one stable string form — `Display` writes it, `FromStr` reads it
//! back — and that form is what the chain stores and hashes, so a form, once written, never
//! changes. Reasons, notes and details belong in the payload, never in these strings.

use std::fmt;
use std::str::FromStr;

use crate::domain::lifecycle::EndReason;
use crate::domain::role::Role;

/// A string that is not a form of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not an audit {kind}")]
pub struct UnknownTerm {
    /// `actor`, `action` or `subject`.
    pub kind: &'static str,
    pub value: String,
}

fn unknown(kind: &'static str, value: &str) -> UnknownTerm {
    UnknownTerm {
        kind,
        value: value.to_owned(),
    }
}

/// The server's own work, done without a person asking at that moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Task {
    /// The deadline sweeper ends an exam whose 120 minutes are over (p.18).
    Deadline,
    /// The sample data of `synaq serve --sample`.
    Bootstrap,
    // Proctoring (docs/proctoring.md).
    /// The exam socket saw a second connection take the exam over (a proctoring signal).
    Socket,
    // Appeals (p.21-p.26).
    /// The appeal sweeper marks an appeal near or past its decision deadline (p.24).
    Appeals,
}

impl Task {
    pub const ALL: [Task; 4] = [Task::Deadline, Task::Bootstrap, Task::Socket, Task::Appeals];

    pub fn as_str(self) -> &'static str {
        match self {
            Task::Deadline => "deadline",
            Task::Bootstrap => "bootstrap",
            Task::Socket => "socket",
            Task::Appeals => "appeals",
        }
    }
}

/// Who acted.
///
/// | variant | stored form |
/// | --- | --- |
/// | `System(task)` | `system:<task>` (`system:deadline`, `system:bootstrap`) |
/// | `Cli` | `cli` |
/// | `Candidate { session }` | `candidate:<exam session id>` |
/// | `Candidates` | `candidates` |
/// | `Staff { role, username }` | `staff:<role>:<username>` |
/// | `ApiToken { role, name }` | `token:<role>:<name>` |
/// | `Vendor { name }` | `vendor:<name>` |
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The server itself.
    System(Task),
    /// An operator at the server's command line (`synaq bank import`, `synaq token issue`).
    Cli,
    /// The candidate sitting the exam session `session` (by id: no names in the chain).
    Candidate { session: String },
    /// The candidates of one batch of answer saves; the payload names each save's session.
    Candidates,
    /// A staff member logged in with their account.
    Staff { role: Role, username: String },
    /// The holder of an API token, by the token's name.
    ApiToken { role: Role, name: String },
    // Proctoring (docs/proctoring.md).
    /// A proctoring vendor, by its registered name, through a verified callback.
    Vendor { name: String },
}

impl Actor {
    pub fn candidate(session: &str) -> Actor {
        Actor::Candidate {
            session: session.to_owned(),
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::System(task) => write!(f, "system:{}", task.as_str()),
            Actor::Cli => f.write_str("cli"),
            Actor::Candidate { session } => write!(f, "candidate:{session}"),
            Actor::Candidates => f.write_str("candidates"),
            Actor::Staff { role, username } => write!(f, "staff:{role}:{username}"),
            Actor::ApiToken { role, name } => write!(f, "token:{role}:{name}"),
            Actor::Vendor { name } => write!(f, "vendor:{name}"),
        }
    }
}

impl FromStr for Actor {
    type Err = UnknownTerm;

    fn from_str(s: &str) -> Result<Actor, UnknownTerm> {
        let err = || unknown("actor", s);
        let nonempty = |v: &str| (!v.is_empty()).then(|| v.to_owned()).ok_or_else(err);
        // A role, then a name that may itself contain ':'.
        let role_and = |rest: &str| -> Result<(Role, String), UnknownTerm> {
            let (role, name) = rest.split_once(':').ok_or_else(err)?;
            Ok((Role::parse(role).map_err(|_| err())?, nonempty(name)?))
        };
        match s.split_once(':') {
            None if s == "cli" => Ok(Actor::Cli),
            None if s == "candidates" => Ok(Actor::Candidates),
            None => Err(err()),
            Some(("system", task)) => Task::ALL
                .into_iter()
                .find(|t| t.as_str() == task)
                .map(Actor::System)
                .ok_or_else(err),
            Some(("candidate", session)) => Ok(Actor::Candidate {
                session: nonempty(session)?,
            }),
            Some(("staff", rest)) => {
                let (role, username) = role_and(rest)?;
                Ok(Actor::Staff { role, username })
            }
            Some(("token", rest)) => {
                let (role, name) = role_and(rest)?;
                Ok(Actor::ApiToken { role, name })
            }
            Some(("vendor", name)) => Ok(Actor::Vendor {
                name: nonempty(name)?,
            }),
            Some(_) => Err(err()),
        }
    }
}

/// What was done.
///
/// | variant | stored form |
/// | --- | --- |
/// | `BankImport` / `BankRetire` | `bank.import` / `bank.retire` |
/// | `TokenIssue` / `TokenRevoke` | `token.issue` / `token.revoke` |
/// | `UserCreate` | `user.create` |
/// | `UserDisable` / `UserEnable` | `user.disable` / `user.enable` |
/// | `CampaignCreate` | `campaign.create` |
/// | `RosterAdd` | `roster.add` |
/// | `CodeReissue` | `roster.code_reissue` |
/// | `ExamRules` | `exam.rules` |
/// | `PaperDraw` | `paper.draw` |
/// | `ExamStart` | `exam.start` |
/// | `ExamExtend` | `exam.extend` |
/// | `ExamEnd(reason)` | `exam.end.submitted`, `exam.end.time_up`, `exam.end.forced` |
/// | `ExamVoid` | `exam.void` |
/// | `ExamTakeover` | `exam.takeover` |
/// | `AnswersSave` | `answers.save` |
/// | `CalendarConfirmYear` | `calendar.confirm_year` |
/// | `VendorCreate` / `VendorSecrets` | `proctor.vendor.create` / `proctor.vendor.secrets` |
/// | `ProctorSignal` / `ProctorDuplicate` | `proctor.signal` / `proctor.duplicate` |
/// | `ProctorRefused` | `proctor.refused` |
/// | `ProctorPolicy` | `proctor.policy` |
/// | `ProctorReview` | `proctor.review` |
/// | `ExamReinstate` | `exam.reinstate` |
/// | `AppealCommission` | `appeal.commission` |
/// | `AppealDraft` / `AppealSubmit` | `appeal.draft` / `appeal.submit` |
/// | `AppealVote` / `AppealClose` | `appeal.vote` / `appeal.close` |
/// | `AppealEscalated` / `AppealBreached` | `appeal.escalated` / `appeal.breached` |
/// | `AppealPropagate` / `AppealPropagated` | `appeal.propagate` / `appeal.propagated` |
/// | `AppealRetake` | `appeal.retake` |
/// | `EvaluationEnter` / `EvaluationPolicy` | `evaluation.enter` / `evaluation.policy` |
/// | `ReportSent` | `report.sent` |
/// | `AnnouncementPublish` | `campaign.announcement` |
/// | `AttesteeImport` / `AttesteeCorrect` | `attestee.import` / `attestee.correct` |
/// | `PersonnelImport` | `attestee.personnel` |
/// | `LebDecide` | `leb.decide` |
/// | `CertificateIssue` / `CertificateAnnul` | `certificate.issue` / `certificate.annul` |
/// | `CertificateKey` | `certificate.key` |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A question bank version was imported (or re-imported unchanged).
    BankImport,
    /// Questions were retired from a bank version into a new version (the reason in the
    /// payload); the new version's `bank.import` precedes it in the same transaction.
    BankRetire,
    TokenIssue,
    /// The token's holder logged out.
    TokenRevoke,
    /// A staff account was created.
    UserCreate,
    /// A staff account was disabled (the reason in the payload); its logins were closed.
    UserDisable,
    /// A disabled staff account was enabled again (the reason in the payload).
    UserEnable,
    CampaignCreate,
    /// Roster rows were added, each with an access code and a scheduled session.
    RosterAdd,
    /// A lost access code was replaced by a new one; the old code and its logins died.
    CodeReissue,
    /// The candidate chose the language and opened the rules (p.18).
    ExamRules,
    /// The paper was drawn and stored (p.16).
    PaperDraw,
    /// The 120 minutes began (p.18).
    ExamStart,
    /// An administrator moved the deadline.
    ExamExtend,
    /// The exam ended for this reason and was scored.
    ExamEnd(EndReason),
    /// The result was annulled (p.19).
    ExamVoid,
    /// A second connection took the exam's socket over.
    ExamTakeover,
    /// A batch of answers and flags became durable.
    AnswersSave,
    /// An administrator entered a year's decree: the year's deadlines stop being provisional.
    CalendarConfirmYear,
    // Proctoring (docs/proctoring.md).
    /// An administrator registered a proctoring vendor.
    VendorCreate,
    /// An administrator replaced a vendor's secrets (a rotation) or adapter.
    VendorSecrets,
    /// A proctoring signal was stored with the action the policy gave it.
    ProctorSignal,
    /// A signal already stored arrived again and had no effect.
    ProctorDuplicate,
    /// A validly signed callback was refused (malformed, unknown session, replayed nonce).
    ProctorRefused,
    /// An administrator set a campaign's proctoring policy.
    ProctorPolicy,
    /// A reviewer confirmed or dismissed a flagged session.
    ProctorReview,
    /// A void was withdrawn and the annulled result restored.
    ExamReinstate,
    // Appeals (p.21-p.26).
    /// An administrator formed or replaced a campaign's commission (p.22).
    AppealCommission,
    /// The candidate saved a draft of their appeal.
    AppealDraft,
    /// The candidate submitted their appeal: received now (p.21, p.24).
    AppealSubmit,
    /// A voter's uphold or reject of one disputed question (p.23).
    AppealVote,
    /// The chair closed the appeal with its decision and, if rescored, a new result (p.24, p.26).
    AppealClose,
    /// Less than 24 hours were left to decide an open appeal.
    AppealEscalated,
    /// An open appeal passed its decision deadline (p.24).
    AppealBreached,
    /// A session's result was rescored by an appeal's corrected key or annulled question (p.26).
    AppealPropagate,
    /// An appeal's propagation to its campaign was applied.
    AppealPropagated,
    /// An administrator granted the retake a technical fault earned (p.25): a new code and a
    /// scheduled session in the retake campaign.
    AppealRetake,
    // The evaluation and the reports (p.28-1, p.31, p.32).
    /// An administrator entered or uploaded professional-activity evaluations (p.28-1).
    EvaluationEnter,
    /// An administrator set a campaign's policy for the rating gap of Appendix 1-2.
    EvaluationPolicy,
    /// An administrator marked a region's Appendix 2 report as sent to its LEB (p.31).
    ReportSent,
    // The TMC's list of attestees (p.9-p.11, p.14).
    /// An administrator published (or replaced) a campaign's announcement (p.11).
    AnnouncementPublish,
    /// A TMC operator (or an administrator) added rows to a campaign's list (p.9).
    AttesteeImport,
    /// An attestee was excluded from the list or re-included (p.10), the reason and period
    /// in the payload, and whether an unused code died.
    AttesteeCorrect,
    /// Personnel and training data were uploaded and the admission recomputed (p.4-p.6, p.14).
    PersonnelImport,
    // The local executive body (p.32).
    /// An LEB officer confirmed the decision the rules' outcome calls for (p.32.1).
    LebDecide,
    /// A certificate was issued, its QR payload signed (p.32.2, Appendix 3 or 4).
    CertificateIssue,
    /// A certificate was annulled by the void of its session (p.19), in the void's transaction.
    CertificateAnnul,
    /// A certificate signing key was generated (on first use, or by a rotation that retired
    /// the key before it); the payload is the public key, never the private one.
    CertificateKey,
}

impl Action {
    pub const ALL: [Action; 50] = [
        Action::BankImport,
        Action::BankRetire,
        Action::TokenIssue,
        Action::TokenRevoke,
        Action::UserCreate,
        Action::UserDisable,
        Action::UserEnable,
        Action::CampaignCreate,
        Action::RosterAdd,
        Action::CodeReissue,
        Action::ExamRules,
        Action::PaperDraw,
        Action::ExamStart,
        Action::ExamExtend,
        Action::ExamEnd(EndReason::Submitted),
        Action::ExamEnd(EndReason::TimeUp),
        Action::ExamEnd(EndReason::Forced),
        Action::ExamVoid,
        Action::ExamTakeover,
        Action::AnswersSave,
        Action::CalendarConfirmYear,
        Action::VendorCreate,
        Action::VendorSecrets,
        Action::ProctorSignal,
        Action::ProctorDuplicate,
        Action::ProctorRefused,
        Action::ProctorPolicy,
        Action::ProctorReview,
        Action::ExamReinstate,
        Action::AppealCommission,
        Action::AppealDraft,
        Action::AppealSubmit,
        Action::AppealVote,
        Action::AppealClose,
        Action::AppealEscalated,
        Action::AppealBreached,
        Action::AppealPropagate,
        Action::AppealPropagated,
        Action::AppealRetake,
        Action::EvaluationEnter,
        Action::EvaluationPolicy,
        Action::ReportSent,
        Action::AnnouncementPublish,
        Action::AttesteeImport,
        Action::AttesteeCorrect,
        Action::PersonnelImport,
        Action::LebDecide,
        Action::CertificateIssue,
        Action::CertificateAnnul,
        Action::CertificateKey,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::BankImport => "bank.import",
            Action::BankRetire => "bank.retire",
            Action::TokenIssue => "token.issue",
            Action::TokenRevoke => "token.revoke",
            Action::UserCreate => "user.create",
            Action::UserDisable => "user.disable",
            Action::UserEnable => "user.enable",
            Action::CampaignCreate => "campaign.create",
            Action::RosterAdd => "roster.add",
            Action::CodeReissue => "roster.code_reissue",
            Action::ExamRules => "exam.rules",
            Action::PaperDraw => "paper.draw",
            Action::ExamStart => "exam.start",
            Action::ExamExtend => "exam.extend",
            Action::ExamEnd(EndReason::Submitted) => "exam.end.submitted",
            Action::ExamEnd(EndReason::TimeUp) => "exam.end.time_up",
            Action::ExamEnd(EndReason::Forced) => "exam.end.forced",
            Action::ExamVoid => "exam.void",
            Action::ExamTakeover => "exam.takeover",
            Action::AnswersSave => "answers.save",
            Action::CalendarConfirmYear => "calendar.confirm_year",
            Action::VendorCreate => "proctor.vendor.create",
            Action::VendorSecrets => "proctor.vendor.secrets",
            Action::ProctorSignal => "proctor.signal",
            Action::ProctorDuplicate => "proctor.duplicate",
            Action::ProctorRefused => "proctor.refused",
            Action::ProctorPolicy => "proctor.policy",
            Action::ProctorReview => "proctor.review",
            Action::ExamReinstate => "exam.reinstate",
            Action::AppealCommission => "appeal.commission",
            Action::AppealDraft => "appeal.draft",
            Action::AppealSubmit => "appeal.submit",
            Action::AppealVote => "appeal.vote",
            Action::AppealClose => "appeal.close",
            Action::AppealEscalated => "appeal.escalated",
            Action::AppealBreached => "appeal.breached",
            Action::AppealPropagate => "appeal.propagate",
            Action::AppealPropagated => "appeal.propagated",
            Action::AppealRetake => "appeal.retake",
            Action::EvaluationEnter => "evaluation.enter",
            Action::EvaluationPolicy => "evaluation.policy",
            Action::ReportSent => "report.sent",
            Action::AnnouncementPublish => "campaign.announcement",
            Action::AttesteeImport => "attestee.import",
            Action::AttesteeCorrect => "attestee.correct",
            Action::PersonnelImport => "attestee.personnel",
            Action::LebDecide => "leb.decide",
            Action::CertificateIssue => "certificate.issue",
            Action::CertificateAnnul => "certificate.annul",
            Action::CertificateKey => "certificate.key",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = UnknownTerm;

    fn from_str(s: &str) -> Result<Action, UnknownTerm> {
        Action::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| unknown("action", s))
    }
}

/// What was acted on.
///
/// | variant | stored form |
/// | --- | --- |
/// | `Bank(version)` | `bank_version/<version>` |
/// | `Token(name)` | `token/<name>` |
/// | `Account(username)` | `user/<username>` |
/// | `Campaign(id)` | `campaign/<id>` |
/// | `Session(id)` | `exam_session/<id>` |
/// | `Paper(id)` | `paper/<id>` |
/// | `Answers(count)` | `answers/<count>` |
/// | `CalendarYear(year)` | `calendar/<year>` |
/// | `Vendor(name)` | `proctor_vendor/<name>` |
/// | `Appeal(id)` | `appeal/<id>` |
/// | `Attestee(id)` | `attestee/<id>` |
/// | `Certificate(number)` | `certificate/<number>` |
/// | `CertificateKey(id)` | `certificate_key/<id>` |
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A question bank version, by its content hash.
    Bank(String),
    /// An API token, by its name.
    Token(String),
    /// A staff account, by its username.
    Account(String),
    Campaign(String),
    /// An exam session, by its id.
    Session(String),
    Paper(String),
    /// A batch of answer saves, by their count (the payload lists them).
    Answers(usize),
    /// A year of the working-day calendar.
    CalendarYear(i16),
    // Proctoring (docs/proctoring.md).
    /// A proctoring vendor, by its registered name.
    Vendor(String),
    // Appeals (p.21-p.26).
    /// An appeal, by its id.
    Appeal(String),
    /// A person of a TMC's list of attestees, by its id (p.9).
    Attestee(String),
    // The local executive body (p.32).
    /// A certificate, by its number.
    Certificate(String),
    /// A certificate signing key, by its id.
    CertificateKey(String),
}

impl Subject {
    fn parts(&self) -> (&'static str, String) {
        match self {
            Subject::Bank(v) => ("bank_version", v.clone()),
            Subject::Token(v) => ("token", v.clone()),
            Subject::Account(v) => ("user", v.clone()),
            Subject::Campaign(v) => ("campaign", v.clone()),
            Subject::Session(v) => ("exam_session", v.clone()),
            Subject::Paper(v) => ("paper", v.clone()),
            Subject::Answers(n) => ("answers", n.to_string()),
            Subject::CalendarYear(y) => ("calendar", y.to_string()),
            Subject::Vendor(v) => ("proctor_vendor", v.clone()),
            Subject::Appeal(v) => ("appeal", v.clone()),
            Subject::Attestee(v) => ("attestee", v.clone()),
            Subject::Certificate(v) => ("certificate", v.clone()),
            Subject::CertificateKey(v) => ("certificate_key", v.clone()),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, id) = self.parts();
        write!(f, "{kind}/{id}")
    }
}

impl FromStr for Subject {
    type Err = UnknownTerm;

    fn from_str(s: &str) -> Result<Subject, UnknownTerm> {
        let err = || unknown("subject", s);
        let (kind, id) = s.split_once('/').ok_or_else(err)?;
        if id.is_empty() {
            return Err(err());
        }
        let id = id.to_owned();
        Ok(match kind {
            "bank_version" => Subject::Bank(id),
            "token" => Subject::Token(id),
            "user" => Subject::Account(id),
            "campaign" => Subject::Campaign(id),
            "exam_session" => Subject::Session(id),
            "paper" => Subject::Paper(id),
            // Only the canonical decimal form, so that parse ∘ display is the identity.
            "answers" => match id.parse::<usize>() {
                Ok(n) if n.to_string() == id => Subject::Answers(n),
                _ => return Err(err()),
            },
            "calendar" => match id.parse::<i16>() {
                Ok(y) if y.to_string() == id => Subject::CalendarYear(y),
                _ => return Err(err()),
            },
            "proctor_vendor" => Subject::Vendor(id),
            "appeal" => Subject::Appeal(id),
            "attestee" => Subject::Attestee(id),
            "certificate" => Subject::Certificate(id),
            "certificate_key" => Subject::CertificateKey(id),
            _ => return Err(err()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors() -> Vec<Actor> {
        let mut all: Vec<Actor> = Task::ALL.into_iter().map(Actor::System).collect();
        all.extend([Actor::Cli, Actor::candidate("0f3a"), Actor::Candidates]);
        all.push(Actor::Vendor {
            name: "acme-proctor".into(),
        });
        for role in Role::ALL {
            all.push(Actor::Staff {
                role,
                username: "a.user-1".into(),
            });
            all.push(Actor::ApiToken {
                role,
                name: "ci:nightly".into(),
            });
        }
        all
    }

    fn subjects() -> Vec<Subject> {
        vec![
            Subject::Bank("9f8e".into()),
            Subject::Token("ci:nightly".into()),
            Subject::Account("a.user-1".into()),
            Subject::Campaign("c1".into()),
            Subject::Session("s1".into()),
            Subject::Paper("p1".into()),
            Subject::Answers(0),
            Subject::Answers(512),
            Subject::CalendarYear(2027),
            Subject::Vendor("acme-proctor".into()),
            Subject::Appeal("a1".into()),
            Subject::Attestee("t1".into()),
            Subject::Certificate("18-2026-00001-7KQ3X".into()),
            Subject::CertificateKey("0123456789abcdef".into()),
        ]
    }

    #[test]
    fn every_actor_reads_back_from_its_stored_form() {
        for actor in actors() {
            let text = actor.to_string();
            assert_eq!(text.parse::<Actor>(), Ok(actor), "{text}");
        }
    }

    #[test]
    fn every_action_reads_back_from_its_stored_form() {
        for action in Action::ALL {
            let text = action.to_string();
            assert_eq!(text.parse::<Action>(), Ok(action), "{text}");
        }
        let mut forms: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        forms.sort();
        forms.dedup();
        assert_eq!(forms.len(), Action::ALL.len(), "two actions share a form");
    }

    #[test]
    fn every_subject_reads_back_from_its_stored_form() {
        for subject in subjects() {
            let text = subject.to_string();
            assert_eq!(text.parse::<Subject>(), Ok(subject), "{text}");
        }
    }

    #[test]
    fn the_stored_forms_are_the_ones_chains_already_hold() {
        // Written before the vocabulary existed; a chain holding them must keep its meaning.
        assert_eq!(Actor::System(Task::Deadline).to_string(), "system:deadline");
        assert_eq!(
            Actor::System(Task::Bootstrap).to_string(),
            "system:bootstrap"
        );
        assert_eq!(Actor::Cli.to_string(), "cli");
        assert_eq!(Actor::Candidates.to_string(), "candidates");
        assert_eq!(
            Action::ExamEnd(EndReason::TimeUp).to_string(),
            "exam.end.time_up"
        );
        assert_eq!(Subject::Bank("v".into()).to_string(), "bank_version/v");
        assert_eq!(Subject::Session("s".into()).to_string(), "exam_session/s");
        assert_eq!(Subject::Answers(3).to_string(), "answers/3");
        assert_eq!(Action::CodeReissue.to_string(), "roster.code_reissue");
        assert_eq!(
            "roster.code_reissue".parse::<Action>(),
            Ok(Action::CodeReissue)
        );
        // Appeals (p.21-p.26).
        assert_eq!(Actor::System(Task::Appeals).to_string(), "system:appeals");
        assert_eq!(Action::AppealSubmit.to_string(), "appeal.submit");
        assert_eq!(Subject::Appeal("a".into()).to_string(), "appeal/a");
        assert_eq!(Action::AppealRetake.to_string(), "appeal.retake");
        assert_eq!("appeal.retake".parse::<Action>(), Ok(Action::AppealRetake));
        assert_eq!(
            Actor::Staff {
                role: Role::Admin,
                username: "root".into()
            }
            .to_string(),
            "staff:admin:root"
        );
    }

    #[test]
    fn strings_outside_the_vocabulary_are_refused_by_kind() {
        for bad in [
            "",
            "candidate",
            "candidate:",
            "system:cron",
            "staff:admin",
            "staff:root:x",
            "token:author:",
            "admin:Alice (reason)",
            "vendor:",
            "proctor:acme",
        ] {
            assert_eq!(bad.parse::<Actor>(), Err(unknown("actor", bad)), "{bad}");
        }
        for bad in ["exam.end", "exam.end.voided", "bank.delete", ""] {
            assert_eq!(bad.parse::<Action>(), Err(unknown("action", bad)), "{bad}");
        }
        for bad in [
            "exam_session",
            "exam_session/",
            "answers/x",
            "answers/01",
            "bank/v",
            "proctor_vendor/",
            "vendor/acme",
        ] {
            assert_eq!(
                bad.parse::<Subject>(),
                Err(unknown("subject", bad)),
                "{bad}"
            );
        }
    }
}
