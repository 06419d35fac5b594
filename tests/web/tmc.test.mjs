// The TMC page's pure model (src/web/tmc/tmc_model.js): every word in Kazakh, Russian and
// English, the upload's media type by file name, the addresses of docs/tmc.md, an attestee's
// cells with its reasons and correction, the correction's body, and refusals with every row error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, LANGS, EXCLUSIONS, STATUSES, XLSX, word, uploadType, urls, listUrl, rowCells, correctionBody, refusal } from '../../src/web/tmc/tmc_model.js';

test('every word exists in kk, ru and en, with every status and reason of p.10', () => {
  for (const lang of LANGS) assert.deepEqual(Object.keys(WORDS[lang]).sort(), Object.keys(WORDS.kk).sort(), lang);
  for (const key of Object.keys(WORDS.kk)) {
    if (!['username', 'no', 'code', 'code.none'].includes(key)) assert.notEqual(WORDS.kk[key], WORDS.ru[key], key);
  }
  for (const s of STATUSES) assert.ok(`status.${s}` in WORDS.kk, s);
  for (const e of EXCLUSIONS) assert.ok(`exclusion.${e}` in WORDS.kk, e);
  assert.equal(word('de', 'title'), WORDS.kk.title);
  assert.equal(word('ru', 'imported', { n: 3 }), 'Добавлено строк: 3.');
});

test('an upload is XLSX by its file name, else CSV', () => {
  assert.equal(uploadType('list.XLSX'), XLSX);
  assert.equal(uploadType('list.csv'), 'text/csv');
  assert.equal(uploadType('list.xlsx.csv'), 'text/csv');
  assert.equal(uploadType(undefined), 'text/csv');
});

test('the addresses carry only what was asked, encoded', () => {
  assert.equal(listUrl('c1'), '/api/v1/tmc/campaigns/c1/attestees');
  assert.equal(listUrl('c 1', { status: 'excluded', q: ' Асан ', page: 2 }),
    '/api/v1/tmc/campaigns/c%201/attestees?status=excluded&q=%D0%90%D1%81%D0%B0%D0%BD&page=2');
  assert.equal(urls('c1').correction('a/b'), '/api/v1/tmc/campaigns/c1/attestees/a%2Fb/correction');
  assert.equal(urls('c1').codes, '/api/v1/tmc/campaigns/c1/codes');
});

const attestee = {
  number: '2', name: 'Петров Иван', iin: '900712302342', position: 'tmc_director', position_ru: 'Директор ЦТМ', position_kk: 'ЕМО директоры',
  status: 'not_admitted', code: 'none', exclusion: null,
  reasons: [{ clause: 'p.14.1, CPD p.15, CPD p.21', message_kk: '36 сағат өтті', message_ru: 'прошел 36 из 40', message_en: 'completed 36 of 40' }],
};

test("an attestee's cells show the reasons with their clause in the page's language", () => {
  const ru = rowCells(attestee, 'ru');
  assert.deepEqual(ru.slice(0, 5), ['2', 'Петров Иван', '900712302342', 'Директор ЦТМ', 'не допущен(а)']);
  assert.equal(ru[5], 'p.14.1, CPD p.15, CPD p.21: прошел 36 из 40');
  assert.equal(rowCells(attestee, 'en')[3], 'tmc_director');
  assert.equal(rowCells(attestee, 'kk')[3], 'ЕМО директоры');
  assert.match(rowCells(attestee, 'kk')[5], /^p\.14\.1.*36 сағат/);
  const excluded = { ...attestee, status: 'excluded', code: 'revoked',
    exclusion: { reason: 'business_trip_abroad', clause: 'p.10.3', from: '2026-10-25', until: null, note: '№ 12-к' } };
  const cells = rowCells(excluded, 'ru');
  assert.equal(cells[6], 'служебная командировка за рубеж (p.10.3), 2026-10-25 — …; № 12-к');
  assert.equal(cells[7], 'аннулирован');
});

test('a correction sends its period, or only the re-inclusion', () => {
  assert.deepEqual(correctionBody({ excluded: false, reason: 'x' }), { excluded: false });
  assert.deepEqual(correctionBody({ excluded: true, reason: 'incapacity', from: '2026-11-02', until: '2026-11-20', note: ' ' }),
    { excluded: true, reason: 'incapacity', from: '2026-11-02', until: '2026-11-20' });
});

test('a refused upload lists every row error; other refusals are worded', () => {
  const rows = { status: 422, data: { error: { code: 'invalid_attestees', message: 'x', details: ['line 3, iin: bad', 'line 4, region: bad'] } } };
  assert.deepEqual(refusal(rows, 'ru'), { text: 'В файле ошибок: 2; ничего не загружено:', lines: rows.data.error.details });
  assert.equal(refusal({ status: 0 }, 'en').text, 'The server could not be reached.');
  assert.equal(refusal({ status: 400, data: { error: { code: 'bad_request', message: 'until: p.10.1' } } }, 'en').text, 'Bad request: until: p.10.1');
  assert.equal(refusal({ status: 415, data: { error: { code: 'unsupported_media_type' } } }, 'kk').text, WORDS.kk['err.unsupported_media_type']);
  assert.equal(refusal({ status: 503, data: null }, 'ru').text, 'Запрос не выполнен (код 503).');
});
