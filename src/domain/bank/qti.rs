//! IMS QTI 2.1 and 3.0 items with a `choiceInteraction`, in an IMS content package.
//!
//! A package is a zip holding `imsmanifest.xml`, whose `<resource type="imsqti_item_…"
//! href="…">` entries name the item files. [`unpack`] reads the manifest and those files out
//! of the zip, within bounds ([`MAX_ENTRY_BYTES`], [`MAX_PACKAGE_BYTES`]: a zip bomb is cut
//! off at the bound, whatever its headers claim), into [`SourceFile`]s named
//! `package.zip/items/q1.xml`, so that every diagnostic names the file inside the package and
//! its line. [`parse`] reads one item: QTI 2.1 (`assessmentItem`, `choiceInteraction`,
//! `simpleChoice`) or 3.0 (`qti-assessment-item`, `qti-choice-interaction`,
//! `qti-simple-choice`). Single response (`cardinality="single"`) is single choice, multiple
//! response multiple choice; `correctResponse` values are the keys; `fixed="true"` pins a
//! choice; the item's `identifier` is the question id when it is a valid one (else the id is
//! derived); `xml:lang` (`ru`, `kk-KZ`) gives the language, else the file's, else the letters.
//! Text is the item body outside the interaction and the prompt, flattened. Any other
//! interaction is refused at its line. QTI carries no section, profile or topic: they come
//! from the import defaults.

use std::io::Read;

use super::diagnostic::{BankError, Diagnostic, Location};
use super::draft::{Draft, DraftOption, DraftText, Spanned};
use super::intake::Intake;
use super::model::{Kind, Lang};
use super::moodle_xml::tree::{self, Element, Node};
use super::source::{Format, SourceFile};
use super::validate::is_valid_id;

/// Bytes of one file of a package once decompressed (a QTI item is a few KiB).
pub const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;
/// Bytes of all the files read from one package once decompressed.
pub const MAX_PACKAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a file handed in is a zip package: by its name, or by the zip signature.
pub fn is_package(name: &str, bytes: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(".zip") || bytes.starts_with(b"PK\x03\x04")
}

/// The local name of an element, QTI 2.1 and 3.0 alike: prefix dropped, `qti-` dropped,
/// hyphens dropped, lower case (`qti-simple-choice` and `simpleChoice` are `simplechoice`).
fn local(name: &str) -> String {
    let name = name.rsplit(':').next().unwrap_or(name);
    let name = name.strip_prefix("qti-").unwrap_or(name);
    name.replace('-', "").to_ascii_lowercase()
}

fn descendants<'a>(el: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for child in el.elements() {
        if local(&child.name) == name {
            out.push(child);
        }
        descendants(child, name, out);
    }
}

fn find<'a>(el: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    descendants(el, name, &mut out);
    out
}

