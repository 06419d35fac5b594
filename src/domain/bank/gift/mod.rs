//! Moodle GIFT: reading a file into drafts, and escaping text for writing one.
//!
//! Questions are separated by blank lines. `//` lines are comments; `[key:value]` groups in
//! them tag the next question (see `meta`). `$CATEGORY: path` sets section and topic for the
//! questions after it. Imported: multiple choice (`=` key, `~` distractor; `~%50%` weights,
//! positive = key, make it multiple choice) and true/false (`{T}`, `{F}`). Refused with their
//! line: essay `{}`, numerical `{#…}`, matching `->`, short answer (no `~`), description (no
//! `{…}` at all). Escapes: `\~ \= \# \{ \} \: \\` and `\n`; `{mlang xx}…{mlang}` may stay
//! unescaped. The parsing of one question is in `question`.

mod question;

use super::diagnostic::{BankError, Location};
use super::draft::{Draft, Spanned};
use super::intake::Intake;
use super::meta::{self, apply_category, apply_tag};
use super::model::Lang;
use super::validate::limits;

/// The characters GIFT gives a meaning to, escaped with a backslash in text.
pub const CONTROL: [char; 7] = ['~', '=', '#', '{', '}', ':', '\\'];

/// Escapes text for a GIFT file, so that it reads back as the same text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            c if CONTROL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One character of a question's source, after unescaping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ch {
    /// The character meant.
    pub c: char,
    /// Escaped (or part of `{mlang}` markup): never a control character.
    pub literal: bool,
    /// Its 1-based line and column in the file.
    pub line: u32,
    pub col: u32,
}

impl Ch {
    pub(crate) fn at(&self) -> Location {
        Location::at(self.line, self.col)
    }

    /// Whether this is the control character `c` (unescaped).
    pub(crate) fn is(&self, c: char) -> bool {
        !self.literal && self.c == c
    }
}

/// Unescapes the lines of one question into located characters.
fn unescape(lines: &[(u32, &str)]) -> Vec<Ch> {
    let mut out = Vec::new();
    for (k, (line, text)) in lines.iter().enumerate() {
        if k > 0 {
            let col = lines[k - 1].1.chars().count() as u32 + 1;
            let (line, col) = (lines[k - 1].0, col);
            out.push(Ch {
                c: '\n',
                literal: false,
                line,
                col,
            });
        }
        let mut chars = text.chars().zip(1u32..).peekable();
        while let Some((c, col)) = chars.next() {
            let mut ch = Ch {
                c,
                literal: false,
                line: *line,
                col,
            };
            if c == '\\'
                && let Some(&(next, _)) = chars.peek()
                && (CONTROL.contains(&next) || next == 'n')
            {
                chars.next();
                ch.c = if next == 'n' { '\n' } else { next };
                ch.literal = true;
            }
            out.push(ch);
        }
    }
    mark_mlang(&mut out);
    out
}

/// `{mlang xx}` and `{mlang}` are multilang markup, not answer blocks.
fn mark_mlang(chars: &mut [Ch]) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is('{') {
            let word: String = chars[i + 1..].iter().take(5).map(|c| c.c).collect();
            if word.eq_ignore_ascii_case("mlang")
                && let Some(end) = chars[i..].iter().position(|c| c.is('}'))
            {
                chars[i..=i + end].iter_mut().for_each(|c| c.literal = true);
                i += end;
            }
        }
        i += 1;
    }
}

/// State of the file walk: the category in force and the tags waiting for their question.
struct Walk<'a> {
    file: &'a str,
    lang: Option<Lang>,
    category: Option<Spanned<String>>,
    tags: Vec<(String, String, Location)>,
    intake: &'a mut Intake,
    /// Characters of the question being gathered, to refuse one past
    /// [`limits::QUESTION_SOURCE`] before it is unescaped.
    size: usize,
    /// The bank has its [`limits::QUESTIONS`]: the rest of the file is not read.
    full: bool,
}

impl Walk<'_> {
    fn finish(&mut self, lines: &mut Vec<(u32, &str)>) {
        let size = std::mem::take(&mut self.size);
        if lines.is_empty() {
            return;
        }
        let Some((line, col)) = lines.iter().find_map(|(n, text)| {
            let col = text.chars().position(|c| !c.is_whitespace())?;
            Some((*n, col as u32 + 1))
        }) else {
            lines.clear();
            return;
        };
        let at = Location::at(line, col);
        if !self.intake.question(self.file, &at) {
            self.full = true;
            lines.clear();
            return;
        }
        if size > limits::QUESTION_SOURCE {
            lines.clear();
            self.tags.clear();
            let (what, max) = ("question source", limits::QUESTION_SOURCE);
            let e = BankError::TooLong {
                what,
                len: size,
                max,
            };
            self.intake.error(self.file, at, e);
            return;
        }
        let chars = unescape(lines);
        lines.clear();
        let mut draft = Draft::new(self.file, self.lang, at);
        for (key, value, at) in std::mem::take(&mut self.tags) {
            if let Err(e) = apply_tag(&mut draft, &key, &value, at.clone()) {
                self.intake.error(self.file, at, e);
            }
        }
        apply_category(&mut draft, self.category.as_ref());
        match question::read(&chars, &mut draft) {
            Ok(()) => self.intake.drafts.push(draft),
            Err(errors) => {
                for (at, e) in errors {
                    self.intake.error(self.file, at, e);
                }
            }
        }
    }
}

/// Reads a GIFT file into drafts; `lang` makes it monolingual.
pub(crate) fn parse(file: &str, content: &str, lang: Option<Lang>, intake: &mut Intake) {
    let mut w = Walk {
        file,
        lang,
        category: None,
        tags: Vec::new(),
        intake,
        size: 0,
        full: false,
    };
    let mut lines: Vec<(u32, &str)> = Vec::new();
    for (text, n) in content.lines().zip(1u32..) {
        if w.full {
            return;
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let trimmed = text.trim_start();
        let indent = (text.chars().count() - trimmed.chars().count()) as u32;
        if trimmed.is_empty() {
            w.finish(&mut lines);
        } else if let Some(comment) = trimmed.strip_prefix("//") {
            let tags = meta::comment_tags(comment, n, indent + 3);
            if !tags.is_empty() {
                // Tags open the next question even without a blank line before them.
                w.finish(&mut lines);
            }
            w.tags.extend(tags);
        } else if let Some(path) = trimmed.strip_prefix("$CATEGORY:") {
            w.finish(&mut lines);
            w.category = Some(Spanned::new(
                path.trim().to_string(),
                Location::at(n, indent + 1),
            ));
        } else if w.size <= limits::QUESTION_SOURCE {
            // Past the limit the question is refused whole: its lines are only counted.
            w.size += text.chars().count() + 1;
            lines.push((n, text));
        } else {
            w.size += text.chars().count() + 1;
        }
    }
    w.finish(&mut lines);
    if w.full {
        return;
    }
    if let Some((_, _, at)) = w.tags.first() {
        let e = BankError::Field("tags after the last question tag nothing".into());
        w.intake.error(file, at.clone(), e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_every_control_character() {
        assert_eq!(
            escape("a~b=c#d{e}f:g\\h\ni"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
        );
    }

    #[test]
    fn unescape_marks_escaped_and_mlang_as_literal() {
        let chars = unescape(&[(1, r"\{x {mlang kk}y{mlang} {")]);
        let structural: String = chars.iter().filter(|c| !c.literal).map(|c| c.c).collect();
        assert_eq!(structural, "x y {");
        assert_eq!((chars[0].c, chars[0].col), ('{', 1));
    }
}
