// The server clock estimate (src/web/shared/clock.js) on an injected monotonic time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerClock } from '../../src/web/shared/clock.js';

test('the clock is unknown until the server spoke, then follows the server', () => {
  let local = 1000;
  const c = new ServerClock(() => local);
  assert.equal(c.known(), false);
  c.observe(50000); // offset 49000
  assert.equal(c.known(), true);
  local = 3000;
  assert.equal(c.now(), 52000);
});

test('the largest recent offset wins: a delayed message only makes a sample smaller', () => {
  let local = 0;
  const c = new ServerClock(() => local);
  c.observe(10000); // offset 10000, fast message
  local = 1000;
  c.observe(10200); // delayed by 800 ms: offset 9200
  assert.equal(c.now(), 11000);
});

test('samples older than 5 minutes are forgotten, so a drifting clock is followed', () => {
  let local = 0;
  const c = new ServerClock(() => local);
  c.observe(20000); // offset 20000
  local = 301000;
  c.observe(320000); // offset 19000: the local clock ran fast
  assert.equal(c.now(), 320000);
});

test('a message without a numeric server_time is no sample', () => {
  const c = new ServerClock(() => 0);
  c.observe(undefined);
  c.observe('123');
  assert.equal(c.known(), false);
});
