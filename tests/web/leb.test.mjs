// The LEB officers' console's pure model (src/web/leb/console_model.js): every word in
// Kazakh, Russian and English, the addresses of docs/certificates.md, a row's cells with its
// due date and overdue mark, the action a row offers, the decision's body, refusals worded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, LANGS, STAGES, word, resultsUrl, appendix5Url, pdfUrl, pageLine, rowCells, dueText, actions, decisionBody, errorWords, dotted } from '../../src/web/leb/console_model.js';

test('every word exists in kk, ru and en, and kk differs from ru', () => {
  for (const key of Object.keys(WORDS.kk)) {
    for (const lang of LANGS) assert.ok(typeof WORDS[lang][key] === 'string' && WORDS[lang][key].length, `${key} in ${lang}`);
    if (key !== 'username') assert.notEqual(WORDS.kk[key], WORDS.ru[key], key);
  }
  for (const lang of LANGS) assert.deepEqual(Object.keys(WORDS[lang]).sort(), Object.keys(WORDS.kk).sort(), lang);
  for (const s of STAGES) assert.ok(`stage.${s}` in WORDS.kk, s);
  assert.equal(word('de', 'results'), WORDS.kk.results);
});

test('the addresses carry only what was asked, encoded', () => {
  assert.equal(resultsUrl(), '/api/v1/leb/results');
  assert.equal(resultsUrl({ q: ' Әлия ', status: 'pending', page: 2, campaign: 'c 1' }),
    '/api/v1/leb/results?campaign=c+1&q=%D3%98%D0%BB%D0%B8%D1%8F&status=pending&page=2');
  assert.equal(appendix5Url('', 'csv'), '/api/v1/leb/reports/appendix5?format=csv');
  assert.equal(appendix5Url('c1'), '/api/v1/leb/reports/appendix5?campaign=c1&format=xlsx');
  assert.equal(pdfUrl('18-2026-00001-7KQ3X'), '/api/v1/leb/certificates/18-2026-00001-7KQ3X.pdf');
});

const row = {
  session_id: 's1', name: 'Гауһар Әбілқызы', iin: '850310300017', position: 'tmc_employment_specialist',
  position_kk: 'Маман', position_ru: 'Специалист', percent: 92.5, outcome_kk: 'сәйкес келеді', outcome_ru: 'соответствует',
  verdict: { code: 'fits_position', kk: 'атқаратын лауазымына сәйкес келеді', ru: 'соответствует занимаемой должности' },
  due: { last_day: '2027-02-10', provisional: true }, overdue: false, stage: 'pending', blocked: null,
  decision: null, gives: 'appendix_4', no_certificate: null, certificate: null,
};

test('a row reads its result, the decision it calls for and its due date', () => {
  assert.deepEqual(rowCells(row, 'ru'), ['Гауһар Әбілқызы', '850310300017', 'Специалист', '92.5% — соответствует',
    'соответствует занимаемой должности', '10.02.2027 (предварительно)', 'ожидает решения']);
  assert.equal(rowCells(row, 'kk')[2], 'Маман');
  assert.equal(dueText({ ...row, overdue: true, due: { last_day: '2026-12-09', provisional: false } }, 'en'), '09.12.2026 — overdue');
  assert.equal(dueText({ ...row, overdue: true, decision: {}, due: { last_day: '2026-12-09' } }, 'kk'), '09.12.2026 — кешіктірілді');
  assert.equal(dueText({ ...row, due: null }, 'ru'), '');
  assert.equal(dotted('2026-12-09'), '09.12.2026');
});

test('a row offers what its stage allows, or says why not', () => {
  assert.deepEqual(actions(row), { kind: 'decide' });
  assert.deepEqual(actions({ ...row, blocked: 'an appeal is open' }), { kind: 'none', why: 'an appeal is open' });
  assert.deepEqual(actions({ ...row, stage: 'decided' }), { kind: 'issue' });
  assert.deepEqual(actions({ ...row, stage: 'decided', gives: null, no_certificate: 'kept (p.33)' }), { kind: 'none', why: 'kept (p.33)' });
  assert.deepEqual(actions({ ...row, stage: 'certified', certificate: 'N1' }), { kind: 'pdf', number: 'N1' });
  assert.deepEqual(actions({ ...row, stage: 'voided', blocked: 'voided (p.19)' }), { kind: 'none', why: 'voided (p.19)' });
});

test('why a row waits is worded from its code in each language, the English message a fallback', () => {
  const row = { stage: 'awaiting', blocked: 'the test is not over: no result to decide on yet', blocked_code: 'not_over' };
  assert.equal(actions(row, 'kk').why, 'тест әлі аяқталған жоқ: шешім шығаратын нәтиже жоқ');
  assert.equal(actions(row, 'ru').why, 'тестирование не завершено: решения пока не по чему');
  assert.equal(actions(row, 'en').why, 'the test is not over: no result to decide on yet');
  const window = { stage: 'pending', blocked: 'x', blocked_code: 'appeal_window', blocked_until: Date.parse('2026-12-08T13:00:00Z') };
  assert.equal(actions(window, 'ru').why, 'апелляцию можно подать до 08.12.2026 18:00 (п.21)');
  const kept = { stage: 'decided', gives: null, no_certificate: 'kept', no_certificate_code: 'category_kept' };
  assert.match(actions(kept, 'kk').why, /33-т\./);
  assert.match(actions(kept, 'ru').why, /п\.33/);
  for (const lang of LANGS) {
    for (const code of ['voided', 'not_over', 'no_result', 'under_review', 'appeal_open', 'appeal_window', 'no_region']) {
      assert.ok(WORDS[lang][`blocked.${code}`], `${lang}: blocked.${code}`);
    }
    for (const code of ['category_kept', 'no_category', 'negative', 'out_of_range']) {
      assert.ok(WORDS[lang][`no_certificate.${code}`], `${lang}: no_certificate.${code}`);
    }
  }
});

test('a decision needs its date and act number', () => {
  assert.deepEqual(decisionBody({ decided_on: '2026-11-27', order_number: ' 17-ө ', note: ' ' }),
    { body: { decided_on: '2026-11-27', order_number: '17-ө', note: '' } });
  assert.deepEqual(decisionBody({ decided_on: '27.11.2026', order_number: '1' }), { error: 'decided_on' });
  assert.deepEqual(decisionBody({ decided_on: '2026-11-27', order_number: '  ' }), { error: 'order_number' });
});

test('the page line and refusals are worded', () => {
  assert.deepEqual(pageLine({ page: 1, pages: 2, total: 60 }, 'ru'), { text: 'Страница 1 из 2, всего 60', prev: false, next: true });
  assert.equal(pageLine({ page: 1, pages: 0, total: 0 }, 'en').text, 'Nothing found.');
  assert.equal(errorWords({ status: 409, data: { error: { code: 'conflict', message: 'an appeal is open (p.24)' } } }, 'ru'), 'Не выполнено: an appeal is open (p.24)');
  assert.equal(errorWords({ status: 0 }, 'kk'), WORDS.kk['err.network']);
  assert.equal(errorWords({ status: 502, data: null }, 'en'), 'The request failed (status 502).');
});
