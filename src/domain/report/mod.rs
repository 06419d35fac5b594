//! The reports of the attestation and the evaluation's bookkeeping, as pure functions: the
//! Appendix 2 table the QIO sends each region's local executive body (p.31), the Appendix 5
//! table the LEB reports to the ministry (p.32), whether a region's report and an applicant's
//! professional-activity evaluation (p.28-1) are due, overdue or done, and the upload of the
//! evaluation's inputs (`upload`).
//!
//! Owns the columns, the wording of each cell and the statuses. Leaves the deadlines to
//! `calendar::deadline` (p.31's 5 working days) and `rules::evaluation` (p.28-1's 2 calendar
//! days, the points), and reading the rows to the store. Times are compared as instants; a
//! last day closes at the start of the next day in Asia/Almaty (`calendar::deadline`).

pub mod upload;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::domain::calendar::deadline::Deadline;
use crate::domain::calendar::end_of_almaty_day;
use crate::domain::certificate::Verdict;
use crate::domain::region::Region;
use crate::domain::rules::{Decision, Position, Procedure};
use crate::export::{Cell, Table};

/// The query and path value naming the group of roster rows whose region was not given.
pub const NO_REGION: &str = "none";

/// What became of one person's test, as the reports show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The current result version: the score in percent, the rules' decision, and when the
    /// version was written.
    Scored {
        percent: f64,
        decision: Box<Decision>,
        at: Timestamp,
    },
    /// The session was voided: every result version is annulled (p.19).
    Voided,
    /// No result: did not come, or has not finished.
    NotFinished,
}

/// One roster row with what became of its test: a line of Appendix 2 (and, scored, of
/// Appendix 5).
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub iin: String,
    pub name: String,
    pub position: &'static Position,
    pub organization: String,
    /// Appendix 1-2 "place of work"; empty when the roster did not give it (the organization
    /// is reported instead).
    pub place_of_work: String,
    /// Appendix 5 "education"; may be empty.
    pub education: String,
    pub procedure: Procedure,
    pub region: Option<&'static Region>,
    pub standing: Standing,
    /// The LEB's decision on the current result, once recorded (p.32).
    pub leb: Option<LebDecided>,
}

/// The LEB's decision on a person's current result (p.32): what Appendix 5 reports once it
/// is taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LebDecided {
    pub verdict: Verdict,
    pub decided_on: Date,
}

impl Person {
    fn place_of_work(&self) -> &str {
        if self.place_of_work.trim().is_empty() {
            &self.organization
        } else {
            &self.place_of_work
        }
    }
}

/// Which rows a report covers: one region's, or those without a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionGroup {
    Region(&'static Region),
    /// The roster gave no region: no LEB receives these rows until it is given.
    NotGiven,
}

impl RegionGroup {
    /// A region slug, or [`NO_REGION`].
    pub fn parse(text: &str) -> Option<RegionGroup> {
        let text = text.trim();
        if text == NO_REGION {
            return Some(RegionGroup::NotGiven);
        }
        Region::by_slug(text).map(RegionGroup::Region)
    }

    /// The group of a stored region slug (empty: not given).
    pub fn of(region: Option<&'static Region>) -> RegionGroup {
        region.map_or(RegionGroup::NotGiven, RegionGroup::Region)
    }

    pub fn slug(self) -> &'static str {
        match self {
            RegionGroup::Region(r) => r.slug,
            RegionGroup::NotGiven => NO_REGION,
        }
    }

    pub fn name_ru(self) -> &'static str {
        match self {
            RegionGroup::Region(r) => r.name_ru,
            RegionGroup::NotGiven => "регион не указан",
        }
    }

    pub fn name_kk(self) -> &'static str {
        match self {
            RegionGroup::Region(r) => r.name_kk,
            RegionGroup::NotGiven => "өңір көрсетілмеген",
        }
    }

    /// What the file name says of the group (ASCII).
    pub fn file_part(self) -> &'static str {
        self.slug()
    }

    fn includes(self, region: Option<&'static Region>) -> bool {
        match self {
            RegionGroup::Region(r) => region.is_some_and(|p| p.slug == r.slug),
            RegionGroup::NotGiven => region.is_none(),
        }
    }
}

