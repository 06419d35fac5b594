// Small pure rules of the candidate's page: the access code as typed, the countdown's text and
// warnings, reconnect backoff, and close codes matching the server's (src/live/protocol.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { normalizeCode } from '../../src/web/candidate/code.js';
import { formatRemaining, dueWarning } from '../../src/web/candidate/timer.js';
import { CLOSE, isTerminal } from '../../src/web/candidate/close.js';

test('codes are normalised from lower case, spaces and dashes', () => {
  assert.equal(normalizeCode('abcd efgh-1234 5678'), 'ABCD-EFGH-1234-5678');
  assert.equal(normalizeCode(' ABCDEFGH12345678 '), 'ABCD-EFGH-1234-5678');
});

test('codes of the wrong length or with other letters are refused', () => {
  assert.equal(normalizeCode('12'), null);
  assert.equal(normalizeCode('ABCD-EFGH-1234-56789'), null);
  assert.equal(normalizeCode('ӘБВГ-EFGH-1234-5678'), null);
  assert.equal(normalizeCode(undefined), null);
});

test('the countdown rounds up to the second and stops at zero', () => {
  assert.equal(formatRemaining(7200000), '02:00:00');
  assert.equal(formatRemaining(59001), '00:01:00');
  assert.equal(formatRemaining(1), '00:00:01');
  assert.equal(formatRemaining(-5000), '00:00:00');
});

test('warnings come once each, at 10 and 5 minutes and at the end', () => {
  assert.equal(dueWarning(700000, {}), null);
  assert.equal(dueWarning(600000, {}), 'warn10');
  assert.equal(dueWarning(590000, { warn10: true }), null);
  assert.equal(dueWarning(300000, { warn10: true }), 'warn5');
  assert.equal(dueWarning(240000, {}), 'warn5', 'opened with 4 minutes left: only the 5-minute warning');
  assert.equal(dueWarning(550000, { warn5: true }), null, 'an extension never repeats the 10-minute one');
  assert.equal(dueWarning(0, { warn5: true }), 'up');
  assert.equal(dueWarning(0, { up: true }), null);
});

test('close codes are the server\'s, by name, and only 4000-4999 forbid reconnecting', () => {
  const rust = fs.readFileSync(new URL('../../src/live/protocol.rs', import.meta.url), 'utf8');
  const server = Object.fromEntries([...rust.matchAll(/pub const (\w+): u16 = (\d+);/g)].map((m) => [m[1], Number(m[2])]));
  assert.deepEqual({ ...CLOSE }, server);
  for (const code of Object.values(CLOSE)) assert.equal(isTerminal(code), code >= 4000, `close ${code}`);
  assert.ok(!isTerminal(1006) && !isTerminal(1000) && !isTerminal(5000));
});

test('reconnect backoff doubles from 300 ms to a 5 s cap, jittered in its upper half', async () => {
  const { backoff } = await import('../../src/web/candidate/socket.js');
  assert.equal(backoff(1, () => 0), 150);
  assert.equal(backoff(1, () => 1), 300);
  assert.equal(backoff(3, () => 1), 1200);
  assert.equal(backoff(30, () => 1), 5000);
  assert.equal(backoff(30, () => 0), 2500);
});
