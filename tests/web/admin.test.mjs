// The administrators' console's pure model (src/web/admin/console_model.js): every word in
// Kazakh, Russian and English, the listing addresses of docs/admin-api.md, the page line and a
// session's cells, and refusals worded by their code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WORDS, LANGS, word, PROGRESS, progressWord, progressCells, campaignsUrl, sessionsUrl, exportUrl, usersUrl, pageLine, clock, sessionCells, errorWords,
  almaty, timeLeft, overviewFacts, signalCells, userCells, STAFF_ROLES, newUserBody,
} from '../../src/web/admin/console_model.js';

test('every word exists in kk, ru and en, and kk differs from ru', () => {
  for (const key of Object.keys(WORDS.kk)) {
    for (const lang of LANGS) assert.ok(typeof WORDS[lang][key] === 'string' && WORDS[lang][key].length, `${key} in ${lang}`);
    if (key !== 'username') assert.notEqual(WORDS.kk[key], WORDS.ru[key], key); // «Логин» in both
  }
  for (const lang of LANGS) assert.deepEqual(Object.keys(WORDS[lang]).sort(), Object.keys(WORDS.kk).sort(), lang);
  for (const p of PROGRESS) for (const lang of LANGS) assert.ok(p[lang], `${p.key} in ${lang}`);
  for (const r of STAFF_ROLES) assert.ok(`role.${r}` in WORDS.kk, r);
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

test('progress: one entry per count with its words; a count the server lacks shows a dash', () => {
  assert.deepEqual(PROGRESS.map((p) => p.key), ['admitted', 'started', 'in_progress', 'online', 'submitted', 'voided', 'appealed', 'decided', 'reported', 'certified']);
  assert.equal(progressWord(PROGRESS[3], 'ru'), 'Сейчас в сети');
  assert.equal(progressWord(PROGRESS[3], 'de'), PROGRESS[3].kk);
  assert.deepEqual(progressCells({ admitted: 3, started: 2, in_progress: 1, online: 1, submitted: 1, voided: 0, appealed: 0 }),
    ['3', '2', '1', '1', '1', '0', '0', '—', '—', '—']);
});

test('the export and users addresses carry the filters, encoded', () => {
  assert.equal(exportUrl('c 1', 'csv'), '/api/v1/admin/campaigns/c%201/sessions.csv');
  assert.equal(exportUrl('c1', 'xlsx', { status: 'scored', q: ' Иван ', page: 4 }), '/api/v1/admin/campaigns/c1/sessions.xlsx?status=scored&q=%D0%98%D0%B2%D0%B0%D0%BD');
  assert.equal(usersUrl(), '/api/v1/admin/users');
  assert.equal(usersUrl({ q: 'tmc', page: 2 }), '/api/v1/admin/users?q=tmc&page=2');
});

test('times are on the Almaty wall clock (UTC+5)', () => {
  assert.equal(almaty(Date.UTC(2026, 10, 27, 7, 0, 0)), '2026-11-27 12:00:00');
  assert.equal(almaty(Date.UTC(2026, 11, 31, 19, 30, 5)), '2027-01-01 00:30:05', 'past midnight in Almaty');
  assert.equal(almaty(null), '');
});

const overview = {
  session: { status: 'in_progress', deadline: Date.UTC(2026, 10, 27, 9, 0), extension_min: 10, result: null, candidate: { name: 'Кандидат 0' } },
  time_left_ms: 3_600_000, online: true, answered: 42, journal_size: 57, review: 'open',
  signals: [{ kind: 'tab_hidden', source: 'page', action: 'record', occurred_at: Date.UTC(2026, 10, 27, 7, 5), received_at: 0, superseded: true }],
};

test("the drill-down's facts: deadline in Almaty, time left counting down, counts, review", () => {
  const ru = Object.fromEntries(overviewFacts(overview, 'ru', 5_000));
  assert.equal(ru['Срок окончания (Алматы)'], '2026-11-27 14:00:00');
  assert.equal(ru['Осталось'], '0:59:55');
  assert.equal(ru['Статус'], 'сдаёт (в сети)');
  assert.equal(ru['Записей журнала'], '57');
  assert.equal(ru['Ответы'], '42');
  assert.equal(ru['Сигналы'], '1');
  assert.equal(ru['Проверка прокторинга'], 'открыта');
  assert.equal(timeLeft(overview, 4_000_000), '0:00:00', 'never below zero');
  assert.equal(timeLeft({ time_left_ms: null }, 0), '');
  const scored = { ...overview, time_left_ms: null, online: null, review: null,
    session: { ...overview.session, status: 'scored', result: { percent: 84, decision: { outcome: { kk: 'сәйкес', ru: 'соответствует' } } } } };
  const kk = Object.fromEntries(overviewFacts(scored, 'kk'));
  assert.equal(kk['Мәртебесі'], 'бағаланды');
  assert.equal(kk['Нәтиже'], '84% — сәйкес');
  assert.ok(!('Прокторинг тексерісі' in kk));
  assert.deepEqual(signalCells(overview.signals[0], 'en'), ['tab_hidden (superseded)', 'page', 'recorded', '2026-11-27 12:05:00']);
  assert.deepEqual(signalCells({ ...overview.signals[0], superseded: false, action: 'void', kind: 'phone_detected' }, 'ru').slice(0, 3),
    ['обнаружен телефон', 'page', 'аннулировал']);
  assert.equal(signalCells({ ...overview.signals[0], kind: 'new_kind', action: 'other' }, 'kk')[2], 'other', 'an unknown action as sent');
});

test("a staff account's row and the new account's body", () => {
  const u = { username: 'tmc.op', name: 'Ерлан', role: 'tmc_operator', scope: 'ЦТМ Алматы', disabled: true };
  assert.deepEqual(userCells(u, 'ru'), ['tmc.op', 'Ерлан', 'оператор ЦТМ', 'ЦТМ Алматы', 'отключён']);
  assert.deepEqual(userCells({ ...u, role: 'author', scope: null, disabled: false }, 'en').slice(2), ['question author', '—', 'active']);
  assert.deepEqual(newUserBody({ username: ' leb.1 ', name: ' Асель ', password: 'p'.repeat(12), role: 'leb_officer', scope: ' Алматы ' }),
    { username: 'leb.1', name: 'Асель', password: 'p'.repeat(12), role: 'leb_officer', scope: 'Алматы' });
  assert.ok(!('scope' in newUserBody({ username: 'a.b', name: 'A', password: 'x', role: 'author', scope: 'ЦТМ' })), 'no scope for an unscoped role');
  assert.equal(errorWords({ status: 409, data: { error: { code: 'conflict', message: 'user: you cannot disable your own account' } } }, 'en'),
    'Not done: user: you cannot disable your own account');
});
