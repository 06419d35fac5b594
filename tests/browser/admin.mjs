// The admin console (/admin) in headless Chromium, as an administrator uses it: signs in on
// the page, sees the demo campaign with its progress, opens its sessions, finds a candidate by
// a lower-case name, re-issues the candidate's lost code (the old code is then refused, the
// new one opens the exam page) and switches the console to Russian. Any uncaught page error or
// Content-Security-Policy violation fails the run. Run by tests/browser_admin.rs:
//   node tests/browser/admin.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]
import crypto from 'node:crypto';
import { Check, expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--code': ['code', 'SYNAQ_CODE'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'] },
  ['url', 'code', 'adminToken'],
  'node tests/browser/admin.mjs --url URL --code CODE --admin-token TOKEN [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);

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
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' });
  page = r.watch(await context.newPage());
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
    await r.failed(e, { browser, page, prefix: 'admin' });
  }
  await browser.close();
}

main();