/// The Appendix 2 form's title in Kazakh (seed 002).
pub const APPENDIX2_TITLE_KK: &str = "Еңбек мобильділігі орталықтарының (мансап орталықтарының) жұмыскерлерін тестілеу нәтижелері туралы мәлімет";
/// The same title in Russian.
pub const APPENDIX2_TITLE_RU: &str = "Сведения о результатах тестирования работников центров трудовой мобильности (карьерных центров)";
/// The Appendix 5 form's title in Kazakh (seed 002).
pub const APPENDIX5_TITLE_KK: &str = "Еңбек мобильділігі орталықтарының (мансап орталықтарының) жұмыскерлеріне біліктілік санатын беру (растау) немесе атқаратын лауазымының сәйкестігі туралы ақпарат";
/// The same title in Russian.
pub const APPENDIX5_TITLE_RU: &str = "Информация о присвоении (подтверждении) квалификационной категории или соответствии занимаемой должности работников центров трудовой мобильности (карьерных центров)";

/// The decision cell of a voided session (p.19).
pub const VOIDED_RU: &str = "результат аннулирован (п. 19 Правил)";
/// The decision cell of a person with no result.
pub const NOT_FINISHED_RU: &str = "не явился / тестирование не завершено";

/// The Appendix 2 columns (seed 002, in Russian).
pub const APPENDIX2_HEADER: [&str; 8] = [
    "№",
    "Область (город республиканского значения, столица)",
    "Место работы",
    "Ф.И.О. (при наличии)",
    "Должность",
    "Процедура аттестации",
    "Балл тестирования",
    "Решение по результатам тестирования",
];

/// The Appendix 5 columns (seed 002), in Kazakh / Russian: the one list both the
/// administrators' and the LEB's Appendix 5 use.
pub const APPENDIX5_HEADER: [&str; 9] = [
    "№",
    "ЖСН / ИИН",
    "Аттестатталушының тегі, аты, әкесінің аты (бар болса) / ФИО аттестуемого (при наличии)",
    "Білімі / Образование",
    "Лауазымы / Должность",
    "Біліктілік санаты / Квалификационная категория",
    "Берілген күні / Дата присвоения",
    "Атқаратын лауазымына сәйкестігі / Соответствие занимаемой должности",
    "Растау күні / Дата подтверждения",
];

/// The people of `group`, in the order given (the store sorts by name, then IIN).
fn of_group(people: &[Person], group: RegionGroup) -> impl Iterator<Item = &Person> {
    people.iter().filter(move |p| group.includes(p.region))
}

fn preamble(title_kk: &str, title_ru: &str, campaign: &str, group: RegionGroup) -> Vec<String> {
    vec![
        title_kk.to_owned(),
        title_ru.to_owned(),
        format!("Кампания / Науқан: {campaign}"),
        format!("Регион / Өңір: {} / {}", group.name_ru(), group.name_kk()),
    ]
}

/// Appendix 2 for `group` (p.31): region, place of work, full name, position (its Russian
/// name), procedure, score and decision; the current result version of each person, a voided
/// session as voided (p.19), a person without a result as not finished.
pub fn appendix2(campaign: &str, group: RegionGroup, people: &[Person]) -> Table {
    let rows = of_group(people, group)
        .zip(1..)
        .map(|(p, n): (&Person, u32)| {
            let (score, decision) = match &p.standing {
                Standing::Scored {
                    percent, decision, ..
                } => (
                    Cell::Number(*percent),
                    Cell::from(decision.outcome.ru.clone()),
                ),
                Standing::Voided => (Cell::Empty, Cell::from(VOIDED_RU)),
                Standing::NotFinished => (Cell::Empty, Cell::from(NOT_FINISHED_RU)),
            };
            vec![
                Cell::Number(f64::from(n)),
                Cell::from(RegionGroup::of(p.region).name_ru()),
                Cell::from(p.place_of_work()),
                Cell::from(p.name.as_str()),
                Cell::from(p.position.name_ru),
                Cell::from(p.procedure.name_ru()),
                score,
                decision,
            ]
        })
        .collect();
    Table {
        sheet: format!("Приложение 2 {}", group.name_ru()),
        preamble: preamble(APPENDIX2_TITLE_KK, APPENDIX2_TITLE_RU, campaign, group),
        header: APPENDIX2_HEADER.map(str::to_owned).to_vec(),
        rows,
    }
}

