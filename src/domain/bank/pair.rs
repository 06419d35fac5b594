//! Pairing monolingual files: the Kazakh and the Russian file of the same questions become
//! bilingual drafts, matched by question id (CPD p.24: the employee tests in either language,
//! so every question must exist in both).
//!
//! Metadata may be written in either file or both; where both give a value they must agree.
//! Options pair by position: same count, same keys. A question in one language only is an
//! error naming its id and file.

use std::collections::HashMap;

use super::diagnostic::{BankError, Diagnostic, Place};
use super::draft::{Draft, DraftLegal, DraftOption, Spanned};
use super::model::Lang;
use super::text::normalize;

/// Splits bilingual drafts from monolingual ones and pairs the latter by id.
pub(crate) fn pair(drafts: Vec<Draft>) -> (Vec<Draft>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut halves: HashMap<String, [Vec<Draft>; 2]> = HashMap::new();
    for d in drafts {
        let Some(lang) = d.lang else {
            out.push(d);
            continue;
        };
        let Some(id) = d.id.as_ref().map(|s| s.value.trim().to_string()) else {
            diags.push(Diagnostic::new(&d.file, d.at.clone(), BankError::MissingId));
            continue;
        };
        let slot = halves.entry(id.clone()).or_insert_with(|| {
            order.push(id.clone());
            Default::default()
        });
        slot[lang as usize].push(d);
    }
    for id in order {
        let [kk, ru] = halves.remove(&id).expect("every id in order has halves");
        for extra in kk.iter().skip(1).chain(ru.iter().skip(1)) {
            let first = if extra.lang == Some(Lang::Kk) {
                &kk[0]
            } else {
                &ru[0]
            };
            let error = BankError::DuplicateId {
                id: id.clone(),
                first: id_place(first),
            };
            diags.push(Diagnostic::new(&extra.file, id_place(extra).at, error));
        }
        match (kk.into_iter().next(), ru.into_iter().next()) {
            (Some(kk), Some(ru)) => match merge(kk, ru) {
                Ok(d) => out.push(d),
                Err(e) => diags.extend(e),
            },
            (Some(one), None) | (None, Some(one)) => {
                let present = one.lang.expect("monolingual");
                let missing = if present == Lang::Kk {
                    Lang::Ru
                } else {
                    Lang::Kk
                };
                let error = BankError::Unpaired {
                    id: id.clone(),
                    present,
                    missing,
                };
                diags.push(Diagnostic::new(&one.file, id_place(&one).at, error));
            }
            (None, None) => {}
        }
    }
    (out, diags)
}

/// Where a draft's id was written (the question itself if it has none).
pub(crate) fn id_place(d: &Draft) -> Place {
    Place {
        file: d
            .id
            .as_ref()
            .and_then(|s| s.file.clone())
            .unwrap_or_else(|| d.file.clone()),
        at: d.id.as_ref().map_or(d.at.clone(), |s| s.at.clone()),
    }
}

struct Merge<'a> {
    kk_file: &'a str,
    ru_file: &'a str,
    diags: Vec<Diagnostic>,
}

impl Merge<'_> {
    fn mismatch(
        &mut self,
        what: &str,
        kk_at: &super::diagnostic::Location,
        ru_at: &super::diagnostic::Location,
    ) {
        let other = Place {
            file: self.ru_file.to_string(),
            at: ru_at.clone(),
        };
        let error = BankError::PairMismatch {
            what: what.to_string(),
            other,
        };
        self.diags
            .push(Diagnostic::new(self.kk_file, kk_at.clone(), error));
    }

    /// A metadata field given in either file, or in both alike.
    fn field<T: PartialEq + Clone>(
        &mut self,
        what: &str,
        kk: Option<Spanned<T>>,
        ru: Option<Spanned<T>>,
        same: impl Fn(&T, &T) -> bool,
    ) -> Option<Spanned<T>> {
        match (kk, ru) {
            (Some(k), Some(r)) => {
                if !same(&k.value, &r.value) {
                    self.mismatch(what, &k.at, &r.at);
                }
                Some(k)
            }
            (Some(k), None) => Some(k),
            (None, r) => r.map(|r| r.from_file(self.ru_file)),
        }
    }

    fn text(
        &mut self,
        what: &str,
        kk: Option<Spanned<String>>,
        ru: Option<Spanned<String>>,
    ) -> Option<Spanned<String>> {
        self.field(what, kk, ru, |a, b| normalize(a) == normalize(b))
    }
}

