// The author page end to end in headless Chromium (docs/authoring.md, issue 13's acceptance):
//
//   node tests/browser/author.mjs --url http://127.0.0.1:PORT --author-token TOKEN --admin-token TOKEN --campaign ID [--screenshots DIR]
//
// (or SYNAQ_URL, SYNAQ_AUTHOR_TOKEN, SYNAQ_ADMIN_TOKEN, SYNAQ_CAMPAIGN, SYNAQ_SCREENSHOTS; CHROMIUM overrides /usr/bin/chromium).
// The server must hold the sample bank (`synaq serve` on a fresh database). The author signs in
// on /author with the token, checks a GIFT file with two mistakes and sees each message right
// under its line (5: no option is correct; 12: difficulty 9), fixes the file, imports it, sees
// the new version listed with its counts (2 questions, 1 legal and 1 functional, both under
// the profile `all`) and its diff against the sample version: both questions added, every
// sample question retired. The demo campaign ID's bank fills the paper of every position of
// its roster (and it has no item statistics yet, the page says); a campaign the admin creates on the new two-question version is shown short of
// 49 legal and 49 functional questions, in Kazakh and Russian. Retiring F-900 and an unknown
// id is refused naming the unknown one; retiring F-900 alone makes a third version. Any uncaught page error or Content-Security-Policy violation fails
// the test. Exits non-zero with the failed step on any failure, with a screenshot in DIR
// (default /tmp).
import fs from 'node:fs';
import { Check, expect, options, launch, run } from './harness.mjs';

const opt = options(
  {
    '--url': ['url', 'SYNAQ_URL'],
    '--author-token': ['authorToken', 'SYNAQ_AUTHOR_TOKEN'],
    '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'],
    '--campaign': ['campaign', 'SYNAQ_CAMPAIGN'],
  },
  ['url', 'authorToken', 'adminToken', 'campaign'],
  'node tests/browser/author.mjs --url http://127.0.0.1:PORT --author-token TOKEN --admin-token TOKEN --campaign ID [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);

