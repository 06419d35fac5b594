// The exam's keys (src/web/candidate/keyboard.js) as a model: offline they do exactly what
// they do online (issue 10: keys 1-5, arrows and F did nothing offline), and what they change
// goes to the outbox, to be sent on reconnect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyAction, keysActive } from '../../src/web/candidate/keyboard.js';
import { Outbox, pendingQuestions } from '../../src/web/candidate/outbox.js';
import { wrap } from '../../src/web/shared/storage.js';

const onPage = { dialogOpen: false, tag: 'BODY', type: undefined, inGrid: false };
const key = (k, code, extra = {}) => ({ key: k, code, ctrlKey: false, altKey: false, metaKey: false, ...extra });

test('the keys act on the shown paper whatever the connection, never before or after', () => {
  for (const conn of ['connected', 'connecting', 'reconnecting', 'offline']) {
    assert.equal(keysActive({ screen: 'exam', questions: 100, ended: false, conn }), true, conn);
  }
  assert.equal(keysActive({ screen: 'exam', questions: 0, ended: false }), false, 'no paper yet');
  assert.equal(keysActive({ screen: 'exam', questions: 100, ended: true }), false, 'ended');
  assert.equal(keysActive({ screen: 'result', questions: 100, ended: false }), false, 'another screen');
});

test('1-5 choose an option by physical key, on any layout and the numpad', () => {
  for (let n = 1; n <= 5; n += 1) {
    assert.deepEqual(keyAction(key(String(n), `Digit${n}`), onPage), { kind: 'choose', index: n - 1 });
    assert.deepEqual(keyAction(key(String(n), `Numpad${n}`), onPage), { kind: 'choose', index: n - 1 });
  }
  // The Kazakh layout types letters on the number row: the physical key counts.
  assert.deepEqual(keyAction(key('ә', 'Digit1'), onPage), { kind: 'choose', index: 0 });
  assert.deepEqual(keyAction(key('і', 'Digit4'), onPage), { kind: 'choose', index: 3 });
});

test('arrows move between questions and options; F flags on any layout', () => {
  assert.deepEqual(keyAction(key('ArrowLeft', 'ArrowLeft'), onPage), { kind: 'step', by: -1 });
  assert.deepEqual(keyAction(key('ArrowRight', 'ArrowRight'), onPage), { kind: 'step', by: 1 });
  assert.deepEqual(keyAction(key('ArrowUp', 'ArrowUp'), onPage), { kind: 'option', by: -1 });
  assert.deepEqual(keyAction(key('ArrowDown', 'ArrowDown'), onPage), { kind: 'option', by: 1 });
  for (const k of [key('f', 'KeyF'), key('F', 'KeyF'), key('а', 'KeyF')]) {
    assert.deepEqual(keyAction(k, onPage), { kind: 'flag' }, k.key);
  }
  // Focus on a radio button of the question: the keys still answer, never the browser's arrows.
  assert.deepEqual(keyAction(key('ArrowRight', 'ArrowRight'), { ...onPage, tag: 'INPUT', type: 'radio' }), { kind: 'step', by: 1 });
});

test('in the question grid the arrows, Home and End move the focus', () => {
  const grid = { ...onPage, tag: 'BUTTON', inGrid: true };
  assert.deepEqual(keyAction(key('ArrowDown', 'ArrowDown'), grid), { kind: 'grid', step: 10 });
  assert.deepEqual(keyAction(key('ArrowLeft', 'ArrowLeft'), grid), { kind: 'grid', step: -1 });
  assert.deepEqual(keyAction(key('Home', 'Home'), grid), { kind: 'grid', to: 'first' });
  assert.deepEqual(keyAction(key('End', 'End'), grid), { kind: 'grid', to: 'last' });
  assert.deepEqual(keyAction(key('2', 'Digit2'), grid), { kind: 'choose', index: 1 }, 'digits still answer');
});

test('no action with a modifier, in a text field or with the submit dialog open', () => {
  assert.equal(keyAction(key('1', 'Digit1', { ctrlKey: true }), onPage), null);
  assert.equal(keyAction(key('f', 'KeyF', { metaKey: true }), onPage), null);
  assert.equal(keyAction(key('1', 'Digit1'), { ...onPage, tag: 'TEXTAREA' }), null);
  assert.equal(keyAction(key('1', 'Digit1'), { ...onPage, tag: 'INPUT', type: 'text' }), null);
  assert.equal(keyAction(key('f', 'KeyF'), { ...onPage, dialogOpen: true }), null);
  assert.equal(keyAction(key('x', 'KeyX'), onPage), null);
});

test('offline, answering by keys queues in the outbox in order, to be replayed', () => {
  const m = new Map();
  const storage = wrap(() => ({ getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) }));
  const outbox = new Outbox(storage, 's1');
  const options = { 6: ['a', 'b', 'c', 'd'], 7: ['e', 'f', 'g', 'h'] };
  let q = 6;
  // What exam.js does with each action, the socket being down (nothing is acknowledged).
  const press = (k, code) => {
    assert.ok(keysActive({ screen: 'exam', questions: 100, ended: false, conn: 'offline' }));
    const a = keyAction(key(k, code), onPage);
    if (a.kind === 'choose') outbox.enqueue({ type: 'answer', q, choice: [options[q][a.index]] }, 40);
    else if (a.kind === 'step') q += a.by;
    else if (a.kind === 'flag') outbox.enqueue({ type: 'flag', q, flagged: true }, 40);
  };
  press('1', 'Digit1');
  press('ArrowRight', 'ArrowRight');
  press('3', 'Digit3');
  press('2', 'Digit2'); // changed mind: supersedes the queued answer to question 7
  press('f', 'KeyF');
  const queued = outbox.list();
  assert.deepEqual(queued.map((x) => [x.type, x.q, x.choice || x.flagged]), [['answer', 6, ['a']], ['answer', 7, ['f']], ['flag', 7, true]]);
  assert.ok(queued.every((x, i) => x.seq > 40 && (i === 0 || x.seq > queued[i - 1].seq)), JSON.stringify(queued));
  assert.deepEqual([...pendingQuestions(queued)], [6, 7]);
  assert.equal(new Outbox(storage, 's1').list().length, 3, 'kept in storage over a reload');
});
