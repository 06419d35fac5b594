//! The administrator's retake for a technical fault (p.25), pure: whether a closed appeal's
//! decision grants one, until when the retake may be sat, and how the retake campaign is
//! named. Storage (the retake campaign, the copied roster entry, the new code) is
//! `store::retake`'s; the workflow `app::retake`'s.
//!
//! A technical fault upheld by the commission (a fragment missing, a software error) is either
//! credited to the score or, under the campaign's policy `technical: "retake"`, remedied by a
//! new sitting granted by an administrator; the result of the first sitting is then not
//! rescored and stays as it was.

use jiff::ToSpan;
use jiff::civil::Date;

use super::TechnicalRemedy;
use super::voting::QuestionOutcome;

/// Calendar days a retake stays open when the original campaign has closed (or closes today)
/// and the administrator names no date: long enough to tell the candidate and for them to
/// come, short enough that the result is not left pending for long.
pub const DEFAULT_RETAKE_DAYS: i64 = 10;

/// Why a retake is refused; each names the clause, or the rule, it follows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RetakeError {
    /// The commission has not decided yet.
    #[error(
        "appeal {appeal_id} is {status}, not closed: a retake follows the commission's decision (p.24, p.25)"
    )]
    NotClosed { appeal_id: String, status: String },
    /// No disputed question was upheld as a technical fault.
    #[error(
        "appeal {appeal_id}: no question was decided a technical fault; a retake is granted only for one (p.25: a missing fragment or a software error)"
    )]
    NoTechnicalFault { appeal_id: String },
    /// The technical fault was credited to the score (the campaign's policy at the close).
    #[error(
        "appeal {appeal_id}: the technical fault on question(s) {questions} was credited to the score under the campaign's policy `technical: credit`, so there is no retake (p.25, p.26)"
    )]
    Credited {
        appeal_id: String,
        questions: String,
    },
    /// One retake per appeal: its code was shown once, when it was granted.
    #[error(
        "a retake was already granted for appeal {appeal_id} (session {session_id}, campaign {campaign_id}); one retake per appeal, and its code was shown once when it was granted"
    )]
    AlreadyGranted {
        appeal_id: String,
        session_id: String,
        campaign_id: String,
    },
    /// A voided session has no result to remedy.
    #[error("the session was voided (p.19): a voided result gets no retake")]
    Voided,
    /// The last day asked is before today.
    #[error("closes_on: {closes_on} is in the past (today is {today}, Asia/Almaty)")]
    ClosesOnPast { closes_on: Date, today: Date },
}

