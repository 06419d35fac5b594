//! Finding a position or category from what a person typed (seed 004 names, slugs).
//!
//! Owns text normalisation (case, spacing, ё/е, dash variants), the organisation qualifier
//! that separates names shared by the TMC and the career center, and the closest-match
//! suggestions of an unknown name. The table itself is `positions`'.

use super::RuleError;
use super::positions::{Org, POSITIONS, Position};

/// How many closest matches an unknown name reports.
const SUGGESTIONS: usize = 3;

/// Brings a name to a comparable form: lower case, ё as е, every dash or minus as `-` with
/// no spaces around it, `_` as a space, one space between words, tidy parentheses and commas.
pub fn normalize(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            'ё' => s.push('е'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => s.push('-'),
            '_' => s.push(' '),
            '(' => s.push_str(" ("),
            ',' => s.push_str(", "),
            c if c.is_whitespace() => s.push(' '),
            c => s.push(c),
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .join(" ")
        .replace(" -", "-")
        .replace("- ", "-")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// The organisation named by a trailing qualifier such as "(ЦТМ)" or "(карьерный центр)".
fn org_qualifier(normalized: &str) -> Option<Org> {
    const TMC: &[&str] = &[
        "цтм",
        "центр трудовой мобильности",
        "tmc",
        "емо",
        "еңбек мобильділігі орталығы",
    ];
    const CC: &[&str] = &["карьерный центр", "кц", "cc", "мансап орталығы"];
    if TMC.contains(&normalized) {
        Some(Org::Tmc)
    } else if CC.contains(&normalized) {
        Some(Org::Cc)
    } else {
        None
    }
}

/// Splits "name (qualifier)" into the name and the organisation, when the last parenthesis
/// is an organisation qualifier; "Сторож (вахтер)" stays whole.
fn split_qualifier(normalized: &str) -> (&str, Option<Org>) {
    if let Some(body) = normalized.strip_suffix(')')
        && let Some(open) = body.rfind('(')
        && let Some(org) = org_qualifier(body[open + 1..].trim())
    {
        return (body[..open].trim_end(), Some(org));
    }
    (normalized, None)
}

/// Every spelling a position answers to, normalised.
fn spellings(p: &Position) -> impl Iterator<Item = String> + '_ {
    [p.slug, p.name_ru, p.name_kk]
        .into_iter()
        .chain(p.aliases.iter().copied())
        .map(normalize)
}

/// Finds a position by slug, Russian or Kazakh name, optionally qualified by organisation.
///
/// A bare name the TMC and the career center share is refused with the qualified choices;
/// an unknown name is refused with the three closest positions by edit distance.
pub fn find_position(input: &str) -> Result<&'static Position, RuleError> {
    let wanted = normalize(input);
    let (name, org) = split_qualifier(&wanted);
    let matches: Vec<&'static Position> = POSITIONS
        .iter()
        .filter(|p| org.is_none_or(|o| p.org == o))
        .filter(|p| spellings(p).any(|s| s == name))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(RuleError::UnknownPosition {
            input: input.to_string(),
            closest: closest(&wanted),
        }),
        many => Err(RuleError::AmbiguousPosition {
            input: input.to_string(),
            choices: many.iter().map(|p| choice(p)).collect(),
        }),
    }
}

/// How a position is offered back to the user: qualified Russian name and slug.
fn choice(p: &Position) -> String {
    format!("\"{}\" [{}]", p.qualified_name_ru(), p.slug)
}

/// The closest positions to `wanted` by edit distance over all their spellings.
///
/// A spelling scores the lesser of its distance to `wanted` and the distance of its
/// leading part of the same length, so that a short, misspelled start ("Директр") finds
/// the long names it begins; the whole-name distance breaks ties.
fn closest(wanted: &str) -> Vec<String> {
    let len = wanted.chars().count();
    let mut scored: Vec<((usize, usize), usize, &Position)> = POSITIONS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let qualified = normalize(&p.qualified_name_ru());
            let best = spellings(p)
                .chain(std::iter::once(qualified))
                .map(|s| {
                    let whole = edit_distance(wanted, &s);
                    let head: String = s.chars().take(len).collect();
                    (whole.min(edit_distance(wanted, &head)), whole)
                })
                .min()
                .unwrap_or((usize::MAX, usize::MAX));
            (best, i, p)
        })
        .collect();
    scored.sort_by_key(|&(d, i, _)| (d, i));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, _, p)| choice(p))
        .collect()
}

/// Levenshtein distance over characters (not bytes: the names are Cyrillic).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod tests;
