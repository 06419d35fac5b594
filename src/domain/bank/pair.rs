//! Pairing monolingual files: the Kazakh and the Russian file of the same questions become
//! bilingual drafts, matched by question id (CPD p.24: the employee tests in either language,
//! so every question must exist in both).
//!
//! Metadata may be written in either file or both; where both give a value they must agree.
//! Options pair by position: same count, same keys. A question in one language only is an
//! error naming its id and file. Questions without ids pair by position when that is
//! unambiguous (see [`pair`]).

use std::collections::HashMap;

use super::diagnostic::{BankError, Diagnostic, Place};
use super::draft::{Draft, DraftLegal, DraftOption, Spanned};
use super::model::Lang;
use super::text::normalize;

/// The outcome of pairing.
#[derive(Debug, Default)]
pub(crate) struct Paired {
    /// Bilingual drafts: those read bilingual, and the pairs merged.
    pub drafts: Vec<Draft>,
    /// Problems of pairing itself (unpaired, duplicate, halves that disagree).
    pub diags: Vec<Diagnostic>,
    /// Halves that found no other half, with the language they lack: still validated, so
    /// that the author sees every other problem of the question in the same round.
    pub lonely: Vec<(Draft, Lang)>,
    /// Ids derived for questions paired by position: the place of each half and the id.
    pub derived: Vec<(Place, String)>,
}

/// Splits bilingual drafts from monolingual ones and pairs the latter: by id, and the
/// questions without ids by position when exactly one Kazakh and one Russian file have them,
/// as many in each (two Moodle exports of the same category); those get an id derived from
/// their content (`id::derive`).
pub(crate) fn pair(drafts: Vec<Draft>) -> Paired {
    let mut out = Paired::default();
    let mut order: Vec<String> = Vec::new();
    let mut halves: HashMap<String, [Vec<Draft>; 2]> = HashMap::new();
    // Questions without ids, per file, in file order.
    let mut no_id: Vec<(String, Lang, Vec<Draft>)> = Vec::new();
    for d in drafts {
        let Some(lang) = d.lang else {
            out.drafts.push(d);
            continue;
        };
        let Some(id) = d.id.as_ref().map(|s| s.value.trim().to_string()) else {
            match no_id
                .iter_mut()
                .find(|(f, l, _)| *f == d.file && *l == lang)
            {
                Some((_, _, list)) => list.push(d),
                None => no_id.push((d.file.clone(), lang, vec![d])),
            }
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
            out.diags
                .push(Diagnostic::new(&extra.file, id_place(extra).at, error));
        }
        match (kk.into_iter().next(), ru.into_iter().next()) {
            (Some(kk), Some(ru)) => match merge(kk, ru) {
                Ok(d) => out.drafts.push(d),
                Err(e) => out.diags.extend(e),
            },
            (Some(one), None) | (None, Some(one)) => {
                let present = one.lang.expect("monolingual");
                let missing = other(present);
                let error = BankError::Unpaired {
                    id: id.clone(),
                    present,
                    missing,
                };
                out.diags
                    .push(Diagnostic::new(&one.file, id_place(&one).at, error));
                out.lonely.push((one, missing));
            }
            (None, None) => {}
        }
    }
    pair_by_position(no_id, &mut out);
    out
}

/// The questions without ids: paired by position, or each reported.
fn pair_by_position(no_id: Vec<(String, Lang, Vec<Draft>)>, out: &mut Paired) {
    let kk_files = no_id.iter().filter(|(_, l, _)| *l == Lang::Kk).count();
    let ru_files = no_id.len() - kk_files;
    let pairable = kk_files == 1 && ru_files == 1 && no_id[0].2.len() == no_id[1].2.len();
    if pairable {
        let mut it = no_id.into_iter();
        let (mut a, mut b) = (it.next().expect("two"), it.next().expect("two"));
        if a.1 == Lang::Ru {
            std::mem::swap(&mut a, &mut b);
        }
        for (kk, ru) in a.2.into_iter().zip(b.2) {
            let (kk_at, ru_at) = (kk.at.clone(), ru.at.clone());
            let (kk_file, ru_file) = (kk.file.clone(), ru.file.clone());
            match merge(kk, ru) {
                Ok(mut d) => {
                    let id = super::id::derive(&d);
                    d.id = Some(Spanned::new(id.clone(), kk_at.clone()));
                    out.derived.push((
                        Place {
                            file: kk_file,
                            at: kk_at,
                        },
                        id.clone(),
                    ));
                    out.derived.push((
                        Place {
                            file: ru_file,
                            at: ru_at,
                        },
                        id,
                    ));
                    out.drafts.push(d);
                }
                Err(e) => out.diags.extend(e),
            }
        }
        return;
    }
    for (file, present, drafts) in no_id {
        let missing = other(present);
        for d in drafts {
            let error = BankError::UnpairedNoId { present, missing };
            out.diags.push(Diagnostic::new(&file, d.at.clone(), error));
            out.lonely.push((d, missing));
        }
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Kk => Lang::Ru,
        Lang::Ru => Lang::Kk,
    }
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
    d.pinned = m.text("pinned", d.pinned.take(), ru.pinned);
    d.option_ids = m.text("option_ids", d.option_ids.take(), ru.option_ids);
    // Each file names its categories in its own language: the Kazakh one's is taken.
    if d.category.is_none() {
        d.category = ru.category.map(|c| c.from_file(&ru_file));
    }
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
