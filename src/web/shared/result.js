// The result block (p.20): percent, correct of total, and the rules' decision in the UI
// language — shown on the exam page at once and in the cabinet.
import { t, loc, lang, has } from './i18n.js';

export const procedureText = (p) => (p && has(`procedure.${p}`) ? t(`procedure.${p}`) : loc(p));

function para(text, className, id) {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  if (id) p.id = id;
  return p;
}

/** `result`: the server's `Result` (`{percent, correct, total, decision}`) or null (not yet). */
export function resultNode(result) {
  const wrap = document.createElement('div');
  wrap.className = 'result';
  if (!result) {
    wrap.append(para(t('result.pending')));
    return wrap;
  }
  const d = result.decision || {};
  const pct = Number(result.percent).toLocaleString(lang() === 'kk' ? 'kk-KZ' : 'ru-RU', { maximumFractionDigits: 2 });
  wrap.append(
    para(`${pct}%`, `score ${d.passed === false ? 'failed' : d.passed ? 'passed' : ''}`, 'result-percent'),
    para(t('result.correct', { c: result.correct, t: result.total }), 'correct'),
  );
  const outcome = d.outcome ? loc(d.outcome) : '';
  if (outcome) {
    const box = document.createElement('div');
    box.className = 'decision';
    const h = document.createElement('h2');
    h.textContent = t('result.decision');
    box.append(h, para(outcome, 'decision-text', 'result-decision'));
    if (typeof d.threshold === 'number') {
      box.append(para(`${t('result.threshold', { t: d.threshold })} — ${t(d.passed ? 'result.passed' : 'result.failed')}`));
    }
    const cat = d.consequences && d.consequences.resulting_category;
    if (cat) box.append(para(t('result.category', { c: has(`category.${cat}`) ? t(`category.${cat}`) : loc(cat) })));
    const months = d.consequences && d.consequences.reattestation_within_months;
    if (months) box.append(para(t('result.reattest', { m: months })));
    wrap.append(box);
  } else {
    wrap.append(para(t('result.decision_pending'), 'notice')); // scored, but no decision to show (yet)
  }
  wrap.append(para(t('result.appeal'), 'hint'));
  return wrap;
}

/** What the voided screen and the cabinet say of a void (p.19), in the UI language: the
 *  general sentence, then why — the cause and the signal's kind as kk/ru strings, an
 *  administrator's note as written (a reviewer's and the policy's wording are internal and
 *  English, never shown). `voided`: the `voided` of `GET /api/v1/exam/proctoring`, or null.
 *  `tr`/`known` are i18n's `t`/`has` (injectable for tests). */
export function voidedText(voided, tr = t, known = has) {
  const parts = [tr('message.voided')];
  const v = voided || {};
  if (v.cause === 'signal') {
    const kind = v.kind && known(`signal.${v.kind}`) ? tr(`signal.${v.kind}`) : tr('signal.other');
    parts.push(tr('voided.signal', { kind }));
  } else if (v.cause === 'review') {
    parts.push(tr('voided.review'));
  } else if (v.cause === 'staff') {
    parts.push(tr('voided.staff'));
    if (v.reason) parts.push(tr('voided.note', { r: v.reason }));
  } else if (v.reason) {
    parts.push(tr('proctoring.reason', { r: v.reason })); // a void noted before causes were kept
  }
  return parts.join(' ');
}
