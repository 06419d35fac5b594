// The exam page's proctoring signals (src/web/candidate/signals.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReporter, QUEUE_MAX, RESIZE_QUIET_MS, DEVTOOLS_GAP_PX } from '../../src/web/candidate/signals.js';

function rig({ up = true } = {}) {
  const sent = [];
  const state = { t: 1000, up, n: 0 };
  const r = createReporter({
    send: (m) => { if (!state.up) return false; sent.push(m); return true; },
    now: () => state.t,
    newId: () => `s-${++state.n}`,
  });
  return { r, sent, state };
}

test('a hidden tab is reported once it is visible again, with how long it was hidden', () => {
  const { r, sent, state } = rig();
  r.hidden();
  state.t += 4200;
  r.hidden(); // still hidden: the first moment counts
  r.visible();
  assert.deepEqual(sent, [{ type: 'signal', id: 's-1', kind: 'tab_hidden', duration_ms: 4200 }]);
  assert.equal(r.visible(), null, 'visible without hidden is nothing');
});

test('an offline period is one network_lost, sent when the socket is back', () => {
  const { r, sent, state } = rig({ up: false });
  r.offline();
  state.t += 30_000;
  r.online();
  assert.equal(sent.length, 0);
  assert.equal(r.pending(), 1);
  state.up = true;
  r.flush();
  assert.deepEqual(sent.map((m) => [m.kind, m.duration_ms]), [['network_lost', 30_000]]);
  assert.equal(r.pending(), 0);
});

test('resizes close together are one; devtools is reported when it opens, not while open', () => {
  const { r, sent, state } = rig();
  r.resize();
  state.t += RESIZE_QUIET_MS - 1;
  r.resize();
  state.t += RESIZE_QUIET_MS;
  r.resize();
  r.devtools(DEVTOOLS_GAP_PX + 1);
  r.devtools(DEVTOOLS_GAP_PX + 50);
  r.devtools(0);
  r.devtools(DEVTOOLS_GAP_PX);
  assert.deepEqual(sent.map((m) => m.kind), ['window_resize', 'window_resize', 'devtools_open']);
});

test('the queue while disconnected is bounded, oldest dropped', () => {
  const { r, sent, state } = rig({ up: false });
  for (let i = 0; i < QUEUE_MAX + 5; i++) r.copyPaste();
  assert.equal(r.pending(), QUEUE_MAX);
  state.up = true;
  r.flush();
  assert.equal(sent.length, QUEUE_MAX);
  assert.equal(sent[0].id, 's-6');
  r.fullscreenExit();
  assert.equal(sent.at(-1).kind, 'fullscreen_exit');
});