/// The questions a closed decision remedies by a retake: those upheld as a technical fault,
/// when the policy at the close was [`TechnicalRemedy::Retake`]. `outcomes` are the
/// decision's (question number, outcome) pairs; `remedy` the policy the decision recorded.
pub fn retake_questions<'a>(
    appeal_id: &str,
    outcomes: impl IntoIterator<Item = (u32, &'a QuestionOutcome)>,
    remedy: TechnicalRemedy,
) -> Result<Vec<u32>, RetakeError> {
    let faults: Vec<u32> = outcomes
        .into_iter()
        .filter(|(_, o)| matches!(o, QuestionOutcome::TechnicalFault))
        .map(|(n, _)| n)
        .collect();
    if faults.is_empty() {
        return Err(RetakeError::NoTechnicalFault {
            appeal_id: appeal_id.to_owned(),
        });
    }
    match remedy {
        TechnicalRemedy::Retake => Ok(faults),
        TechnicalRemedy::Credit => Err(RetakeError::Credited {
            appeal_id: appeal_id.to_owned(),
            questions: faults
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The last day of the retake: the day asked (today or later), else the original campaign's
/// last day when it is still ahead, else today + [`DEFAULT_RETAKE_DAYS`] (all Asia/Almaty).
pub fn closes_on(
    asked: Option<Date>,
    original_closes_on: Date,
    today: Date,
) -> Result<Date, RetakeError> {
    match asked {
        Some(day) if day < today => Err(RetakeError::ClosesOnPast {
            closes_on: day,
            today,
        }),
        Some(day) => Ok(day),
        None if original_closes_on > today => Ok(original_closes_on),
        None => Ok(today
            .checked_add(DEFAULT_RETAKE_DAYS.days())
            .unwrap_or(Date::MAX)),
    }
}

/// The retake campaign's window after granting one more retake: it opens on the earlier of
/// its first day and today, and closes on the later of its last day and the retake's, so one
/// retake campaign serves every retake of its original campaign.
pub fn window(existing: Option<(Date, Date)>, today: Date, closes_on: Date) -> (Date, Date) {
    match existing {
        None => (today, closes_on),
        Some((opens, closes)) => (opens.min(today), closes.max(closes_on)),
    }
}

/// The retake campaign's name: the original's, said to be its retake, in Kazakh and Russian.
pub fn campaign_name(original: &str) -> String {
    format!("{original} — қайта тапсыру (25-т.) / пересдача (п.25)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_technical_fault_under_the_retake_policy_grants_a_retake_p25() {
        let outcomes = [
            (3, QuestionOutcome::Rejected),
            (7, QuestionOutcome::TechnicalFault),
            (9, QuestionOutcome::Annulled),
        ];
        let got = retake_questions(
            "a1",
            outcomes.iter().map(|(n, o)| (*n, o)),
            TechnicalRemedy::Retake,
        );
        assert_eq!(got, Ok(vec![7]));
    }

    #[test]
    fn a_credited_technical_fault_grants_no_retake_p25_p26() {
        let outcomes = [(7, QuestionOutcome::TechnicalFault)];
        let got = retake_questions(
            "a1",
            outcomes.iter().map(|(n, o)| (*n, o)),
            TechnicalRemedy::Credit,
        )
        .unwrap_err();
        assert!(matches!(&got, RetakeError::Credited { questions, .. } if questions == "7"));
        assert!(got.to_string().contains("technical: credit"), "{got}");
    }

    #[test]
    fn content_outcomes_alone_grant_no_retake_p25() {
        let outcomes = [
            (1, QuestionOutcome::Rejected),
            (2, QuestionOutcome::Annulled),
        ];
        for remedy in [TechnicalRemedy::Retake, TechnicalRemedy::Credit] {
            let got = retake_questions("a1", outcomes.iter().map(|(n, o)| (*n, o)), remedy);
            assert_eq!(
                got,
                Err(RetakeError::NoTechnicalFault {
                    appeal_id: "a1".into()
                })
            );
        }
    }

    #[test]
    fn the_default_last_day_is_the_original_campaigns_while_it_is_ahead() {
        let today = date(2026, 11, 27);
        assert_eq!(
            closes_on(None, date(2026, 12, 31), today),
            Ok(date(2026, 12, 31))
        );
        // Closing today is not ahead: ten calendar days from today.
        assert_eq!(closes_on(None, today, today), Ok(date(2026, 12, 7)));
        assert_eq!(
            closes_on(None, date(2026, 11, 20), today),
            Ok(date(2026, 12, 7))
        );
    }

    #[test]
    fn a_last_day_asked_is_kept_from_today_on_and_refused_before() {
        let today = date(2026, 11, 27);
        assert_eq!(closes_on(Some(today), date(2026, 12, 31), today), Ok(today));
        assert_eq!(
            closes_on(Some(date(2027, 1, 15)), date(2026, 12, 31), today),
            Ok(date(2027, 1, 15))
        );
        let past = closes_on(Some(date(2026, 11, 26)), date(2026, 12, 31), today).unwrap_err();
        assert_eq!(
            past.to_string(),
            "closes_on: 2026-11-26 is in the past (today is 2026-11-27, Asia/Almaty)"
        );
    }

    #[test]
    fn one_retake_campaign_widens_to_cover_every_retake() {
        let (d27, d30) = (date(2026, 11, 27), date(2026, 11, 30));
        assert_eq!(
            window(None, d27, date(2026, 12, 31)),
            (d27, date(2026, 12, 31))
        );
        assert_eq!(
            window(Some((d27, date(2026, 12, 31))), d30, date(2026, 12, 10)),
            (d27, date(2026, 12, 31))
        );
        assert_eq!(
            window(Some((d27, date(2026, 12, 31))), d30, date(2027, 1, 9)),
            (d27, date(2027, 1, 9))
        );
    }

    #[test]
    fn the_retake_campaign_says_it_is_a_retake_in_kazakh_and_russian() {
        let name = campaign_name("Аттестация 2026");
        assert!(name.starts_with("Аттестация 2026"));
        assert!(
            name.contains("қайта тапсыру") && name.contains("пересдача"),
            "{name}"
        );
    }
}
