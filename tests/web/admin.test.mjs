// The administrators' console's pure model (src/web/admin/console_model.js): every word in
// Kazakh, Russian and English, the listing addresses of docs/admin-api.md, the page line and a
// session's cells, and refusals worded by their code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, LANGS, word, PROGRESS, campaignsUrl, sessionsUrl, pageLine, clock, sessionCells, errorWords } from '../../src/web/admin/console_model.js';

test('every word exists in kk, ru and en, and kk differs from ru', () => {
  for (const key of Object.keys(WORDS.kk)) {
    for (const lang of LANGS) assert.ok(typeof WORDS[lang][key] === 'string' && WORDS[lang][key].length, `${key} in ${lang}`);
    if (key !== 'username') assert.notEqual(WORDS.kk[key], WORDS.ru[key], key); // «Логин» in both
  }
  for (const lang of LANGS) assert.deepEqual(Object.keys(WORDS[lang]).sort(), Object.keys(WORDS.kk).sort(), lang);
  for (const k of PROGRESS) assert.ok(k in WORDS.kk, k);
  assert.equal(word('de', 'campaigns'), WORDS.kk.campaigns, 'an unknown language falls back to Kazakh');
});

test('the listing addresses carry only what was asked, encoded', () => {
  assert.equal(campaignsUrl(), '/api/v1/admin/campaigns');
  assert.equal(campaignsUrl({ q: '  ЦТМ ', page: 1 }), '/api/v1/admin/campaigns?q=%D0%A6%D0%A2%D0%9C');
  assert.equal(campaignsUrl({ q: '', page: 3 }), '/api/v1/admin/campaigns?page=3');
  assert.equal(sessionsUrl('c1'), '/api/v1/admin/campaigns/c1/sessions');
  assert.equal(sessionsUrl('c 1', { status: 'in_progress', q: '8503', page: 2 }),
    '/api/v1/admin/campaigns/c%201/sessions?status=in_progress&q=8503&page=2');
  assert.equal(sessionsUrl('c1', { q: '50%' }), '/api/v1/admin/campaigns/c1/sessions?q=50%25');
});

test('the page line says where the page is and whether there is one before and after', () => {
  assert.deepEqual(pageLine({ page: 1, per_page: 50, total: 120, pages: 3 }, 'ru'), { text: 'Страница 1 из 3, всего 120', prev: false, next: true });
  assert.deepEqual(pageLine({ page: 3, per_page: 50, total: 120, pages: 3 }, 'en'), { text: 'Page 3 of 3, 120 in all', prev: true, next: false });
  assert.equal(pageLine({ page: 1, per_page: 50, total: 0, pages: 0 }, 'kk').text, WORDS.kk.empty);
});

test("a session's cells: position in the language, status with online, time left, result", () => {
  const s = {
    name: 'Кандидат 0', iin: '850310300002', position: 'tmc_employment_specialist',
    position_name: { kk: 'ЕМО маманы', ru: 'Специалист ЦТМ' }, status: 'in_progress', online: false,
    time_left_ms: 3_725_000, answered: 42, signals: 1, result: null,
  };
  assert.deepEqual(sessionCells(s, 'ru'), ['Кандидат 0', '850310300002', 'Специалист ЦТМ', 'сдаёт (не в сети)', '1:02:05', '42', '1', '']);
  assert.equal(sessionCells(s, 'en')[2], 'tmc_employment_specialist');
  const scored = { ...s, status: 'scored', online: null, time_left_ms: null, result: { percent: 84, decision: { outcome: { code: 'x', kk: 'сәйкес', ru: 'соответствует' } } } };
  assert.deepEqual(sessionCells(scored, 'kk').slice(3), ['бағаланды', '', '42', '1', '84% — сәйкес']);
  assert.equal(clock(-5), '0:00:00');
});

test('a refusal is worded by its code; a bad request names the parameter', () => {
  assert.equal(errorWords({ status: 0 }, 'ru'), WORDS.ru['err.network']);
  assert.equal(errorWords({ status: 403, data: { error: { code: 'forbidden', message: 'x' } } }, 'kk'), WORDS.kk['err.forbidden']);
  assert.equal(errorWords({ status: 400, data: { error: { code: 'bad_request', message: 'per_page: 500: 1 to 100' } } }, 'ru'), 'Неверный запрос: per_page: 500: 1 to 100');
  assert.equal(errorWords({ status: 502, data: null }, 'en'), 'The request failed (status 502).');
});
