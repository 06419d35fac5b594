// Every error code the server can send a candidate's page has a Kazakh and a Russian string,
// and the page shows those, never the server's English message. The codes are read from the
// Rust sources themselves (src/http/**: the status mapping of error.rs, `code: "..."` of the
// 422 refusals, `"code": "..."` of hand-built bodies; src/live/**: the socket's refusals and
// src/domain/exam.rs's Refusal codes), so a new code without strings fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STRINGS } from '../../src/web/shared/strings.js';
import { errorKey, errorText, socketErrorKey } from '../../src/web/shared/api.js';

const root = new URL('../../', import.meta.url).pathname;

function rustFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...rustFiles(rel));
    else if (e.name.endsWith('.rs')) out.push(fs.readFileSync(path.join(root, rel), 'utf8'));
  }
  return out;
}

function codes(sources, patterns) {
  const found = new Set();
  for (const text of sources) for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]);
  return [...found].sort();
}

const HTTP_CODES = codes(rustFiles('src/http'), [
  /StatusCode::[A-Z_]+\s*,\s*"([a-z_]+)"/g,
  /\bcode:\s*"([a-z_]+)"/g,
  /"code"\s*:\s*"([a-z_]+)"/g,
]);

const exam = fs.readFileSync(path.join(root, 'src/domain/exam.rs'), 'utf8');
const refusalCodes = exam.slice(exam.indexOf('pub fn code(&self)'));
const SOCKET_CODES = codes(
  [...rustFiles('src/live'), refusalCodes.slice(0, refusalCodes.indexOf('\n    }\n'))],
  [/refuse\(\s*[^,()]+,\s*"([a-z_]+)"/g, /Refusal::\w+[^=\n]*=>\s*"([a-z_]+)"/g],
);

test('the code lists were read from the Rust sources (the patterns still match)', () => {
  for (const c of ['unauthenticated', 'forbidden', 'conflict', 'internal', 'bad_code', 'too_many_sockets', 'rate_limited']) {
    assert.ok(HTTP_CODES.includes(c), `${c} not found in src/http: ${HTTP_CODES}`);
  }
  for (const c of ['time_up', 'malformed', 'rate_limited', 'bad_choice', 'not_in_progress']) {
    assert.ok(SOCKET_CODES.includes(c), `${c} not found in src/live: ${SOCKET_CODES}`);
  }
});

test('every HTTP error code has a Kazakh and a Russian string', () => {
  for (const code of [...HTTP_CODES, 'network']) {
    for (const lang of ['kk', 'ru']) {
      const s = STRINGS[lang][`err.${code}`];
      assert.ok(typeof s === 'string' && s.trim().length > 0, `err.${code} missing in ${lang}`);
    }
    assert.notEqual(STRINGS.kk[`err.${code}`], STRINGS.ru[`err.${code}`], `err.${code}: kk and ru are the same`);
  }
});

test('every socket refusal code has a Kazakh and a Russian string', () => {
  for (const code of [...SOCKET_CODES, 'generic']) {
    for (const lang of ['kk', 'ru']) {
      const s = STRINGS[lang][`wserr.${code}`];
      assert.ok(typeof s === 'string' && s.trim().length > 0, `wserr.${code} missing in ${lang}`);
    }
  }
});

test('a refusal shows the string of its code, never the English message', () => {
  const r = { ok: false, status: 409, code: 'conflict', message: 'there is no paper to show: the exam is submitted' };
  assert.deepEqual(errorKey(r), ['err.conflict']);
  const text = errorText(r);
  assert.equal(text, STRINGS.kk['err.conflict']);
  assert.ok(!text.includes('paper'), text);
});

test('an unknown code falls back to a generic kk/ru sentence with the status only', () => {
  const r = { ok: false, status: 418, code: 'teapot', message: 'I am a teapot' };
  assert.deepEqual(errorKey(r), ['err.generic', { status: 418 }]);
  const text = errorText(r);
  assert.ok(!text.includes('teapot') && !/[A-Za-z]{3,}/.test(text), text);
  assert.ok(text.includes('418'), text);
  for (const lang of ['kk', 'ru']) assert.ok(!STRINGS[lang]['err.generic'].includes('{msg}'), lang);
  assert.deepEqual(errorKey({ status: 500, code: null, message: null }), ['err.generic', { status: 500 }]);
});

test('network failures and lost sessions keep their own strings', () => {
  assert.deepEqual(errorKey({ status: 0, code: 'network' }), ['err.network']);
  assert.deepEqual(errorKey({ status: 401, code: 'unauthenticated' }), ['err.session_lost']);
  assert.deepEqual(errorKey({ status: 422, code: 'bad_code' }), ['err.bad_code']);
});

test('socket refusals map by code, with the question number, and unknown codes generically', () => {
  assert.deepEqual(socketErrorKey('bad_choice', 7), ['wserr.bad_choice', { n: 7 }]);
  assert.deepEqual(socketErrorKey('something_new', 7), ['wserr.generic']);
  assert.deepEqual(socketErrorKey(undefined, 7), ['wserr.generic']);
});

test('no kk or ru string of the page has a {msg} slot for server text except localised notices', () => {
  for (const lang of ['kk', 'ru']) {
    for (const [key, s] of Object.entries(STRINGS[lang])) {
      if (key === 'notice') continue; // its message comes localised ({kk, ru}) from the server
      assert.ok(!s.includes('{msg}'), `${lang} ${key}`);
    }
  }
});
