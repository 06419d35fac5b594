// The LEB console (/leb) in headless Chromium, as an officer of Astana uses it: signs in on
// the page, sees the region's scored result with the decision it calls for and its due date,
// takes the decision (date, act number), issues the certificate, opens its PDF and the
// region's Appendix 5, switches the console to Russian, and the QR's /verify page says the
// certificate is current, and the candidate's cabinet (/me) lists it with its PDF. Any uncaught page error or Content-Security-Policy violation fails
// the run. Run by tests/browser_leb.rs:
//   node tests/browser/leb.mjs --url URL --username U --password P --name NAME --code CODE [--screenshots DIR]
import { expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--username': ['username', 'SYNAQ_USERNAME'], '--password': ['password', 'SYNAQ_PASSWORD'], '--name': ['name', 'SYNAQ_NAME'], '--code': ['code', 'SYNAQ_CODE'] },
  ['url', 'username', 'password', 'name', 'code'],
  'node tests/browser/leb.mjs --url URL --username U --password P --name NAME --code CODE [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);

/** `href` fetched from the page (its cookie), the content type and the first bytes as text. */
const fetchFromPage = (href) => page.evaluate(async (h) => {
  const res = await fetch(h, { credentials: 'same-origin' });
  const buf = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), head: new TextDecoder().decode(buf.slice(0, 5)), text: new TextDecoder().decode(buf) };
}, href);

async function main() {
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' });
  page = r.watch(await context.newPage());
  const row = () => page.locator('tr.row', { hasText: opt.name });
  let number = '';
  try {
    await step('the console asks for a login, in Kazakh; the officer signs in and sees the region', async () => {
      await page.goto(`${opt.url}/leb`);
      await page.waitForSelector('#login:not([hidden])');
      expect((await page.getAttribute('html', 'lang')) === 'kk', 'the console is not in Kazakh by default');
      await page.fill('#username', opt.username);
      await page.fill('#password', opt.password);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#results:not([hidden]) tr.row');
      expect((await page.textContent('#region')).includes('Астана қаласы'), 'the region is not named in Kazakh');
    });

    await step('the scored result awaits the decision the rules call for, with its due date', async () => {
      const text = await row().textContent();
      expect(text.includes('шешім күтілуде'), `the row is not pending: ${text}`);
      expect(text.includes('атқаратын лауазымына сәйкес келеді'), `no verdict: ${text}`);
      expect(/\d\d\.\d\d\.\d{4}/.test(await row().locator('td.due').textContent()), 'no due date');
      await shot('l01-pending');
    });

    await step('the decision is taken from the page with its act number', async () => {
      await row().locator('button.decide').click();
      await page.waitForSelector('#decision:not([hidden])');
      await page.fill('#order_number', '17-ө');
      await page.fill('#note', 'Хаттама № 3');
      await page.click('#decision button[type=submit]');
      await page.waitForSelector('#notice:not([hidden])');
      expect((await page.textContent('#notice')).includes('Шешім қабылданды'), 'no decision notice');
      await page.waitForFunction((n) => [...document.querySelectorAll('tr.row')].some((tr) => tr.textContent.includes(n) && tr.querySelector('button.issue')), opt.name);
    });

    await step('the certificate is issued; its PDF and Appendix 5 download', async () => {
      await row().locator('button.issue').click();
      await page.waitForFunction(() => /куәлік берілді/.test(document.getElementById('notice').textContent));
      number = (/\d{2}-\d{4}-\d{5}-[0-9A-Z]{5}/.exec(await page.textContent('#notice')) || [])[0];
      expect(number, 'the notice shows no number');
      const href = await row().locator('a.pdf').getAttribute('href');
      const pdf = await fetchFromPage(href);
      expect(pdf.status === 200 && pdf.type === 'application/pdf' && pdf.head === '%PDF-', `the PDF answered ${pdf.status} ${pdf.type}`);
      const csv = await fetchFromPage(await page.getAttribute('#appendix5-csv', 'href'));
      expect(csv.status === 200 && csv.text.includes(opt.name), `Appendix 5 answered ${csv.status} without the name`);
      await shot('l02-certified');
    });

    await step('the console in Russian', async () => {
      await page.click('[data-lang="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru' && /ФИО/.test(document.querySelector('#table thead').textContent));
      expect((await row().textContent()).includes('удостоверение выдано'), 'the stage is not in Russian');
      await shot('l03-ru');
    });

    await step("the QR's verify page says the certificate is current", async () => {
      await page.goto(`${opt.url}/verify/${number}`);
      expect((await page.getAttribute('.verdict', 'data-status')) === 'current', 'the certificate is not current');
      expect((await page.textContent('main')).includes(opt.name), 'the page does not name the holder');
      await shot('l04-verify');
    });
    await step("the candidate's cabinet lists the certificate with its PDF, in Kazakh", async () => {
      const mine = r.watch(await (await browser.newContext({ locale: 'kk-KZ', timezoneId: 'Asia/Almaty' })).newPage());
      page = mine;
      await mine.goto(`${opt.url}/exam`);
      const login = await mine.evaluate(async (code) => (await fetch('/api/v1/exam/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify({ code }),
      })).status, opt.code);
      expect(login === 200, `the candidate's code answered ${login}`);
      await mine.goto(`${opt.url}/me`);
      await mine.waitForSelector('#me-certificates .certificate');
      const text = await mine.textContent('#me-certificates');
      expect(text.includes(number) && text.includes('Атқаратын лауазымына сәйкестігі туралы куәлік'), `the cabinet shows: ${text}`);
      const pdf = await fetchFromPage(await mine.getAttribute('#me-certificates a', 'href'));
      expect(pdf.status === 200 && pdf.head === '%PDF-', `the cabinet's PDF answered ${pdf.status}`);
      await shot('l05-cabinet');
    });
    log('PASS: the LEB console decides, issues and downloads');
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'leb' });
  }
  await browser.close();
}

main();
