// The TMC page (/tmc) in headless Chromium, as a TMC operator uses it: signs in, uploads a
// list with one bad row (the row and its reason are shown, nothing imported), the corrected
// list as XLSX, the personnel data with one person short of training hours (the reason cites
// p.14), issues the admitted their codes (the download link appears), excludes one person for
// a business trip abroad (p.10.3) and switches to Russian. Any uncaught page error or CSP
// violation fails the run. Run by tests/browser_tmc.rs:
//   node tests/browser/tmc.mjs --url URL --admin-token TOKEN --examples DIR [--screenshots DIR]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'], '--examples': ['examples', 'SYNAQ_EXAMPLES'] },
  ['url', 'adminToken', 'examples'],
  'node tests/browser/tmc.mjs --url URL --admin-token TOKEN --examples DIR [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);
const example = (name) => fs.readFileSync(path.join(opt.examples, name));

const OPERATOR = { username: 'tmc.browser', password: `Tmc-${crypto.randomBytes(9).toString('hex')}`, name: 'Оператор ЦТМ', role: 'tmc_operator', scope: 'ЦТМ г. Караганды' };
const SHORT = '900712302342'; // 36 of 40 hours in personnel.csv
const FIRST = '880314401231';

async function main() {
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty', acceptDownloads: true });
  page = r.watch(await context.newPage());
  try {
    await step('a TMC operator account of one organization exists', async () => {
      const res = await fetch(`${opt.url}/api/v1/admin/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${opt.adminToken}` },
        body: JSON.stringify(OPERATOR),
      });
      expect(res.status === 201, `creating the operator answered ${res.status}: ${await res.text()}`);
    });

    await step('signed in on /tmc, in Kazakh: the campaign is chosen and its list empty', async () => {
      await page.goto(`${opt.url}/tmc`);
      await page.waitForSelector('#login:not([hidden])');
      await page.fill('#username', OPERATOR.username);
      await page.fill('#password', OPERATOR.password);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#work:not([hidden])');
      await page.waitForFunction(() => /Тізім бос/.test(document.getElementById('page').textContent));
      expect((await page.$$eval('#campaign option', (o) => o.length)) >= 1, 'no campaign to choose');
    });

    await step('a list with one bad row: the row and its reason are shown, nothing imported', async () => {
      const bad = example('attestees.csv').toString('utf8').replace(SHORT, '900712302343');
      await page.setInputFiles('#list-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
      await page.click('#list-form button[type=submit]');
      await page.waitForSelector('#outcome-lines li.row-error');
      const lines = await page.$$eval('#outcome-lines li', (l) => l.map((x) => x.textContent));
      expect(lines.length === 1 && /^line 3, iin: check digit/.test(lines[0]), `the row errors are ${JSON.stringify(lines)}`);
      expect(/1 қате/.test(await page.textContent('#outcome-text')), 'the error count is not worded in Kazakh');
      expect((await page.$$('tr.attestee')).length === 0, 'a row was imported');
      await shot('t01-bad-row');
    });

    await step('the corrected list as XLSX: three attestees, no data yet', async () => {
      await page.setInputFiles('#list-file', path.join(opt.examples, 'attestees.xlsx'));
      await page.click('#list-form button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('tr.attestee').length === 3);
      expect(/3 жол қосылды/.test(await page.textContent('#outcome-text')), 'no import notice');
      expect((await page.$$('tr.status-no_data')).length === 3, 'the rows are not "no data yet"');
    });

    await step('the personnel data: one person short of training hours, the reason citing p.14', async () => {
      await page.setInputFiles('#personnel-file', path.join(opt.examples, 'personnel.csv'));
      await page.click('#personnel-form button[type=submit]');
      await page.waitForSelector(`#attestee-${SHORT}.status-not_admitted`);
      const reason = await page.textContent(`#attestee-${SHORT} td.reasons`);
      expect(/^p\.14\.1/.test(reason) && /36/.test(reason), `the reason is "${reason}"`);
      expect((await page.$$('tr.status-admitted')).length === 2, 'two are not admitted');
      await shot('t02-admission');
    });

    await step('codes for the admitted only, with the CSV to download', async () => {
      await page.click('#codes');
      await page.waitForSelector('#codes-table:not([hidden]) tr.issued');
      const codes = await page.$$eval('#codes-table tr.issued td.code', (t) => t.map((x) => x.textContent));
      expect(codes.length === 2 && codes.every((c) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(c)), `the codes are ${JSON.stringify(codes)}`);
      const iins = await page.$$eval('#codes-table tr.issued td:first-child', (t) => t.map((x) => x.textContent));
      expect(!iins.includes(SHORT), 'the person short of hours got a code');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const text = fs.readFileSync(await download.path(), 'utf8');
      expect(codes.every((c) => text.includes(c)), 'the CSV lacks a code');
      await page.waitForFunction((iin) => document.querySelector(`#attestee-${iin} td.code`).textContent === 'берілді', FIRST);
    });

    await step('a business trip abroad excludes a person: the correction shown, the code revoked', async () => {
      await page.click(`#attestee-${FIRST} button.exclude`);
      await page.waitForSelector('#correction:not([hidden])');
      await page.selectOption('#correction-reason', 'business_trip_abroad');
      await page.fill('#correction-from', '2026-11-25');
      await page.fill('#correction-until', '2027-01-20');
      await page.fill('#correction-note', 'бұйрық № 12-к');
      await page.click('#correction button[type=submit]');
      await page.waitForSelector(`#attestee-${FIRST}.status-excluded`);
      const correction = await page.textContent(`#attestee-${FIRST} td.correction`);
      expect(/p\.10\.3/.test(correction) && /12-к/.test(correction), `the correction is "${correction}"`);
      expect((await page.textContent(`#attestee-${FIRST} td.code`)) === 'күші жойылды', 'the code is not revoked');
      await shot('t03-excluded');
    });

    await step('the page in Russian', async () => {
      await page.click('[data-lang="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru' && /Страница/.test(document.getElementById('page').textContent));
      expect(/ФИО/.test(await page.textContent('#attestees thead')), 'the table head is not in Russian');
      expect(/не допущен/.test(await page.textContent(`#attestee-${SHORT} td.status`)), 'the status is not in Russian');
      await shot('t04-ru');
    });
    log('PASS: the TMC page forms the list, admits and issues codes');
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'tmc' });
  }
  await browser.close();
}

main();
