// The console's planning, pure (src/web/admin/planning_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, word, campaignBody, announcementBody, bankLine, PROCEDURES } from '../../src/web/admin/planning_model.js';

const good = { name: ' Аттестация 2027 ', bank_version: 'abc123', procedure: 'periodic', languages: ['ru', 'kk', 'en'], opens_on: '2027-01-11', closes_on: '2027-01-15' };

test('a new campaign: trimmed, the languages kk and ru only in their order, each bad field named', () => {
  assert.deepEqual(campaignBody(good), { body: { name: 'Аттестация 2027', bank_version: 'abc123', procedure: 'periodic', languages: ['kk', 'ru'], opens_on: '2027-01-11', closes_on: '2027-01-15' } });
  assert.deepEqual(campaignBody({ ...good, name: '  ' }), { error: 'name' });
  assert.deepEqual(campaignBody({ ...good, bank_version: '' }), { error: 'bank_version' });
  assert.deepEqual(campaignBody({ ...good, procedure: 'weekly' }), { error: 'procedure' });
  assert.deepEqual(campaignBody({ ...good, languages: ['en'] }), { error: 'languages' });
  assert.deepEqual(campaignBody({ ...good, opens_on: '11.01.2027' }), { error: 'opens_on' });
  assert.deepEqual(campaignBody({ ...good, closes_on: '2027-01-10' }), { error: 'closes_on' });
  assert.deepEqual(campaignBody({ ...good, closes_on: '2027-01-11' }).body.closes_on, '2027-01-11', 'one day is a campaign');
});

test('an announcement needs both texts, each at most 10,000 characters', () => {
  assert.deepEqual(announcementBody({ text_kk: ' Хабарландыру ', text_ru: 'Объявление' }), { body: { text_kk: 'Хабарландыру', text_ru: 'Объявление' } });
  assert.deepEqual(announcementBody({ text_kk: '', text_ru: 'x' }), { error: 'text_kk' });
  assert.deepEqual(announcementBody({ text_kk: 'x', text_ru: ' ' }), { error: 'text_ru' });
  assert.deepEqual(announcementBody({ text_kk: 'ә'.repeat(10000), text_ru: 'x' }).body.text_kk.length, 10000);
  assert.deepEqual(announcementBody({ text_kk: 'ә'.repeat(10001), text_ru: 'x' }), { error: 'text_kk' });
});

test('every word in three languages, every procedure and refusal worded', () => {
  const keys = Object.keys(WORDS.kk).sort();
  for (const lang of ['ru', 'en']) assert.deepEqual(Object.keys(WORDS[lang]).sort(), keys, lang);
  for (const p of PROCEDURES) assert.ok(WORDS.ru[`procedure.${p}`], p);
  for (const f of ['name', 'bank_version', 'procedure', 'languages', 'opens_on', 'closes_on', 'text_kk', 'text_ru']) assert.ok(WORDS.kk[`bad.${f}`], f);
  assert.equal(word('de', 'create'), WORDS.kk.create);
  assert.equal(bankLine({ bank_name: 'sample', version: '9f8e1c0d5b7a4e3f2a', questions: 240, legal: 120, functional: 120 }, 'ru'),
    'sample · 9f8e1c0d5b7a · 240 вопросов (120 правовых, 120 функциональных)');
});
