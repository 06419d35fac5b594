//! The caller's side of an import: the files handed in, their formats, and the defaults for
//! metadata that a file does not carry.

use super::model::{Lang, Section};

/// An author's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The native `synaq-bank/1` JSON.
    Json,
    /// Moodle GIFT.
    Gift,
    /// Moodle XML.
    MoodleXml,
    /// Aiken (single answer).
    Aiken,
    /// An IMS QTI 2.1 or 3.0 item, as read out of a content package by `qti::unpack`
    /// (never detected: an item file alone reads as XML).
    Qti,
}

impl Format {
    /// Detects a format when the caller gives none. By extension: `.json`, `.gift`, `.xml`,
    /// `.aiken`. Otherwise (`.txt` included) by content: a first non-blank character `<` is
    /// XML; a line starting `ANSWER:` is Aiken; a first character `{` is JSON; any `{` left is
    /// GIFT. Nothing else is guessed.
    pub fn detect(name: &str, content: &str) -> Option<Format> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") => return Some(Format::Json),
            Some("gift") => return Some(Format::Gift),
            Some("xml") => return Some(Format::MoodleXml),
            Some("aiken") => return Some(Format::Aiken),
            _ => {}
        }
        let body = content.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('<') {
            Some(Format::MoodleXml)
        } else if body.lines().any(|l| l.trim_start().starts_with("ANSWER:")) {
            Some(Format::Aiken)
        } else if body.starts_with('{') {
            Some(Format::Json)
        } else if body.contains('{') {
            Some(Format::Gift)
        } else {
            None
        }
    }
}

/// One file handed to the importer; the caller reads it, the domain never touches disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name diagnostics use (a path as the author knows it).
    pub name: String,
    /// The file's text, read by the caller.
    pub content: String,
    /// `None`: detected by [`Format::detect`].
    pub format: Option<Format>,
    /// `Some` for a monolingual file, to be paired by id with the other language's file;
    /// `None` falls back to [`ImportOptions::lang`].
    pub lang: Option<Lang>,
}

impl SourceFile {
    /// A file handed in as bytes (an upload, a file read from disk): its text, and its
    /// language as its name declares, or else as given (`--lang`, `lang=`): so that
    /// `--lang ru` can name the language of a Moodle export beside an `attestation.kk.xml`.
    /// A file that is not UTF-8 is refused with the offset of its first invalid byte.
    pub fn from_bytes(
        name: String,
        bytes: Vec<u8>,
        lang: Option<Lang>,
    ) -> Result<SourceFile, NotUtf8> {
        let content = String::from_utf8(bytes).map_err(|e| NotUtf8 {
            name: name.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        let lang = SourceFile::lang_from_name(&name).or(lang);
        Ok(SourceFile {
            name,
            content,
            format: None,
            lang,
        })
    }

    /// The language a file's name declares: a `.kk.` or `.ru.` part before the extension
    /// (`attestation.kk.gift`), so that the Kazakh and Russian files of one bank can be
    /// imported together and paired by id.
    pub fn lang_from_name(name: &str) -> Option<Lang> {
        let base = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .to_ascii_lowercase();
        let parts: Vec<&str> = base.split('.').collect();
        parts
            .iter()
            .skip(1)
            .take(parts.len().saturating_sub(2))
            .find_map(|part| Lang::parse(part))
    }
}

/// A bank file that is not UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: not UTF-8 text (invalid byte at offset {offset})")]
pub struct NotUtf8 {
    pub name: String,
    /// The offset of the first byte that is not UTF-8.
    pub offset: usize,
}

/// Checks the name of a bank's lineage: 1-64 letters, digits, '-', '_', '.'.
pub fn check_bank_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{name:?} is not a bank name (1-64 letters, digits, '-', '_', '.')"
        ))
    }
}

/// How to import: the language of monolingual files and defaults for the metadata that
/// GIFT, Aiken and Moodle XML cannot carry natively. A tag in the file beats the category
/// map, which beats the category path, which beats these defaults. The native JSON format takes no defaults: its files say
/// everything themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Language of every file that names none itself (`--lang kk`).
    pub lang: Option<Lang>,
    /// Section of questions whose tags and category give none.
    pub section: Option<Section>,
    /// Profile tags of questions that give none.
    pub profile: Vec<String>,
    /// Topic of questions whose tags and category give none.
    pub topic: Option<String>,
    /// Difficulty (1-5) of questions whose tags give none; without it they have none.
    pub difficulty: Option<u8>,
    /// Moodle categories to section, profile and topic (`--map FILE`): applied after the
    /// tags and before the category path and the defaults above.
    pub map: Option<super::map::CategoryMap>,
}

/// A default given by the caller that is not one: the field (flag or query parameter) and
/// what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct BadDefault {
    /// `lang`, `section`, `profile`, `topic` or `difficulty`.
    pub field: &'static str,
    /// What is wrong, for the author.
    pub message: String,
}

/// The defaults as the CLI's flags and the upload's query parameters spell them, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultsText<'a> {
    /// `kk` or `ru`.
    pub lang: Option<&'a str>,
    /// `legal` or `functional`.
    pub section: Option<&'a str>,
    /// Profile tags, comma-separated.
    pub profile: Option<&'a str>,
    /// A topic.
    pub topic: Option<&'a str>,
    /// 1 to 5.
    pub difficulty: Option<&'a str>,
}

