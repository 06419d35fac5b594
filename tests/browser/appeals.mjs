// Appeals end to end in headless Chromium (docs/appeals.md, issue 9's acceptance):
//
//   node tests/browser/appeals.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]
//
// (or SYNAQ_URL, SYNAQ_CODE, SYNAQ_ADMIN_TOKEN, SYNAQ_SCREENSHOTS; CHROMIUM overrides
// /usr/bin/chromium). CODE must belong to a session not yet started. The candidate sits the
// exam on /exam leaving question 1 blank, and in the cabinet (/me) files an appeal on two
// questions (1: no correct option, 2: the question is wrong) with a justification each; the
// receipt shows the p.24 deadline. Through the admin API the test creates the commission's
// accounts (chair, two members, a secretary) and forms the commission (p.22, p.23). Each voter
// logs in on /commission in their own browser: the chair and member 1 uphold question 1,
// member 2 rejects it; all three reject question 2. The chair closes the appeal and gets the
// protocol link. The candidate's cabinet, left open all along, is told over the notice socket
// (no reload): it shows the decision notice, the result after the appeal (question 1 annulled
// and credited: one more correct answer) beside the original, and the protocol, whose HTML
// names the 2 — 1 vote in Kazakh and Russian. Any uncaught page error or
// Content-Security-Policy violation fails the test. Exits non-zero with the failed step, and
// a screenshot in DIR (default /tmp).
import crypto from 'node:crypto';
import { Check, expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--code': ['code', 'SYNAQ_CODE'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'] },
  ['url', 'code', 'adminToken'],
  'node tests/browser/appeals.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]',
);
const r = run(opt);
const { log } = r;

const PASSWORD = `Appeal-${crypto.randomBytes(9).toString('hex')}`;
const STAFF = [
  { username: 'chair.browser', role: 'commission_chair', seat: 'chair', organization: 'Сапа институты' },
  { username: 'member1.browser', role: 'commission_member', seat: 'member', organization: 'ЦТМ Астана' },
  { username: 'member2.browser', role: 'commission_member', seat: 'member', organization: 'ЦТМ Шымкент' },
  { username: 'secretary.browser', role: 'commission_secretary', seat: 'secretary', organization: 'Сапа институты' },
];
const WHY = {
  1: 'Ни один из вариантов не соответствует пункту 17 Правил аттестации.',
  2: 'Формулировка вопроса допускает два толкования, см. пункт 16 Правил.',
};

let page;
const shot = (name, p = page) => r.shot(name, p);
const step = r.step;
const watchPage = (p) => r.watch(p);

