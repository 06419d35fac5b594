//! The category map (`--map FILE`): Moodle categories to section, profile and topic, for
//! banks whose categories already say what the questions are.
//!
//! A CSV file, one category a line: `category,section,profile,topic`. `#` lines and blank
//! lines are skipped, and so is a first line naming the columns. `category` is the path as
//! Moodle writes it, with or without its `$course$/top/` prefix; `section` is `legal`,
//! `functional` or empty; `profile` is one or more profile tags separated by spaces, or
//! empty; `topic` may be empty (the category path then gives it). A field holding a comma
//! is quoted, `"Labour law, amendments"`, a quote inside doubled. A question under a mapped
//! category takes what its tags do not give from the map, before the category path and the
//! caller's defaults. Every problem of the map is reported at its line and column.

use std::collections::HashMap;

use super::diagnostic::{BankError, Diagnostic, Location};
use super::draft::{Draft, Spanned};
use super::profile;

/// One mapped category: what its questions take.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    section: Option<Spanned<String>>,
    profile: Vec<Spanned<String>>,
    topic: Option<Spanned<String>>,
}

/// A parsed category map. Its values carry their place in the map file, so that a problem
/// found later (a topic over the limit) points into the map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryMap {
    entries: HashMap<String, Entry>,
}

/// The key a category path is matched by: Moodle's `$…$` context and `top` dropped,
/// segments trimmed and joined by `/` (`//`, Moodle's escaped slash, kept).
pub fn category_key(path: &str) -> String {
    const SLASH: char = '\u{0}';
    let path = path.trim().replace("//", &SLASH.to_string());
    let mut segments: Vec<&str> = path
        .split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments
        .first()
        .is_some_and(|s| s.starts_with('$') && s.ends_with('$') && s.len() > 1)
    {
        segments.remove(0);
    }
    if segments.first() == Some(&"top") {
        segments.remove(0);
    }
    segments.join("/").replace(SLASH, "//")
}

/// CSV fields of one line with their 1-based columns; `Err` names an unclosed quote.
fn fields(line: &str) -> Result<Vec<(String, u32)>, u32> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let start = i as u32 + 1;
        let mut field = String::new();
        if chars.get(i) == Some(&'"') {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(start),
                    Some('"') if chars.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        field.push(c);
                        i += 1;
                    }
                }
            }
            while chars.get(i).is_some_and(|&c| c != ',') {
                field.push(chars[i]);
                i += 1;
            }
        } else {
            while let Some(&c) = chars.get(i).filter(|&&c| c != ',') {
                field.push(c);
                i += 1;
            }
        }
        out.push((field.trim().to_string(), start));
        if chars.get(i) == Some(&',') {
            i += 1;
        } else {
            return Ok(out);
        }
    }
}

impl CategoryMap {
    /// Reads a map file named `name` (the name diagnostics use).
    pub fn parse(name: &str, content: &str) -> Result<CategoryMap, Vec<Diagnostic>> {
        let mut map = CategoryMap::default();
        let mut first_line: HashMap<String, u32> = HashMap::new();
        let mut diags = Vec::new();
        let mut header_allowed = true;
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        for (line, n) in content.lines().zip(1u32..) {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut error = |col: u32, e: BankError| {
                diags.push(Diagnostic::new(name, Location::at(n, col), e));
            };
            let row = match fields(line) {
                Ok(row) => row,
                Err(col) => {
                    error(col, BankError::Syntax("unclosed '\"'".into()));
                    continue;
                }
            };
            if std::mem::take(&mut header_allowed)
                && row
                    .first()
                    .is_some_and(|(f, _)| f.eq_ignore_ascii_case("category"))
            {
                continue;
            }
            if row.len() != 4 {
                let e = BankError::Syntax(format!(
                    "{} field(s); a map line is category,section,profile,topic",
                    row.len()
                ));
                error(1, e);
                continue;
            }
            let span = |(value, col): &(String, u32)| {
                Spanned::new(value.clone(), Location::at(n, *col)).from_file(name)
            };
            let (category, col) = &row[0];
            let key = category_key(category);
            if key.is_empty() {
                error(*col, BankError::Field("no category".into()));
                continue;
            }
            if let Some(first) = first_line.get(&key) {
                let e = BankError::Field(format!(
                    "category '{key}' mapped twice, first at line {first}"
                ));
                error(*col, e);
                continue;
            }
            first_line.insert(key.clone(), n);
            let section = (!row[1].0.is_empty()).then(|| span(&row[1]));
            if let Some(s) = &section
                && !matches!(s.value.as_str(), "legal" | "functional")
            {
                error(row[1].1, BankError::UnknownSection(s.value.clone()));
            }
            let mut tags = Vec::new();
            let (profile_field, profile_col) = &row[2];
            let mut offset = 0u32;
            for word in profile_field.split(' ') {
                if !word.is_empty() {
                    let col = profile_col + offset;
                    if !profile::is_known(word) {
                        error(col, BankError::UnknownProfileTag(word.to_string()));
                    }
                    tags.push(Spanned::new(word.to_string(), Location::at(n, col)).from_file(name));
                }
                offset += word.chars().count() as u32 + 1;
            }
            let topic = (!row[3].0.is_empty()).then(|| span(&row[3]));
            map.entries.insert(
                key,
                Entry {
                    section,
                    profile: tags,
                    topic,
                },
            );
        }
        if diags.is_empty() {
            Ok(map)
        } else {
            Err(diags)
        }
    }