/// One bilingual draft from a Kazakh and a Russian one.
fn merge(kk: Draft, ru: Draft) -> Result<Draft, Vec<Diagnostic>> {
    let (kk_file, ru_file) = (kk.file.clone(), ru.file.clone());
    let mut m = Merge {
        kk_file: &kk_file,
        ru_file: &ru_file,
        diags: Vec::new(),
    };
    let mut d = kk;
    d.lang = None;
    d.section = m.text("section", d.section.take(), ru.section);
    d.topic = m.text("topic", d.topic.take(), ru.topic);
    d.difficulty = m.text("difficulty", d.difficulty.take(), ru.difficulty);
    d.kind = m.field("kind", d.kind.take(), ru.kind, |a, b| a == b);
    if d.profile.is_empty() {
        d.profile = ru
            .profile
            .into_iter()
            .map(|t| t.from_file(&ru_file))
            .collect();
    } else if !ru.profile.is_empty() {
        let set = |p: &[Spanned<String>]| {
            let mut v: Vec<String> = p.iter().map(|t| t.value.trim().to_string()).collect();
            v.sort();
            v
        };
        if set(&d.profile) != set(&ru.profile) {
            m.mismatch("profile", &d.profile[0].at, &ru.profile[0].at);
        }
    }
    d.legal = match (d.legal.take(), ru.legal) {
        (Some(k), Some(r)) => Some(DraftLegal {
            act: m.text("act", k.act, r.act),
            clause: m.text("clause", k.clause, r.clause),
            valid_from: m.text("valid_from", k.valid_from, r.valid_from),
            valid_to: m.text("valid_to", k.valid_to, r.valid_to),
            at: k.at,
        }),
        (Some(k), None) => Some(k),
        (None, Some(r)) => Some(DraftLegal {
            act: r.act.map(|s| s.from_file(&ru_file)),
            clause: r.clause.map(|s| s.from_file(&ru_file)),
            valid_from: r.valid_from.map(|s| s.from_file(&ru_file)),
            valid_to: r.valid_to.map(|s| s.from_file(&ru_file)),
            at: r.at,
        }),
        (None, None) => None,
    };
    d.text.ru = ru.text.ru.map(|s| s.from_file(&ru_file));
    let ru_count = ru.options.len() + ru.options_dropped;
    if d.option_count() != ru_count {
        let what = format!("number of options (kk {}, ru {ru_count})", d.option_count());
        m.mismatch(&what, &d.options_at, &ru.options_at);
    } else {
        for (i, (o, r)) in d.options.iter_mut().zip(ru.options).enumerate() {
            merge_option(&mut m, i, o, r);
        }
    }
    if m.diags.is_empty() {
        Ok(d)
    } else {
        Err(m.diags)
    }
}

fn merge_option(m: &mut Merge, i: usize, o: &mut DraftOption, r: DraftOption) {
    let n = i + 1;
    if o.correct != r.correct {
        m.mismatch(&format!("key of option {n}"), &o.at, &r.at);
    }
    if o.pinned != r.pinned {
        m.mismatch(&format!("pinning of option {n}"), &o.at, &r.at);
    }
    o.id = m.field(&format!("id of option {n}"), o.id.take(), r.id, |a, b| {
        a.trim() == b.trim()
    });
    o.text.ru = r.text.ru.map(|s| s.from_file(m.ru_file));
}