/** A JSON call from node with the admin's token; the status and the parsed body. */
async function admin(method, p, body) {
  const res = await fetch(`${opt.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${opt.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text(); // read: an unread body keeps node's connection alive
  let data = null;
  try { data = JSON.parse(text); } catch { data = { text }; }
  return { status: res.status, data };
}

const screen = () => page.evaluate(() => document.body.dataset.screen);
async function waitScreen(name, timeout = 15000) {
  await page.waitForFunction((n) => document.body.dataset.screen === n, name, { timeout })
    .catch(async () => { throw new Check(`expected screen "${name}", got "${await screen()}"`); });
}

/** "12/100 — ..." → 12 */
const correctOf = (text) => Number((text.match(/(\d+)\/100/) || [])[1]);

async function main() {
  const browser = await launch(opt.headed);
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' });
  const candidate = await newContext();
  page = watchPage(await candidate.newPage());
  let campaignId;
  let before;

  try {
    await step('the commission is formed (p.22, p.23): a chair, two members, a secretary without a vote', async () => {
      for (const s of STAFF) {
        const r = await admin('POST', '/api/v1/admin/users', { username: s.username, password: PASSWORD, role: s.role, name: `Комиссия ${s.username}` });
        expect(r.status === 201 || r.status === 200, `creating ${s.username} answered ${r.status}: ${JSON.stringify(r.data)}`);
      }
    });

    await step('the candidate sits the exam, leaving question 1 blank, and sees the result (p.20)', async () => {
      await page.goto(`${opt.url}/exam`);
      await waitScreen('login');
      await page.fill('#code', opt.code);
      await page.click('#login-submit');
      await waitScreen('rules');
      await page.check('input[name="exam-lang"][value="ru"]');
      await page.check('#rules-read');
      await page.click('#start');
      await waitScreen('exam');
      await page.waitForSelector('#question:not([hidden]) #q-options input', { timeout: 20000 });
      await page.click('#next');
      await page.waitForFunction(() => document.querySelector('#navigator [aria-current]')?.dataset.q === '2');
      await page.click('#q-options label:nth-of-type(1)');
      await page.waitForFunction(() => document.body.dataset.pending === '0', null, { timeout: 20000 });
      campaignId = await page.evaluate(async () => (await (await fetch('/api/v1/exam/session')).json()).campaign.campaign_id);
      expect(campaignId, 'no campaign id from GET /api/v1/exam/session');
      const members = STAFF.map((s) => ({ username: s.username, role: s.seat, organization: s.organization }));
      const formed = await admin('PUT', `/api/v1/admin/campaigns/${encodeURIComponent(campaignId)}/commission`, { members });
      expect(formed.status === 200, `forming the commission answered ${formed.status}: ${JSON.stringify(formed.data)}`);
      await page.click('#submit');
      await page.waitForFunction(() => !document.getElementById('submit-confirm').disabled);
      await page.click('#submit-confirm');
      await waitScreen('result', 20000);
    });

    await step('in the cabinet: an appeal on two questions with a justification each (p.21, p.25)', async () => {
      await page.click('#cabinet-link');
      await page.waitForFunction(() => document.body.dataset.page === 'me' && document.body.dataset.screen === 'me');
      // The exam was in Russian; the cabinet is read in Kazakh (the switch re-renders it).
      await page.click('[data-ui-lang="kk"]');
      await page.waitForFunction(() => document.documentElement.lang === 'kk');
      await page.waitForSelector('.appeal .appeal-q');
      const rows = async () => page.$$('.appeal .appeal-q');
      const fillRow = async (row, number, ground) => {
        await (await row.$('[name=number]')).fill(String(number));
        await (await row.$('[name=ground]')).selectOption(ground);
        await (await row.$('[name=justification]')).fill(WHY[number]);
      };
      // The paper as the candidate saw it, with their answers, no keys: question 1 is picked
      // from it, its preview says it was left blank.
      await page.click('.my-paper summary');
      const listed = await page.$$eval('.my-paper .paper-q', (l) => l.length);
      expect(listed === 100, `the paper list shows ${listed} questions`);
      await page.click('.my-paper .paper-q:first-of-type button');
      const preview = await page.textContent('.appeal-q .appeal-q-seen');
      expect(/^№ 1\./.test(preview) && /жауап берілмеген/.test(preview), `the first row previews: ${preview}`);
      const fillRest = async (row, number, ground) => {
        await (await row.$('[name=ground]')).selectOption(ground);
        await (await row.$('[name=justification]')).fill(WHY[number]);
      };
      await fillRest((await rows())[0], 1, 'no_correct_option');
      await page.click('.appeal button:has-text("Сұрақ қосу")');
      expect((await rows()).length === 2, 'the add button did not add a second question');
      await fillRow((await rows())[1], 2, 'question_wrong');
      const second = await page.textContent('.appeal-q:nth-of-type(2) .appeal-q-seen');
      expect(/^№ 2\./.test(second) && /сіздің жауабыңыз/.test(second), `the second row previews: ${second}`);
      // A draft is saved and comes back as it was left.
      await page.click('.appeal button:has-text("Жобаны сақтау")');
      await page.waitForFunction(() => document.querySelector('.appeal dl')?.textContent.includes('жоба') && document.querySelectorAll('.appeal .appeal-q').length > 0);
      const kept = await page.$$eval('.appeal .appeal-q', (l) => l.map((f) => [f.querySelector('[name=number]').value, f.querySelector('[name=ground]').value]));
      expect(JSON.stringify(kept) === JSON.stringify([['1', 'no_correct_option'], ['2', 'question_wrong']]), `the draft came back as ${JSON.stringify(kept)}`);
      await shot('appeal-01-form');
      await page.click('.appeal button.button');
      await page.waitForFunction(() => /қаралуда/.test(document.querySelector('.appeal dl')?.textContent || ''), null, { timeout: 15000 }).catch(async () => {
        throw new Check(`the appeal was not received: ${await page.textContent('.appeal .error').catch(() => '')}`);
      });
      const receipt = await page.textContent('.appeal dl');
      expect(/қаралуда/.test(receipt), `the receipt shows no "under review" status: ${receipt}`);
      expect(/Шешім мерзімі \(24-т\.\)/.test(receipt), `the receipt shows no p.24 deadline: ${receipt}`);
      before = correctOf(await page.textContent('.appeal'));
      expect(Number.isInteger(before), 'the appeal section shows no result before the appeal');
      expect(!(await page.$('.after-appeal')), 'a result after the appeal is shown before any decision');
      await shot('appeal-02-received');
    });

    const consoles = {};
    for (const s of STAFF.filter((x) => x.seat !== 'secretary')) {
      await step(`${s.username} logs in on /commission and sees both questions as the candidate saw them`, async () => {
        const ctx = await newContext();
        const p = watchPage(await ctx.newPage());
        await p.goto(`${opt.url}/commission`);
        await p.waitForSelector('#login:not([hidden])');
        await p.fill('#login [name=username]', s.username);
        await p.fill('#login [name=password]', PASSWORD);
        await p.click('#login button[type=submit]');
        await p.waitForSelector('.review-q', { timeout: 15000 });
        const numbers = await p.$$eval('.review-q h3', (l) => l.map((h) => h.textContent));
        expect(numbers.join() === '№ 1,№ 2', `the console shows questions ${numbers.join()}`);
        const options = await p.$$eval('.review-q:first-of-type .options li', (l) => l.length);
        expect(options >= 2, `question 1 shows ${options} options`);
        const text = await p.textContent('.card.appeal');
        expect(text.includes(WHY[1]) && text.includes('дұрыс жауап жоқ'), 'the justification or the ground is not shown');
        // The SLA dashboard (p.24) is the chair's (and the administrators'), not a member's.
        const sla = await p.isVisible('#sla');
        if (s.seat === 'chair') {
          expect(sla, 'the chair sees no SLA dashboard');
          const board = await p.textContent('#sla');
          expect(/Шешім мерзімдерінің сақталуы \(24-т\.\)/.test(board) && /қалды \d+ сағ/.test(board), `the SLA dashboard says: ${board}`);
        } else {
          expect(!sla, `${s.username} sees the SLA dashboard`);
        }
        consoles[s.username] = p;
      });
    }

    const votes = { 'chair.browser': ['uphold', 'reject'], 'member1.browser': ['uphold', 'reject'], 'member2.browser': ['reject', 'reject'] };
    const label = { uphold: 'Қанағаттандыру', reject: 'Қабылдамау' };
    for (const [who, [q1, q2]] of Object.entries(votes)) {
      await step(`${who} votes: question 1 ${q1}, question 2 ${q2}, each with a reason (p.23)`, async () => {
        const p = consoles[who];
        const articles = await p.$$('.review-q');
        for (const [i, verdict] of [[0, q1], [1, q2]]) {
          await (await articles[i].$('input')).fill(`${who}: ${verdict === 'uphold' ? 'довод обоснован' : 'ключ верен'}`);
          await (await articles[i].$(`button:has-text("${label[verdict]}")`)).click();
          await p.waitForFunction((n) => document.querySelectorAll('.review-q [role=status]')[n].textContent.length > 0, i);
          const said = await (await articles[i].$('[role=status]')).textContent();
          expect(said === 'Дауыс берілді', `the vote on question ${i + 1} was answered "${said}"`);
        }
      });
    }

    await step('the chair closes the appeal and gets the protocol (p.24)', async () => {
      const p = consoles['chair.browser'];
      await shot('appeal-03-console', p);
      await p.click('.card.appeal button.button');
      await p.waitForSelector('.closed a[href$="protocol.html"]', { timeout: 15000 }).catch(async () => {
        throw new Check(`the close was refused: ${await p.textContent('.card.appeal [role=status]:last-of-type').catch(() => '')}`);
      });
      await shot('appeal-04-closed', p);
    });

    await step('the open cabinet is told over the socket and shows the result after the appeal (p.26)', async () => {
      await page.waitForSelector('.after-appeal', { timeout: 20000 })
        .catch(() => { throw new Check('the cabinet did not show the result after the appeal without a reload'); });
      const live = await page.textContent('#me-live');
      expect(/шешім қабылданды/.test(live), `the cabinet's notice line says "${live}"`);
      const after = correctOf(await page.textContent('.after-appeal'));
      expect(after === before + 1, `after the appeal ${after} correct, before ${before}: question 1 annulled should credit one`);
      expect(await page.isVisible('.appeal a[href$="protocol.pdf"]'), 'no link to the protocol PDF');
      await shot('appeal-05-decided');
    });

    await step('the candidate reads the protocol: composition, the 2 — 1 vote, the outcome, in kk and ru', async () => {
      const [protocol] = await Promise.all([candidate.waitForEvent('page'), page.click('.appeal a[href$="protocol.html"]', { modifiers: ['Control'] })]);
      await protocol.waitForLoadState();
      const text = await protocol.textContent('body');
      for (const s of ['Апелляциялық комиссия отырысының хаттамасы', 'Протокол заседания апелляционной комиссии', 'chair.browser', 'Хатшы (дауыссыз)', 'Дауыс беру / Голосование: 2 — 1', 'Дауыс беру / Голосование: 0 — 3', WHY[1]]) {
        expect(text.includes(s), `the protocol does not say "${s}"`);
      }
      await shot('appeal-06-protocol', protocol);
      const pdf = await page.evaluate(async () => {
        const r = await fetch('/api/v1/me/appeals/protocol.pdf');
        return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength];
      });
      expect(pdf[0] === 200 && pdf[1] === 'application/pdf' && pdf[2] > 1000, `the protocol PDF answered ${pdf.join(' ')}`);
    });

    log(`PASS: the appeal was filed, voted 2 — 1, closed, and the cabinet shows ${before} → ${before + 1}`);
    await browser.close();
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'synaq-appeals' });
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
