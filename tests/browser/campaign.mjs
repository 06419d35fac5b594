// One campaign end to end in headless Chromium, as the people who run it use the pages
// (docs/operations.md): the QIO on /admin creates the TMC operator's and the LEB officer's
// accounts and the campaign, and publishes its announcement (p.11), seen on its public page;
// a TMC operator on /tmc
// uploads the list with one bad row (refused with its row and reason), the corrected list,
// the personnel data with one person short of training hours (refused, p.14) and issues the
// admitted their codes; a candidate sits the exam on /exam and sees the result and the
// cabinet; the QIO on /admin sees the progress, downloads Appendix 2 (its CSV cells checked
// here, its XLSX saved for the Rust side to open) and marks it sent; an LEB officer on /leb
// takes the decision and issues the certificate, whose PDF is saved for the Rust side to read
// the QR code from; the QR's address opened at /verify says "current"; the console counts the
// result reported and certified. Any uncaught page error or CSP violation fails the run.
//
// The Rust wrapper (tests/browser_campaign.rs) hands over through files in --work: it writes
// `key.json` (the answer key of the paper the candidate was given) once the exam has started,
// and `qr.txt` (the decoded QR) once `certificate.pdf` appears.
//   node tests/browser/campaign.mjs --url URL --admin-token T --examples DIR --work DIR [--screenshots DIR]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Check, expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'], '--examples': ['examples', 'SYNAQ_EXAMPLES'], '--work': ['work', 'SYNAQ_WORK'] },
  ['url', 'adminToken', 'examples', 'work'],
  'node tests/browser/campaign.mjs --url URL --admin-token TOKEN --examples DIR --work DIR [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);
const example = (name) => fs.readFileSync(path.join(opt.examples, name));

const secret = (p) => `${p}-${crypto.randomBytes(9).toString('hex')}`;
const QIO = { username: 'qio.karaganda', password: secret('Qio'), name: 'Уәкілетті орган', role: 'admin' };
const TMC = { username: 'tmc.karaganda', password: secret('Tmc'), name: 'Оператор ЦТМ', role: 'tmc_operator', scope: 'ЦТМ г. Караганды' };
const LEB = { username: 'leb.karaganda', password: secret('Leb'), name: 'ЖАО қызметкері', role: 'leb_officer', scope: 'karaganda' };
const CANDIDATE = { iin: '880314401231', name: 'Асанова Айгерим Серикқызы' };
const SHORT = '900712302342'; // 36 of 40 training hours in personnel.csv
const CAMPAIGN = `Аттестация ЦТМ Караганды ${crypto.randomBytes(2).toString('hex')}`;

async function api(method, p, body) {
  const res = await fetch(`${opt.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${opt.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = text;
  try { data = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, data };
}

/** Waits (up to `seconds`) for the wrapper's file `name` in --work and returns its text. */
async function handedOver(name, seconds = 60) {
  const file = path.join(opt.work, name);
  for (let i = 0; i < seconds * 10; i++) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Check(`the test's wrapper did not write ${name} within ${seconds} s`);
}

/** `href` fetched with the page's own cookie: status, type and the bytes. */
const fetchFromPage = async (href) => {
  const got = await page.evaluate(async (h) => {
    const res = await fetch(h, { credentials: 'same-origin' });
    return { status: res.status, type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
  }, href);
  return { ...got, bytes: Buffer.from(got.bytes) };
};

/** The cells of a CSV line (quotes and doubled quotes; no line breaks inside a cell). */
function csvCells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cell); cell = ''; } else cell += c;
  }
  out.push(cell);
  return out;
}

async function signIn(path_, user) {
  await page.goto(`${opt.url}${path_}`);
  await page.waitForSelector('#login:not([hidden])');
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('#login button[type=submit]');
}

