//! A bank written back in the authors' formats: Moodle GIFT and Moodle XML, bilingual with
//! multilang markup (`{mlang kk}…{mlang}` in GIFT, `<span lang="kk" class="multilang">` in
//! XML) or in one language for a pair of monolingual files.
//!
//! What is written re-imports to the same bank, and so to the same version id: the section
//! and topic as the category path, the rest as `key:value` tags (`meta`), the id as the GIFT
//! title and tag or the XML `<idnumber>`, pinned options and option ids other than a, b, c,
//! ... as the `pinned` and `option_ids` tags, a true/false question as the two-option
//! question it is stored as. A question these formats cannot carry (a topic starting with
//! `/`; in GIFT a tag value with `]` or an option with `->`; text that reads as multilang
//! markup) is refused with its id: its bank exports as native JSON only.

use std::fmt::Write as _;

use super::gift;
use super::model::{Bank, Kind, Lang, Localized, Question};
use super::validate::option_letter;

/// A format a bank is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Native `synaq-bank/1` (bilingual always).
    Json,
    /// Moodle GIFT.
    Gift,
    /// Moodle XML.
    MoodleXml,
}

impl ExportFormat {
    /// `json`, `gift` or `xml`.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "json" => Some(ExportFormat::Json),
            "gift" => Some(ExportFormat::Gift),
            "xml" => Some(ExportFormat::MoodleXml),
            _ => None,
        }
    }

    /// The file extension, which is also how the importer detects the format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Gift => "gift",
            ExportFormat::MoodleXml => "xml",
        }
    }

    /// The media type of an export.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Json => "application/json",
            ExportFormat::Gift => "text/plain; charset=utf-8",
            ExportFormat::MoodleXml => "application/xml; charset=utf-8",
        }
    }
}

/// A question the chosen format cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("question '{id}' cannot be written as {format}: {why}; export the bank as json")]
pub struct ExportError {
    /// The question's id.
    pub id: String,
    /// `GIFT` or `Moodle XML`.
    pub format: &'static str,
    /// What stands in the way.
    pub why: String,
}

/// Writes `bank` as `format`; `lang` writes one language only (GIFT and XML; native JSON is
/// always bilingual, and a `lang` there is refused by the caller).
pub fn export(
    bank: &Bank,
    format: ExportFormat,
    lang: Option<Lang>,
) -> Result<String, ExportError> {
    match format {
        ExportFormat::Json => Ok(super::to_json(bank)),
        ExportFormat::Gift => to_gift(bank, lang),
        ExportFormat::MoodleXml => to_moodle_xml(bank, lang),
    }
}

/// The category path that gives a question's section and topic back (`meta::category`).
fn category(q: &Question) -> String {
    format!(
        "$course$/top/{}/{}",
        q.section.as_str(),
        q.topic.replace('/', "//")
    )
}

/// The `key:value` tags of a question other than section and topic.
fn tags(q: &Question, with_id: bool) -> Vec<(&'static str, String)> {
    let mut tags = Vec::new();
    if with_id {
        tags.push(("id", q.id.clone()));
    }
    tags.push(("profile", q.profile.join(", ")));
    if let Some(d) = q.difficulty {
        tags.push(("difficulty", d.to_string()));
    }
    if let Some(l) = &q.legal {
        tags.push(("act", l.act.clone()));
        tags.push(("clause", l.clause.clone()));
        if let Some(d) = l.valid_from {
            tags.push(("valid_from", d.to_string()));
        }
        if let Some(d) = l.valid_to {
            tags.push(("valid_to", d.to_string()));
        }
    }
    let pinned: Vec<String> = q
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.pinned)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !pinned.is_empty() {
        tags.push(("pinned", pinned.join(",")));
    }
    let by_position = q
        .options
        .iter()
        .enumerate()
        .all(|(i, o)| o.id == option_letter(i));
    if !by_position {
        let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        tags.push(("option_ids", ids.join(",")));
    }
    tags
}

/// What no format but JSON can carry.
fn check(q: &Question, format: &'static str) -> Result<(), ExportError> {
    let refuse = |why: String| ExportError {
        id: q.id.clone(),
        format,
        why,
    };
    if q.topic.starts_with('/') {
        return Err(refuse(format!("its topic '{}' starts with '/'", q.topic)));
    }
    let texts = std::iter::once(&q.text).chain(q.options.iter().map(|o| &o.text));
    for t in texts {
        for s in [&t.kk, &t.ru] {
            let lower = s.to_lowercase();
            if lower.contains("{mlang") || (lower.contains("<span") && lower.contains("multilang"))
            {
                return Err(refuse(format!("its text '{s}' reads as multilang markup")));
            }
        }
    }
    Ok(())
}

/// A text in the export's language(s): `kk_ru(kk, ru)` wraps both in markup; a text without
/// letters that reads the same in both is written once.
fn localized(
    t: &Localized,
    lang: Option<Lang>,
    kk_ru: impl Fn(&str, &str) -> String,
    one: impl Fn(&str) -> String,
) -> String {
    match lang {
        Some(l) => one(t.get(l)),
        None if t.kk == t.ru && !t.kk.chars().any(char::is_alphabetic) => one(&t.kk),
        None => kk_ru(&t.kk, &t.ru),
    }
}

