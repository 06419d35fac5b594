//! The positions of the typical staff structures of TMCs and career centers (seed 004,
//! order No. 324 of 2025-10-17, Appendix 1 and 2) and who among them is attested (p.17).
//!
//! Owns the static table and the attestation group of a position for a procedure. Looking a
//! position up by a typed name is `lookup`'s business; what a score means is `decision`'s.

use serde::{Deserialize, Serialize};

use super::{Procedure, RuleError};

/// The organisation a position belongs to (seed 004: Appendix 1 TMC, Appendix 2 career center).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Org {
    /// Центр трудовой мобильности / еңбек мобильділігі орталығы.
    Tmc,
    /// Карьерный центр / мансап орталығы (a branch of the TMC, p.2.11).
    Cc,
}

impl Org {
    /// The qualifier shown after a name shared by both organisations, in Russian.
    pub fn qualifier_ru(self) -> &'static str {
        match self {
            Org::Tmc => "ЦТМ",
            Org::Cc => "карьерный центр",
        }
    }

    /// The qualifier in Kazakh.
    pub fn qualifier_kk(self) -> &'static str {
        match self {
            Org::Tmc => "ЕМО",
            Org::Cc => "мансап орталығы",
        }
    }
}

/// Staff blocks of seed 004: A management, B core, C administrative, D support, R workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffBlock {
    A,
    B,
    C,
    D,
    R,
}

/// What a position is for the Attestation Rules: the words p.17 and p.28 use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionKind {
    /// Director (p.17.3).
    Director,
    /// Deputy director (p.17.3).
    DeputyDirector,
    /// Head of a structural unit: department or sector (p.17.3).
    HeadOfUnit,
    /// A block-B specialist: TMC specialist (p.17.4) or career-center specialist (p.17.2).
    Specialist,
    /// The career-center assistant (p.17.4); seed 004 puts it in block D, p.17 attests it.
    Assistant,
    /// Administrative, support and worker staff (blocks C, D, R): not named in p.17.
    NotAttested,
}

/// One position of the typical structure, as listed in seed 004.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Stable id used in question profiles and stored decisions (POSITIONS.md contract).
    pub slug: &'static str,
    pub org: Org,
    pub block: StaffBlock,
    pub kind: PositionKind,
    /// The name exactly as seed 004 writes it.
    pub name_ru: &'static str,
    /// The official Kazakh name.
    pub name_kk: &'static str,
    /// Other spellings accepted by the lookup: the single titles of a combined seed cell
    /// ("Сторож (вахтер)" is also "вахтер").
    #[serde(skip)]
    pub aliases: &'static [&'static str],
}

impl Position {
    /// True for positions some clause of p.17 names: blocks A and B and the assistant.
    pub fn is_attested(&self) -> bool {
        self.kind != PositionKind::NotAttested
    }

    /// True for management positions (block A): p.17.3, 85%.
    pub fn is_management(&self) -> bool {
        matches!(
            self.kind,
            PositionKind::Director | PositionKind::DeputyDirector | PositionKind::HeadOfUnit
        )
    }

    /// True for a career-center specialist of a structural unit, the only holder of a
    /// qualification category (p.7).
    pub fn holds_categories(&self) -> bool {
        self.org == Org::Cc && self.kind == PositionKind::Specialist
    }

    /// True when the other organisation has a position of the same Russian name, so that a
    /// bare name is ambiguous.
    pub fn is_name_shared(&self) -> bool {
        POSITIONS
            .iter()
            .any(|p| p.org != self.org && p.name_ru == self.name_ru)
    }

    /// The Russian name, qualified by the organisation when the name is shared:
    /// "Специалист по содействию занятости (карьерный центр)".
    pub fn qualified_name_ru(&self) -> String {
        if self.is_name_shared() {
            format!("{} ({})", self.name_ru, self.org.qualifier_ru())
        } else {
            self.name_ru.to_string()
        }
    }

