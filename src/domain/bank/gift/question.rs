//! One GIFT question: `::title:: [format] text {answers} trailing text`.
//!
//! The title is ignored (ids come from `[id:…]` tags). Text after the answer block is kept,
//! the block becoming a `_____` gap, as Moodle shows a missing-word question.

use super::Ch;
use crate::domain::bank::diagnostic::{BankError, Location};
use crate::domain::bank::draft::{Draft, DraftOption, DraftText, Spanned};
use crate::domain::bank::model::Kind;

type Errors = Vec<(Location, BankError)>;

/// The format markers Moodle writes before a text, and whether the text is HTML.
const FORMAT_MARKERS: [(&str, bool); 4] = [
    ("[html]", true),
    ("[moodle]", false),
    ("[plain]", false),
    ("[markdown]", false),
];

fn string(chars: &[Ch]) -> String {
    chars.iter().map(|c| c.c).collect()
}

fn skip_ws(chars: &[Ch]) -> &[Ch] {
    let n = chars.iter().take_while(|c| c.c.is_whitespace()).count();
    &chars[n..]
}

fn is_blank(chars: &[Ch]) -> bool {
    chars.iter().all(|c| c.c.is_whitespace())
}

/// Reports the unescaped control characters in a stretch of text.
fn unescaped(chars: &[Ch], controls: &[char], errors: &mut Errors) {
    for c in chars.iter().filter(|c| controls.iter().any(|&k| c.is(k))) {
        errors.push((c.at(), BankError::UnescapedControl(c.c)));
    }
}

