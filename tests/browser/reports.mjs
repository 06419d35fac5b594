// The console's Reports and Evaluations (/admin, docs/reports.md) in headless Chromium, as an
// administrator uses them: signs in, opens a campaign with people in Karaganda and one without a
// region, sees the p.31 due date and the flag for the rows without a region, downloads
// Appendix 2 as XLSX through the page's link, marks Karaganda's report as sent, sees the
// category applicant without a result (no entry offered), uploads an evaluation file with a bad
// line and reads its line and column, and switches to Russian. Any uncaught page error or
// Content-Security-Policy violation fails the run. Run by tests/browser_reports.rs:
//   node tests/browser/reports.mjs --url http://127.0.0.1:PORT --admin-token TOKEN [--screenshots DIR]
import crypto from 'node:crypto';
import { expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'] },
  ['url', 'adminToken'],
  'node tests/browser/reports.mjs --url URL --admin-token TOKEN [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);

async function api(method, p, { body, type } = {}) {
  const headers = { Authorization: `Bearer ${opt.adminToken}`, 'Content-Type': type || 'application/json' };
  const res = await fetch(`${opt.url}${p}`, { method, headers, body: body === undefined ? undefined : (type ? body : JSON.stringify(body)) });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { data = text; }
  return { status: res.status, data };
}

// A valid IIN for person n (born 1985-03-10).
function iin(n) {
  for (let k = 0; k < 10; k += 1) {
    const base = `8503103${String(n * 10 + k).padStart(4, '0')}`;
    const d = [...base].map(Number);
    let s = d.reduce((a, x, i) => a + x * (i + 1), 0) % 11;
    if (s === 10) s = d.reduce((a, x, i) => a + x * [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i], 0) % 11;
    if (s !== 10) return base + s;
  }
  throw new Error('no IIN');
}

const ADMIN = { username: 'admin.reports', password: `Ad-${crypto.randomBytes(9).toString('hex')}`, name: 'Әкімші Есеп', role: 'admin' };
const NAME = `Есептер ${crypto.randomBytes(3).toString('hex')}`;

async function main() {
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty', acceptDownloads: true });
  page = r.watch(await context.newPage());
  let campaign = '';
  let deadline = null;
  try {
    await step('a campaign with two people in Karaganda and one without a region (the API)', async () => {
      expect((await api('POST', '/api/v1/admin/users', { body: ADMIN })).status === 201, 'no admin account');
      const list = await api('GET', '/api/v1/admin/campaigns');
      const version = list.data.campaigns[0].bank_version;
      const created = await api('POST', '/api/v1/admin/campaigns', { body: { name: NAME, bank_version: version, procedure: 'category', languages: ['kk', 'ru'], opens_on: '2026-12-01', closes_on: '2026-12-10' } });
      expect(created.status === 201, `campaign: ${JSON.stringify(created.data)}`);
      campaign = created.data.campaign_id;
      const roster = 'iin,name,position,organization,procedure,current_category,claimed_category,region\n'
        + `${iin(1)},=SUM(A1),tmc_employment_specialist,ЦТМ,periodic,,,karaganda\n`
        + `${iin(2)},Бекова Дана,cc_employment_specialist,ЦТМ,category,career_consultant,case_manager,karaganda\n`;
      for (const csv of [roster, `iin,name,position,organization,procedure\n${iin(3)},Нуров Али,tmc_employment_specialist,ЦТМ,periodic\n`]) {
        const added = await api('POST', `/api/v1/admin/campaigns/${campaign}/roster`, { body: csv, type: 'text/csv' });
        expect(added.status === 201, `roster: ${JSON.stringify(added.data)}`);
      }
      deadline = (await api('GET', `/api/v1/admin/campaigns/${campaign}/reports`)).data.deadline;
    });

    await step('signed in, the campaign opened: the due date, the flag for the rows without a region', async () => {
      await page.goto(`${opt.url}/admin`);
      await page.waitForSelector('#login:not([hidden])');
      await page.fill('#username', ADMIN.username);
      await page.fill('#password', ADMIN.password);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#campaigns:not([hidden]) tr.campaign');
      await page.click(`tr#campaign-${campaign} a`);
      await page.waitForSelector('#reports tr#region-karaganda');
      const line = await page.textContent('#reports p.deadline');
      expect(line.includes(deadline.last_day) && /31-т\./.test(line), `the deadline line: "${line}"`);
      expect(/1 адамның өңірі көрсетілмеген/.test(await page.textContent('#reports p.no-region')), 'the rows without a region are not flagged');
      expect((await page.textContent('tr#region-karaganda')).includes('жіберу керек'), 'Karaganda is not due');
      expect(await page.locator('tr#region-none .mark-sent').count() === 0, 'the rows without a region can be marked sent');
      await shot('r01-reports');
    });

    await step("Appendix 2 of Karaganda downloads as XLSX through the page's link", async () => {
      const href = await page.getAttribute('tr#region-karaganda a.appendix2-xlsx', 'href');
      const got = await page.evaluate(async (u) => { const res = await fetch(u); return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), size: (await res.arrayBuffer()).byteLength }; }, href);
      expect(got.status === 200 && /spreadsheetml/.test(got.type) && /karaganda\.xlsx/.test(got.disposition) && got.size > 1000, `the download: ${JSON.stringify(got)}`);
    });

    await step("Karaganda's report marked as sent from the page", async () => {
      await page.click('tr#region-karaganda .mark-sent');
      await page.waitForFunction(() => /жіберілді/.test(document.querySelector('tr#region-karaganda')?.textContent || ''));
      const sent = (await api('GET', `/api/v1/admin/campaigns/${campaign}/reports`)).data.regions.find((x) => x.region === 'karaganda');
      expect(sent.status === 'sent' && sent.sent_by.startsWith('staff:admin:'), `stored: ${JSON.stringify(sent)}`);
    });

    await step('the category applicant without a result; an upload with a bad line names its line and column', async () => {
      const row = page.locator('#evaluations tr.applicant', { hasText: 'Бекова Дана' });
      expect(/нәтиже жоқ/.test(await row.textContent()), 'the applicant is not shown as without a result');
      expect(await row.locator('form.entry').count() === 0, 'an entry is offered for an applicant without a result');
      await page.setInputFiles('#evaluations-file', { name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(`iin,rating,violations\n${iin(2)},4.5,maybe\n`) });
      await page.click('#evaluations-upload button[type=submit]');
      await page.waitForFunction(() => /line 2, column violations/.test(document.getElementById('reports-error')?.textContent || ''));
      expect(/Файлда қателер бар/.test(await page.textContent('#reports-error')), 'the refusal is not worded in Kazakh');
      await shot('r02-evaluations');
    });

    await step('the reports in Russian', async () => {
      await page.click('[data-lang="ru"]');
      await page.waitForFunction(() => /отправлен/.test(document.querySelector('tr#region-karaganda')?.textContent || ''));
      expect(/Отчёты/.test(await page.textContent('#reports h2')), 'the section title is not in Russian');
      expect(/Карагандинская область/.test(await page.textContent('tr#region-karaganda')), 'the region is not named in Russian');
      await shot('r03-reports-ru');
    });
    log('PASS: the console shows the reports and evaluations, downloads, marks sent and refuses a bad upload');
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'reports' });
  }
  await browser.close();
}

main();
