//! The metadata convention for formats that carry none of their own (GIFT, Aiken, Moodle XML).
//!
//! * A category path gives section and topic: `$CATEGORY: $course$/top/legal/Labour code`
//!   (GIFT, Aiken) or `<category><text>…</text></category>` (XML). Moodle prefixes
//!   (`$course$/`, `$system$/`, …) and `top/` are dropped; if the first remaining segment is
//!   `legal` or `functional` it is the section and the rest (joined by `/`) the topic,
//!   otherwise the whole path is the topic. `//` inside a name is Moodle's escaped `/`.
//! * Tags give the rest, as `key:value`: in GIFT and Aiken as `[key:value]` groups on `//`
//!   comment lines above the question, in XML as `<tags><tag><text>key:value</text></tag>`.
//!   Keys: `id section topic profile difficulty act clause valid_from valid_to pinned`
//!   (`pinned`: 1-based positions of the options that keep their place, `[pinned:4]`), and
//!   `option_ids` (the options' ids by position, `[option_ids:yes,no]`; default a, b, c, ...). `profile`
//!   takes a comma-separated list and may repeat. A tag beats the caller's category map
//!   (`map`), which beats the category path, which beats the caller's defaults.

use super::diagnostic::{BankError, Location};
use super::draft::{Draft, Spanned};

/// The metadata keys a tag may use.
pub const TAG_KEYS: [&str; 11] = [
    "id",
    "section",
    "topic",
    "profile",
    "difficulty",
    "act",
    "clause",
    "valid_from",
    "valid_to",
    "pinned",
    "option_ids",
];

/// `[key:value]` groups in one comment line; `col` is the column of `text`'s first character.
/// Bracket groups without a colon are ordinary comment text.
pub(crate) fn comment_tags(text: &str, line: u32, col: u32) -> Vec<(String, String, Location)> {
    let mut tags = Vec::new();
    let mut chars = text.char_indices().peekable();
    let col_of = |byte: usize| col + text[..byte].chars().count() as u32;
    while let Some((i, c)) = chars.next() {
        if c != '[' {
            continue;
        }
        let Some(len) = text[i + 1..].find(']') else {
            break;
        };
        let body = &text[i + 1..i + 1 + len];
        if let Some((key, value)) = body.split_once(':') {
            let key = key.trim();
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                tags.push((
                    key.to_ascii_lowercase(),
                    value.trim().to_string(),
                    Location::at(line, col_of(i)),
                ));
            }
        }
        while chars.peek().is_some_and(|&(j, _)| j <= i + len) {
            chars.next();
        }
    }
    tags
}

/// Applies one `key:value` tag to a draft. Single-valued keys may be given once.
pub(crate) fn apply_tag(
    draft: &mut Draft,
    key: &str,
    value: &str,
    at: Location,
) -> Result<(), BankError> {
    let value_s = Spanned::new(value.to_string(), at.clone());
    let slot = match key {
        "profile" => {
            for tag in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                draft
                    .profile
                    .push(Spanned::new(tag.to_string(), at.clone()));
            }
            return Ok(());
        }
        "id" => &mut draft.id,
        "section" => &mut draft.section,
        "topic" => &mut draft.topic,
        "difficulty" => &mut draft.difficulty,
        "act" => &mut draft.legal_mut(&at).act,
        "clause" => &mut draft.legal_mut(&at).clause,
        "valid_from" => &mut draft.legal_mut(&at).valid_from,
        "valid_to" => &mut draft.legal_mut(&at).valid_to,
        "pinned" => &mut draft.pinned,
        "option_ids" => &mut draft.option_ids,
        _ => return Err(BankError::UnknownTag(key.to_string())),
    };
    if slot.is_some() {
        return Err(BankError::Field(format!("tag '{key}' given twice")));
    }
    *slot = Some(value_s);
    Ok(())
}

/// Section and topic from a Moodle category path (see the module doc).
pub(crate) fn category(path: &str) -> (Option<String>, Option<String>) {
    const SLASH: char = '\u{0}';
    let path = path.trim().replace("//", &SLASH.to_string());
    let mut segments: Vec<String> = path
        .split('/')
        .map(|s| s.replace(SLASH, "/").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if segments
        .first()
        .is_some_and(|s| s.starts_with('$') && s.ends_with('$') && s.len() > 1)
    {
        segments.remove(0);
    }
    if segments.first().is_some_and(|s| s == "top") {
        segments.remove(0);
    }
    let section = segments
        .first()
        .map(|s| s.to_ascii_lowercase())
        .filter(|s| s == "legal" || s == "functional");
    if section.is_some() {
        segments.remove(0);
    }
    let topic = (!segments.is_empty()).then(|| segments.join("/"));
    (section, topic)
}

/// Records the category a question is under; `resolve_category` reads it once the tags and
/// the caller's map have had their say.
pub(crate) fn apply_category(draft: &mut Draft, path: Option<&Spanned<String>>) {
    draft.category = path.cloned();
}

/// Fills section and topic from the draft's category where neither a tag nor the map gave
/// them.
pub(crate) fn resolve_category(draft: &mut Draft) {
    let Some(path) = draft.category.clone() else {
        return;
    };
    let (section, topic) = category(&path.value);
    if draft.section.is_none() {
        draft.section = section.map(|s| Spanned::new(s, path.at.clone()));
    }
    if draft.topic.is_none() {
        draft.topic = topic.map(|t| Spanned::new(t, path.at.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_path_gives_section_and_topic() {
        assert_eq!(
            category("$course$/top/legal/Labour code//amendments"),
            (Some("legal".into()), Some("Labour code/amendments".into()))
        );
        assert_eq!(category("functional"), (Some("functional".into()), None));
        assert_eq!(category("Misc/Ethics"), (None, Some("Misc/Ethics".into())));
    }

    #[test]
    fn comment_tags_are_located_and_plain_brackets_ignored() {
        let tags = comment_tags("[id:L-001] [TODO] [profile:all, group:management]", 3, 4);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0], ("id".into(), "L-001".into(), Location::at(3, 4)));
        assert_eq!(tags[1].2, Location::at(3, 22));
    }

    #[test]
    fn unknown_or_repeated_tag_is_refused() {
        let mut d = Draft::new("f", None, Location::File);
        assert!(apply_tag(&mut d, "id", "a", Location::File).is_ok());
        assert!(apply_tag(&mut d, "id", "b", Location::File).is_err());
        assert_eq!(
            apply_tag(&mut d, "level", "2", Location::File),
            Err(BankError::UnknownTag("level".into()))
        );
    }
}