/// Reads one question's characters into the draft.
pub(super) fn read(chars: &[Ch], d: &mut Draft) -> Result<(), Errors> {
    let mut errors = Errors::new();
    let mut rest = skip_ws(chars);
    if rest.len() >= 2 && rest[0].is(':') && rest[1].is(':') {
        let close =
            (2..rest.len().saturating_sub(1)).find(|&i| rest[i].is(':') && rest[i + 1].is(':'));
        match close {
            Some(i) => rest = skip_ws(&rest[i + 2..]),
            None => {
                return Err(vec![(
                    rest[0].at(),
                    BankError::Syntax("unclosed '::' title".into()),
                )]);
            }
        }
    }
    let mut html = false;
    let head = string(&rest[..rest.len().min(10)]).to_ascii_lowercase();
    for (marker, is_html) in FORMAT_MARKERS {
        if head.starts_with(marker) {
            html = is_html;
            rest = &rest[marker.chars().count()..];
        }
    }
    let Some(open) = rest.iter().position(|c| c.is('{')) else {
        let at = rest.first().map_or(d.at.clone(), Ch::at);
        return Err(vec![(at, BankError::UnsupportedType("description".into()))]);
    };
    let (before, block_and_after) = rest.split_at(open);
    let open_ch = block_and_after[0];
    let Some(close) = block_and_after.iter().position(|c| c.is('}')) else {
        return Err(vec![(
            open_ch.at(),
            BankError::Syntax("unclosed '{'".into()),
        )]);
    };
    let block = &block_and_after[1..close];
    let after = &block_and_after[close + 1..];
    unescaped(before, &['}', '~', '=', '#'], &mut errors);
    unescaped(block, &['{'], &mut errors);
    unescaped(after, &['{', '}', '~', '=', '#'], &mut errors);

    let mut text = string(before);
    if !is_blank(after) {
        text = format!("{} _____ {}", text.trim_end(), string(after).trim_start());
    }
    let text_at = skip_ws(before).first().unwrap_or(&open_ch).at();
    match DraftText::read(&text, text_at, d.lang, html) {
        Ok(t) => d.text = t,
        Err(e) => errors.push((d.at.clone(), e)),
    }
    d.options_at = open_ch.at();
    match classify(block) {
        Some(kind) => errors.push((open_ch.at(), BankError::UnsupportedType(kind.into()))),
        None => match true_false(block) {
            Some(answer) => {
                d.kind = Some(Spanned::new(Kind::Single, open_ch.at()));
                d.options = DraftOption::true_false(answer, d.lang, open_ch.at());
            }
            None => multichoice(block, d, html, &mut errors),
        },
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The Moodle type of a block that is not multiple choice or true/false, to refuse it.
fn classify(block: &[Ch]) -> Option<&'static str> {
    let inner = skip_ws(block);
    if inner.is_empty() {
        return Some("essay");
    }
    if inner[0].is('#') {
        return Some("numerical");
    }
    if block.windows(2).any(|w| w[0].is('-') && w[1].is('>')) {
        return Some("matching");
    }
    if true_false(block).is_none() && !block.iter().any(|c| c.is('~')) {
        return Some("shortanswer");
    }
    None
}

/// `{T}`, `{TRUE}`, `{F}`, `{FALSE}` (feedback after `#` allowed) → the key.
fn true_false(block: &[Ch]) -> Option<bool> {
    let end = block.iter().position(|c| c.is('#')).unwrap_or(block.len());
    match string(&block[..end]).trim().to_ascii_uppercase().as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `=key ~distractor ~%50%partial#feedback`: positive weights are keys and make the
/// question multiple choice.
fn multichoice(block: &[Ch], d: &mut Draft, html: bool, errors: &mut Errors) {
    let starts: Vec<usize> = (0..block.len())
        .filter(|&i| block[i].is('=') || block[i].is('~'))
        .collect();
    if let Some(&first) = starts.first()
        && !is_blank(&block[..first])
    {
        let at = skip_ws(block)[0].at();
        errors.push((
            at,
            BankError::Syntax("text before the first answer marker".into()),
        ));
    }
    for &i in &starts {
        if i > 0 && !block[i - 1].c.is_whitespace() {
            errors.push((block[i].at(), BankError::UnescapedControl(block[i].c)));
        }
    }
    let mut multiple = false;
    for (k, &i) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(block.len());
        let marker = block[i];
        let mut answer = &block[i + 1..end];
        let mut weight = None;
        if answer.first().is_some_and(|c| c.c == '%')
            && let Some(p) = answer[1..].iter().position(|c| c.c == '%')
        {
            let raw = string(&answer[1..=p]);
            match raw.trim().parse::<f64>() {
                Ok(w) => weight = Some(w),
                Err(_) => errors.push((
                    answer[0].at(),
                    BankError::Syntax(format!("weight '%{raw}%' is not a number")),
                )),
            }
            answer = &answer[p + 2..];
        }
        let feedback = answer
            .iter()
            .position(|c| c.is('#'))
            .unwrap_or(answer.len());
        let mut answer = &answer[..feedback];
        // Moodle writes each answer's own format marker: `~[html]<p>90</p>`.
        let mut answer_html = html;
        let head = string(&skip_ws(answer)[..skip_ws(answer).len().min(10)]).to_ascii_lowercase();
        for (marker, is_html) in FORMAT_MARKERS {
            if head.starts_with(marker) {
                answer_html = is_html;
                answer = &skip_ws(answer)[marker.chars().count()..];
                break;
            }
        }
        let correct = match (marker.c, weight) {
            ('=', _) => true,
            (_, Some(w)) if w > 0.0 => {
                multiple = true;
                true
            }
            _ => false,
        };
        let at = skip_ws(answer).first().unwrap_or(&marker).at();
        match DraftText::read(&string(answer), at, d.lang, answer_html) {
            Ok(text) => d.push_option(DraftOption {
                id: None,
                text,
                correct,
                pinned: false,
                at: marker.at(),
            }),
            Err(e) => errors.push((marker.at(), e)),
        }
    }
    let kind = if multiple {
        Kind::Multiple
    } else {
        Kind::Single
    };
    d.kind = Some(Spanned::new(kind, d.options_at.clone()));
}
