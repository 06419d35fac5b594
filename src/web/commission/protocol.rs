//! The protocol of the appeal commission's decision (p.24: free form, posted on the
//! Platform): the composition, the date, each disputed question with its votes, reasons and
//! outcome, and the result before and after the appeal (p.26). Kazakh first, then Russian.
//!
//! One list of [`Line`]s feeds both renderings, so the HTML and the PDF say the same. The PDF
//! embeds DejaVu Sans (shipped in `assets/fonts/` with its licence): the server may have no
//! fonts at all, and the Kazakh letters ә ғ қ ң ө ұ ү һ і must be right.

use serde::Serialize;

use crate::domain::appeal::{Ground, QuestionOutcome, Vote};
use crate::domain::exam::Score;
use crate::domain::rules::Decision;

/// The font embedded in every protocol PDF (DejaVu Sans; licence in
/// `assets/fonts/DejaVuSans-LICENSE.txt`).
pub const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Everything a protocol states.
#[derive(Debug, Clone, Serialize)]
pub struct Protocol {
    pub appeal_id: String,
    pub campaign: String,
    pub candidate: String,
    pub organization: String,
    /// Asia/Almaty, RFC 3339.
    pub received_at: String,
    pub decide_by: String,
    pub closed_at: String,
    pub chair: String,
    /// Every voter, the chair included, substitutes included (p.23).
    pub voters: Vec<String>,
    pub secretary: String,
    pub recused: Vec<String>,
    pub substitutes: Vec<String>,
    pub questions: Vec<ProtocolQuestion>,
    pub before: Score,
    pub after: Option<Score>,
    pub decision_before: Decision,
    pub decision_after: Option<Decision>,
    /// Whether the decision came within the 5 days (p.24).
    pub in_time: bool,
}

/// One disputed question of the protocol.
#[derive(Debug, Clone, Serialize)]
pub struct ProtocolQuestion {
    pub number: u32,
    pub ground: Ground,
    pub justification: String,
    pub votes: Vec<Vote>,
    pub uphold: usize,
    pub reject: usize,
    pub outcome: QuestionOutcome,
}

/// How a line is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Text,
}

/// One line (a paragraph) of the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub style: Style,
    pub text: String,
}

fn percent(score: Score) -> String {
    format!(
        "{}/{} ({:.2}%)",
        score.correct,
        score.total,
        score.percent()
    )
}

