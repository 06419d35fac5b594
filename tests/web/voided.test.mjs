// The voided screen and the cabinet say why a result was voided (p.19) in Kazakh and Russian
// (src/web/shared/result.js, `voidedText`): the cause and the signal's kind as our own strings,
// an administrator's note as written, the English wording of the policy or a review never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { STRINGS } from '../../src/web/shared/strings.js';
import { voidedText } from '../../src/web/shared/result.js';

const tr = (lang) => (key, vars) => {
  const s = STRINGS[lang][key];
  assert.equal(typeof s, 'string', `${key} missing in ${lang}`);
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
};
const known = (key) => key in STRINGS.kk;
// The kinds' wire names, read from the proctoring crate's `Kind::name` itself.
const signalRs = fs.readFileSync(new URL('../../proctor/src/signal.rs', import.meta.url), 'utf8');
const nameFn = signalRs.slice(signalRs.indexOf('pub fn name(self)'));
const KINDS = [...nameFn.slice(0, nameFn.indexOf('\n    }\n')).matchAll(/=> "([a-z_]+)"/g)].map(([, k]) => k);

test('a void by the policy on a signal names the signal in kk and ru, never the English reason', () => {
  const voided = { cause: 'signal', kind: 'phone_detected', reason: 'proctoring: phone_detected from acme (event e1) (p.19)', clause: 'p.19' };
  const kk = voidedText(voided, tr('kk'), known);
  const ru = voidedText(voided, tr('ru'), known);
  assert.ok(kk.includes('телефон анықталды') && kk.includes('19-т.'), kk);
  assert.ok(ru.includes('обнаружен телефон') && ru.includes('п.19'), ru);
  for (const text of [kk, ru]) assert.ok(!/proctoring|acme|event/.test(text), text);
});

test('every signal kind of the proctoring crate has a kk and a ru name', () => {
  assert.ok(KINDS.length >= 19 && KINDS.includes('phone_detected') && KINDS.includes('verdict_violation'), String(KINDS));
  for (const kind of KINDS) {
    for (const lang of ['kk', 'ru']) assert.ok(STRINGS[lang][`signal.${kind}`], `signal.${kind} in ${lang}`);
  }
  const unknown = voidedText({ cause: 'signal', kind: 'brand_new_kind' }, tr('ru'), known);
  assert.ok(unknown.includes('сигнал прокторинга'), unknown);
});

test("an administrator's void shows the note as written; a review's wording stays internal", () => {
  const staff = voidedText({ cause: 'staff', reason: 'посторонний в аудитории' }, tr('kk'), known);
  assert.ok(staff.includes('әкімші') && staff.includes('«посторонний в аудитории»'), staff);
  const review = voidedText({ cause: 'review', reason: 'proctoring review confirmed a violation: phone (p.19)' }, tr('ru'), known);
  assert.ok(review.includes('подтвердил нарушение') && !review.includes('confirmed'), review);
});

test('a void noted before causes were kept shows its reason; none at all, the general sentence', () => {
  assert.ok(voidedText({ cause: null, reason: 'old note' }, tr('ru'), known).endsWith('Причина: old note'));
  assert.equal(voidedText(null, tr('kk'), known), STRINGS.kk['message.voided']);
});
