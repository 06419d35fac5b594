// The outbox's merge and seq rules (src/web/candidate/outbox.js): nothing acknowledged is lost,
// nothing unacknowledged is overwritten by the server's older state, seq only grows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supersede, nextSeq, resume, pendingQuestions, Outbox } from '../../src/web/candidate/outbox.js';
import { wrap } from '../../src/web/shared/storage.js';

/** A storage area in memory; `refuse` makes every write fail, as a full quota does. */
function area({ refuse = false } = {}) {
  const m = new Map();
  return wrap(() => ({
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => { if (refuse) throw new Error('QuotaExceededError'); m.set(k, String(v)); },
    removeItem: (k) => m.delete(k),
  }));
}

test('a newer answer to the same question supersedes the queued one, other kinds stay', () => {
  const list = [
    { type: 'answer', q: 1, choice: ['a'], seq: 1 },
    { type: 'flag', q: 1, flagged: true, seq: 2 },
    { type: 'answer', q: 2, choice: ['b'], seq: 3 },
  ];
  const out = supersede(list, { type: 'answer', q: 1, choice: ['c'], seq: 4 });
  assert.deepEqual(out.map((m) => m.seq), [2, 3, 4]);
  assert.deepEqual(out.at(-1).choice, ['c']);
  assert.equal(list.length, 3, 'the input list is not changed');
});

test('the next seq is above every one used, whatever storage held', () => {
  assert.equal(nextSeq(), 1);
  assert.equal(nextSeq('7', 3, 5), 8);
  assert.equal(nextSeq(null, 'garbage', 2), 3);
  assert.equal(nextSeq(0, -4), 1);
});

test('resume puts unacknowledged messages over the server state and drops durable ones', () => {
  const state = { answers: { 1: ['a'], 2: ['b'], 3: [] }, flags: [4], last_seq: 10 };
  const outbox = [
    { type: 'answer', q: 1, choice: ['z'], seq: 9 }, // durable already (<= last_seq): dropped
    { type: 'answer', q: 2, choice: ['c'], seq: 11 },
    { type: 'answer', q: 5, choice: ['d'], seq: 12 },
    { type: 'answer', q: 1, choice: [], seq: 13 }, // cleared after the server saw ['a']
    { type: 'flag', q: 4, flagged: false, seq: 14 },
    { type: 'flag', q: 6, flagged: true, seq: 15 },
  ];
  const { answers, flags, pending } = resume(state, outbox);
  assert.deepEqual([...answers], [[2, ['c']], [5, ['d']]]);
  assert.deepEqual([...flags], [6]);
  assert.deepEqual(pending.map((m) => m.seq), [11, 12, 13, 14, 15]);
});

test('resume of a fresh session is empty', () => {
  const { answers, flags, pending } = resume({ answers: {}, flags: [], last_seq: 0 }, []);
  assert.equal(answers.size + flags.size + pending.length, 0);
});

test('pending questions are those with an unacknowledged answer, not a flag', () => {
  const list = [{ type: 'answer', q: 3, choice: ['a'], seq: 1 }, { type: 'flag', q: 4, flagged: true, seq: 2 }];
  assert.deepEqual([...pendingQuestions(list)], [3]);
});

test('the outbox survives a reload, drops acked messages and keeps seq growing', () => {
  const store = area();
  const box = new Outbox(store, 's1');
  const a = box.enqueue({ type: 'answer', q: 1, choice: ['a'] }, 0);
  const b = box.enqueue({ type: 'answer', q: 2, choice: ['b'] }, 0);
  assert.deepEqual([a.seq, b.seq], [1, 2]);
  const again = new Outbox(store, 's1'); // a reload
  assert.deepEqual(again.list().map((m) => m.q), [1, 2]);
  assert.equal(again.drop(1).q, 1);
  assert.equal(again.drop(1), undefined, 'an ack for a seq not queued changes nothing');
  assert.deepEqual(again.list().map((m) => m.seq), [2]);
  assert.equal(again.enqueue({ type: 'flag', q: 2, flagged: true }, 0).seq, 3);
  assert.equal(again.takeSeq(40), 41, "the server's last_seq is respected");
  again.clear();
  assert.deepEqual(new Outbox(store, 's1').list(), []);
  assert.deepEqual(new Outbox(store, 's2').list(), [], 'sessions do not share an outbox');
});

test('when storage refuses, the outbox goes on in memory', () => {
  const box = new Outbox(area({ refuse: true }), 's1');
  const a = box.enqueue({ type: 'answer', q: 1, choice: ['a'] }, 0);
  const b = box.enqueue({ type: 'answer', q: 2, choice: ['b'] }, 0);
  assert.ok(b.seq > a.seq);
  assert.deepEqual(box.list().map((m) => m.q), [1, 2]);
});