    /// The Kazakh name, qualified like [`Position::qualified_name_ru`].
    pub fn qualified_name_kk(&self) -> String {
        if self.is_name_shared() {
            format!("{} ({})", self.name_kk, self.org.qualifier_kk())
        } else {
            self.name_kk.to_string()
        }
    }

    /// Finds a position by its exact slug.
    pub fn by_slug(slug: &str) -> Option<&'static Position> {
        POSITIONS.iter().find(|p| p.slug == slug)
    }
}

/// The attestation groups of p.17 (and the matching decision rows of p.30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestationGroup {
    /// p.17.1 / p.30.1: any employee at primary attestation, 70%.
    PrimaryEmployee,
    /// p.17.2 / p.30.2: a career-center specialist applying for (or confirming) a category, 70%.
    CategoryApplicant,
    /// p.17.3 / p.30.3: head of a structural unit, deputy director, director, 85%.
    Management,
    /// p.17.4 / p.30.4: TMC specialist, career-center assistant, 70%.
    SpecialistOrAssistant,
}

impl AttestationGroup {
    pub const ALL: [AttestationGroup; 4] = [
        AttestationGroup::PrimaryEmployee,
        AttestationGroup::CategoryApplicant,
        AttestationGroup::Management,
        AttestationGroup::SpecialistOrAssistant,
    ];

    /// The pass threshold in percent (p.17).
    pub fn threshold(self) -> u8 {
        match self {
            AttestationGroup::Management => 85,
            _ => 70,
        }
    }

    /// The sub-clause of p.17 that sets the threshold.
    pub fn threshold_clause(self) -> &'static str {
        match self {
            AttestationGroup::PrimaryEmployee => "p.17.1",
            AttestationGroup::CategoryApplicant => "p.17.2",
            AttestationGroup::Management => "p.17.3",
            AttestationGroup::SpecialistOrAssistant => "p.17.4",
        }
    }

    /// The sub-clause of p.30 that words the decision.
    pub fn decision_clause(self) -> &'static str {
        match self {
            AttestationGroup::PrimaryEmployee => "p.30.1",
            AttestationGroup::CategoryApplicant => "p.30.2",
            AttestationGroup::Management => "p.30.3",
            AttestationGroup::SpecialistOrAssistant => "p.30.4",
        }
    }
}

/// The p.17 group of `position` for the procedure actually being sat.
///
/// `procedure` must already be resolved: re-attestation is the procedure it repeats
/// (see `decision::base_procedure`). Mapping, with the cases p.17 does not name:
/// - primary -> `PrimaryEmployee` for every attested position, managers included
///   (p.17.1 names the procedure, not the position, so a newly hired head sits at 70%);
/// - category -> `CategoryApplicant` for career-center block-B specialists only (p.7:
///   categories belong to specialists of career-center units); anyone else is refused;
/// - periodic -> `Management` for block A (p.17.3); `SpecialistOrAssistant` for TMC
///   specialists and the career-center assistant (p.17.4); a career-center block-B
///   specialist is confirmed *in his category* (p.2.2 "беру (растау)"), so periodic maps to
///   `CategoryApplicant` with the claimed category equal to the current one;
/// - blocks C, D, R (except the assistant) are refused: p.17 names no such group.
pub fn attestation_group(
    position: &Position,
    procedure: Procedure,
) -> Result<AttestationGroup, RuleError> {
    if !position.is_attested() {
        return Err(RuleError::NotAttested {
            slug: position.slug,
            block: position.block,
        });
    }
    match procedure {
        Procedure::Reattestation => Err(RuleError::UnresolvedReattestation),
        Procedure::Primary => Ok(AttestationGroup::PrimaryEmployee), // p.17.1
        Procedure::Category if position.holds_categories() => {
            Ok(AttestationGroup::CategoryApplicant) // p.17.2
        }
        Procedure::Category => Err(RuleError::CategoryNotForPosition {
            slug: position.slug,
        }),
        Procedure::Periodic if position.is_management() => Ok(AttestationGroup::Management), // p.17.3
        Procedure::Periodic if position.holds_categories() => {
            Ok(AttestationGroup::CategoryApplicant) // p.2.2, p.17.2: confirmation
        }
        Procedure::Periodic => Ok(AttestationGroup::SpecialistOrAssistant), // p.17.4
    }
}