impl ImportOptions {
    /// Import options from defaults written as text, each checked; the first wrong one is
    /// named. The category map is the caller's to add.
    pub fn from_text(t: &DefaultsText) -> Result<ImportOptions, BadDefault> {
        let bad = |field, message: String| BadDefault { field, message };
        let lang = t
            .lang
            .map(|l| Lang::parse(l).ok_or_else(|| bad("lang", format!("{l:?} is not kk or ru"))))
            .transpose()?;
        let section = t
            .section
            .map(|s| match s {
                "legal" => Ok(Section::Legal),
                "functional" => Ok(Section::Functional),
                other => Err(bad(
                    "section",
                    format!("{other:?} is not legal or functional (p.16)"),
                )),
            })
            .transpose()?;
        let profile: Vec<String> = t
            .profile
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        let mut seen = std::collections::HashSet::new();
        for tag in &profile {
            if !super::profile::is_known(tag) {
                let m = format!(
                    "unknown profile tag {tag:?}; expected all, a position slug, group:... or category:..."
                );
                return Err(bad("profile", m));
            }
            if !seen.insert(tag) {
                return Err(bad("profile", format!("profile tag {tag:?} listed twice")));
            }
        }
        let topic = t.topic.map(super::text::normalize);
        match &topic {
            Some(s) if s.is_empty() => return Err(bad("topic", "is empty".into())),
            Some(s) if s.chars().count() > super::validate::limits::TOPIC => {
                let max = super::validate::limits::TOPIC;
                return Err(bad("topic", format!("is over {max} characters")));
            }
            _ => {}
        }
        let difficulty = t
            .difficulty
            .map(|d| match d.trim().parse::<u8>() {
                Ok(n @ 1..=5) => Ok(n),
                _ => Err(bad("difficulty", format!("{d:?} is not 1 to 5"))),
            })
            .transpose()?;
        Ok(ImportOptions {
            lang,
            section,
            profile,
            topic,
            difficulty,
            map: None,
        })
    }
}

#[cfg(test)]
mod defaults_tests {
    use super::*;

    #[test]
    fn defaults_as_text_are_checked_and_the_wrong_one_named() {
        let t = DefaultsText {
            section: Some("legal"),
            profile: Some("all, group:management"),
            lang: Some("ru"),
            ..DefaultsText::default()
        };
        let o = ImportOptions::from_text(&t).unwrap();
        assert_eq!(o.section, Some(Section::Legal));
        assert_eq!(o.profile, ["all", "group:management"]);
        assert_eq!(o.lang, Some(Lang::Ru));
        let wrong = |t: DefaultsText| ImportOptions::from_text(&t).unwrap_err().to_string();
        assert_eq!(
            wrong(DefaultsText {
                section: Some("law"),
                ..t.clone()
            }),
            "section: \"law\" is not legal or functional (p.16)"
        );
        assert!(
            wrong(DefaultsText {
                profile: Some("tmc_lawyer"),
                ..t.clone()
            })
            .starts_with("profile: unknown profile tag \"tmc_lawyer\"")
        );
        assert_eq!(
            wrong(DefaultsText {
                difficulty: Some("6"),
                ..t.clone()
            }),
            "difficulty: \"6\" is not 1 to 5"
        );
        assert_eq!(
            wrong(DefaultsText {
                lang: Some("en"),
                ..t
            }),
            "lang: \"en\" is not kk or ru"
        );
    }
}

#[cfg(test)]
mod lang_from_name_tests {
    use super::*;

    #[test]
    fn a_language_part_before_the_extension_names_the_language() {
        assert_eq!(
            SourceFile::lang_from_name("dir/attestation.kk.gift"),
            Some(Lang::Kk)
        );
        assert_eq!(SourceFile::lang_from_name("Bank.RU.xml"), Some(Lang::Ru));
        assert_eq!(
            SourceFile::lang_from_name("kk.gift"),
            None,
            "the stem alone is a name, not a language"
        );
        assert_eq!(SourceFile::lang_from_name("bank.gift"), None);
        assert_eq!(
            SourceFile::lang_from_name("bank.kk"),
            None,
            "the extension is no language"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_extension_then_content() {
        assert_eq!(Format::detect("a.JSON", ""), Some(Format::Json));
        assert_eq!(Format::detect("a.gift", ""), Some(Format::Gift));
        assert_eq!(
            Format::detect("a.txt", "Q?\nA. x\nB. y\nANSWER: A\n"),
            Some(Format::Aiken)
        );
        assert_eq!(Format::detect("a.txt", "Q? {=x ~y}"), Some(Format::Gift));
        assert_eq!(
            Format::detect("bank", " <?xml version=\"1.0\"?><quiz/>"),
            Some(Format::MoodleXml)
        );
        assert_eq!(
            Format::detect("bank", "{\"format\": 1}"),
            Some(Format::Json)
        );
        assert_eq!(Format::detect("notes.txt", "just prose"), None);
    }
}
