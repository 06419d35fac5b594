//! The local executive body's part after the test (p.32): the decision it takes on a result,
//! its 3-working-day due date, the certificate that follows — Appendix 3 (a qualification
//! category) or Appendix 4 (fitness for the position held) — and the certificate's number.
//!
//! Owns: which LEB decision a rules outcome is ([`verdict`]: the officer confirms it, never
//! chooses another), which certificate a decision gives ([`grant`]), the number format
//! ([`Number`]) and the due date ([`decision_due`]). The signed QR payload is [`seal`]'s.
//! Storing, numbering in sequence and rendering the PDF are the store's and the web's.
//!
//! Pure: dates, the calendar and the random part of a number are arguments.

pub mod seal;

use std::fmt;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::{Calendar, Deadline, DeadlineError, deadline};
use crate::domain::rules::decision::OutcomeCode;
use crate::domain::rules::{AttestationGroup, Category, Decision};

/// The decision of p.32.1 the LEB takes on a result: what the rules' outcome (p.30) means for
/// the attestee's category or position. Serialised with `"verdict"` as the tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The claimed category, one level up, is assigned (p.30.2, p.7).
    CategoryAssigned { category: Category },
    /// The category held is confirmed for a new term (p.30.2 with the claimed = the current).
    CategoryConfirmed { category: Category },
    /// The claimed category is not met; the current one stays until its term ends (p.33).
    CategoryKept { category: Category },
    /// A category one level lower is assigned (p.27.1, p.28.2, p.30.2).
    CategoryLowered { category: Category },
    /// Below the threshold again at re-attestation, without the exception (p.28.1).
    Dismissal,
    /// Fits the position held (p.30.1, p.30.3, p.30.4).
    FitsPosition,
    /// Does not fit the position held (p.30.1, p.30.3, p.30.4; p.27.2 or p.28.1 follow).
    DoesNotFitPosition,
}

impl Verdict {
    /// The stable code (the serde tag).
    pub fn code(self) -> &'static str {
        match self {
            Verdict::CategoryAssigned { .. } => "category_assigned",
            Verdict::CategoryConfirmed { .. } => "category_confirmed",
            Verdict::CategoryKept { .. } => "category_kept",
            Verdict::CategoryLowered { .. } => "category_lowered",
            Verdict::Dismissal => "dismissal",
            Verdict::FitsPosition => "fits_position",
            Verdict::DoesNotFitPosition => "does_not_fit_position",
        }
    }

    /// The category the verdict names, if any.
    pub fn category(self) -> Option<Category> {
        match self {
            Verdict::CategoryAssigned { category }
            | Verdict::CategoryConfirmed { category }
            | Verdict::CategoryKept { category }
            | Verdict::CategoryLowered { category } => Some(category),
            _ => None,
        }
    }

    /// The decision in Kazakh and Russian, as the LEB's act and the certificate word it.
    pub fn wording(self) -> (String, String) {
        match self {
            Verdict::CategoryAssigned { category } => (
                format!("«{}» біліктілік санаты берілді", category.name_kk()),
                format!(
                    "присвоена квалификационная категория «{}»",
                    category.name_ru()
                ),
            ),
            Verdict::CategoryConfirmed { category } => (
                format!("«{}» біліктілік санаты расталды", category.name_kk()),
                format!(
                    "подтверждена квалификационная категория «{}»",
                    category.name_ru()
                ),
            ),
            Verdict::CategoryKept { category } => (
                format!(
                    "мәлімделген санатқа сәйкес келмейді; «{}» санаты мерзімі аяқталғанға дейін сақталады",
                    category.name_kk()
                ),
                format!(
                    "не соответствует заявленной категории; категория «{}» сохраняется до истечения срока",
                    category.name_ru()
                ),
            ),
            Verdict::CategoryLowered { category } => (
                format!(
                    "бір деңгейге төмен «{}» біліктілік санаты берілді",
                    category.name_kk()
                ),
                format!(
                    "присвоена квалификационная категория на один уровень ниже: «{}»",
                    category.name_ru()
                ),
            ),
            Verdict::Dismissal => (
                "қайта аттестаттау нәтижесі бойынша шекті деңгейге жетпеді (28-т.)".into(),
                "по результатам переаттестации пороговый уровень не набран (п.28)".into(),
            ),
            Verdict::FitsPosition => {
                let (kk, ru) = OutcomeCode::FitsPosition.wording();
                (kk.into(), ru.into())
            }
            Verdict::DoesNotFitPosition => {
                let (kk, ru) = OutcomeCode::DoesNotFitPosition.wording();
                (kk.into(), ru.into())
            }
        }
    }
}