async function api(method, p, { token = opt.authorToken, body, type = 'application/json' } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = type;
  const res = await fetch(`${opt.url}${p}`, { method, headers, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { data = { text }; }
  return { status: res.status, data };
}

// Line 5 has no correct option; line 12 gives difficulty 9.
const BROKEN = `// An author's bank with two mistakes (tests/browser/author.mjs).
$CATEGORY: $course$/top/legal/Attestation procedure

// [id:L-900] [profile:all] [difficulty:2]
::L-900:: {mlang kk}Тестілеу ұзақтығы қанша минут?{mlang}{mlang ru}Какова продолжительность тестирования в минутах?{mlang} {
  ~90
  ~120
  ~180
}

$CATEGORY: functional/Career guidance
// [id:F-900] [profile:all] [difficulty:9]
::F-900:: {mlang kk}Кейс-менеджер жоспарында не бар?{mlang}{mlang ru}Что в плане кейс-менеджера?{mlang} {
  ={mlang kk}Мақсаттар{mlang}{mlang ru}Цели{mlang}
  ~{mlang kk}Жалақы{mlang}{mlang ru}Зарплата{mlang}
}
`;
const FIXED = BROKEN.replace('~120', '=120').replace('difficulty:9', 'difficulty:3');
const gift = (text) => ({ name: 'bank.gift', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });

/** The text of the findings shown right after line `n` of the listing, up to the next line. */
async function findingsAfter(n) {
  return page.evaluate((line) => {
    const row = document.querySelector(`.listing .src-line[data-line="${line}"]`);
    if (!row) return null;
    const out = [];
    for (let node = row.nextElementSibling; node && node.classList.contains('finding'); node = node.nextElementSibling) out.push(node.textContent);
    return { bad: row.classList.contains('bad'), findings: out };
  }, n);
}

async function main() {
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty', acceptDownloads: true });
  page = r.watch(await context.newPage());
  let sample;
  let mine;

  try {
    await step('the author signs in with the token and sees the sample version', async () => {
      const list = await api('GET', '/api/v1/banks');
      expect(list.status === 200 && list.data.length === 1, `GET /api/v1/banks answered ${list.status}: ${JSON.stringify(list.data).slice(0, 300)}`);
      sample = list.data[0];
      await page.goto(`${opt.url}/author`);
      await page.waitForSelector('#login:not([hidden])');
      await page.fill('#token', 'not-a-token');
      await page.click('#login-form button[type="submit"]');
      await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
      expect(/Токен жарамсыз/.test(await page.textContent('#login-error')), `a wrong token says: ${await page.textContent('#login-error')}`);
      await page.fill('#token', opt.authorToken);
      await page.click('#login-form button[type="submit"]');
      await page.waitForSelector('#work:not([hidden])');
      await page.waitForSelector(`#version-table tr[data-version="${sample.version}"]`);
    });

    await step('a GIFT file with two mistakes shows each message under its line', async () => {
      await page.setInputFiles('#files', gift(BROKEN));
      await page.click('#check');
      await page.waitForFunction(() => document.querySelector('#verdict').className === 'error');
      const verdict = await page.textContent('#verdict');
      expect(/Қателер: 2/.test(verdict), `the verdict says: ${verdict}`);
      const five = await findingsAfter(5);
      expect(five && five.bad && five.findings.length === 1 && /bank\.gift:5:\d+: no key/.test(five.findings[0]), `under line 5: ${JSON.stringify(five)}`);
      const twelve = await findingsAfter(12);
      expect(twelve && twelve.bad && twelve.findings.length === 1 && /bank\.gift:12:\d+: difficulty '9'/.test(twelve.findings[0]), `under line 12: ${JSON.stringify(twelve)}`);
      const clean = await findingsAfter(6);
      expect(clean && !clean.bad && clean.findings.length === 0, `line 6 has: ${JSON.stringify(clean)}`);
      const rows = await page.$$eval('.listing .src-line', (r) => r.length);
      expect(rows === 16, `the listing has ${rows} lines, not 16`);
      expect((await api('GET', '/api/v1/banks')).data.length === 1, 'the check stored a version');
      await shot('a01-errors-beside-lines');
    });

    await step('the fixed file imports and its version is listed with its counts', async () => {
      await page.setInputFiles('#files', gift(FIXED));
      await page.click('#import');
      await page.waitForFunction(() => /сақталды/.test(document.querySelector('#verdict').textContent), null, { timeout: 20000 })
        .catch(async () => { throw new Check(`the import says: ${await page.textContent('#verdict')}`); });
      expect((await page.$$('.finding:not(.note)')).length === 0, 'errors are still shown after the fix');
      const list = await api('GET', '/api/v1/banks');
      expect(list.data.length === 2, `${list.data.length} versions after the import`);
      mine = list.data.find((v) => v.version !== sample.version);
      const row = `#version-table tr[data-version="${mine.version}"]`;
      await page.waitForSelector(row);
      const cells = await page.$$eval(`${row} td`, (tds) => tds.map((td) => td.textContent));
      expect(cells[0] === mine.version.slice(0, 12) && cells[2] === '2' && cells[3] === '1' && cells[4] === '1', `the version's row: ${JSON.stringify(cells)}`);
      await page.click(`${row} button`);
      await page.waitForSelector('#profile-table');
      const profile = await page.$$eval('#profile-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent).join(' ')));
      expect(JSON.stringify(profile) === JSON.stringify(['all 1 1']), `the counts per profile: ${JSON.stringify(profile)}`);
    });

    await step('its diff against the sample version shows what was added and retired', async () => {
      await page.selectOption('#from', sample.version);
      await page.click('#compare-form button[type="submit"]');
      await page.waitForSelector('#diff-added');
      const added = await page.$$eval('#diff-added li', (li) => li.map((x) => x.textContent));
      expect(JSON.stringify(added) === JSON.stringify(['F-900', 'L-900']), `added: ${JSON.stringify(added)}`);
      const retired = await page.$$eval('#diff-retired li', (li) => li.length);
      expect(retired === sample.questions, `retired ${retired}, the sample has ${sample.questions}`);
      expect(/Қосылды: 2/.test(await page.textContent('#diff-added h3')), `the added heading: ${await page.textContent('#diff-added h3')}`);
      await page.click('[data-lang="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      await page.click('#compare-form button[type="submit"]');
      await page.waitForFunction(() => /Добавлены: 2/.test(document.querySelector('#diff-added h3')?.textContent || ''));
      await shot('a02-version-and-diff');
    });

    await step('the demo campaign\'s bank fills every paper of its roster and of every position', async () => {
      await page.click('[data-lang="kk"]');
      await page.fill('#campaign', opt.campaign);
      await page.click('#coverage-form button[type="submit"]');
      await page.waitForSelector('#coverage-table:not([hidden])');
      expect(/әр лауазымға/.test(await page.textContent('#coverage-verdict')), `the verdict: ${await page.textContent('#coverage-verdict')}`);
      const rows = await page.$$eval('#coverage-table tbody tr', (trs) => trs.map((tr) => tr.className));
      expect(rows.length === 3 && rows.every((c) => c !== 'short'), `the roster rows: ${JSON.stringify(rows)}`);
      await page.click('#stats-button');
      await page.waitForFunction(() => document.querySelector('#stats-verdict').textContent.length > 0);
      expect(/әлі жауап берілген сұрақ жоқ/.test(await page.textContent('#stats-verdict')), `the statistics say: ${await page.textContent('#stats-verdict')}`);
      // The CSV downloads with the token: a header row and no question yet.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#stats-csv')]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename().startsWith('item-stats-') && csv.startsWith('question_id,sittings,share_correct,point_biserial'), `the CSV ${download.suggestedFilename()}: ${csv.slice(0, 80)}`);
      await page.check('#all-positions');
      await page.click('#coverage-form button[type="submit"]');
      await page.waitForFunction(() => document.querySelectorAll('#coverage-table tbody tr').length >= 18);
    });

    await step('a campaign on the two-question bank is shown short by 49 + 49', async () => {
      const created = await api('POST', '/api/v1/admin/campaigns', { token: opt.adminToken, body: { name: 'Small', bank_version: mine.version, procedure: 'periodic', languages: ['kk', 'ru'], opens_on: '2026-01-01', closes_on: '2030-12-31' } });
      expect(created.status === 201, `creating the campaign answered ${created.status}: ${JSON.stringify(created.data)}`);
      const roster = await api('POST', `/api/v1/admin/campaigns/${created.data.campaign_id}/roster`, { token: opt.adminToken, type: 'text/csv', body: 'iin,name,position,organization,procedure\n850310300001,Кандидат,tmc_director,ЦТМ,periodic\n' });
      expect(roster.status === 201 || roster.status === 200, `the roster answered ${roster.status}: ${JSON.stringify(roster.data)}`);
      await page.uncheck('#all-positions');
      await page.fill('#campaign', created.data.campaign_id);
      await page.click('#coverage-form button[type="submit"]');
      await page.waitForFunction(() => /1 лауазымға/.test(document.querySelector('#coverage-verdict').textContent));
      const text = await page.textContent('#coverage-table tbody tr.short');
      expect(/49 сұрақ жетіспейді/.test(text) && /құқықтық/.test(text) && /функционалдық/.test(text), `the short row: ${text}`);
      await page.click('[data-lang="ru"]');
      await page.click('#coverage-form button[type="submit"]');
      await page.waitForFunction(() => /не хватает 49/.test(document.querySelector('#coverage-table tbody tr.short')?.textContent || ''));
      await shot('a03-coverage');
    });

    await step('retiring a question makes a new version; an unknown id is named', async () => {
      await page.click(`#version-table tr[data-version="${mine.version}"] button`);
      await page.waitForSelector('#retire-form');
      await page.fill('#retire-ids', 'F-900, Z-1');
      await page.fill('#retire-reason', 'Норма утратила силу');
      await page.click('#retire-form button[type="submit"]');
      await page.waitForFunction(() => /Z-1/.test(document.querySelector('#retire-status').textContent));
      expect(/нет вопросов: Z-1\./.test(await page.textContent('#retire-status')), `the refusal: ${await page.textContent('#retire-status')}`);
      await page.fill('#retire-ids', 'F-900');
      await page.click('#retire-form button[type="submit"]');
      await page.waitForFunction(() => /выведено вопросов: 1/.test(document.querySelector('#retire-status')?.textContent || ''))
        .catch(async () => { throw new Check(`the retirement says: ${await page.textContent('#retire-status').catch(() => '')}`); });
      const list = await api('GET', '/api/v1/banks');
      expect(list.data.length === 3 && list.data[0].parent === mine.version && JSON.stringify(list.data[0].retired) === '["F-900"]', `the versions: ${JSON.stringify(list.data.map((v) => [v.version.slice(0, 8), v.parent, v.retired.length]))}`);
      const cells = await page.$$eval(`#version-table tr[data-version="${list.data[0].version}"] td`, (tds) => tds.map((td) => td.textContent));
      expect(cells[2] === '1', `the new version's row: ${JSON.stringify(cells)}`);
      await shot('a04-retired');
    });

    log('PASS: errors beside their lines, fixed, imported, listed with counts, diffed, coverage checked, retired');
    await browser.close();
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'synaq-author' });
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
