//! Moodle Aiken: single-answer questions as plain lines.
//!
//! ```text
//! // [id:F-001] [profile:all] [difficulty:1]
//! Question text (one or more lines)
//! A. option
//! B) option
//! ANSWER: B
//! ```
//!
//! Option lines start with a Latin capital, `.` or `)`, and a space; `ANSWER:` names the one
//! key and ends the question. Extensions, as in GIFT: `//` comment lines with `[key:value]`
//! tags and `$CATEGORY: path` lines. A Cyrillic look-alike letter (`А В С Е Н К М О Р Т Х`)
//! where a Latin one is meant is refused with its line and column rather than mapped: the
//! author's editor keeps producing them, and only fixing the file stops that.

use super::diagnostic::{BankError, Location};
use super::draft::{Draft, DraftOption, DraftText, Spanned};
use super::intake::Intake;
use super::meta::{self, apply_category, apply_tag};
use super::model::{Kind, Lang};

/// Cyrillic capitals that look like Latin ones, with the Latin letter meant.
const LOOKALIKES: [(char, char); 11] = [
    ('А', 'A'),
    ('В', 'B'),
    ('С', 'C'),
    ('Е', 'E'),
    ('Н', 'H'),
    ('К', 'K'),
    ('М', 'M'),
    ('О', 'O'),
    ('Р', 'P'),
    ('Т', 'T'),
    ('Х', 'X'),
];

/// The Latin letter a Cyrillic look-alike stands for, and the error refusing it.
fn cyrillic(c: char) -> Option<(char, BankError)> {
    LOOKALIKES
        .iter()
        .find(|(cy, _)| *cy == c)
        .map(|&(found, latin)| {
            let error = BankError::CyrillicLetter {
                found,
                code: found as u32,
                latin,
            };
            (latin, error)
        })
}

/// `A. text` / `B) text` → (letter, text, column of the text).
fn option_line(line: &str) -> Option<(char, &str, u32)> {
    let mut chars = line.chars();
    let letter = chars.next()?;
    let sep = chars.next()?;
    let rest = chars.as_str();
    if !(sep == '.' || sep == ')') || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim_start();
    let col = 3 + (rest.chars().count() - text.chars().count()) as u32;
    Some((letter, text, col))
}

/// A question being read.
struct Open {
    draft: Draft,
    text: Vec<String>,
    text_at: Option<Location>,
    letters: Vec<char>,
}

struct Walk<'a> {
    file: &'a str,
    lang: Option<Lang>,
    category: Option<Spanned<String>>,
    tags: Vec<(String, String, Location)>,
    open: Option<Open>,
    intake: &'a mut Intake,
    /// The bank has its questions (`limits::QUESTIONS`): the rest of the file is not read.
    full: bool,
}

