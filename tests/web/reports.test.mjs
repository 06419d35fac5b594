// The console's reports and evaluations model (src/web/admin/reports_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, word, urls, almaty, deadlineLines, regionCells, canMarkSent, applicantCells, canEvaluate, entryBody, uploadType, evaluationLine, refusalText } from '../../src/web/admin/reports_model.js';

test('every word exists in kk, ru and en, and kk differs from ru', () => {
  for (const lang of ['ru', 'en']) assert.deepEqual(Object.keys(WORDS[lang]).sort(), Object.keys(WORDS.kk).sort(), lang);
  for (const key of Object.keys(WORDS.kk)) assert.notEqual(WORDS.kk[key], WORDS.ru[key], key);
  assert.equal(word('de', 'region'), WORDS.kk.region);
});

test('the addresses are those of docs/reports.md, encoded', () => {
  assert.equal(urls.reports('c 1'), '/api/v1/admin/campaigns/c%201/reports');
  assert.equal(urls.evaluations('c1'), '/api/v1/admin/campaigns/c1/evaluations');
  assert.equal(urls.entry('c1', 's/1'), '/api/v1/admin/campaigns/c1/evaluations/s%2F1');
  assert.equal(urls.sent('c1', 'karaganda'), '/api/v1/admin/campaigns/c1/reports/appendix2/karaganda/sent');
  assert.equal(urls.file('c1', 'appendix5', 'none', 'csv'), '/api/v1/admin/campaigns/c1/reports/appendix5?region=none&format=csv');
});

test('times are shown in Almaty (UTC+5)', () => {
  assert.equal(almaty(Date.UTC(2026, 11, 21, 19, 0)), '2026-12-22 00:00');
});

test('the deadline line carries the provisional flag with its years', () => {
  const exact = { last_day: '2026-12-21', provisional: false, provisional_years: [] };
  assert.deepEqual(deadlineLines(exact, 'en'), ["Appendix 2 goes to each region's LEB by 2026-12-21 inclusive (p.31, 5 working days after testing ends)"]);
  const lines = deadlineLines({ last_day: '2027-01-22', provisional: true, provisional_years: [2027] }, 'ru');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^предварительно: .* 2027 год/);
});

test('a region row says its status; the rows without a region have none and cannot be sent', () => {
  const karaganda = { region: 'karaganda', name_ru: 'Карагандинская область', name_kk: 'Қарағанды облысы', people: 7, scored: 5, voided: 1, not_finished: 1, status: 'sent_late', sent_at: Date.UTC(2026, 11, 22, 4, 30), sent_by: 'staff:admin:a' };
  assert.deepEqual(regionCells(karaganda, 'kk'), ['Қарағанды облысы', '7', '5', '1', '1', 'кешігіп жіберілді', '2026-12-22 09:30']);
  assert.equal(canMarkSent(karaganda), false);
  const overdue = { ...karaganda, status: 'overdue', sent_at: null };
  assert.equal(regionCells(overdue, 'ru')[5], 'просрочен');
  assert.equal(canMarkSent(overdue), true);
  const none = { region: 'none', name_ru: 'регион не указан', name_kk: 'өңір көрсетілмеген', people: 1, scored: 1, voided: 0, not_finished: 0, status: null, sent_at: null };
  assert.equal(regionCells(none, 'en')[5], '—');
  assert.equal(canMarkSent(none), false);
});

test('an applicant row gives the points, the breakdown and the gap flag', () => {
  const a = { name: 'Бекова Дана', iin: '850310300017', score: 90, status: 'evaluated',
    evaluation: { total: 82, testing_points: 72, rating_points: 0, violation_points: 10, flagged_for_commission: true, stale: false } };
  assert.deepEqual(applicantCells(a, 'ru'), ['Бекова Дана', '850310300017', '90%', 'оценён', '82 — Тестирование 72 + рейтинг 0 + нарушения 10 (рейтинг между 3,9 и 4,0: на рассмотрение комиссии)']);
  const below = { name: 'В', iin: '1', score: 60, status: 'not_admitted', evaluation: null };
  assert.equal(applicantCells(below, 'en')[3], 'below the threshold (p.27)');
  assert.equal(canEvaluate(below), false);
  assert.equal(canEvaluate({ status: 'overdue' }), true);
  assert.equal(canEvaluate({ status: 'voided' }), false);
});

test('the entry body reads a comma rating and violations as a count or yes/no', () => {
  assert.deepEqual(entryBody('4,2', '0'), { body: { rating: 4.2, violations: 0 } });
  assert.deepEqual(entryBody(' 3.95 ', 'Да'), { body: { rating: 3.95, violations: true } });
  assert.deepEqual(entryBody('5', 'жоқ'), { body: { rating: 5, violations: false } });
  assert.deepEqual(entryBody('5.1', '0'), { error: 'bad_rating' });
  assert.deepEqual(entryBody('', '0'), { error: 'bad_rating' });
  assert.deepEqual(entryBody('4', 'maybe'), { error: 'bad_violations' });
});

test('an upload is CSV or XLSX by its name', () => {
  assert.equal(uploadType('ratings.CSV'), 'text/csv');
  assert.equal(uploadType('r.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(uploadType('r.pdf'), null);
});

test('the evaluation line names the policy and its clause', () => {
  const list = { due: '2026-12-13', gap_policy: { name: 'zero', clause: 'p.28-1, Appendix 1-2', ru: '0 баллов', kk: '0 балл', en: '0 points' } };
  assert.match(evaluationLine(list, 'kk'), /Саясат: 0 балл \(28-1-т\., 1-2-қосымшалар\)$/);
  assert.match(evaluationLine(list, 'ru'), /\(п\. 28-1, приложения 1-2\)$/);
  assert.equal(evaluationLine(list, 'en'), 'Evaluation due by 2026-12-13 inclusive (2 calendar days after testing ends). Policy: zero — 0 points (p.28-1, Appendix 1-2)');
});

test('a refusal is worded by its code, with the upload\'s lines after it', () => {
  const upload = { status: 422, data: { error: { code: 'invalid_evaluations', message: 'x', details: ['line 3, column iin: IIN 1 is not on this campaign\'s roster'] } } };
  assert.equal(refusalText(upload, 'ru'), "В файле есть ошибки, ничего не сохранено: line 3, column iin: IIN 1 is not on this campaign's roster");
  const below = { status: 409, data: { error: { code: 'not_admitted_to_evaluation', message: 'scored 60%' } } };
  assert.equal(refusalText(below, 'kk'), 'Шекті деңгейге жетпеген: бағалауға жіберілмейді (27-т.)');
  const sent = { status: 409, data: { error: { code: 'conflict', message: 'already marked as sent' } } };
  assert.equal(refusalText(sent, 'en'), 'Not done: already marked as sent');
  assert.equal(refusalText({ status: 404, data: { error: { code: 'not_found' } } }, 'en'), null);
});
