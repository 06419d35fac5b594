//! The native format, `{"format": "synaq-bank/1", "questions": [...]}`: reading into drafts,
//! and writing a validated bank back out.
//!
//! The document is read as a `serde_json::Value` and walked by hand, so that every problem is
//! reported at once with its JSON pointer (`file#/questions/3/options`); a syntax error stops
//! the file and is reported at serde_json's line and column. Unknown fields are refused (a
//! misspelt `dificulty` must not pass silently). The schema is
//! `question-bank/schema/synaq-bank-1.schema.json`.

use serde::Serialize;
use serde_json::{Map, Value};

use super::diagnostic::{BankError, Location};
use super::draft::{Draft, DraftLegal, DraftOption, DraftText, Spanned};
use super::intake::Intake;
use super::model::{Bank, Kind, Lang, Question};

/// The value of the `format` member of a native bank file.
pub const FORMAT: &str = "synaq-bank/1";

/// The bank in the native format: pretty-printed, questions in the bank's (id) order, optional
/// members left out when empty — one canonical text per bank, fit for diffs.
pub fn to_json(bank: &Bank) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        format: &'static str,
        questions: &'a [Question],
    }
    let doc = Document {
        format: FORMAT,
        questions: &bank.questions,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// JSON-pointer escaping of one reference token (RFC 6901).
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

struct Walk<'a> {
    file: &'a str,
    lang: Option<Lang>,
    intake: &'a mut Intake,
}

impl Walk<'_> {
    fn error(&mut self, ptr: &str, error: BankError) {
        self.intake.error(self.file, Location::pointer(ptr), error);
    }

    fn expected(&mut self, ptr: &str, what: &str) {
        self.error(ptr, BankError::Field(format!("expected {what}")));
    }

    /// An object whose members must be among `known`.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        ptr: &str,
        known: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = v.as_object() else {
            self.expected(ptr, "an object");
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let at = format!("{ptr}/{}", token(key));
            self.error(&at, BankError::Field(format!("unknown field '{key}'")));
        }
        Some(map)
    }

    fn string(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        ptr: &str,
    ) -> Option<Spanned<String>> {
        let at = format!("{ptr}/{key}");
        match map.get(key)? {
            Value::String(s) => Some(Spanned::new(s.clone(), Location::pointer(at))),
            _ => {
                self.expected(&at, "a string");
                None
            }
        }
    }

    fn bool(&mut self, map: &Map<String, Value>, key: &str, ptr: &str) -> Option<bool> {
        match map.get(key)? {
            Value::Bool(b) => Some(*b),
            _ => {
                self.expected(&format!("{ptr}/{key}"), "true or false");
                None
            }
        }
    }

    fn text(&mut self, map: &Map<String, Value>, ptr: &str) -> DraftText {
        let at = format!("{ptr}/text");
        let mut text = DraftText::empty(Location::pointer(&at));
        let Some(v) = map.get("text") else {
            return text;
        };
        let Some(obj) = self.object(v, &at, &["kk", "ru"]) else {
            return text;
        };
        for lang in Lang::ALL {
            if self.lang.is_some_and(|only| only != lang) {
                continue;
            }
            *text.lang_mut(lang) = self.string(obj, lang.as_str(), &at);
        }
        text
    }

    fn question(&mut self, v: &Value, ptr: &str) -> Option<Draft> {
        const KNOWN: [&str; 9] = [
            "id",
            "section",
            "profile",
            "topic",
            "difficulty",
            "legal",
            "kind",
            "text",
            "options",
        ];
        let map = self.object(v, ptr, &KNOWN)?;
        let mut d = Draft::new(self.file, self.lang, Location::pointer(ptr));
        d.id = self.string(map, "id", ptr);
        d.section = self.string(map, "section", ptr);
        d.topic = self.string(map, "topic", ptr);
        if let Some(p) = map.get("profile") {
            let at = format!("{ptr}/profile");
            match p.as_array() {
                Some(tags) => {
                    for (j, tag) in tags.iter().enumerate() {
                        match tag.as_str() {
                            Some(t) => d.profile.push(Spanned::new(
                                t.to_string(),
                                Location::pointer(format!("{at}/{j}")),
                            )),
                            None => self.expected(&format!("{at}/{j}"), "a string"),
                        }
                    }
                    if tags.is_empty() {
                        self.error(&at, BankError::MissingProfile);
                    }
                }
                None => self.expected(&at, "an array of profile tags"),
            }
        }
        if let Some(n) = map.get("difficulty") {
            let at = format!("{ptr}/difficulty");
            match n {
                Value::Number(n) => {
                    d.difficulty = Some(Spanned::new(n.to_string(), Location::pointer(at)))
                }
                _ => self.expected(&at, "a number from 1 to 5"),
            }
        }
        if let Some(k) = self.string(map, "kind", ptr) {
            match k.value.as_str() {
                "single" => d.kind = Some(Spanned::new(Kind::Single, k.at)),
                "multiple" => d.kind = Some(Spanned::new(Kind::Multiple, k.at)),
                other => self.error(&format!("{ptr}/kind"), BankError::UnknownKind(other.into())),
            }
        }
        if let Some(l) = map.get("legal").filter(|l| !l.is_null()) {
            let at = format!("{ptr}/legal");
            if let Some(obj) = self.object(l, &at, &["act", "clause", "valid_from", "valid_to"]) {
                d.legal = Some(DraftLegal {
                    act: self.string(obj, "act", &at),
                    clause: self.string(obj, "clause", &at),
                    valid_from: self.string(obj, "valid_from", &at),
                    valid_to: self.string(obj, "valid_to", &at),
                    at: Location::pointer(at),
                });
            }
        }
        d.text = self.text(map, ptr);
        let at = format!("{ptr}/options");
        d.options_at = Location::pointer(&at);
        match map.get("options").map(Value::as_array) {
            None => {}
            Some(None) => self.expected(&at, "an array of options"),
            Some(Some(options)) => {
                for (j, o) in options.iter().enumerate() {
                    let optr = format!("{at}/{j}");
                    if let Some(o) = self.option(o, &optr) {
                        d.push_option(o);
                    }
                }
            }
        }
        Some(d)
    }

    fn option(&mut self, v: &Value, ptr: &str) -> Option<DraftOption> {
        let map = self.object(v, ptr, &["id", "text", "correct", "pinned"])?;
        let correct = self.bool(map, "correct", ptr);
        if !map.contains_key("correct") {
            self.error(ptr, BankError::Field("missing field 'correct'".into()));
        }
        Some(DraftOption {
            id: self.string(map, "id", ptr),
            text: self.text(map, ptr),
            correct: correct.unwrap_or(false),
            pinned: self.bool(map, "pinned", ptr).unwrap_or(false),
            at: Location::pointer(ptr),
        })
    }
}