impl Walk<'_> {
    fn error(&mut self, at: Location, e: BankError) {
        self.intake.error(self.file, at, e);
    }

    /// Counts the question ending now; `false` (and the walk stops) past the limit.
    fn count(&mut self, at: &Location) -> bool {
        self.full = !self.intake.question(self.file, at);
        !self.full
    }

    fn open_at(&mut self, at: Location) -> &mut Open {
        if self.open.is_none() {
            let mut draft = Draft::new(self.file, self.lang, at.clone());
            draft.kind = Some(Spanned::new(Kind::Single, at));
            for (key, value, at) in std::mem::take(&mut self.tags) {
                if let Err(e) = apply_tag(&mut draft, &key, &value, at.clone()) {
                    self.intake.error(self.file, at, e);
                }
            }
            apply_category(&mut draft, self.category.as_ref());
            self.open = Some(Open {
                draft,
                text: Vec::new(),
                text_at: None,
                letters: Vec::new(),
            });
        }
        self.open.as_mut().expect("opened above")
    }

    /// A question still open when another starts or the file ends lacks its ANSWER line.
    fn abandon(&mut self) {
        if let Some(open) = self.open.take()
            && self.count(&open.draft.at)
        {
            self.error(
                open.draft.at,
                BankError::Syntax("question has no 'ANSWER:' line".into()),
            );
        }
    }

    fn answer(&mut self, value: &str, n: u32, col: u32) {
        let Some(mut open) = self.open.take() else {
            self.error(
                Location::at(n, 1),
                BankError::Syntax("'ANSWER:' without a question".into()),
            );
            return;
        };
        if !self.count(&open.draft.at) {
            return;
        }
        let at = Location::at(n, col);
        let mut letters = value.chars().filter(|c| c.is_alphanumeric());
        let mut first = letters.next();
        if let Some((latin, e)) = first.and_then(cyrillic) {
            // Refused, but read as meant so that no second error follows from it.
            self.error(at.clone(), e);
            first = Some(latin);
        }
        if letters.next().is_some() {
            let e = "Aiken has one answer per question; use GIFT or JSON for multiple choice";
            self.error(at.clone(), BankError::Field(e.into()));
        }
        match first {
            // With several letters the first is taken, so that no second error follows.
            Some(c) => match open.letters.iter().position(|&l| l == c) {
                Some(i) if i < open.draft.options.len() => open.draft.options[i].correct = true,
                // An option past the limit, not kept: the question is refused for its count.
                Some(_) => {}
                None => self.error(
                    at,
                    BankError::Field(format!("ANSWER '{c}' names no option")),
                ),
            },
            None => self.error(at, BankError::Field("ANSWER names no option".into())),
        }
        let text_at = open.text_at.clone().unwrap_or(open.draft.at.clone());
        match DraftText::read(&open.text.join("\n"), text_at, self.lang, false) {
            Ok(t) => open.draft.text = t,
            Err(e) => self.error(open.draft.at.clone(), e),
        }
        self.intake.drafts.push(open.draft);
    }

    fn line(&mut self, text: &str, n: u32) {
        let trimmed = text.trim_start();
        let indent = (text.chars().count() - trimmed.chars().count()) as u32;
        if trimmed.is_empty() {
            return;
        }
        if let Some(comment) = trimmed.strip_prefix("//") {
            let tags = meta::comment_tags(comment, n, indent + 3);
            if !tags.is_empty() {
                self.abandon();
            }
            self.tags.extend(tags);
            return;
        }
        if let Some(path) = trimmed.strip_prefix("$CATEGORY:") {
            self.abandon();
            self.category = Some(Spanned::new(
                path.trim().to_string(),
                Location::at(n, indent + 1),
            ));
            return;
        }
        if let Some(value) = trimmed.strip_prefix("ANSWER:") {
            let col =
                indent + 8 + (value.chars().count() - value.trim_start().chars().count()) as u32;
            self.answer(value, n, col);
            return;
        }
        let lang = self.lang;
        if let Some((mut letter, body, col)) = option_line(trimmed) {
            if let Some((latin, e)) = cyrillic(letter) {
                // Refused, but read as meant so that no second error follows from it.
                self.error(Location::at(n, indent + 1), e);
                letter = latin;
            }
            if letter.is_ascii_uppercase() {
                let at = Location::at(n, indent + 1);
                let open = self.open_at(at.clone());
                if open.draft.options.is_empty() {
                    open.draft.options_at = at.clone();
                }
                let text_at = Location::at(n, indent + col);
                match DraftText::read(body, text_at, lang, false) {
                    Ok(text) => {
                        open.letters.push(letter);
                        open.draft.push_option(DraftOption {
                            id: None,
                            text,
                            correct: false,
                            pinned: false,
                            at,
                        });
                    }
                    Err(e) => self.error(Location::at(n, indent + 1), e),
                }
                return;
            }
        }
        let at = Location::at(n, indent + 1);
        let open = self.open_at(at.clone());
        if !open.draft.options.is_empty() {
            self.error(
                at,
                BankError::Syntax("expected an option line 'A. …' or 'ANSWER: …'".into()),
            );
            return;
        }
        open.text_at.get_or_insert(at);
        open.text.push(trimmed.to_string());
    }
}

/// Reads an Aiken file into drafts; `lang` makes it monolingual.
pub(crate) fn parse(file: &str, content: &str, lang: Option<Lang>, intake: &mut Intake) {
    let mut w = Walk {
        file,
        lang,
        category: None,
        tags: Vec::new(),
        open: None,
        intake,
        full: false,
    };
    for (text, n) in content.lines().zip(1u32..) {
        if w.full {
            return;
        }
        w.line(text.strip_prefix('\u{feff}').unwrap_or(text), n);
    }
    w.abandon();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_lines_take_dot_or_parenthesis() {
        assert_eq!(option_line("A. yes"), Some(('A', "yes", 4)));
        assert_eq!(option_line("B)  no"), Some(('B', "no", 5)));
        assert_eq!(option_line("A.yes"), None);
        assert_eq!(option_line("Вопрос"), None);
    }
}