impl Protocol {
    /// The protocol's text, line by line.
    pub fn lines(&self) -> Vec<Line> {
        let mut out = Vec::new();
        let mut push = |style, text: String| out.push(Line { style, text });
        push(
            Style::Title,
            "Апелляциялық комиссия отырысының хаттамасы".into(),
        );
        push(
            Style::Title,
            "Протокол заседания апелляционной комиссии".into(),
        );
        push(
            Style::Text,
            format!("№ {} · {}", self.appeal_id, self.campaign),
        );
        push(
            Style::Text,
            format!("Шешім күні / Дата решения: {}", self.closed_at),
        );
        push(
            Style::Text,
            format!(
                "Апелляция қабылданды / Апелляция принята: {}; шешім мерзімі / срок решения (24-т. / п.24): {}; {}",
                self.received_at,
                self.decide_by,
                if self.in_time {
                    "мерзімінде / в срок"
                } else {
                    "мерзімі бұзылды / срок нарушен"
                }
            ),
        );
        push(
            Style::Text,
            format!(
                "Апеллянт / Апеллянт: {} ({})",
                self.candidate, self.organization
            ),
        );
        push(
            Style::Heading,
            "Комиссия құрамы / Состав комиссии (22-т., 23-т. / п.22, п.23)".into(),
        );
        push(
            Style::Text,
            format!("Төраға / Председатель: {}", self.chair),
        );
        let members: Vec<&str> = self
            .voters
            .iter()
            .filter(|v| **v != self.chair)
            .map(String::as_str)
            .collect();
        push(
            Style::Text,
            format!(
                "Дауыс беретін мүшелер / Члены с правом голоса: {}",
                members.join(", ")
            ),
        );
        push(
            Style::Text,
            format!(
                "Хатшы (дауыссыз) / Секретарь (без права голоса): {}",
                self.secretary
            ),
        );
        if !self.recused.is_empty() {
            push(
                Style::Text,
                format!(
                    "Өздігінен бас тартты / Взяли самоотвод: {}; алмастырушылар / заменены: {}",
                    self.recused.join(", "),
                    self.substitutes.join(", ")
                ),
            );
        }
        for q in &self.questions {
            let (ground_kk, ground_ru) = q.ground.wording();
            let (outcome_kk, outcome_ru) = q.outcome.wording();
            push(Style::Heading, format!("Сұрақ / Вопрос № {}", q.number));
            push(
                Style::Text,
                format!("Негіз / Основание (25-т. / п.25): {ground_kk} / {ground_ru}"),
            );
            push(
                Style::Text,
                format!("Негіздеме / Обоснование: {}", q.justification),
            );
            for v in &q.votes {
                let verdict = match v.verdict {
                    crate::domain::appeal::Verdict::Uphold => "қанағаттандыру / удовлетворить",
                    crate::domain::appeal::Verdict::Reject => "қабылдамау / отклонить",
                };
                push(
                    Style::Text,
                    format!("{}: {verdict} — {}", v.voter, v.reason),
                );
            }
            let key = match &q.outcome {
                QuestionOutcome::KeyCorrected { key } => {
                    format!(" ({})", key.iter().cloned().collect::<Vec<_>>().join(", "))
                }
                _ => String::new(),
            };
            push(
                Style::Text,
                format!(
                    "Дауыс беру / Голосование: {} — {}; шешім / решение: {outcome_kk} / {outcome_ru}{key}",
                    q.uphold, q.reject
                ),
            );
        }
        push(Style::Heading, "Нәтиже / Результат (26-т. / п.26)".into());
        push(
            Style::Text,
            format!(
                "Апелляцияға дейін / До апелляции: {} — {} / {}",
                percent(self.before),
                self.decision_before.outcome.kk,
                self.decision_before.outcome.ru
            ),
        );
        match (&self.after, &self.decision_after) {
            (Some(after), Some(decision)) => push(
                Style::Text,
                format!(
                    "Апелляциядан кейін / После апелляции: {} — {} / {}",
                    percent(*after),
                    decision.outcome.kk,
                    decision.outcome.ru
                ),
            ),
            _ => push(
                Style::Text,
                "Нәтиже өзгеріссіз қалды / Результат оставлен без изменения".into(),
            ),
        }
        push(
            Style::Text,
            "Төраға / Председатель: ____________   Хатшы / Секретарь: ____________".into(),
        );
        out
    }

    /// The protocol as a standalone HTML page.
    pub fn html(&self) -> String {
        let mut body = String::new();
        for line in self.lines() {
            let tag = match line.style {
                Style::Title => "h1",
                Style::Heading => "h2",
                Style::Text => "p",
            };
            body.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&line.text)));
        }
        format!(
            "<!doctype html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\">\
             <title>Хаттама / Протокол {}</title>\
             <style>body{{font-family:'DejaVu Sans',sans-serif;max-width:48rem;margin:2rem auto;line-height:1.4}}\
             h1{{font-size:1.3rem}}h2{{font-size:1.05rem;margin-top:1.2rem}}</style></head>\
             <body>\n{body}</body></html>\n",
            escape(&self.appeal_id)
        )
    }

    /// The protocol as an A4 PDF, DejaVu Sans embedded (subset to the glyphs used).
    pub fn pdf(&self) -> Result<Vec<u8>, String> {
        use printpdf::{
            Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
            TextItem,
        };
        const WIDTH_MM: f32 = 210.0;
        const HEIGHT_MM: f32 = 297.0;
        const MARGIN_MM: f32 = 18.0;
        let font = ParsedFont::from_bytes(FONT, 0, &mut Vec::new())
            .ok_or_else(|| "the embedded font does not parse".to_string())?;
        let mut doc = PdfDocument::new(&format!("Protocol {}", self.appeal_id));
        let font = PdfFontHandle::External(doc.add_font(&font));
        let mut pages = Vec::new();
        let mut ops = Vec::new();
        let mut y = HEIGHT_MM - MARGIN_MM;
        for line in self.lines() {
            let (size, gap) = match line.style {
                Style::Title => (14.0, 3.0),
                Style::Heading => (11.5, 3.0),
                Style::Text => (10.0, 1.0),
            };
            // DejaVu Sans averages about 0.55 em a character: the characters a line holds.
            let per_line = ((WIDTH_MM - 2.0 * MARGIN_MM) / (size * 0.3528 * 0.55)) as usize;
            y -= gap;
            for part in wrap(&line.text, per_line) {
                if y < MARGIN_MM {
                    pages.push(PdfPage::new(
                        Mm(WIDTH_MM),
                        Mm(HEIGHT_MM),
                        std::mem::take(&mut ops),
                    ));
                    y = HEIGHT_MM - MARGIN_MM;
                }
                ops.extend([
                    Op::StartTextSection,
                    Op::SetTextCursor {
                        pos: Point {
                            x: Mm(MARGIN_MM).into(),
                            y: Mm(y).into(),
                        },
                    },
                    Op::SetFont {
                        font: font.clone(),
                        size: Pt(size),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(part)],
                    },
                    Op::EndTextSection,
                ]);
                y -= size * 0.3528 * 1.35;
            }
        }
        pages.push(PdfPage::new(Mm(WIDTH_MM), Mm(HEIGHT_MM), ops));
        Ok(doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new()))
    }
}

