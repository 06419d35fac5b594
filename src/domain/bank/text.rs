//! Text clean-up shared by every importer: normalisation, Moodle multilang markup, HTML.
//!
//! Normalisation (applied to every text, topic, act and clause before validation and storage):
//! Unicode NFC, leading/trailing whitespace trimmed, every internal run of whitespace (spaces,
//! tabs, newlines, no-break spaces) collapsed to one space. Two texts that differ only in these
//! respects are the same text — which is what the duplicate-option check compares.
//!
//! Multilang: Moodle writes bilingual text as `<span lang="kk" class="multilang">…</span>` (the
//! multilang filter) or `{mlang kk}…{mlang}` (the multilang2 filter). Text outside the blocks
//! belongs to every language, as Moodle shows it.

use unicode_normalization::UnicodeNormalization;

use super::diagnostic::BankError;
use super::model::Lang;

/// NFC, trimmed, internal whitespace runs collapsed to one space.
pub fn normalize(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The letters of Kazakh Cyrillic that Russian does not have.
pub const KAZAKH_LETTERS: [char; 18] = [
    'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І',
];

/// Cyrillic letters a Russian text needs before it is taken as Russian: a Kazakh text this
/// long almost always shows one of [`KAZAKH_LETTERS`], a short one ("Жыл сайын") may not.
pub const RUSSIAN_MIN_LETTERS: usize = 20;

/// The language a text's letters show, if unambiguous: Kazakh when it has a letter only
/// Kazakh has (ә ғ қ ң ө ұ ү һ і); Russian when it has none of them, at least
/// [`RUSSIAN_MIN_LETTERS`] Cyrillic letters, more Cyrillic than Latin ones, and no letter of
/// another Cyrillic alphabet (ї є ґ ў ј ...). Anything else is `None`: the author says.
pub fn script_lang(text: &str) -> Option<Lang> {
    let (mut cyrillic, mut latin, mut kazakh, mut foreign) = (0usize, 0usize, false, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if KAZAKH_LETTERS.contains(&c) {
            kazakh = true;
            cyrillic += 1;
        } else if ('а'..='я').contains(&c) || ('А'..='Я').contains(&c) || c == 'ё' || c == 'Ё'
        {
            cyrillic += 1;
        } else if ('\u{400}'..='\u{52f}').contains(&c) {
            foreign = true;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if foreign || cyrillic <= latin {
        None
    } else if kazakh {
        Some(Lang::Kk)
    } else if cyrillic >= RUSSIAN_MIN_LETTERS {
        Some(Lang::Ru)
    } else {
        None
    }
}

/// A text split by language; `None` for a language with no block of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Split {
    pub kk: Option<String>,
    pub ru: Option<String>,
}

impl Split {
    pub(crate) fn take(&mut self, lang: Lang) -> Option<String> {
        match lang {
            Lang::Kk => self.kk.take(),
            Lang::Ru => self.ru.take(),
        }
    }
}

fn lang_code(raw: &str) -> Result<Lang, BankError> {
    let code = raw.trim().to_ascii_lowercase();
    let base = code.split(['_', '-']).next().unwrap_or("");
    Lang::parse(base).ok_or_else(|| {
        BankError::Syntax(format!("multilang language '{raw}' is neither kk nor ru"))
    })
}

fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(needle.len())
        && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Splits multilang markup. `Ok(None)` when the text has none: its language is the file's.
pub(crate) fn split_multilang(text: &str) -> Result<Option<Split>, BankError> {
    let mut shared = Vec::<(Option<Lang>, &str)>::new();
    let mut rest = text;
    let mut found = false;
    while !rest.is_empty() {
        let next = [rest.find("{mlang"), find_multilang_span(rest)]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next else {
            shared.push((None, rest));
            break;
        };
        shared.push((None, &rest[..start]));
        let tail = &rest[start..];
        let (lang, body, consumed) = if starts_with_ci(tail, "{mlang") {
            parse_mlang(tail)?
        } else {
            parse_span(tail)?
        };
        shared.push((Some(lang), body));
        found = true;
        rest = &tail[consumed..];
    }
    if !found {
        return Ok(None);
    }
    let mut split = Split::default();
    for lang in Lang::ALL {
        if !shared.iter().any(|(l, _)| *l == Some(lang)) {
            continue;
        }
        let text: String = shared
            .iter()
            .filter(|(l, _)| l.is_none() || *l == Some(lang))
            .map(|(_, s)| *s)
            .collect();
        match lang {
            Lang::Kk => split.kk = Some(text),
            Lang::Ru => split.ru = Some(text),
        }
    }
    Ok(Some(split))
}

/// `{mlang kk}body{mlang}` → (kk, body, bytes consumed).
fn parse_mlang(tail: &str) -> Result<(Lang, &str, usize), BankError> {
    let close = tail
        .find('}')
        .ok_or_else(|| BankError::Syntax("unclosed '{mlang'".into()))?;
    let code = tail["{mlang".len()..close].trim();
    if code.is_empty() {
        return Err(BankError::Syntax(
            "'{mlang}' closes a block never opened".into(),
        ));
    }
    let lang = lang_code(code)?;
    let body_start = close + 1;
    let end = tail[body_start..].find("{mlang}").ok_or_else(|| {
        BankError::Syntax(format!("'{{mlang {code}}}' is never closed by '{{mlang}}'"))
    })?;
    Ok((
        lang,
        &tail[body_start..body_start + end],
        body_start + end + "{mlang}".len(),
    ))
}

/// Byte offset of the next `<span ...>` carrying `class="multilang"`.
fn find_multilang_span(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<span") {
        let at = from + i;
        let tag_end = s[at..].find('>').map_or(s.len(), |e| at + e);
        if s[at..tag_end].contains("multilang") {
            return Some(at);
        }
        from = at + "<span".len();
    }
    None
}

/// `<span lang="kk" class="multilang">body</span>` → (kk, body, bytes consumed).
fn parse_span(tail: &str) -> Result<(Lang, &str, usize), BankError> {
    let tag_end = tail
        .find('>')
        .ok_or_else(|| BankError::Syntax("unclosed '<span'".into()))?;
    let tag = &tail[..tag_end];
    let lang = attribute(tag, "lang")
        .ok_or_else(|| BankError::Syntax("multilang span without lang=\"...\"".into()))?;
    let lang = lang_code(lang)?;
    let body_start = tag_end + 1;
    let mut depth = 1;
    let mut i = body_start;
    while depth > 0 {
        let open = tail[i..].find("<span").map(|o| i + o);
        let close = tail[i..].find("</span>").map(|c| i + c);
        match (open, close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                i = o + "<span".len();
            }
            (_, Some(c)) => {
                depth -= 1;
                if depth == 0 {
                    return Ok((lang, &tail[body_start..c], c + "</span>".len()));
                }
                i = c + "</span>".len();
            }
            (_, None) => break,
        }
    }
    Err(BankError::Syntax(
        "multilang span is never closed by '</span>'".into(),
    ))
}