async function main() {
  const browser = await launch(opt.headed);
  const contextOptions = { viewport: { width: 1400, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' };
  const fresh = async () => {
    page = r.watch(await (await browser.newContext(contextOptions)).newPage());
    return page;
  };
  await fresh();
  let campaign = '';
  let code = '';
  let number = '';
  try {
    await step('the QIO signs in on /admin and creates the TMC operator and the LEB officer', async () => {
      const made = await api('POST', '/api/v1/admin/users', QIO);
      expect(made.status === 201, `creating the QIO's account answered ${made.status}: ${JSON.stringify(made.data)}`);
      await signIn('/admin', QIO);
      await page.waitForSelector('#campaigns:not([hidden])');
      await page.click('#nav-users');
      await page.waitForSelector('#users:not([hidden])');
      for (const user of [TMC, LEB]) {
        await page.fill('#user-username', user.username);
        await page.fill('#user-name', user.name);
        await page.fill('#user-password', user.password);
        await page.selectOption('#user-role', user.role);
        await page.fill('#user-scope', user.scope);
        await page.click('#user-form button[type=submit]');
        await page.waitForFunction((u) => (document.getElementById('users-notice').textContent || '').includes(u), user.username);
      }
      await shot('e01-console-users');
    });

    await step('the QIO creates the campaign in the console and publishes its announcement (p.11)', async () => {
      await page.click('#nav-campaigns');
      await page.waitForSelector('#new-campaign summary');
      await page.click('#new-campaign summary');
      await page.click('#new-campaign-form button[type=submit]');
      expect((await page.textContent('#new-campaign-error')) === 'Атауын жазыңыз.', 'a campaign without a name is not refused in Kazakh');
      await page.fill('#new-campaign-name', CAMPAIGN);
      await page.selectOption('#new-campaign-procedure', 'periodic');
      await shot('e02-console-new-campaign');
      await page.click('#new-campaign-form button[type=submit]');
      await page.waitForFunction((n) => [...document.querySelectorAll('#campaigns-table tr.campaign a')].some((a) => a.textContent === n), CAMPAIGN);
      campaign = (await page.getAttribute(`#campaigns-table tr.campaign:has(a:text-is("${CAMPAIGN}"))`, 'id')).replace(/^campaign-/, '');
      await page.click(`tr#campaign-${campaign} a`);
      await page.waitForSelector('#announcement-form');
      expect(/әлі жарияланған жоқ/.test(await page.textContent('#announcement-state')), 'an announcement is shown before one is published');
      await page.fill('#announcement-kk', 'Аттестаттау тестілеуі онлайн өткізіледі. Қатысушылар тізімін ЕМО жасайды.');
      await page.fill('#announcement-ru', 'Тестирование проводится онлайн. Список участников формирует ЦТМ.');
      await page.click('#announcement-form button[type=submit]');
      await page.waitForSelector('#announcement-link');
      await page.locator('#announcement-root').scrollIntoViewIfNeeded();
      await shot('e03-console-announcement');
      await page.goto(`${opt.url}/campaigns/${campaign}`);
      const text = await page.textContent('body');
      expect(text.includes(CAMPAIGN) && text.includes('Тестирование проводится онлайн'), `the announcement page shows: ${text.slice(0, 300)}`);
      await shot('e04-announcement');
    });

    await step('the TMC operator signs in on /tmc and chooses the campaign', async () => {
      await fresh();
      await signIn('/tmc', TMC);
      await page.waitForSelector('#work:not([hidden])');
      await page.waitForSelector(`#campaign option[value="${campaign}"]`, { state: 'attached' });
      await page.selectOption('#campaign', campaign);
      await page.waitForFunction(() => /Тізім бос/.test(document.getElementById('page').textContent));
    });

    await step('a list with one bad row is refused with its row and reason; nothing is imported', async () => {
      const bad = example('attestees.csv').toString('utf8').replace(SHORT, '900712302343');
      await page.setInputFiles('#list-file', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
      await page.click('#list-form button[type=submit]');
      await page.waitForSelector('#outcome-lines li.row-error');
      const lines = await page.$$eval('#outcome-lines li', (l) => l.map((x) => x.textContent));
      expect(lines.length === 1 && /^line 3, iin: check digit/.test(lines[0]), `the row errors are ${JSON.stringify(lines)}`);
      expect((await page.$$('tr.attestee')).length === 0, 'a row was imported');
      await shot('e05-tmc-bad-row');
    });

    await step('the corrected list (XLSX) is imported; the personnel data refuses one person for training hours', async () => {
      await page.setInputFiles('#list-file', path.join(opt.examples, 'attestees.xlsx'));
      await page.click('#list-form button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('tr.attestee').length === 3);
      await page.setInputFiles('#personnel-file', path.join(opt.examples, 'personnel.csv'));
      await page.click('#personnel-form button[type=submit]');
      await page.waitForSelector(`#attestee-${SHORT}.status-not_admitted`);
      const reason = await page.textContent(`#attestee-${SHORT} td.reasons`);
      expect(/^p\.14\.1/.test(reason) && /36/.test(reason), `the reason is "${reason}"`);
      expect((await page.$$('tr.status-admitted')).length === 2, 'not two admitted');
      await shot('e06-tmc-admission');
    });

    await step('codes are issued to the admitted only', async () => {
      await page.click('#codes');
      await page.waitForSelector('#codes-table:not([hidden]) tr.issued');
      const issued = await page.$$eval('#codes-table tr.issued', (rows) => rows.map((tr) => [tr.cells[0].textContent, tr.querySelector('td.code').textContent]));
      expect(issued.length === 2 && !issued.some(([iin]) => iin === SHORT), `the codes went to ${JSON.stringify(issued)}`);
      code = (issued.find(([iin]) => iin === CANDIDATE.iin) || [])[1];
      expect(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code || ''), `no code for ${CANDIDATE.iin}: ${JSON.stringify(issued)}`);
      await shot('e07-tmc-codes');
    });

    await step('the candidate signs in on /exam with the code, reads the rules and starts', async () => {
      await fresh();
      await page.goto(`${opt.url}/exam`);
      await page.waitForFunction(() => document.body.dataset.screen === 'login');
      await page.fill('#code', code);
      await page.click('#login-submit');
      await page.waitForFunction(() => document.body.dataset.screen === 'rules');
      await page.check('input[name="exam-lang"][value="kk"]');
      await page.check('#rules-read');
      await page.click('#start');
      await page.waitForFunction(() => document.body.dataset.screen === 'exam' && document.body.dataset.conn === 'connected');
      await page.waitForSelector('#question:not([hidden]) #q-options input', { timeout: 20000 });
      expect((await page.$$eval('#navigator .mark', (l) => l.length)) === 100, 'not 100 questions');
      await shot('e08-exam');
    });

    await step('the candidate answers all 100 questions and submits; the result is shown at once (p.20)', async () => {
      const key = JSON.parse(await handedOver('key.json'));
      for (let q = 1; q <= 100; q++) {
        await page.click(`#navigator .mark[data-q="${q}"]`);
        await page.waitForFunction((k) => document.querySelector('#navigator [aria-current]')?.dataset.q === String(k), q);
        for (const id of key[String(q)]) await page.check(`#q-options input[value="${id}"]`);
      }
      await page.waitForFunction(() => document.body.dataset.pending === '0', null, { timeout: 30000 });
      await page.click('#submit');
      await page.waitForSelector('#submit-dialog[open]');
      await page.waitForFunction(() => !document.getElementById('submit-confirm').disabled);
      await page.click('#submit-confirm');
      await page.waitForFunction(() => document.body.dataset.screen === 'result', null, { timeout: 20000 });
      const pct = await page.textContent('#result-percent');
      expect(/100/.test(pct), `the result shows ${pct}`);
      expect(/сәйкес келеді/.test(await page.textContent('#result-decision')), 'the decision is not shown in Kazakh');
      await shot('e09-result');
    });

    await step('the cabinet shows the result, marked provisional while review is open (p.19)', async () => {
      await page.click('#cabinet-link');
      await page.waitForFunction(() => document.body.dataset.page === 'me' && document.body.dataset.screen === 'me', null, { timeout: 15000 });
      const text = await page.textContent('#me-body');
      expect(/100/.test(text) && /%/.test(text), `the cabinet shows: ${text.slice(0, 300)}`);
      expect(/19-т\./.test(await page.textContent('#me-provisional')), 'the result is not marked provisional');
      await shot('e10-cabinet');
    });

    await step("the QIO's console: the campaign's progress, then Appendix 2 of Karaganda", async () => {
      await fresh();
      await signIn('/admin', QIO);
      await page.waitForSelector(`#campaigns:not([hidden]) tr#campaign-${campaign}`);
      const admitted = await page.textContent(`tr#campaign-${campaign} td.admitted`);
      const submitted = await page.textContent(`tr#campaign-${campaign} td.submitted`);
      expect(admitted === '2' && submitted === '1', `the console shows ${admitted} admitted, ${submitted} submitted`);
      await shot('e11-console-campaigns');
      await page.click(`tr#campaign-${campaign} a`);
      await page.waitForSelector('#reports tr#region-karaganda');
      const csv = await fetchFromPage(await page.getAttribute('tr#region-karaganda a.appendix2-csv', 'href'));
      expect(csv.status === 200 && /text\/csv/.test(csv.type), `the CSV answered ${csv.status} ${csv.type}`);
      const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
      const row = lines.map(csvCells).find((c) => c.includes(CANDIDATE.name));
      expect(row, `no row of ${CANDIDATE.name} in ${lines.join(' / ')}`);
      expect(row[1] === 'Карагандинская область' && row[2] === 'Отдел содействия занятости' && row[6] === '100'
        && row[7] === 'соответствует занимаемой должности', `the row's cells: ${JSON.stringify(row)}`);
      const notFinished = lines.map(csvCells).find((c) => c.includes('Жумабекова Дана Ерланқызы'));
      expect(notFinished && /не явился/.test(notFinished[7]), `the absent person's row: ${JSON.stringify(notFinished)}`);
      const xlsx = await fetchFromPage(await page.getAttribute('tr#region-karaganda a.appendix2-xlsx', 'href'));
      expect(xlsx.status === 200 && xlsx.bytes.subarray(0, 2).toString() === 'PK', `the XLSX answered ${xlsx.status}`);
      fs.writeFileSync(path.join(opt.work, 'appendix2.xlsx'), xlsx.bytes);
      await page.click('tr#region-karaganda .mark-sent');
      await page.waitForFunction(() => /жіберілді/.test(document.querySelector('tr#region-karaganda')?.textContent || ''));
      await page.locator('#reports').scrollIntoViewIfNeeded();
      await shot('e12-console-reports');
    });

    await step('the LEB officer on /leb takes the decision and issues the certificate', async () => {
      await fresh();
      await signIn('/leb', LEB);
      const row = () => page.locator('tr.row', { hasText: CANDIDATE.name });
      await page.waitForSelector('#results:not([hidden]) tr.row');
      expect((await row().textContent()).includes('шешім күтілуде'), `the row is not pending: ${await row().textContent()}`);
      await row().locator('button.decide').click();
      await page.waitForSelector('#decision:not([hidden])');
      await page.fill('#order_number', '42-ө');
      await page.click('#decision button[type=submit]');
      await page.waitForFunction((n) => [...document.querySelectorAll('tr.row')].some((tr) => tr.textContent.includes(n) && tr.querySelector('button.issue')), CANDIDATE.name);
      await row().locator('button.issue').click();
      await page.waitForFunction(() => /куәлік берілді/.test(document.getElementById('notice').textContent));
      number = (/\d{2}-\d{4}-\d{5}-[0-9A-Z]{5}/.exec(await page.textContent('#notice')) || [])[0];
      expect(number, 'the notice shows no certificate number');
      await shot('e13-leb');
      const pdf = await fetchFromPage(await row().locator('a.pdf').getAttribute('href'));
      expect(pdf.status === 200 && pdf.type === 'application/pdf', `the PDF answered ${pdf.status} ${pdf.type}`);
      fs.writeFileSync(path.join(opt.work, 'certificate.pdf.part'), pdf.bytes);
      fs.renameSync(path.join(opt.work, 'certificate.pdf.part'), path.join(opt.work, 'certificate.pdf'));
    });

    await step("the certificate's QR code, opened at /verify, says it is genuine and current", async () => {
      const url = (await handedOver('qr.txt')).trim();
      expect(url.startsWith(`${opt.url}/verify/${number}?`), `the QR encodes ${url}`);
      await page.goto(url);
      expect((await page.getAttribute('.verdict', 'data-status')) === 'current', 'the certificate is not current');
      expect((await page.textContent('main')).includes(CANDIDATE.name), 'the page does not name the holder');
      await shot('e14-verify');
    });

    await step("the console counts the result reported and certified", async () => {
      await fresh();
      await signIn('/admin', QIO);
      await page.waitForSelector(`#campaigns:not([hidden]) tr#campaign-${campaign}`);
      const listed = (await api('GET', '/api/v1/admin/campaigns')).data.campaigns.find((c) => c.campaign_id === campaign);
      const p = listed.progress;
      expect(p.admitted === 2 && p.submitted === 1 && p.reported === 1 && p.certified === 1, `the progress: ${JSON.stringify(p)}`);
      for (const key of ['submitted', 'reported', 'certified']) {
        const shown = await page.textContent(`tr#campaign-${campaign} td.${key}`);
        expect(shown === '1', `the console shows ${key} ${shown}`);
      }
      const heads = await page.$$eval('#campaigns-table thead th', (t) => t.map((x) => x.textContent));
      expect(heads.includes('ЖАО-ға жіберілді') && heads.includes('Куәлік берілді'), `the columns: ${JSON.stringify(heads)}`);
      await shot('e15-console-progress');
    });
    log('PASS: one campaign, from the announcement to the verified certificate');
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'campaign' });
  }
  await browser.close();
}

main();
