// The cabinet's appeal model (src/web/candidate/appeal_model.js): the request body, the words
// in both languages, and what the cabinet shows before and after the decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUNDS, WORDS, word, appealRequest, appealSummary, seenQuestion } from '../../src/web/candidate/appeal_model.js';

test('the request keeps typed numbers as integers, trims, and drops blank rows', () => {
  const body = appealRequest([
    { number: ' 12 ', ground: 'key_disputed', justification: '  жауап кілті қате  ' },
    { number: '', ground: 'question_wrong', justification: 'x' },
  ], true);
  assert.deepEqual(body, { questions: [{ number: 12, ground: 'key_disputed', justification: 'жауап кілті қате' }], submit: true });
  assert.equal(appealRequest([], 0).submit, false);
});

test('every ground of p.25 has words in Kazakh and Russian, and the two dictionaries match', () => {
  assert.deepEqual(Object.keys(WORDS.kk).sort(), Object.keys(WORDS.ru).sort());
  for (const g of GROUNDS) {
    assert.ok(WORDS.kk[g] && WORDS.ru[g], g);
  }
  assert.equal(word('ru', 'submit'), 'Подать апелляцию');
  assert.equal(word('xx', 'submit'), WORDS.kk.submit);
});

const result = (source, correct, kk, ru) => ({ source, annulled_at: null, score: { correct, total: 100 }, decision: { outcome: { kk, ru } } });

test('a decided appeal shows both results, the protocol and the notices', () => {
  const data = {
    appeal: { status: 'closed', received_at_local: '2026-11-27T12:00:00+05:00[Asia/Almaty]', decide_by_local: '2026-12-03T00:00:00+05:00[Asia/Almaty]', filing_closes_at_local: '2026-12-02T00:00:00+05:00[Asia/Almaty]' },
    results: [result('exam', 84, 'сәйкес келмейді', 'не соответствует'), result('appeal', 85, 'сәйкес келеді', 'соответствует')],
    notices: [{ kind: 'decided', body: { kk: 'шешім', ru: 'решение' } }],
  };
  const s = appealSummary(data, 'ru');
  assert.deepEqual(s.rows, [['Статус', 'решение принято'], ['Принята', '2026-11-27 12:00'], ['Срок решения (п.24)', '2026-12-03 00:00']]);
  assert.equal(s.before, '84/100 — не соответствует');
  assert.equal(s.after, '85/100 — соответствует');
  assert.equal(s.protocol, true);
  assert.deepEqual(s.notices, ['решение']);
});

test('a draft shows the filing deadline and no result after the appeal', () => {
  const data = { appeal: { status: 'draft', filing_closes_at_local: '2026-12-02T00:00:00+05:00[Asia/Almaty]' }, results: [result('exam', 84, 'а', 'б')], notices: [] };
  const s = appealSummary(data, 'kk');
  assert.deepEqual(s.rows[1], ['Беру мерзімі (21-т.)', '2026-12-02 00:00']);
  assert.equal(s.after, null);
  assert.equal(s.protocol, false);
  assert.equal(appealSummary({ appeal: null }, 'kk'), null);
});

test('a retake granted for a technical fault shows its window, never a code (p.25)', () => {
  const data = {
    appeal: { status: 'closed', received_at_local: '2026-11-27T12:00:00+05:00[Asia/Almaty]', decide_by_local: '2026-12-03T00:00:00+05:00[Asia/Almaty]', filing_closes_at_local: '2026-12-02T00:00:00+05:00[Asia/Almaty]' },
    results: [result('exam', 84, 'а', 'б')],
    retake: { opens_on: '2026-12-03', closes_on: '2026-12-13', status: 'scheduled', campaign_name: 'x' },
    notices: [],
  };
  const kk = appealSummary(data, 'kk');
  assert.deepEqual(kk.rows[3], ['Қайта тапсыру (25-т.)', '2026-12-03 — 2026-12-13 аралығында; жаңа кіру кодын әкімші береді']);
  assert.deepEqual(appealSummary(data, 'ru').rows[3], ['Пересдача (п.25)', 'с 2026-12-03 по 2026-12-13; новый код доступа выдаёт администратор']);
  assert.equal(appealSummary({ ...data, retake: null }, 'ru').rows.length, 3);
});

test('a question of the paper is listed as seen, the choice of the candidate marked', () => {
  const q = { number: 7, text: 'Сколько минут?', options: [{ id: 'q7-b', label: 'A', text: '90' }, { id: 'q7-a', label: 'B', text: '120' }], answer: ['q7-a'] };
  assert.deepEqual(seenQuestion(q), { title: '№ 7. Сколько минут?', options: [{ label: 'A', text: '90', mine: false }, { label: 'B', text: '120', mine: true }], blank: false });
  assert.equal(seenQuestion({ ...q, answer: [] }).blank, true);
});