/// The value of `name="..."` (or `'...'`) inside a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
        let after = tag[at + name.len()..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &after[1..];
                return body.find(quote).map(|e| &body[..e]);
            }
        }
        from = at + name.len();
    }
    None
}

/// Block-level tags become a space when HTML is flattened; inline tags vanish.
const BLOCK_TAGS: [&str; 12] = [
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2",
];

/// Flattens HTML to plain text: tags removed (block tags become a space), the usual entities
/// decoded. Images are refused: a question must not lose a picture silently.
pub(crate) fn html_to_text(html: &str) -> Result<String, BankError> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let Some(gt) = tail.find('>') else {
            out.push_str(tail);
            rest = "";
            break;
        };
        let name: String = tail[1..gt]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "img" {
            return Err(BankError::Image);
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &tail[gt + 1..];
    }
    out.push_str(rest);
    Ok(decode_entities(&out))
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &tail[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|num| {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn kazakh_letters_make_a_text_kazakh() {
        assert_eq!(script_lang("Жоқ"), Some(Lang::Kk));
        assert_eq!(script_lang("Аттестаттау қанша минут?"), Some(Lang::Kk));
    }

    #[test]
    fn a_long_cyrillic_text_without_them_is_russian_a_short_one_unknown() {
        assert_eq!(
            script_lang("Какова продолжительность тестирования?"),
            Some(Lang::Ru)
        );
        assert_eq!(script_lang("Жыл сайын"), None, "Kazakh and Russian alike");
        assert_eq!(script_lang("Ежегодно"), None);
    }

    #[test]
    fn latin_or_another_cyrillic_alphabet_is_not_guessed() {
        assert_eq!(script_lang("What is the pass threshold of the test?"), None);
        assert_eq!(
            script_lang("Яка тривалість тестування в хвилинах, її межі?"),
            None
        );
    }

    use super::*;

    #[test]
    fn normalisation_composes_nfc_and_collapses_whitespace() {
        // "й" as и + combining breve, with tabs, a newline and a no-break space around.
        let raw = "  Қазақ\u{a0}тілі\tмен\n  орыс и\u{306}  ";
        assert_eq!(normalize(raw), "Қазақ тілі мен орыс й");
        assert_eq!(normalize("и\u{306}"), "\u{439}");
    }

    #[test]
    fn mlang_blocks_split_with_shared_text() {
        let s = split_multilang("1. {mlang kk}Иә{mlang}{mlang ru}Да{mlang}")
            .unwrap()
            .unwrap();
        assert_eq!(s.kk.as_deref(), Some("1. Иә"));
        assert_eq!(s.ru.as_deref(), Some("1. Да"));
    }

    #[test]
    fn multilang_spans_split_with_attributes_in_any_order() {
        let s = split_multilang(
            r#"<span class="multilang" lang="ru">Да</span><span lang="kk" class="multilang">Иә</span>"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!((s.kk.unwrap(), s.ru.unwrap()), ("Иә".into(), "Да".into()));
    }

    #[test]
    fn plain_text_has_no_split_and_unknown_language_is_refused() {
        assert_eq!(split_multilang("Просто текст").unwrap(), None);
        assert!(split_multilang("{mlang en}Yes{mlang}").is_err());
        assert!(split_multilang("{mlang kk}Иә").is_err());
    }

    #[test]
    fn html_is_flattened_and_images_refused() {
        assert_eq!(
            html_to_text("<p>a &lt; b</p><p>c&nbsp;<b>d</b></p>").unwrap(),
            " a < b  c\u{a0}d "
        );
        assert_eq!(html_to_text("<img src=x>"), Err(BankError::Image));
    }
}