/// What one Appendix 5 row reports: a category with the date it was given or confirmed
/// (columns 6-7), or the fitness for the position with the date it was confirmed (8-9).
#[derive(Debug, Clone, PartialEq)]
pub enum Appendix5Outcome {
    Category { text: String, on: Date },
    Fitness { text: String, on: Date },
}

impl Appendix5Outcome {
    /// What the LEB decided (p.32): its verdict in Kazakh / Russian and the decision's date.
    pub fn of_verdict(verdict: Verdict, decided_on: Date) -> Appendix5Outcome {
        let (kk, ru) = verdict.wording();
        match verdict.category() {
            Some(c) => Appendix5Outcome::Category {
                text: format!("{} / {} ({kk} / {ru})", c.name_kk(), c.name_ru()),
                on: decided_on,
            },
            None => Appendix5Outcome::Fitness {
                text: format!("{kk} / {ru}"),
                on: decided_on,
            },
        }
    }

    /// What the rules decided on a result the LEB has not decided on yet, with the result's
    /// own date in Almaty: the category the decision leads to (or its outcome) for a category
    /// application, the outcome for the others.
    fn of_result(procedure: Procedure, decision: &Decision, at: Timestamp) -> Appendix5Outcome {
        let on = crate::domain::calendar::almaty_date(at);
        let outcome = format!("{} / {}", decision.outcome.kk, decision.outcome.ru);
        if procedure == Procedure::Category || decision.base_procedure == Procedure::Category {
            let text = decision
                .consequences
                .resulting_category
                .map_or(outcome, |c| format!("{} / {}", c.name_kk(), c.name_ru()));
            Appendix5Outcome::Category { text, on }
        } else {
            Appendix5Outcome::Fitness { text: outcome, on }
        }
    }
}

/// One row of Appendix 5.
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix5Row<'a> {
    pub iin: &'a str,
    pub name: &'a str,
    pub education: &'a str,
    pub position: &'static Position,
    pub outcome: Appendix5Outcome,
}

