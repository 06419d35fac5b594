// The cabinet's model (src/web/candidate/me_model.js) with the real kk/ru strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STRINGS } from '../../src/web/shared/strings.js';
import { termText, provisionalLines, nextDueText } from '../../src/web/candidate/me_model.js';

const tr = (l) => (key, vars = {}) => (STRINGS[l][key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
const when = (v) => `<${v}>`;

test('every cabinet string exists in Kazakh and Russian', () => {
  for (const key of ['me.term_zone', 'me.provisional', 'me.next_due', 'provisional.review_window', 'provisional.review_open',
    'provisional.appeal_pending', 'next.periodic', 'next.periodic_p7', 'next.reattestation', 'next.dismissal']) {
    assert.ok(STRINGS.kk[key] && STRINGS.ru[key], key);
    assert.notEqual(STRINGS.kk[key], STRINGS.ru[key], key);
  }
});

test('the term runs from the first day at 00:00 to the last at 23:59 in Almaty (p.12)', () => {
  const term = { opens_on: '2026-11-01', closes_on: '2026-12-31', duration_min: 120 };
  assert.equal(termText(term, tr('ru'), when), '<2026-11-01>, 00:00 — <2026-12-31>, 23:59 (время Алматы)');
  assert.match(termText(term, tr('kk'), when), /Алматы уақыты/);
  assert.equal(termText(null, tr('ru'), when), '');
});

test('a provisional result says each reason with its clause', () => {
  const p = { reasons: ['review_window', 'review_open', 'appeal_pending'], review_window_until: 1795849200000 };
  const ru = provisionalLines(p, tr('ru'), when);
  assert.equal(ru.length, 3);
  assert.match(ru[0], /до <1795849200000>.*п\.19/);
  assert.match(ru[1], /проверяющие.*п\.19/);
  assert.match(ru[2], /апелляция.*п\.26/);
  const kk = provisionalLines({ reasons: ['appeal_pending'], review_window_until: null }, tr('kk'), when);
  assert.deepEqual(kk, [STRINGS.kk['provisional.appeal_pending']]);
  assert.deepEqual(provisionalLines(null, tr('ru'), when), []);
});

test('the next due attestation names its date and clause, or says dismissal', () => {
  assert.equal(nextDueText({ kind: 'periodic', by: '2029-12-03', clause: 'p.3' }, tr('ru'), when),
    'не позднее <2029-12-03> (не реже одного раза в 3 года, п.3)');
  assert.match(nextDueText({ kind: 'periodic', by: '2029-12-03', clause: 'p.7' }, tr('kk'), when), /<2029-12-03>.*7-т\./);
  assert.match(nextDueText({ kind: 'reattestation', by: '2027-11-28', clause: 'p.27' }, tr('ru'), when), /повторная аттестация не позднее <2027-11-28>.*п\.27/);
  assert.match(nextDueText({ kind: 'dismissal', by: null, clause: 'p.28' }, tr('kk'), when), /28-т\./);
  assert.equal(nextDueText(null, tr('ru'), when), '');
});
