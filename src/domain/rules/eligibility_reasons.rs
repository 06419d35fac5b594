//! The reasons `eligibility` gives, each with its clause and its wording in English,
//! Russian and Kazakh.
//!
//! Owns the codes (stable, stored and shown by the cabinet) and the messages; the checks
//! that raise them are `eligibility`'s.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::category::Category;
use super::eligibility::LeaveKind;

/// Why a person may not sit the test; stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    UnderSixMonthsInPosition,
    PrimaryOnlyForFirstTimeHires,
    PrimaryAttestationFirst,
    Pregnant,
    OnMaternityLeave,
    OnChildCareLeave,
    OnAdoptionLeave,
    #[serde(rename = "returned_from_leave_less_than_12_months")]
    ReturnedFromLeaveLessThan12Months,
    OnStudyLeave,
    IncapacityForWork,
    BusinessTripAbroad,
    TrainingPlanNotCompleted,
    ProfileCoursesNotCompleted,
}

/// One reason, as shown in the personal cabinet (p.12) and the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: ReasonCode,
    pub clause: String,
    pub message_en: String,
    pub message_ru: String,
    pub message_kk: String,
    /// The day this reason lapses, when known.
    pub eligible_from: Option<Date>,
}

impl Reason {
    fn with(
        code: ReasonCode,
        clause: &str,
        en: String,
        ru: String,
        kk: String,
        from: Option<Date>,
    ) -> Reason {
        let (en, ru, kk) = match from {
            Some(d) => (
                format!("{en}; eligible from {d}"),
                format!("{ru}; допускается с {d}"),
                format!("{kk}; {d} бастап жіберіледі"),
            ),
            None => (en, ru, kk),
        };
        Reason {
            code,
            clause: clause.to_string(),
            message_en: en,
            message_ru: ru,
            message_kk: kk,
            eligible_from: from,
        }
    }

    /// p.4 (primary) or p.6.1 (otherwise): under six months in the position.
    pub fn under_six_months(primary: bool, start: Date, from: Date) -> Reason {
        let clause = if primary { "p.4, p.6.1" } else { "p.6.1" };
        Reason::with(
            ReasonCode::UnderSixMonthsInPosition,
            clause,
            format!("in the position less than 6 months (since {start})"),
            format!("работает в занимаемой должности менее 6 месяцев (с {start})"),
            format!("атқаратын лауазымында алты айдан аз жұмыс істеген ({start} бастап)"),
            Some(from),
        )
    }

    /// p.4: primary attestation is for first-time hires only.
    pub fn primary_only_for_first_time_hires() -> Reason {
        Reason::with(
            ReasonCode::PrimaryOnlyForFirstTimeHires,
            "p.4",
            "primary attestation is for employees who joined a TMC or career center for the first time".into(),
            "первичная аттестация проводится для работников, впервые поступивших на службу в центр трудовой мобильности (карьерный центр)".into(),
            "бастапқы аттестаттау еңбек мобильділігі орталығына (мансап орталығына) алғаш рет қызметке кірген жұмыскерлер үшін өткізіледі".into(),
            None,
        )
    }

    /// p.4, p.5: a first-time hire sits primary attestation first.
    pub fn primary_attestation_first() -> Reason {
        Reason::with(
            ReasonCode::PrimaryAttestationFirst,
            "p.4, p.5",
            "a first-time hire first passes primary attestation; until then a specialist holds \"без категории\"".into(),
            "впервые поступивший работник сначала проходит первичную аттестацию; до нее специалисту присваивается категория \"без категории\"".into(),
            "алғаш рет қызметке кірген жұмыскер алдымен бастапқы аттестаттаудан өтеді; оған дейін маманға \"санатсыз\" санаты беріледі".into(),
            None,
        )
    }

    /// p.6.2.
    pub fn pregnant() -> Reason {
        Reason::with(
            ReasonCode::Pregnant,
            "p.6.2",
            "pregnant employees are not attested".into(),
            "беременные женщины не подлежат аттестации".into(),
            "жүкті әйелдер аттестаттауға жатпайды".into(),
            None,
        )
    }

