//! Moodle XML (`<quiz><question type="…">…</question></quiz>`): reading into drafts.
//!
//! Imported: `multichoice` (`<single>true</single>` single choice, `false` multiple; answers
//! with a positive `fraction` are keys) and `truefalse`. `<question type="category">` sets
//! section and topic for the questions after it; `<idnumber>` gives the id; `<tags>` of the
//! form `key:value` give the rest (see `meta`; tags without a colon are Moodle's own and
//! ignored). Every other type (essay, matching, shortanswer, numerical, cloze, description,
//! …) is refused at its `<question>` line. HTML texts (`format="html"`, the default, or
//! `moodle_auto_format`) are flattened to plain text; `plain_text` and `markdown` are kept.

pub(crate) mod tree;

use tree::Element;

use super::diagnostic::{BankError, Location};
use super::draft::{Draft, DraftOption, DraftText, Spanned};
use super::intake::Intake;
use super::meta::{apply_category, apply_tag};
use super::model::{Kind, Lang};

type Errors = Vec<(Location, BankError)>;

/// Whether a `format` attribute means HTML.
fn is_html(el: &Element) -> bool {
    matches!(
        el.attr("format"),
        None | Some("html") | Some("moodle_auto_format")
    )
}

/// The `<text>` of an element such as `<questiontext>` or `<answer>`, as a draft text.
fn text_of(el: &Element, lang: Option<Lang>, errors: &mut Errors) -> DraftText {
    let (raw, at) = match el.child("text") {
        Some(t) => (t.text(), t.location()),
        None => (String::new(), el.location()),
    };
    DraftText::read(&raw, at.clone(), lang, is_html(el)).unwrap_or_else(|e| {
        errors.push((at.clone(), e));
        DraftText::empty(at)
    })
}

fn question(q: &Element, d: &mut Draft, kind: &str) -> Result<(), Errors> {
    let mut errors = Errors::new();
    if let Some(id) = q.child("idnumber").filter(|i| !i.text().trim().is_empty()) {
        d.id = Some(Spanned::new(id.text().trim().to_string(), id.location()));
    }
    if let Some(tags) = q.child("tags") {
        for tag in tags.elements().filter(|t| t.name == "tag") {
            let (value, at) = match tag.child("text") {
                Some(t) => (t.text(), t.location()),
                None => (tag.text(), tag.location()),
            };
            if let Some((key, value)) = value.split_once(':')
                && let Err(e) = apply_tag(d, key.trim(), value.trim(), at.clone())
            {
                errors.push((at, e));
            }
        }
    }
    match q.child("questiontext") {
        Some(qt) => d.text = text_of(qt, d.lang, &mut errors),
        None => errors.push((q.location(), BankError::Syntax("no <questiontext>".into()))),
    }
    let answers: Vec<&Element> = q.elements().filter(|e| e.name == "answer").collect();
    d.options_at = answers.first().map_or(q.location(), |a| a.location());
    let fraction = |a: &Element, errors: &mut Errors| match a
        .attr("fraction")
        .unwrap_or("0")
        .trim()
        .parse::<f64>()
    {
        Ok(f) => f,
        Err(_) => {
            errors.push((
                a.location(),
                BankError::Syntax("fraction is not a number".into()),
            ));
            0.0
        }
    };
    if kind == "truefalse" {
        let key = answers
            .iter()
            .find(|a| fraction(a, &mut Vec::new()) > 0.0)
            .map(|a| a.child("text").map(Element::text).unwrap_or_default());
        match key.as_deref().map(str::trim) {
            Some("true") => d.options = DraftOption::true_false(true, d.lang, d.options_at.clone()),
            Some("false") => {
                d.options = DraftOption::true_false(false, d.lang, d.options_at.clone())
            }
            _ => errors.push((d.options_at.clone(), BankError::NoKey)),
        }
        d.kind = Some(Spanned::new(Kind::Single, q.location()));
    } else {
        let single = q
            .child("single")
            .map(|s| s.text().trim().to_ascii_lowercase());
        let kind = match single.as_deref() {
            Some("false") | Some("0") => Kind::Multiple,
            _ => Kind::Single,
        };
        d.kind = Some(Spanned::new(
            kind,
            q.child("single").map_or(q.location(), Element::location),
        ));
        for a in answers {
            let correct = fraction(a, &mut errors) > 0.0;
            let text = text_of(a, d.lang, &mut errors);
            d.push_option(DraftOption {
                id: None,
                text,
                correct,
                pinned: false,
                at: a.location(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Reads a Moodle XML file into drafts; `lang` makes it monolingual.
pub(crate) fn parse(file: &str, content: &str, lang: Option<Lang>, intake: &mut Intake) {
    let root = match tree::parse(content) {
        Ok(root) => root,
        Err((at, e)) => return intake.error(file, at, e),
    };
    let Some(quiz) = root.child("quiz") else {
        let e = BankError::Syntax("no <quiz> root element".into());
        return intake.error(file, Location::at(1, 1), e);
    };
    let mut category: Option<Spanned<String>> = None;
    for q in quiz.elements().filter(|e| e.name == "question") {
        match q.attr("type").unwrap_or("") {
            "category" => {
                let path = q.child("category").and_then(|c| c.child("text"));
                category = path.map(|p| Spanned::new(p.text(), p.location()));
            }
            kind @ ("multichoice" | "truefalse") => {
                if !intake.question(file, &q.location()) {
                    return;
                }
                let mut d = Draft::new(file, lang, q.location());
                let result = question(q, &mut d, kind);
                apply_category(&mut d, category.as_ref());
                match result {
                    Ok(()) => intake.drafts.push(d),
                    Err(errors) => {
                        for (at, e) in errors {
                            intake.error(file, at, e);
                        }
                    }
                }
            }
            other => {
                if !intake.question(file, &q.location()) {
                    return;
                }
                let e = BankError::UnsupportedType(other.to_string());
                intake.error(file, q.location(), e);
            }
        }
    }
}