/// serde_json's column counts bytes, and is 0 before a line's first byte (an empty file);
/// a diagnostic's column counts characters from 1. A column inside a multi-byte character
/// names that character.
fn char_column(content: &str, line: usize, byte_column: usize) -> u32 {
    let text = content
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("");
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[..end].chars().count().max(1) as u32
}

/// Reads a native bank file into drafts. `lang` makes it monolingual: only that language's
/// texts are read, to be paired with the other language's file.
pub(crate) fn parse(file: &str, content: &str, lang: Option<Lang>, intake: &mut Intake) {
    // serde_json refuses nesting past 128 levels ("recursion limit exceeded") with its line
    // and column, before its recursion comes near the stack's limits.
    let root: Value = match serde_json::from_str(content) {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let msg = msg.strip_suffix(&suffix).unwrap_or(&msg).to_string();
            let at = Location::at(e.line() as u32, char_column(content, e.line(), e.column()));
            intake.error(file, at, BankError::Syntax(msg));
            return;
        }
    };
    let mut w = Walk { file, lang, intake };
    let Some(map) = w.object(&root, "", &["format", "questions"]) else {
        return;
    };
    if map.get("format").and_then(Value::as_str) != Some(FORMAT) {
        w.error(
            "/format",
            BankError::Field(format!("expected \"format\": \"{FORMAT}\"")),
        );
    }
    match map.get("questions").map(Value::as_array) {
        Some(Some(questions)) => {
            for (i, q) in questions.iter().enumerate() {
                let ptr = format!("/questions/{i}");
                if !w.intake.question(file, &Location::pointer(&ptr)) {
                    break;
                }
                if let Some(d) = w.question(q, &ptr) {
                    w.intake.drafts.push(d);
                }
            }
        }
        _ => w.expected("/questions", "an array of questions"),
    }
}