/// The Appendix 5 table (p.32.3) of `rows`, numbered in the order given, under `preamble`.
pub fn appendix5_table(sheet: String, preamble: Vec<String>, rows: &[Appendix5Row<'_>]) -> Table {
    let rows = rows
        .iter()
        .zip(1..)
        .map(|(row, n): (&Appendix5Row<'_>, u32)| {
            let (category, category_on, fitness, fitness_on) = match &row.outcome {
                Appendix5Outcome::Category { text, on } => (
                    Cell::from(text.as_str()),
                    Cell::from(on.to_string()),
                    Cell::Empty,
                    Cell::Empty,
                ),
                Appendix5Outcome::Fitness { text, on } => (
                    Cell::Empty,
                    Cell::Empty,
                    Cell::from(text.as_str()),
                    Cell::from(on.to_string()),
                ),
            };
            vec![
                Cell::Number(f64::from(n)),
                Cell::from(row.iin),
                Cell::from(row.name),
                Cell::from(row.education),
                Cell::from(format!(
                    "{} / {}",
                    row.position.name_kk, row.position.name_ru
                )),
                category,
                category_on,
                fitness,
                fitness_on,
            ]
        })
        .collect();
    Table {
        sheet,
        preamble,
        header: APPENDIX5_HEADER.map(str::to_owned).to_vec(),
        rows,
    }
}

/// The administrators' Appendix 5 for `group`: every person with a current result; the LEB's
/// verdict and decision date where the LEB has decided (p.32), else the rules' decision with
/// the result's date (a preamble line says which). A voided or unfinished test decides nothing
/// and is left out.
pub fn appendix5(campaign: &str, group: RegionGroup, people: &[Person]) -> Table {
    let rows: Vec<Appendix5Row<'_>> = of_group(people, group)
        .filter_map(|p| {
            let Standing::Scored { decision, at, .. } = &p.standing else {
                return None;
            };
            let outcome = match p.leb {
                Some(leb) => Appendix5Outcome::of_verdict(leb.verdict, leb.decided_on),
                None => Appendix5Outcome::of_result(p.procedure, decision, *at),
            };
            Some(Appendix5Row {
                iin: &p.iin,
                name: &p.name,
                education: &p.education,
                position: p.position,
                outcome,
            })
        })
        .collect();
    let mut preamble = preamble(APPENDIX5_TITLE_KK, APPENDIX5_TITLE_RU, campaign, group);
    preamble.push(APPENDIX5_DATES.to_owned());
    appendix5_table(format!("Приложение 5 {}", group.name_ru()), preamble, &rows)
}

/// The administrators' Appendix 5 says whose dates it gives.
pub const APPENDIX5_DATES: &str = "Күні: ЖАО шешімі қабылданған жерде — оның күні, әйтпесе тестілеу нәтижесінің күні / \
     Дата: решения МИО, где оно принято, иначе дата результата тестирования";

/// Where a region's report to its LEB stands (p.31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchStatus {
    /// Not sent, and its last day has not passed.
    Due,
    /// Not sent, and its last day has passed.
    Overdue,
    /// Sent by its last day.
    Sent,
    /// Sent after its last day.
    SentLate,
}

/// The status of a report with the deadline `deadline`, sent at `sent_at` (if sent), seen at
/// `now`.
pub fn dispatch_status(
    deadline: &Deadline,
    sent_at: Option<Timestamp>,
    now: Timestamp,
) -> DispatchStatus {
    match sent_at {
        Some(at) if deadline.is_met_by(at) => DispatchStatus::Sent,
        Some(_) => DispatchStatus::SentLate,
        None if deadline.is_met_by(now) => DispatchStatus::Due,
        None => DispatchStatus::Overdue,
    }
}

/// Where one category applicant's professional-activity evaluation stands (p.28-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationStatus {
    /// Reached the threshold, not evaluated yet, the last day not passed.
    Pending,
    /// Reached the threshold, not evaluated, the last day passed.
    Overdue,
    /// Evaluated by the last day.
    Evaluated,
    /// Evaluated after the last day.
    EvaluatedLate,
    /// Below the threshold: not admitted to the evaluation (p.27).
    NotAdmitted,
    /// The session was voided (p.19): its evaluation, if any, counts for nothing.
    Voided,
    /// No result yet.
    NotScored,
}

/// The status of an applicant whose test stands as `standing`, evaluated at `evaluated_at`
/// (if evaluated), the evaluation due by the end of `due` in Almaty, seen at `now`.
pub fn evaluation_status(
    standing: &Standing,
    due: Date,
    evaluated_at: Option<Timestamp>,
    now: Timestamp,
) -> EvaluationStatus {
    let passed = match standing {
        Standing::Voided => return EvaluationStatus::Voided,
        Standing::NotFinished => return EvaluationStatus::NotScored,
        Standing::Scored { decision, .. } => decision.passed,
    };
    if !passed {
        return EvaluationStatus::NotAdmitted;
    }
    let in_time = |at: Timestamp| match end_of_almaty_day(due) {
        Ok(closes) => at < closes.timestamp(),
        Err(_) => true,
    };
    match evaluated_at {
        Some(at) if in_time(at) => EvaluationStatus::Evaluated,
        Some(_) => EvaluationStatus::EvaluatedLate,
        None if in_time(now) => EvaluationStatus::Pending,
        None => EvaluationStatus::Overdue,
    }
}

#[cfg(test)]
mod tests;