/// The weight of each key of a multiple-choice question, as Moodle writes grades.
fn key_weight(keys: usize) -> String {
    let w = format!("{:.5}", 100.0 / keys.max(1) as f64);
    w.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn to_gift(bank: &Bank, lang: Option<Lang>) -> Result<String, ExportError> {
    let mut out =
        String::from("// Exported by synaq (docs/bank-format.md): re-imports to the same bank.\n");
    let mut current = None;
    let mlang = |kk: &str, ru: &str| {
        format!(
            "{{mlang kk}}{}{{mlang}}{{mlang ru}}{}{{mlang}}",
            gift::escape(kk),
            gift::escape(ru)
        )
    };
    for q in &bank.questions {
        check(q, "GIFT")?;
        let cat = category(q);
        if current.as_ref() != Some(&cat) {
            let _ = write!(out, "\n$CATEGORY: {cat}\n");
            current = Some(cat);
        }
        out.push('\n');
        for (key, value) in tags(q, true) {
            if value.contains(']') {
                return Err(ExportError {
                    id: q.id.clone(),
                    format: "GIFT",
                    why: format!("its {key} '{value}' holds ']', which ends a GIFT tag"),
                });
            }
            let _ = writeln!(out, "// [{key}:{value}]");
        }
        let text = localized(&q.text, lang, mlang, gift::escape);
        // A text opening with '[' would read as a format marker such as [html].
        let marker = if text.starts_with('[') { "[plain]" } else { "" };
        let _ = writeln!(out, "::{}::{marker}{text} {{", gift::escape(&q.id));
        if let Some(o) = q
            .options
            .iter()
            .find(|o| o.text.kk.contains("->") || o.text.ru.contains("->"))
        {
            return Err(ExportError {
                id: q.id.clone(),
                format: "GIFT",
                why: format!(
                    "its option '{}' holds '->', which GIFT reads as a matching question",
                    o.id
                ),
            });
        }
        let keys = q.options.iter().filter(|o| o.correct).count();
        for o in &q.options {
            let text = localized(&o.text, lang, mlang, gift::escape);
            let weight = match (q.kind, o.correct) {
                (Kind::Multiple, true) => format!("%{}%", key_weight(keys)),
                (Kind::Multiple, false) => "%-100%".to_string(),
                // A text opening with '%' would read as a weight: give the weight first.
                (Kind::Single, true) if text.starts_with('%') => "%100%".to_string(),
                (Kind::Single, false) if text.starts_with('%') => "%0%".to_string(),
                (Kind::Single, _) => String::new(),
            };
            let mark = if q.kind == Kind::Single && o.correct {
                '='
            } else {
                '~'
            };
            let marker = if text.starts_with('[') { "[plain]" } else { "" };
            let _ = writeln!(out, "  {mark}{weight}{marker}{text}");
        }
        out.push_str("}\n");
    }
    Ok(out)
}

/// Escapes text for XML character data and attribute values.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn to_moodle_xml(bank: &Bank, lang: Option<Lang>) -> Result<String, ExportError> {
    // HTML-escaped text, so that flattening on import gives it back; in CDATA, where
    // the escaped text cannot hold the `]]>` that would end it.
    let span = |kk: &str, ru: &str| {
        format!(
            "<span lang=\"kk\" class=\"multilang\">{}</span><span lang=\"ru\" class=\"multilang\">{}</span>",
            xml_escape(kk),
            xml_escape(ru)
        )
    };
    let html = |t: &Localized| format!("<![CDATA[{}]]>", localized(t, lang, span, xml_escape));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Exported by synaq (docs/bank-format.md): re-imports to the same bank. -->\n<quiz>\n",
    );
    let mut current = None;
    for (n, q) in bank.questions.iter().enumerate() {
        check(q, "Moodle XML")?;
        let cat = category(q);
        if current.as_ref() != Some(&cat) {
            let _ = write!(
                out,
                "  <question type=\"category\">\n    <category>\n      <text>{}</text>\n    </category>\n    <info format=\"html\">\n      <text></text>\n    </info>\n  </question>\n",
                xml_escape(&cat)
            );
            current = Some(cat);
        }
        let single = q.kind == Kind::Single;
        let _ = write!(
            out,
            "<!-- question: {}  -->\n  <question type=\"multichoice\">\n    <name>\n      <text>{}</text>\n    </name>\n    <questiontext format=\"html\">\n      <text>{}</text>\n    </questiontext>\n    <generalfeedback format=\"html\">\n      <text></text>\n    </generalfeedback>\n    <defaultgrade>1.0000000</defaultgrade>\n    <penalty>0.0000000</penalty>\n    <hidden>0</hidden>\n    <idnumber>{}</idnumber>\n    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n",
            n + 1,
            xml_escape(&q.id),
            html(&q.text),
            xml_escape(&q.id),
        );
        let keys = q.options.iter().filter(|o| o.correct).count();
        for o in &q.options {
            let fraction = match (single, o.correct) {
                (true, true) => "100".to_string(),
                (true, false) => "0".to_string(),
                (false, true) => key_weight(keys),
                (false, false) => "-100".to_string(),
            };
            let _ = write!(
                out,
                "    <answer fraction=\"{fraction}\" format=\"html\">\n      <text>{}</text>\n      <feedback format=\"html\">\n        <text></text>\n      </feedback>\n    </answer>\n",
                html(&o.text)
            );
        }
        out.push_str("    <tags>\n");
        for (key, value) in tags(q, false) {
            let _ = writeln!(
                out,
                "      <tag>\n        <text>{}</text>\n      </tag>",
                xml_escape(&format!("{key}:{value}"))
            );
        }
        out.push_str("    </tags>\n  </question>\n");
    }
    out.push_str("</quiz>\n");
    Ok(out)
}