    /// p.6.3: on maternity, child-care or adoption leave; `until` is 12 months after return.
    pub fn on_leave(kind: LeaveKind, until: Option<Date>) -> Reason {
        let (code, en, ru, kk) = match kind {
            LeaveKind::Maternity => (
                ReasonCode::OnMaternityLeave,
                "on maternity leave",
                "находится в отпуске по беременности и родам",
                "жүктілігі және босануы бойынша демалыста",
            ),
            LeaveKind::ChildCare => (
                ReasonCode::OnChildCareLeave,
                "on child-care leave",
                "находится в отпуске по уходу за ребенком",
                "бала күтімі бойынша демалыста",
            ),
            LeaveKind::Adoption | LeaveKind::Study => (
                ReasonCode::OnAdoptionLeave,
                "on leave for the adoption of a newborn child",
                "находится в отпуске в связи с усыновлением (удочерением) новорожденного ребенка",
                "жаңа туған баланы (балаларды) асырап алған жұмыскерлерге арналған демалыста",
            ),
        };
        Reason::with(
            code,
            "p.6.3, p.10.2",
            format!("{en}, and is not attested until 12 months after returning"),
            format!("{ru}; не аттестуется ранее 12 месяцев после выхода на работу"),
            format!("{kk}; жұмысқа шыққаннан кейін он екі айдан ерте аттестатталмайды"),
            until,
        )
    }

    /// p.6.3: back from such a leave less than 12 months ago.
    pub fn returned_recently(kind: LeaveKind, back: Option<Date>, until: Option<Date>) -> Reason {
        let (en, ru, kk) = match kind {
            LeaveKind::Maternity => (
                "maternity",
                "по беременности и родам",
                "жүктілігі және босануы бойынша",
            ),
            LeaveKind::ChildCare => ("child-care", "по уходу за ребенком", "бала күтімі бойынша"),
            LeaveKind::Adoption | LeaveKind::Study => (
                "adoption",
                "в связи с усыновлением",
                "бала асырап алуға байланысты",
            ),
        };
        let back = back.map(|d| d.to_string()).unwrap_or_default();
        Reason::with(
            ReasonCode::ReturnedFromLeaveLessThan12Months,
            "p.6.3",
            format!("back at work on {back} from {en} leave, less than 12 months ago"),
            format!("вышел(а) на работу {back} из отпуска {ru}, менее 12 месяцев назад"),
            format!("{kk} демалыстан {back} жұмысқа шықты, он екі ай өткен жоқ"),
            until,
        )
    }

    /// p.6.4.
    pub fn on_study_leave(until: Option<Date>) -> Reason {
        Reason::with(
            ReasonCode::OnStudyLeave,
            "p.6.4",
            "on study leave".into(),
            "находится в учебном отпуске".into(),
            "оқу демалысында".into(),
            until,
        )
    }

    /// p.10.1.
    pub fn incapacity_for_work(until: Option<Date>) -> Reason {
        Reason::with(
            ReasonCode::IncapacityForWork,
            "p.10.1",
            "temporarily unable to work; the TMC corrects the list of attestees".into(),
            "временно нетрудоспособен(на); центр трудовой мобильности корректирует список аттестуемых".into(),
            "еңбекке уақытша жарамсыз; еңбек мобильділігі орталығы аттестатталушылардың тізімін түзетеді".into(),
            until,
        )
    }

    /// p.10.3.
    pub fn business_trip_abroad(until: Option<Date>) -> Reason {
        Reason::with(
            ReasonCode::BusinessTripAbroad,
            "p.10.3",
            "on a business trip abroad; the TMC corrects the list of attestees".into(),
            "находится в служебной командировке за рубежом; центр трудовой мобильности корректирует список аттестуемых".into(),
            "шетелде қызметтік іссапарда; еңбек мобильділігі орталығы аттестатталушылардың тізімін түзетеді".into(),
            until,
        )
    }

    /// p.14.1, CPD p.15, p.21.
    pub fn training_plan_not_completed(done: f64, required: f64) -> Reason {
        Reason::with(
            ReasonCode::TrainingPlanNotCompleted,
            "p.14.1, CPD p.15, CPD p.21",
            format!(
                "completed {done} of the {required} academic hours (60 minutes each) of the individual training plan"
            ),
            format!(
                "прошел(а) {done} из {required} академических часов (по 60 минут) индивидуального плана обучения"
            ),
            format!(
                "жеке оқу жоспарының {required} академиялық сағатынан (әрқайсысы 60 минут) {done} сағат өтті"
            ),
            None,
        )
    }

    /// p.14.2.
    pub fn profile_courses_not_completed(claimed: Category) -> Reason {
        Reason::with(
            ReasonCode::ProfileCoursesNotCompleted,
            "p.14.2",
            format!(
                "has not completed the Platform courses in the profile of the claimed category \"{}\"",
                claimed.name_ru()
            ),
            format!(
                "не прошел(а) курсы повышения квалификации на Платформе по профилю заявленной категории \"{}\"",
                claimed.name_ru()
            ),
            format!(
                "мәлімделген \"{}\" біліктілік санатының бейіні бойынша Платформада біліктілікті арттыру курстарынан өтпеген",
                claimed.name_kk()
            ),
            None,
        )
    }
}