/// Reads the item files of a package (see the module doc). `lang` is the package's language
/// as the caller knows it; an item file's own name (`q1.ru.xml`) wins over it.
pub fn unpack(
    name: &str,
    bytes: &[u8],
    lang: Option<Lang>,
) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    let fail = |at: Location, e: BankError| vec![Diagnostic::new(name, at, e)];
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        fail(
            Location::File,
            BankError::Syntax(format!("not a zip package: {e}")),
        )
    })?;
    let mut budget = MAX_PACKAGE_BYTES;
    let mut read = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
                    entry: &str|
     -> Result<Option<String>, BankError> {
        let file = match zip.by_name(entry) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(BankError::Syntax(format!("{entry}: {e}"))),
        };
        let limit = MAX_ENTRY_BYTES.min(budget);
        let mut buf = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| BankError::Syntax(format!("{entry}: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(BankError::PackageTooBig {
                entry: entry.to_string(),
                max: limit,
            });
        }
        budget -= buf.len() as u64;
        String::from_utf8(buf).map(Some).map_err(|e| {
            BankError::Syntax(format!(
                "{entry}: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })
    };
    let manifest_name = format!("{name}/imsmanifest.xml");
    let manifest = match read(&mut zip, "imsmanifest.xml") {
        Ok(Some(m)) => m,
        Ok(None) => {
            let e = BankError::Syntax("no imsmanifest.xml at the top of the package".into());
            return Err(fail(Location::File, e));
        }
        Err(e) => return Err(fail(Location::File, e)),
    };
    let content = manifest.strip_prefix('\u{feff}').unwrap_or(&manifest);
    let root =
        tree::parse(content).map_err(|(at, e)| vec![Diagnostic::new(&manifest_name, at, e)])?;
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for resource in find(&root, "resource") {
        let kind = resource.attr("type").unwrap_or("");
        if !kind.starts_with("imsqti_item") {
            continue;
        }
        let Some(href) = resource.attr("href") else {
            let e = BankError::Syntax("QTI item resource without href".into());
            diags.push(Diagnostic::new(&manifest_name, resource.location(), e));
            continue;
        };
        if files.len() >= super::validate::limits::QUESTIONS {
            let max = super::validate::limits::QUESTIONS;
            diags.push(Diagnostic::new(
                &manifest_name,
                resource.location(),
                BankError::TooManyQuestions { max },
            ));
            break;
        }
        let entry = href.trim_start_matches("./");
        match read(&mut zip, entry) {
            Ok(Some(text)) => {
                let file = format!("{name}/{entry}");
                let lang = SourceFile::lang_from_name(&file).or(lang);
                files.push(SourceFile {
                    name: file,
                    content: text,
                    format: Some(Format::Qti),
                    lang,
                });
            }
            Ok(None) => {
                let e = BankError::Syntax(format!(
                    "the manifest names {entry}, which the package does not hold"
                ));
                diags.push(Diagnostic::new(&manifest_name, resource.location(), e));
            }
            Err(e) => diags.push(Diagnostic::new(&manifest_name, resource.location(), e)),
        }
    }
    if files.is_empty() && diags.is_empty() {
        let e = BankError::Syntax(
            "the manifest lists no QTI item (resource type imsqti_item_…)".into(),
        );
        diags.push(Diagnostic::new(&manifest_name, Location::at(1, 1), e));
    }
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// Block elements: their text is apart from the text around it.
const BLOCKS: [&str; 10] = [
    "p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "h1",
];

/// The text of an element and its descendants, flattened; `skip` (the interaction) is left
/// out, and an image refused.
fn flat(el: &Element, skip: &[&str], out: &mut String) -> Result<(), (Location, BankError)> {
    for node in &el.children {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(child) => {
                let name = local(&child.name);
                if name == "img" || name == "object" {
                    return Err((child.location(), BankError::Image));
                }
                if skip.contains(&name.as_str()) {
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    out.push(' ');
                }
                flat(child, skip, out)?;
                if block {
                    out.push(' ');
                }
            }
        }
    }
    Ok(())
}

/// `ru`, `ru-RU`, `kk_KZ` → the language; others are none of ours.
fn xml_lang(code: &str) -> Option<Lang> {
    let base = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Lang::parse(&base)
}

/// The interactions under `el`, in document order (an interaction's own children are not
/// searched: a prompt holds none).
fn interactions_of<'a>(el: &'a Element, out: &mut Vec<&'a Element>) {
    for child in el.elements() {
        if local(&child.name).ends_with("interaction") {
            out.push(child);
        } else {
            interactions_of(child, out);
        }
    }
}

/// Reads one QTI item file into a draft.
pub(crate) fn parse(file: &str, content: &str, lang: Option<Lang>, intake: &mut Intake) {
    let root = match tree::parse(content) {
        Ok(root) => root,
        Err((at, e)) => return intake.error(file, at, e),
    };
    let Some(item) = root.elements().find(|e| local(&e.name) == "assessmentitem") else {
        let e = BankError::Syntax(
            "no assessmentItem (QTI 2.1) or qti-assessment-item (QTI 3.0) root".into(),
        );
        return intake.error(file, Location::at(1, 1), e);
    };
    if !intake.question(file, &item.location()) {
        return;
    }
    match read_item(file, item, lang) {
        Ok(d) => intake.drafts.push(d),
        Err(errors) => errors
            .into_iter()
            .for_each(|(at, e)| intake.error(file, at, e)),
    }
}

fn read_item(
    file: &str,
    item: &Element,
    lang: Option<Lang>,
) -> Result<Draft, Vec<(Location, BankError)>> {
    let mut errors = Vec::new();
    let item_lang = item.attr("xml:lang").map(|l| (l, xml_lang(l)));
    let lang = match item_lang {
        Some((_, Some(l))) => Some(l),
        Some((code, None)) => {
            let e = BankError::Syntax(format!("xml:lang '{code}' is neither kk nor ru"));
            return Err(vec![(item.location(), e)]);
        }
        None => lang,
    };
    let mut d = Draft::new(file, lang, item.location());
    if let Some(id) = item
        .attr("identifier")
        .map(str::trim)
        .filter(|id| is_valid_id(id))
    {
        d.id = Some(Spanned::new(id.to_string(), item.location()));
    }
    let mut interactions = Vec::new();
    for body in find(item, "itembody") {
        interactions_of(body, &mut interactions);
    }
    let interaction = match interactions.as_slice() {
        [] => {
            return Err(vec![(
                item.location(),
                BankError::Syntax("no choiceInteraction in the item body".into()),
            )]);
        }
        [one] if local(&one.name) == "choiceinteraction" => *one,
        [one] => {
            let kind = local(&one.name);
            return Err(vec![(one.location(), BankError::UnsupportedType(kind))]);
        }
        [_, second, ..] => {
            let e = BankError::Syntax(
                "more than one interaction in an item; one choiceInteraction is imported".into(),
            );
            return Err(vec![(second.location(), e)]);
        }
    };
    // QTI 2.1 writes attributes in camel case, 3.0 in kebab case.
    let attr =
        |el: &'_ Element, v21: &str, v30: &str| el.attr(v21).or(el.attr(v30)).map(str::to_string);
    let response_id = attr(interaction, "responseIdentifier", "response-identifier")
        .unwrap_or_else(|| "RESPONSE".to_string());
    let declaration = find(item, "responsedeclaration")
        .into_iter()
        .find(|r| r.attr("identifier") == Some(response_id.as_str()));
    let multiple = declaration.is_some_and(|r| r.attr("cardinality") == Some("multiple"))
        || attr(interaction, "maxChoices", "max-choices").is_some_and(|m| m.trim() != "1");
    let kind = if multiple {
        Kind::Multiple
    } else {
        Kind::Single
    };
    d.kind = Some(Spanned::new(kind, interaction.location()));
    let keys: Vec<(String, Location)> = declaration
        .map(|r| {
            find(r, "value")
                .into_iter()
                .map(|v| (v.text().trim().to_string(), v.location()))
                .collect()
        })
        .unwrap_or_default();
    if declaration.is_none() {
        let e = BankError::Syntax(format!(
            "no responseDeclaration '{response_id}' gives the correct response"
        ));
        errors.push((interaction.location(), e));
    }
    let mut text = String::new();
    let body = find(item, "itembody");
    for b in &body {
        if let Err(e) = flat(b, &["choiceinteraction"], &mut text) {
            errors.push(e);
        }
    }
    for prompt in find(interaction, "prompt") {
        text.push(' ');
        if let Err(e) = flat(prompt, &[], &mut text) {
            errors.push(e);
        }
    }
    let text_at = body.first().map_or(item.location(), |b| b.location());
    match DraftText::read(&text, text_at.clone(), lang, false) {
        Ok(t) => d.text = t,
        Err(e) => errors.push((text_at, e)),
    }
    let choices = find(interaction, "simplechoice");
    d.options_at = choices
        .first()
        .map_or(interaction.location(), |c| c.location());
    let mut known = Vec::new();
    for c in choices {
        let ident = c.attr("identifier").unwrap_or("").trim().to_string();
        let mut raw = String::new();
        if let Err(e) = flat(c, &["feedbackinline"], &mut raw) {
            errors.push(e);
            continue;
        }
        let text = match DraftText::read(&raw, c.location(), lang, false) {
            Ok(t) => t,
            Err(e) => {
                errors.push((c.location(), e));
                continue;
            }
        };
        let option_id = ident.to_ascii_lowercase();
        let valid = !option_id.is_empty()
            && option_id.len() <= 16
            && option_id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-');
        d.push_option(DraftOption {
            id: valid.then(|| Spanned::new(option_id, c.location())),
            text,
            correct: keys.iter().any(|(k, _)| *k == ident),
            pinned: c.attr("fixed") == Some("true"),
            at: c.location(),
        });
        known.push(ident);
    }
    for (key, at) in &keys {
        if !known.contains(key) {
            let e = BankError::Syntax(format!("correct response '{key}' names no simpleChoice"));
            errors.push((at.clone(), e));
        }
    }
    if errors.is_empty() {
        Ok(d)
    } else {
        Err(errors)
    }
}
