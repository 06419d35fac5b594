//! The appeal commission (p.22, p.23) and the panel that decides one appeal.
//!
//! The commission of a campaign is formed by the QIO head's order (p.22): a chair, members,
//! a secretary without a vote, and (policy) a reserve list of substitutes. Its voters — the
//! chair and the members — are an odd number (p.23). On one appeal, a voter from the
//! appellant's own organization recuses; a reserve from another organization takes the seat,
//! so the panel stays odd, or the engine says why it cannot.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::AppealError;

/// Policy: the fewest voters a commission has (p.23 says "odd"; one person is no commission).
pub const MIN_VOTERS: usize = 3;

/// A seat on the commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    /// Presides and votes; closes the appeal (p.23).
    Chair,
    /// Votes (p.23).
    Member,
    /// Records, without a vote (p.23).
    Secretary,
    /// Sits only as a substitute for a recused voter, and then votes.
    Reserve,
}

impl Seat {
    pub fn as_str(self) -> &'static str {
        match self {
            Seat::Chair => "chair",
            Seat::Member => "member",
            Seat::Secretary => "secretary",
            Seat::Reserve => "reserve",
        }
    }

    /// Whether the seat votes on every appeal (reserves vote only as substitutes).
    pub fn votes(self) -> bool {
        matches!(self, Seat::Chair | Seat::Member)
    }
}

impl fmt::Display for Seat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Seat {
    type Err = String;

    fn from_str(s: &str) -> Result<Seat, String> {
        [Seat::Chair, Seat::Member, Seat::Secretary, Seat::Reserve]
            .into_iter()
            .find(|seat| seat.as_str() == s)
            .ok_or_else(|| format!("{s:?} is not a seat (chair, member, secretary or reserve)"))
    }
}

/// One person on the commission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionMember {
    pub username: String,
    pub seat: Seat,
    /// The member's organization (for recusal); None when they belong to none being attested.
    pub organization: Option<String>,
}

/// A commission whose composition satisfies p.22 and p.23. Built only by [`Commission::form`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commission {
    members: Vec<CommissionMember>,
}

impl Commission {
    /// Forms the commission: exactly one chair (p.22), an odd number of at least
    /// [`MIN_VOTERS`] voters, exactly one secretary who holds no other seat — a secretary
    /// without a vote (p.23) — and no one twice.
    pub fn form(members: Vec<CommissionMember>) -> Result<Commission, AppealError> {
        let refuse = |clause, message: String| Err(AppealError::Composition { clause, message });
        let mut seen = BTreeSet::new();
        for m in &members {
            if m.username.trim().is_empty() {
                return refuse("p.22", "a member without a username".into());
            }
            if !seen.insert(m.username.as_str()) {
                let secretary = members
                    .iter()
                    .any(|o| o.username == m.username && o.seat == Seat::Secretary);
                return if secretary {
                    refuse(
                        "p.23",
                        format!(
                            "{} is the secretary and cannot also hold a voting seat: the secretary has no vote",
                            m.username
                        ),
                    )
                } else {
                    refuse("p.22", format!("{} is named twice", m.username))
                };
            }
        }
        let count = |seat| members.iter().filter(|m| m.seat == seat).count();
        match count(Seat::Chair) {
            0 => return refuse("p.22", "the commission has no chair".into()),
            1 => {}
            n => {
                return refuse(
                    "p.22",
                    format!("the commission has {n} chairs; one presides"),
                );
            }
        }
        match count(Seat::Secretary) {
            0 => {
                return refuse(
                    "p.23",
                    "the commission has no secretary (a secretary without a vote keeps the protocol)"
                        .into(),
                );
            }
            1 => {}
            n => return refuse("p.23", format!("the commission has {n} secretaries; one")),
        }
        let voters = count(Seat::Chair) + count(Seat::Member);
        if voters % 2 == 0 {
            return refuse(
                "p.23",
                format!(
                    "{voters} voting members (chair and members): the number of voters must be odd"
                ),
            );
        }
        if voters < MIN_VOTERS {
            return refuse(
                "p.23",
                format!("{voters} voting member: at least {MIN_VOTERS}, an odd number"),
            );
        }
        Ok(Commission { members })
    }

    pub fn members(&self) -> &[CommissionMember] {
        &self.members
    }

    /// The chair's username.
    pub fn chair(&self) -> &str {
        &self
            .seated(Seat::Chair)
            .next()
            .expect("formed with a chair")
            .username
    }

    /// The secretary's username.
    pub fn secretary(&self) -> &str {
        &self
            .seated(Seat::Secretary)
            .next()
            .expect("formed with a secretary")
            .username
    }

    fn seated(&self, seat: Seat) -> impl Iterator<Item = &CommissionMember> {
        self.members.iter().filter(move |m| m.seat == seat)
    }

    /// The panel of an appeal by someone of `appellant_org`: the voters not from that
    /// organization, each recused voter replaced by the next reserve not from it (in list
    /// order). When the chair recuses, the panel has no one to preside and cannot be formed.
    pub fn panel_for(&self, appellant_org: Option<&str>) -> Result<Panel, AppealError> {
        let conflicted = |m: &CommissionMember| {
            appellant_org.is_some() && m.organization.as_deref() == appellant_org
        };
        let chair = self
            .seated(Seat::Chair)
            .next()
            .expect("formed with a chair");
        if conflicted(chair) {
            return Err(AppealError::Recusal(format!(
                "the chair {} is from the appellant's organization and recuses; the QIO head must appoint a chair for this appeal (p.22)",
                chair.username
            )));
        }
        let mut voters = Vec::new();
        let mut recused = Vec::new();
        for m in self.members.iter().filter(|m| m.seat.votes()) {
            if conflicted(m) {
                recused.push(m.username.clone());
            } else {
                voters.push(m.username.clone());
            }
        }
        let reserves: Vec<&CommissionMember> = self
            .seated(Seat::Reserve)
            .filter(|m| !conflicted(m))
            .collect();
        if reserves.len() < recused.len() {
            return Err(AppealError::Recusal(format!(
                "{} recused ({}) and the reserve list has {} substitute(s) from another organization; the panel would have {} voters",
                recused.len(),
                recused.join(", "),
                reserves.len(),
                voters.len() + reserves.len()
            )));
        }
        let substitutes: Vec<String> = reserves
            .iter()
            .take(recused.len())
            .map(|m| m.username.clone())
            .collect();
        voters.extend(substitutes.iter().cloned());
        debug_assert!(voters.len() % 2 == 1, "a formed commission has odd voters");
        Ok(Panel {
            chair: chair.username.clone(),
            voters,
            recused,
            substitutes,
        })
    }
}

/// Who decides one appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panel {
    /// Presides and closes (p.23).
    pub chair: String,
    /// Everyone who votes on every disputed question: an odd number (p.23).
    pub voters: Vec<String>,
    /// Voters from the appellant's organization, who do not sit.
    pub recused: Vec<String>,
    /// Reserves sitting in their place.
    pub substitutes: Vec<String>,
}

impl Panel {
    pub fn is_voter(&self, username: &str) -> bool {
        self.voters.iter().any(|v| v == username)
    }
}
