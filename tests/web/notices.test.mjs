// The notice socket's pure side (src/web/shared/notices.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNoticeMessage, noticeText, retryDelayMs } from '../../src/web/shared/notices.js';

test('the first message is the list, the next ones single notices; anything else is ignored', () => {
  const n = { notice_id: 'x', kind: 'decided', body: { kk: 'шешім', ru: 'решение' }, at_ms: 1 };
  assert.deepEqual(parseNoticeMessage(JSON.stringify({ type: 'notices', notices: [n] })), { list: [n] });
  assert.deepEqual(parseNoticeMessage(JSON.stringify({ type: 'notice', notice: n })), { notice: n });
  assert.equal(parseNoticeMessage('{"type":"tick"}'), null);
  assert.equal(parseNoticeMessage('{"type":"notice"}'), null);
  assert.equal(parseNoticeMessage('not json'), null);
});

test('a notice is read in the page language, Kazakh by default, its kind at worst', () => {
  const n = { kind: 'escalated', body: { kk: 'қалды', ru: 'осталось', en: 'left' } };
  assert.equal(noticeText(n, 'ru'), 'осталось');
  assert.equal(noticeText(n, 'en'), 'left');
  assert.equal(noticeText(n, 'de'), 'қалды');
  assert.equal(noticeText({ kind: 'breached', body: {} }, 'ru'), 'breached');
});

test('reconnects back off from 1 s to 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map(retryDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});