/// The LEB decision the rules' decision of a result calls for (p.32.1 "on the basis of the
/// results"): the officer confirms it, and cannot take another.
pub fn verdict(decision: &Decision) -> Verdict {
    if decision.group != AttestationGroup::CategoryApplicant {
        return if decision.outcome.code == OutcomeCode::FitsPosition {
            Verdict::FitsPosition
        } else {
            Verdict::DoesNotFitPosition
        };
    }
    let c = &decision.consequences;
    let Some(resulting) = c.resulting_category else {
        return Verdict::Dismissal; // p.28.1
    };
    if decision.outcome.code == OutcomeCode::FitsClaimedCategory {
        return if c.current_category == Some(resulting) {
            Verdict::CategoryConfirmed {
                category: resulting,
            }
        } else {
            Verdict::CategoryAssigned {
                category: resulting,
            }
        };
    }
    match c.current_category {
        Some(current) if resulting == current => Verdict::CategoryKept { category: current }, // p.33
        Some(current) if resulting < current => Verdict::CategoryLowered {
            category: resulting,
        },
        _ => Verdict::CategoryAssigned {
            category: resulting,
        },
    }
}

/// The two certificate forms of p.32.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Appendix 3: «Біліктілік санатын беру туралы куәлік» (a category assigned).
    #[serde(rename = "appendix_3")]
    Appendix3,
    /// Appendix 4: «Атқаратын лауазымына сәйкестігі туралы куәлік» (fitness for the position).
    #[serde(rename = "appendix_4")]
    Appendix4,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Appendix3 => "appendix_3",
            Kind::Appendix4 => "appendix_4",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Appendix3, Kind::Appendix4]
            .into_iter()
            .find(|k| k.as_str() == text)
    }

    /// The form's title in Kazakh (seed 002) and Russian (the engine's rendering of it).
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Kind::Appendix3 => (
                "Біліктілік санатын беру туралы куәлік",
                "Удостоверение о присвоении квалификационной категории",
            ),
            Kind::Appendix4 => (
                "Атқаратын лауазымына сәйкестігі туралы куәлік",
                "Удостоверение о соответствии занимаемой должности",
            ),
        }
    }
}

/// What a certificate certifies and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub kind: Kind,
    /// Appendix 3: the category assigned (or confirmed, or one level lower).
    pub category: Option<Category>,
    /// The last day of validity: a category's three-year term (p.7); fitness until the next
    /// periodic attestation, at least every 3 years (p.3).
    pub valid_until: Date,
}

/// Why a decision gives no certificate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoCertificate {
    #[error(
        "the current category «{}» stays in force until its term ends (p.33): its certificate remains valid and no new one is issued",
        .0.name_ru()
    )]
    CategoryKept(Category),
    #[error("«без категории» is no category to certify (p.5): no Appendix 3 certificate")]
    NoCategory,
    #[error(
        "the decision is {0}: a certificate follows only a category assigned or confirmed (Appendix 3) or fitness for the position (Appendix 4) (p.32.2)"
    )]
    Negative(&'static str),
    #[error("the validity of a certificate decided on {0} is out of the calendar's range")]
    OutOfRange(Date),
}

