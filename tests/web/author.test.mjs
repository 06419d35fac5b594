// The author page's model (src/web/author/author_model.js): errors placed beside their lines,
// counts per profile, the upload query and the diff's groups, in three languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, word, placeFindings, otherFindings, findingText, profileRows, uploadQuery, diffGroups, shortId, coverageRows, parseIds, itemRows } from '../../src/web/author/author_model.js';

test('each finding sits under its own line; pointers and whole-file ones go apart', () => {
  const text = 'a\r\nb\nc\n';
  const findings = [
    { file: 'x.gift', line: 2, column: 1, message: 'bad b' },
    { file: 'x.gift', line: 9, column: 1, message: 'past the end' },
    { file: 'x.gift', message: 'whole file' },
    { file: 'x.gift', pointer: '/questions/0', message: 'ptr' },
    { file: 'y.gift', line: 1, column: 1, message: 'other file' },
  ];
  const { lines, general } = placeFindings('x.gift', text, findings);
  assert.deepEqual(lines.map((l) => [l.n, l.text, l.findings.map((f) => f.message)]), [
    [1, 'a', []],
    [2, 'b', ['bad b']],
    [3, 'c', ['past the end']],
  ]);
  assert.deepEqual(general.map((f) => f.message), ['whole file', 'ptr']);
  assert.deepEqual(otherFindings(['x.gift'], findings).map((f) => f.message), ['other file']);
});

test('a finding reads as file:line:column, file#pointer or file', () => {
  assert.equal(findingText('en', { file: 'a.gift', line: 3, column: 5, message: 'm' }), 'a.gift:3:5: m');
  assert.equal(findingText('en', { file: 'a.json', pointer: '/questions/1', message: 'm' }), 'a.json#/questions/1: m');
  assert.equal(findingText('en', { file: 'a.xml', message: 'm' }), 'a.xml: m');
});

test('profile rows put all first, then tags in order, with zero for a missing section', () => {
  const rows = profileRows({ by_profile: { 'group:x': { legal: 2 }, all: { legal: 1, functional: 4 }, a: { functional: 3 } } });
  assert.deepEqual(rows, [
    { tag: 'all', legal: 1, functional: 4 },
    { tag: 'a', legal: 0, functional: 3 },
    { tag: 'group:x', legal: 2, functional: 0 },
  ]);
  assert.deepEqual(profileRows(undefined), []);
});

test('the upload query leaves blank defaults out', () => {
  assert.equal(uploadQuery({ lang: '', section: 'legal', profile: ' all ', topic: '' }), '?section=legal&profile=all');
  assert.equal(uploadQuery({}), '');
});

test('the diff shows added, changed, retired in that order with their counts', () => {
  assert.deepEqual(diffGroups({ added: ['a', 'b'], retired: ['c'] }).map((g) => [g.key, g.count]), [['added', 2], ['changed', 0], ['retired', 1]]);
  assert.equal(shortId('0123456789abcdef'), '0123456789ab');
});

test('every word exists in Kazakh, Russian and English, and fills its variables', () => {
  for (const key of Object.keys(WORDS.en)) {
    assert.ok(WORDS.kk[key], `kk lacks ${key}`);
    assert.ok(WORDS.ru[key], `ru lacks ${key}`);
  }
  assert.deepEqual(Object.keys(WORDS.kk).sort(), Object.keys(WORDS.en).sort());
  assert.equal(word('ru', 'invalid', { n: 2 }), 'Ошибок: 2. Ничего не импортировано.');
  assert.equal(word('xx', 'line', { n: 4 }), '4-жол');
});

test('coverage puts the positions the bank cannot fill first, in the page language', () => {
  const rows = coverageRows('ru', {
    positions: [
      { position: 'a', candidates: 3, fills: true, missing: [] },
      { position: 'b', claimed_category: 'mentor', candidates: 0, fills: false, missing: [{ message: { kk: 'жетіспейді', ru: 'не хватает', en: 'short' } }] },
    ],
  });
  assert.deepEqual(rows.map((r) => [r.position, r.fills, r.missing]), [['b (mentor)', false, ['не хватает']], ['a', true, []]]);
  assert.deepEqual(coverageRows('kk', undefined), []);
});

test('retirement ids split on commas and spaces, once each', () => {
  assert.deepEqual(parseIds(' L-001, F-002\nL-001;;  '), ['L-001', 'F-002']);
  assert.deepEqual(parseIds(''), []);
});

test('item statistics put judged flags first, then too few sittings, then the rest', () => {
  const it = (id, flags, pb = 0.3) => ({ question_id: id, sittings: 40, share_correct: 0.456, point_biserial: pb, share_blank: 0.05, appeals: 0, flags });
  const rows = itemRows('ru', [it('A', []), it('B', ['few_sittings']), it('D', ['too_easy']), it('C', ['negative_discrimination'], null)]);
  assert.deepEqual(rows.map((r) => r.question), ['C', 'D', 'B', 'A']);
  assert.deepEqual(rows[0].flags, ['отрицательная дискриминация (проверьте ключ)']);
  assert.equal(rows[0].pbis, '—');
  assert.equal(rows[1].pbis, '0.30');
  assert.equal(rows[1].correct, '46%');
  assert.deepEqual(rows.map((r) => r.flagged), [true, true, false, false]);
  assert.deepEqual(itemRows('kk', undefined), []);
});
