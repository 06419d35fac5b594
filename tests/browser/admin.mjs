// The admin console (/admin) in headless Chromium, as an administrator uses it: signs in on
// the page, sees the demo campaign with its progress, opens its sessions, finds a candidate by
// a lower-case name, re-issues the candidate's lost code (the old code is then refused, the
// new one opens the exam page) and switches the console to Russian. Any uncaught page error or
// Content-Security-Policy violation fails the run. Run by tests/browser_admin.rs:
//   node tests/browser/admin.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function fail(msg) {
  console.error(`FAIL: ${msg}`);
  process.exit(2);
}

function args() {
  const out = { url: null, code: null, adminToken: null, screenshots: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => argv[++i];
    if (k === '--url') out.url = val();
    else if (k === '--code') out.code = val();
    else if (k === '--admin-token') out.adminToken = val();
    else if (k === '--screenshots') out.screenshots = val();
    else fail(`unknown argument ${k}`);
  }
  if (!out.url || !out.code || !out.adminToken) fail('usage: node tests/browser/admin.mjs --url URL --code CODE --admin-token TOKEN [--screenshots DIR]');
  out.url = out.url.replace(/\/+$/, '');
  return out;
}

const opt = args();
const T0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s] ${m}`);
class Check extends Error {}
const expect = (cond, msg) => { if (!cond) throw new Check(msg); };
const pageErrors = [];
const consoleLines = [];
let page;
let current = 'start';

async function shot(name) {
  if (!opt.screenshots) return;
  fs.mkdirSync(opt.screenshots, { recursive: true });
  const file = path.join(opt.screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${file}`);
}

async function step(name, fn) {
  current = name;
  await fn();
  if (pageErrors.length) throw new Check(`uncaught error in the page: ${pageErrors.join(' | ')}`);
  const csp = consoleLines.filter((l) => /Content Security Policy/i.test(l));
  if (csp.length) throw new Check(`the page breaks its Content-Security-Policy: ${csp.join(' | ')}`);
  log(`ok  ${name}`);
}

async function api(method, p, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${opt.url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { data = text; }
  return { status: res.status, data };
}

const ADMIN = { username: 'admin.browser', password: `Ad-${crypto.randomBytes(9).toString('hex')}`, name: 'Әкімші Тест', role: 'admin' };

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.setDefaultTimeout(15000);
  let sessionName = '';
  let newCode = '';
  try {
    await step('an administrator account exists (created with the admin token)', async () => {
      const r = await api('POST', '/api/v1/admin/users', { token: opt.adminToken, body: ADMIN });
      expect(r.status === 201, `creating the admin answered ${r.status}: ${JSON.stringify(r.data)}`);
    });

    await step('the console asks for a login, in Kazakh; a wrong password is refused in words', async () => {
      await page.goto(`${opt.url}/admin`);
      await page.waitForSelector('#login:not([hidden])');
      expect((await page.getAttribute('html', 'lang')) === 'kk', 'the console is not in Kazakh by default');
      await page.fill('#username', ADMIN.username);
      await page.fill('#password', 'wrong');
      await page.click('#login button[type=submit]');
      await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
      expect(/қате/.test(await page.textContent('#login-error')), 'the refusal is not worded in Kazakh');
    });

    await step('signed in: the demo campaign with its progress at a glance', async () => {
      await page.fill('#password', ADMIN.password);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#campaigns:not([hidden]) tr.campaign');
      const admitted = Number(await page.textContent('tr.campaign td.admitted'));
      expect(admitted >= 1, `the campaign shows ${admitted} admitted`);
      expect(/1-бет/.test(await page.textContent('#campaigns-page')), 'no page line');
      await shot('a01-campaigns');
    });

    await step("the campaign's sessions; a candidate found by a lower-case name", async () => {
      await page.click('tr.campaign a');
      await page.waitForSelector('#sessions:not([hidden]) tr.session');
      const who = await api('POST', '/api/v1/exam/login', { body: { code: opt.code } });
      expect(who.status === 200, `the code does not log in: ${who.status}`);
      sessionName = who.data.session.candidate.name;
      await page.fill('#sessions-q', sessionName.split(' ')[0].toLowerCase());
      await page.click('#sessions-search button[type=submit]');
      await page.waitForFunction((n) => [...document.querySelectorAll('tr.session td:first-child')].some((td) => td.textContent === n), sessionName);
      expect(/барлығы/.test(await page.textContent('#sessions-page')), 'no page line for the search');
    });

    await step("a lost code re-issued from the page: shown once, the old code refused, the new one works", async () => {
      page.once('dialog', (d) => d.accept('browser test: the candidate lost the printed slip'));
      const row = page.locator('tr.session', { hasText: sessionName });
      await row.locator('.new-code').click();
      await page.waitForSelector('#sessions-notice:not([hidden])');
      const notice = await page.textContent('#sessions-notice');
      newCode = (/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(notice) || [])[0];
      expect(newCode && newCode !== opt.code, `the notice shows no new code: "${notice}"`);
      const old = await api('POST', '/api/v1/exam/login', { body: { code: opt.code } });
      expect(old.status === 422, `the old code answered ${old.status}`);
      const fresh = await api('POST', '/api/v1/exam/login', { body: { code: newCode } });
      expect(fresh.status === 200 && fresh.data.session.candidate.name === sessionName, `the new code answered ${fresh.status}`);
      await shot('a02-new-code');
    });

    await step('the console in Russian, the code notice with it', async () => {
      await page.click('[data-lang="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru' && /Страница/.test(document.getElementById('sessions-page').textContent));
      expect((await page.textContent('#sessions-notice')).includes(`новый код ${newCode}`), 'the notice is not in Russian');
      expect(/ФИО/.test(await page.textContent('#sessions-table thead')), 'the table head is not in Russian');
      await page.click('#back');
      await page.waitForSelector('#campaigns:not([hidden]) tr.campaign');
      await shot('a03-campaigns-ru');
    });
    log('PASS: the admin console lists, searches and re-issues a code');
  } catch (e) {
    console.error(`FAIL at step "${current}": ${e instanceof Check ? e.message : e.stack || e}`);
    console.error(`page console (last 20):\n  ${consoleLines.slice(-20).join('\n  ')}`);
    await shot(`admin-failure-${Date.now()}`).catch(() => {});
    await browser.close();
    process.exit(1);
  }
  await browser.close();
}

main();