impl NoCertificate {
    /// The code the pages word (`no_certificate.<code>` in src/web/leb/console_model.js).
    pub fn code(&self) -> &'static str {
        match self {
            NoCertificate::CategoryKept(_) => "category_kept",
            NoCertificate::NoCategory => "no_category",
            NoCertificate::Negative(_) => "negative",
            NoCertificate::OutOfRange(_) => "out_of_range",
        }
    }
}

/// The certificate a decision taken on `decided_on` gives (p.32.2), or why none.
pub fn grant(verdict: Verdict, decided_on: Date) -> Result<Grant, NoCertificate> {
    let three_years = |d: Date| {
        d.checked_add(3.years())
            .map_err(|_| NoCertificate::OutOfRange(d))
    };
    match verdict {
        Verdict::CategoryAssigned { category }
        | Verdict::CategoryConfirmed { category }
        | Verdict::CategoryLowered { category } => {
            if category == Category::NoCategory {
                return Err(NoCertificate::NoCategory);
            }
            Ok(Grant {
                kind: Kind::Appendix3,
                category: Some(category),
                valid_until: Category::term_ends_on(decided_on)
                    .map_err(|_| NoCertificate::OutOfRange(decided_on))?, // p.7
            })
        }
        Verdict::FitsPosition => Ok(Grant {
            kind: Kind::Appendix4,
            category: None,
            valid_until: three_years(decided_on)?, // p.3
        }),
        Verdict::CategoryKept { category } => Err(NoCertificate::CategoryKept(category)),
        Verdict::Dismissal | Verdict::DoesNotFitPosition => {
            Err(NoCertificate::Negative(verdict.code()))
        }
    }
}

/// The fields of the form (Appendix 3 or 4, seed 002), as stored with the certificate and
/// printed on it. The form carries no IIN and no score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields {
    pub kind: Kind,
    /// The local executive body that decides and issues (the form's first line).
    pub leb_kk: String,
    pub leb_ru: String,
    /// The region's slug (`domain::region`).
    pub region: String,
    /// «20__ жылғы "__" "____" шешімімен»: the decision's own date and its order/act number.
    pub decided_on: Date,
    pub order_number: String,
    /// «Т.А.Ә. (бар болса)»: the holder's full name.
    pub full_name: String,
    /// Appendix 3: the category assigned, in Kazakh and Russian.
    pub category: Option<Category>,
    /// Appendix 4: the position held (its slug and names).
    pub position: String,
    pub position_kk: String,
    pub position_ru: String,
    /// The verdict confirmed (Appendix 3: assigned, confirmed or one level lower).
    pub verdict: Verdict,
    /// Appendix 3 «... дейінгі мерзіммен»; Appendix 4 «Куәліктің қолданылу мерзімі».
    pub valid_until: Date,
    /// «Берілген орны (қала, облыс)»: the region's name.
    pub place_kk: String,
    pub place_ru: String,
    /// «Күні»: the day of issue (Almaty).
    pub issued_on: Date,
}

/// The name of a region's local executive body for social protection and employment, as the
/// form's first line gives it.
pub fn leb_name(region: &crate::domain::region::Region) -> (String, String) {
    (
        format!(
            "{} халықты әлеуметтік қорғау және жұмыспен қамту мәселелері жөніндегі жергілікті атқарушы органы",
            region.name_kk
        ),
        format!(
            "Местный исполнительный орган по вопросам социальной защиты и занятости населения ({})",
            region.name_ru
        ),
    )
}

/// The alphabet of a number's random part: Crockford's base32 (no I, L, O, U), so that it
/// reads aloud and types without ambiguity.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of a number's random part: 25 bits, so that knowing one number does not give
/// the next (the sequence alone would be an enumeration oracle for `/verify`).
pub const RANDOM_CHARS: usize = 5;