    /// Gives a draft under a mapped category what neither its tags nor an earlier step gave.
    pub(crate) fn apply(&self, d: &mut Draft) {
        let Some(entry) = d
            .category
            .as_ref()
            .and_then(|c| self.entries.get(&category_key(&c.value)))
        else {
            return;
        };
        if d.section.is_none() {
            d.section = entry.section.clone();
        }
        if d.topic.is_none() {
            d.topic = entry.topic.clone();
        }
        if d.profile.is_empty() {
            d.profile = entry.profile.clone();
        }
    }

    /// How many categories the map names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map names no category.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
category,section,profile,topic
# Moodle's default categories of the attestation course
$course$/top/Default for Attestation,legal,all,Attestation procedure
\"Labour law, amendments\",functional,group:tmc_specialists tmc_director,
";

    #[test]
    fn a_map_names_categories_with_or_without_moodles_prefix() {
        let map = CategoryMap::parse("m.csv", MAP).unwrap();
        assert_eq!(map.len(), 2);
        let mut d = Draft::new("b.gift", None, Location::at(1, 1));
        d.category = Some(Spanned::new(
            "Default for Attestation".into(),
            Location::at(1, 1),
        ));
        map.apply(&mut d);
        assert_eq!(d.section.as_ref().unwrap().value, "legal");
        assert_eq!(d.topic.as_ref().unwrap().value, "Attestation procedure");
        assert_eq!(d.profile[0].file.as_deref(), Some("m.csv"));
        let mut e = Draft::new("b.gift", None, Location::at(1, 1));
        e.category = Some(Spanned::new(
            "$course$/top/Labour law, amendments".into(),
            Location::at(1, 1),
        ));
        e.topic = Some(Spanned::new("from a tag".into(), Location::at(1, 1)));
        map.apply(&mut e);
        assert_eq!(e.topic.as_ref().unwrap().value, "from a tag", "a tag wins");
        let tags: Vec<_> = e.profile.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["group:tmc_specialists", "tmc_director"]);
    }

    #[test]
    fn every_problem_of_a_map_is_located() {
        let bad =
            "Default for A,law,all,T\nB,legal,all tmc_lawyer,T\nC,legal\nB,,,\n\"D,legal,all,T\n";
        let got: Vec<String> = CategoryMap::parse("m.csv", bad)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            got,
            [
                "m.csv:1:15: unknown section 'law'; expected legal or functional (p.16)",
                "m.csv:2:13: unknown profile tag 'tmc_lawyer'; expected all, a position slug, group:... or category:...",
                "m.csv:3:1: syntax error: 2 field(s); a map line is category,section,profile,topic",
                "m.csv:4:1: category 'B' mapped twice, first at line 2",
                "m.csv:5:1: syntax error: unclosed '\"'",
            ]
        );
    }
}