use Org::{Cc, Tmc};
use PositionKind::{
    Assistant, DeputyDirector, Director, HeadOfUnit, NotAttested as Staff, Specialist,
};
use StaffBlock::{A, B, C, D, R};

const fn pos(
    slug: &'static str,
    org: Org,
    block: StaffBlock,
    kind: PositionKind,
    name_ru: &'static str,
    name_kk: &'static str,
    aliases: &'static [&'static str],
) -> Position {
    Position {
        slug,
        org,
        block,
        kind,
        name_ru,
        name_kk,
        aliases,
    }
}

/// Every position of seed 004: TMC (Appendix 1) then career center (Appendix 2, all three
/// structures merged; each title once).
#[rustfmt::skip]
pub static POSITIONS: &[Position] = &[
    pos("tmc_director", Tmc, A, Director, "Директор центра трудовой мобильности", "Еңбек мобильділігі орталығының директоры", &[]),
    pos("tmc_deputy_director", Tmc, A, DeputyDirector, "Заместитель директора", "Директордың орынбасары", &[]),
    pos("tmc_head_of_department", Tmc, A, HeadOfUnit, "Руководитель отдела", "Бөлім басшысы", &[]),
    pos("tmc_head_of_department_chief_accountant", Tmc, A, HeadOfUnit, "Руководитель отдела-главный бухгалтер", "Бөлім басшысы-бас бухгалтер", &[]),
    pos("tmc_employment_specialist", Tmc, B, Specialist, "Специалист по содействию занятости", "Жұмыспен қамтуға жәрдемдесу жөніндегі маман", &[]),
    pos("tmc_training_specialist", Tmc, B, Specialist, "Специалист по профессиональной подготовке", "Кәсіптік даярлау жөніндегі маман", &[]),
    pos("tmc_employer_relations_specialist", Tmc, B, Specialist, "Специалист по взаимодействию с работодателями", "Жұмыс берушілермен өзара іс-қимыл жөніндегі маман", &[]),
    pos("tmc_labor_market_analyst", Tmc, B, Specialist, "Аналитик рынка труда", "Еңбек нарығының талдаушысы", &[]),
    pos("tmc_social_work_consultant", Tmc, B, Specialist, "Консультант по социальной работе", "Әлеуметтік жұмыс жөніндегі консультант", &[]),
    pos("tmc_economist", Tmc, C, Staff, "Экономист", "Экономист", &[]),
    pos("tmc_accountant", Tmc, C, Staff, "Бухгалтер", "Бухгалтер", &[]),
    pos("tmc_hr_specialist", Tmc, C, Staff, "Специалист по кадрам, инспектор по кадрам", "Кадрлар жөніндегі маман, кадрлар жөніндегі инспектор", &["Специалист по кадрам", "Инспектор по кадрам", "Кадрлар жөніндегі маман", "Кадрлар жөніндегі инспектор"]),
    pos("tmc_lawyer", Tmc, C, Staff, "Юрист", "Заңгер", &[]),
    pos("tmc_procurement_manager", Tmc, C, Staff, "Менеджер по государственным закупкам", "Мемлекеттік сатып алу жөніндегі менеджер", &[]),
    pos("tmc_translator", Tmc, C, Staff, "Переводчик", "Аудармашы", &[]),
    pos("tmc_public_relations_specialist", Tmc, C, Staff, "Специалист по связям с общественностью", "Жұртшылықпен байланыс жөніндегі маман", &[]),
    pos("tmc_system_administrator", Tmc, C, Staff, "Системный администратор", "Жүйелік әкімші", &[]),
    pos("tmc_clerk", Tmc, D, Staff, "Делопроизводитель", "Іс жүргізуші", &[]),
    pos("tmc_secretary", Tmc, D, Staff, "Секретарь", "Хатшы", &[]),
    pos("tmc_cleaner", Tmc, R, Staff, "Уборщик производственных и служебных помещений", "Өндірістік және қызметтік үй-жайларды жинаушы", &[]),
    pos("tmc_watchman", Tmc, R, Staff, "Сторож (вахтер)", "Күзетші (вахтер)", &["Сторож", "Вахтер", "Күзетші"]),
    pos("tmc_yard_keeper", Tmc, R, Staff, "Дворник, уборщик территорий", "Аула сыпырушы, аумақтарды жинаушы", &["Дворник", "Уборщик территорий", "Аула сыпырушы", "Аумақтарды жинаушы"]),
    pos("tmc_driver", Tmc, R, Staff, "Водитель", "Жүргізуші", &[]),
    pos("cc_director", Cc, A, Director, "Директор карьерного центра", "Мансап орталығының директоры", &[]),
    pos("cc_head_of_sector", Cc, A, HeadOfUnit, "Руководитель сектора", "Сектор басшысы", &[]),
    pos("cc_employment_specialist", Cc, B, Specialist, "Специалист по содействию занятости", "Жұмыспен қамтуға жәрдемдесу жөніндегі маман", &[]),
    pos("cc_career_guidance_specialist", Cc, B, Specialist, "Специалист по профессиональной ориентации", "Кәсіптік бағдар беру жөніндегі маман", &[]),
    pos("cc_job_placement_consultant", Cc, B, Specialist, "Консультант по трудоустройству", "Жұмысқа орналастыру жөніндегі консультант", &[]),
    pos("cc_training_specialist", Cc, B, Specialist, "Специалист по профессиональной подготовке", "Кәсіптік даярлау жөніндегі маман", &[]),
    pos("cc_employer_relations_specialist", Cc, B, Specialist, "Специалист по взаимодействию с работодателями", "Жұмыс берушілермен өзара іс-қимыл жөніндегі маман", &[]),
    pos("cc_social_work_consultant", Cc, B, Specialist, "Консультант по социальной работе", "Әлеуметтік жұмыс жөніндегі консультант", &[]),
    pos("cc_social_work_assistant", Cc, D, Assistant, "Ассистент по социальной работе", "Әлеуметтік жұмыс жөніндегі ассистент", &[]),
    pos("cc_system_administrator", Cc, C, Staff, "Системный администратор", "Жүйелік әкімші", &[]),
    pos("cc_clerk", Cc, D, Staff, "Делопроизводитель", "Іс жүргізуші", &[]),
    pos("cc_secretary", Cc, D, Staff, "Секретарь", "Хатшы", &[]),
    pos("cc_cleaner", Cc, R, Staff, "Уборщик производственных и служебных помещений", "Өндірістік және қызметтік үй-жайларды жинаушы", &[]),
    pos("cc_watchman", Cc, R, Staff, "Сторож (вахтер)", "Күзетші (вахтер)", &["Сторож", "Вахтер", "Күзетші"]),
    pos("cc_yard_keeper", Cc, R, Staff, "Дворник, уборщик территорий", "Аула сыпырушы, аумақтарды жинаушы", &["Дворник", "Уборщик территорий", "Аула сыпырушы", "Аумақтарды жинаушы"]),
    pos("cc_driver", Cc, R, Staff, "Водитель", "Жүргізуші", &[]),
    pos("cc_boiler_operator", Cc, R, Staff, "Оператор котельной, машинист (кочегар) котельной, истопник", "Қазандық операторы, қазандық машинисі (от жағушы), пеш жағушы", &["Оператор котельной", "Машинист котельной", "Кочегар", "Истопник", "Қазандық операторы"]),
];

#[cfg(test)]
#[path = "positions_tests.rs"]
mod tests;
