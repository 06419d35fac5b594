// The admin console (/admin) in headless Chromium, as an administrator uses it: signs in on
// the page, sees the demo campaign with its progress, opens its sessions, finds a candidate by
// a lower-case name, re-issues the candidate's lost code (the old code is then refused, the
// new one opens the exam page), switches the console to Russian, downloads the sessions as
// CSV, opens the drill-down of a session in progress (time left counting down, the Almaty
// deadline), extends it and voids it with reasons, and on the users page creates a TMC
// operator with its organization and disables it (its password is then refused). Any
// uncaught page error or Content-Security-Policy violation fails the run. Run by tests/browser_admin.rs:
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

const OPERATOR_PASSWORD = `Op-${crypto.randomBytes(9).toString('hex')}`;
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
    await step('online now in the progress; the sessions downloaded as CSV from the page', async () => {
      const heads = await page.textContent('#campaigns-table thead');
      expect(/Сейчас в сети/.test(heads), `no online column: "${heads}"`);
      expect(/^\d+$/.test(await page.textContent('tr.campaign td.online')), 'the online count is not a number');
      await page.click('tr.campaign a');
      await page.waitForSelector('#sessions:not([hidden]) tr.session');
      const href = await page.getAttribute('#export-csv', 'href');
      const csv = await page.evaluate(async (h) => { const r = await fetch(h); return { status: r.status, text: await r.text() }; }, href);
      expect(csv.status === 200 && /^\uFEFF?ФИО,ИИН/.test(csv.text) && csv.text.includes(sessionName), `the CSV download: ${csv.status} "${csv.text.slice(0, 120)}"`);
    });

    await step('the drill-down of a session in progress: time left counts down, the deadline in Almaty', async () => {
      const login = await api('POST', '/api/v1/exam/login', { body: { code: newCode } });
      const token = login.data.token;
      const rules = await api('POST', '/api/v1/exam/rules', { token, body: { lang: 'ru' } });
      const started = await api('POST', '/api/v1/exam/start', { token, body: {} });
      expect(rules.status === 200 && started.status === 200, `starting answered ${rules.status}/${started.status}: ${JSON.stringify(started.data)}`);
      const deadline = started.data.deadline;
      await page.click('#sessions-search button[type=submit]');
      await page.waitForSelector('tr.session.status-in_progress');
      await page.locator('tr.session', { hasText: sessionName }).locator('.details').click();
      await page.waitForSelector('#session:not([hidden]) #session-facts dd');
      const facts = await page.textContent('#session-facts');
      const expected = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(deadline));
      expect(facts.includes(expected), `the deadline is not shown in Almaty (${expected}): "${facts}"`);
      expect(/сдаёт/.test(facts) && /Записей журнала0/.test(facts), `facts: "${facts}"`);
      const left = async () => (/Осталось(\d+:\d\d:\d\d)/.exec(await page.textContent('#session-facts')) || [])[1];
      const first = await left();
      await page.waitForFunction((f) => !document.getElementById('session-facts').textContent.includes(`Осталось${f}`), first, { timeout: 5000 })
        .catch(() => { throw new Check(`the time left does not count down (${first})`); });
      expect(!(await page.isHidden('#signals-none')), 'no "no signals" line for a session without signals');
      await shot('a04-drilldown');
    });

    await step('an extension with a reason; a void with a reason (p.19)', async () => {
      await page.click('#do-extend');
      await page.waitForFunction(() => /причину/.test(document.getElementById('session-error').textContent));
      await page.fill('#action-reason', 'browser test: the connection dropped for 15 minutes');
      await page.fill('#extend-minutes', '15');
      await page.click('#do-extend');
      await page.waitForFunction(() => /Выполнено/.test(document.getElementById('session-notice').textContent));
      const facts = await page.textContent('#session-facts');
      expect(/Продлено, мин15/.test(facts), `the extension is not shown: "${facts}"`);
      const h = Number((/Осталось(\d+):/.exec(facts) || [])[1]);
      expect(h >= 2, `the time left did not grow past 2 h: "${facts}"`);
      page.once('dialog', (d) => d.accept());
      await page.fill('#action-reason', 'browser test: someone else sat the exam');
      await page.click('#do-void');
      await page.waitForFunction(() => /аннулирована/.test(document.getElementById('session-facts').textContent));
      expect(await page.isDisabled('#do-extend'), 'a voided session can still be extended from the page');
      await shot('a05-voided');
    });

    await step('users: a TMC operator created with its organization, then disabled with a reason', async () => {
      await page.click('#nav-users');
      await page.waitForSelector('#users:not([hidden]) tr.user');
      expect(await page.isVisible(`#user-${ADMIN.username.replace('.', '\\.')}`), 'the admin account is not listed');
      await page.fill('#user-username', 'tmc.browser');
      await page.fill('#user-name', 'Ерлан Сапаров');
      await page.fill('#user-password', OPERATOR_PASSWORD);
      await page.selectOption('#user-role', 'tmc_operator');
      expect(await page.isVisible('#user-scope'), 'no scope field for a TMC operator');
      await page.fill('#user-scope', 'ЦТМ Алматы');
      await page.click('#user-form button[type=submit]');
      await page.waitForSelector('#user-tmc\\.browser');
      const row = await page.textContent('#user-tmc\\.browser');
      expect(/оператор ЦТМ/.test(row) && /ЦТМ Алматы/.test(row) && /активен/.test(row), `the new row: "${row}"`);
      const before = await api('POST', '/api/v1/auth/login', { body: { username: 'tmc.browser', password: OPERATOR_PASSWORD } });
      expect(before.status === 200, `the operator cannot log in: ${before.status}`);
      await page.fill('#users-reason', 'browser test: left the TMC');
      await page.click('#user-tmc\\.browser button.disable');
      await page.waitForFunction(() => /отключён/.test(document.getElementById('user-tmc.browser').textContent));
      const dead = await api('GET', '/api/v1/commission/appeals', { token: before.data.token });
      expect(dead.status === 401, `the disabled operator's login still answers ${dead.status}`);
      const after = await api('POST', '/api/v1/auth/login', { body: { username: 'tmc.browser', password: OPERATOR_PASSWORD } });
      expect(after.status === 422, `the disabled operator logs in: ${after.status}`);
      await page.fill('#users-q', 'сапаров');
      await page.click('#users-search button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('tr.user').length === 1);
      await shot('a06-users');
    });
    log('PASS: the admin console lists, searches, re-issues a code, drills down, extends, voids and manages users');
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'admin' });
  }
  await browser.close();
}

main();