/// `text` cut at spaces into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// The text with HTML's special characters escaped.
fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::appeal::Verdict;
    use crate::domain::rules::decision::OutcomeCode;

    fn decision(code: OutcomeCode) -> Decision {
        let position = crate::domain::rules::Position::by_slug("tmc_head_of_department").unwrap();
        let mut d = crate::domain::rules::decide(&crate::domain::rules::DecisionInput {
            procedure: crate::domain::rules::Procedure::Periodic,
            reattestation_of: None,
            position,
            score: crate::domain::rules::Percent::new(84.0).unwrap(),
            current_category: None,
            claimed_category: None,
            policy: Default::default(),
        })
        .unwrap();
        d.outcome = code.into();
        d
    }

    fn protocol() -> Protocol {
        let vote = |voter: &str, verdict| Vote {
            voter: voter.into(),
            question: 100,
            verdict,
            reason: "кілт нормаға сәйкес келмейді".into(),
        };
        Protocol {
            appeal_id: "A1".into(),
            campaign: "Аттестация 2026".into(),
            candidate: "Гауһар Әбілқызы".into(),
            organization: "ЦТМ Алматы".into(),
            received_at: "2026-11-27T12:00:00+05:00[Asia/Almaty]".into(),
            decide_by: "2026-12-03T00:00:00+05:00[Asia/Almaty]".into(),
            closed_at: "2026-11-30T10:00:00+05:00[Asia/Almaty]".into(),
            chair: "chair".into(),
            voters: vec!["chair".into(), "member1".into(), "reserve1".into()],
            secretary: "sec".into(),
            recused: vec!["member2".into()],
            substitutes: vec!["reserve1".into()],
            questions: vec![ProtocolQuestion {
                number: 100,
                ground: Ground::KeyDisputed,
                justification: "Жауап кілті Ережелердің 17-тармағына қайшы <келеді> & т.б.".into(),
                votes: vec![
                    vote("chair", Verdict::Uphold),
                    vote("member1", Verdict::Uphold),
                    vote("reserve1", Verdict::Reject),
                ],
                uphold: 2,
                reject: 1,
                outcome: QuestionOutcome::KeyCorrected {
                    key: ["b".to_string()].into(),
                },
            }],
            before: Score {
                correct: 84,
                total: 100,
                percent_bp: 8400,
            },
            after: Some(Score {
                correct: 85,
                total: 100,
                percent_bp: 8500,
            }),
            decision_before: decision(OutcomeCode::DoesNotFitPosition),
            decision_after: Some(decision(OutcomeCode::FitsPosition)),
            in_time: true,
        }
    }

    #[test]
    fn the_pdf_text_extracts_with_every_kazakh_letter_p24() {
        let pdf = protocol().pdf().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"] {
            assert!(text.contains(letter), "{letter} missing:\n{text}");
        }
        assert!(text.contains("Гауһар Әбілқызы"), "{text}");
        assert!(
            text.contains("84/100 (84.00%)") && text.contains("85/100 (85.00%)"),
            "{text}"
        );
    }

    #[test]
    fn the_html_escapes_the_candidates_text_and_says_what_the_pdf_says() {
        let html = protocol().html();
        assert!(html.contains("қайшы &lt;келеді&gt; &amp; т.б."), "{html}");
        assert!(!html.contains("<келеді>"));
        for line in protocol().lines() {
            assert!(html.contains(&escape(&line.text)), "{}", line.text);
        }
        assert!(html.contains("Взяли самоотвод: member2; алмастырушылар / заменены: reserve1"));
        assert!(html.contains("Дауыс беру / Голосование: 2 — 1"));
    }

    #[test]
    fn long_lines_wrap_at_spaces() {
        assert_eq!(wrap("аб вг дежз", 5), ["аб вг", "дежз"]);
        assert_eq!(wrap("словодлинное", 4), ["словодлинное"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
