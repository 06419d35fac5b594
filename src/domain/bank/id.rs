//! Ids derived from a question's content, for questions whose file gives none (a Moodle
//! export names questions, but the names are neither unique nor stable).
//!
//! The id is `q-` and the first 10 hex digits of the SHA-256 of the question's normalised
//! texts (both languages) and its options with their keys: re-importing the same content
//! gives the same id whatever its position in the file or the metadata around it, and
//! changing a word of it gives another. The import reports each derived id as a note so that
//! the author can write it into the file and keep it when the text is later corrected.

use super::draft::{Draft, DraftText};
use super::model::Lang;
use super::text::normalize;

/// Hex digits of the digest kept: 40 bits, so that 20,000 questions (the bank's limit)
/// collide with a chance of about 2 in 10,000 — and a collision is still reported, as a
/// duplicate id naming both questions.
const DIGITS: usize = 10;

/// The content-derived id of a draft (see the module doc).
pub fn derive(d: &Draft) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(b"synaq-question-id/1\n");
    let text = |ctx: &mut ring::digest::Context, t: &DraftText| {
        for lang in Lang::ALL {
            let s = t
                .lang(lang)
                .map(|s| normalize(&s.value))
                .or_else(|| t.unmarked.as_deref().map(normalize))
                .unwrap_or_default();
            ctx.update(s.as_bytes());
            ctx.update(b"\n");
        }
    };
    text(&mut ctx, &d.text);
    for o in &d.options {
        text(&mut ctx, &o.text);
        ctx.update(if o.correct { b"=\n" } else { b"~\n" });
    }
    let digest = ctx.finish();
    let mut id = hex::encode(digest.as_ref());
    id.truncate(DIGITS);
    format!("q-{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::diagnostic::Location;
    use crate::domain::bank::draft::DraftOption;

    fn draft(at: u32, ru: &str, key: usize) -> Draft {
        let mut d = Draft::new("f.gift", None, Location::at(at, 1));
        d.text.set(Lang::Kk, "Сұрақ".into());
        d.text.set(Lang::Ru, ru.into());
        for (i, t) in ["1", "2"].into_iter().enumerate() {
            let mut text = DraftText::empty(Location::at(at, 1));
            text.set(Lang::Kk, t.into());
            text.set(Lang::Ru, t.into());
            d.options.push(DraftOption {
                id: None,
                text,
                correct: i == key,
                pinned: false,
                at: Location::at(at, 1),
            });
        }
        d
    }

    #[test]
    fn the_same_content_anywhere_gets_the_same_id() {
        let id = derive(&draft(3, "Вопрос", 0));
        assert_eq!(
            id,
            derive(&draft(40, "  Вопрос ", 0)),
            "position and spacing do not count"
        );
        assert!(id.starts_with("q-") && id.len() == 12, "{id}");
        assert!(crate::domain::bank::validate::is_valid_id(&id));
    }

    #[test]
    fn another_text_or_key_gets_another_id() {
        let id = derive(&draft(3, "Вопрос", 0));
        assert_ne!(id, derive(&draft(3, "Вопрос?", 0)));
        assert_ne!(id, derive(&draft(3, "Вопрос", 1)));
    }
}