/// A certificate number: `<region>-<year>-<sequence>-<random>`, e.g. `18-2026-00042-7KQ3X`.
/// The region is its two-digit place in `domain::region::REGIONS` (01 Abai ... 18 Astana,
/// 19 Almaty, 20 Shymkent), the year the decision's, the sequence the region-year's count
/// from 1, and the random part [`RANDOM_CHARS`] characters of base32.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Number {
    pub region: u8,
    pub year: i16,
    pub seq: u32,
    pub random: String,
}

impl Number {
    /// The number of `region` (1-based), `year` and `seq`, its random part drawn from `bytes`
    /// (one character per byte, 5 bits each).
    pub fn new(region: u8, year: i16, seq: u32, bytes: [u8; RANDOM_CHARS]) -> Number {
        let random = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
            .collect();
        Number {
            region,
            year,
            seq,
            random,
        }
    }

    /// Reads a number back; None unless it has exactly the form [`Number`] writes.
    pub fn parse(text: &str) -> Option<Number> {
        let mut parts = text.split('-');
        let (region, year, seq, random) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some()
            || !digits(region, 2)
            || !digits(year, 4)
            || !digits(seq, 5)
            || random.len() != RANDOM_CHARS
            || !random.bytes().all(|b| ALPHABET.contains(&b))
        {
            return None;
        }
        let number = Number {
            region: region.parse().ok()?,
            year: year.parse().ok()?,
            seq: seq.parse().ok()?,
            random: random.to_owned(),
        };
        (1..=20).contains(&number.region).then_some(number)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}-{:04}-{:05}-{}",
            self.region, self.year, self.seq, self.random
        )
    }
}

/// The 1-based place of a region slug in `REGIONS`, the first part of a number.
pub fn region_number(slug: &str) -> Option<u8> {
    crate::domain::region::REGIONS
        .iter()
        .position(|r| r.slug == slug)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Where the 3 working days of p.32 are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueFrom {
    /// The day the QIO sent the region's results (`report_dispatch.sent_at`, p.31).
    Dispatch,
    /// No dispatch is recorded: the last day the QIO had to send them, 5 working days after
    /// the campaign's last testing day (p.31), is taken as the day they arrived.
    ReportDeadline,
}

/// The LEB's due date for a region's decisions, certificates and report (p.32).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub from: DueFrom,
    /// The Almaty date the 3 working days are counted from.
    pub received_on: Date,
    /// The last day the decision is in time.
    pub last_day: Date,
    /// A year counted (here or in the p.31 step) is provisional: the date may still move.
    pub provisional: bool,
    /// The provisional years counted, both steps.
    pub provisional_years: Vec<i16>,
}

impl Due {
    /// Whether a decision not taken by `today` (an Almaty date) is late.
    pub fn overdue_on(&self, today: Date) -> bool {
        today > self.last_day
    }
}

/// The p.32 due date: 3 working days after the region's results were sent (`sent_at`), or,
/// when no dispatch is recorded, after the p.31 deadline of 5 working days from `closes_on`.
pub fn decision_due(
    calendar: &Calendar,
    sent_at: Option<Timestamp>,
    closes_on: Date,
) -> Result<Due, DeadlineError> {
    use crate::domain::calendar::Rule;
    let (from, received, mut years) = match sent_at {
        Some(at) => (
            DueFrom::Dispatch,
            crate::domain::calendar::almaty_date(at),
            Vec::new(),
        ),
        None => {
            let report: Deadline = deadline(calendar, Rule::ReportToLeb, closes_on)?; // p.31
            (
                DueFrom::ReportDeadline,
                report.last_day,
                report.provisional_years,
            )
        }
    };
    let decision = deadline(calendar, Rule::LebDecision, received)?; // p.32
    for y in decision.provisional_years {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable();
    Ok(Due {
        from,
        received_on: received,
        last_day: decision.last_day,
        provisional: !years.is_empty(),
        provisional_years: years,
    })
}

#[cfg(test)]
mod tests;
