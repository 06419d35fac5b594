// The candidate's exam page, end to end in headless Chromium (docs/protocol.md).
//
//   node tests/browser/exam.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]
//
// (or SYNAQ_URL, SYNAQ_CODE, SYNAQ_ADMIN_TOKEN, SYNAQ_SCREENSHOTS; CHROMIUM overrides
// /usr/bin/chromium). The code must belong to a session not yet started. Logs in, reads the
// rules, starts, answers, reloads (answers and countdown intact), goes offline and answers
// (the outbox is replayed and acked on reconnect, and the server stored every answer — checked
// through the admin API), submits and sees the result, then the cabinet; then the session is
// voided through the admin API (the voided screen: its reason and a logout), and unknown
// addresses get the 404 page. The paper fetch fails once on purpose (the page must recover),
// answering offline is done by keyboard, and any Content-Security-Policy violation fails the
// test. Exits non-zero with the failed step on any failure, with a screenshot in DIR (default
// /tmp).
import { Check, expect, options, launch, run } from './harness.mjs';

const opt = options(
  { '--url': ['url', 'SYNAQ_URL'], '--code': ['code', 'SYNAQ_CODE'], '--admin-token': ['adminToken', 'SYNAQ_ADMIN_TOKEN'] },
  ['url', 'code', 'adminToken'],
  'node tests/browser/exam.mjs --url http://127.0.0.1:PORT --code CODE --admin-token TOKEN [--screenshots DIR]',
);
const r = run(opt);
const { log, step } = r;
let page;
const shot = (name) => r.shot(name, page);

const screen = () => page.evaluate(() => document.body.dataset.screen);
async function waitScreen(name, timeout = 15000) {
  await page.waitForFunction((n) => document.body.dataset.screen === n, name, { timeout })
    .catch(async () => {
      const shown = await page.evaluate(() => [...document.querySelectorAll('.error, #message-text')]
        .filter((e) => e.offsetParent && e.textContent.trim()).map((e) => e.textContent.trim()).join(' / ')).catch(() => '');
      throw new Check(`expected screen "${name}", got "${await screen()}"${shown ? ` — the page says: ${shown}` : ''}`);
    });
}
async function waitConn(states, timeout = 20000) {
  const want = Array.isArray(states) ? states : [states];
  await page.waitForFunction((w) => w.includes(document.body.dataset.conn), want, { timeout })
    .catch(async () => { throw new Check(`expected connection ${want.join('|')}, got "${await page.evaluate(() => document.body.dataset.conn)}"`); });
}
async function waitPending(n, timeout = 20000) {
  await page.waitForFunction((k) => document.body.dataset.pending === String(k), n, { timeout })
    .catch(async () => { throw new Check(`expected ${n} unsent answer(s), the page shows ${await page.evaluate(() => document.body.dataset.pending)}`); });
}
async function waitQuestionReady() {
  await page.waitForSelector('#question:not([hidden]) #q-options input', { timeout: 20000 })
    .catch(() => { throw new Check('the question was not rendered after connecting'); });
}
const remainingMs = () => page.evaluate(() => Number(document.getElementById('timer').dataset.remainingMs));
const currentQ = () => page.evaluate(() => Number(document.querySelector('#navigator [aria-current]')?.dataset.q));
const chosenNow = () => page.evaluate(() => [...document.querySelectorAll('#q-options input:checked')].map((i) => i.value).sort());
async function marks() {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#navigator .mark')].map((b) => [
    b.dataset.q, { answered: b.classList.contains('answered'), flagged: b.classList.contains('flagged'), pending: b.classList.contains('pending') },
  ])));
}
async function goTo(n) {
  await page.click(`#navigator .mark[data-q="${n}"]`);
  await page.waitForFunction((k) => document.querySelector('#navigator [aria-current]')?.dataset.q === String(k), n);
}
/** WCAG contrast ratio of two computed CSS colours (`rgb(r, g, b)`). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map((x) => Number(x) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
/** Answers the current question with its k-th option (1-based) by a click; returns the stored choice. */
async function answerByClick(k) {
  await page.click(`#q-options label:nth-of-type(${k})`);
  return chosenNow();
}

const expected = new Map(); // q -> sorted choice the candidate made
async function record() {
  expected.set(await currentQ(), await chosenNow());
}

async function main() {
  const browser = await launch(opt.headed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ', timezoneId: 'Asia/Almaty' });
  page = r.watch(await context.newPage());

  try {
    await step('the login screen is shown in Kazakh by default', async () => {
      await page.goto(`${opt.url}/exam`);
      await waitScreen('login');
      expect((await page.getAttribute('html', 'lang')) === 'kk', 'the default UI language is not Kazakh');
      expect(await page.isVisible('label[for="code"]'), 'the code field has no visible label');
      await shot('01-login');
    });

    await step('a malformed and a wrong code are refused with a message', async () => {
      await page.fill('#code', '12');
      await page.click('#login-submit');
      await page.waitForSelector('#login-error:not(:empty)');
      await page.fill('#code', 'QQQQ-QQQQ-QQQQ-QQQ9');
      await page.click('#login-submit');
      await page.waitForFunction(() => document.getElementById('code').getAttribute('aria-invalid') === 'true' && document.getElementById('login-error').textContent.length > 0);
      expect((await screen()) === 'login', 'a wrong code left the login screen');
    });

    await step('the language switch turns the UI to Russian and is remembered', async () => {
      await page.click('[data-ui-lang="ru"]');
      expect((await page.textContent('#login-title')).includes('Вход'), 'the login title is not in Russian');
      await page.reload();
      await waitScreen('login');
      expect((await page.getAttribute('html', 'lang')) === 'ru', 'the language choice was not kept after reload');
      await page.click('[data-ui-lang="kk"]');
    });

    await step('log in with the code (lowercase, spaces)', async () => {
      await page.fill('#code', opt.code.toLowerCase().replace(/-/g, ' '));
      await page.click('#login-submit');
      await waitScreen('rules').catch((e) => { throw new Check(`${e.message} (the code must belong to a session not yet started)`); });
    });

    await step('the rules of testing are shown (p.13, p.16, p.18-21) and the exam language is chosen', async () => {
      const rules = await page.$$eval('.rules-list li', (l) => l.map((x) => x.textContent));
      expect(rules.length === 8, `expected 8 rules, got ${rules.length}`);
      expect(rules.some((r) => r.includes('100')) && rules.some((r) => r.includes('120')), 'the rules do not state 100 questions and 120 minutes');
      expect(await page.isDisabled('#start'), 'Start is enabled before the rules were read');
      await page.check('input[name="exam-lang"][value="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      await page.check('#rules-read');
      await shot('02-rules');
    });

    let sessionId;
    let paperFailures = 0;
    await step('start: the paper fetch fails once, the page retries and shows question 1 of 100', async () => {
      await page.route('**/api/v1/exam/paper', (route) => {
        if (paperFailures++ === 0) return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"internal","message":"test"}}' });
        return route.continue();
      });
      await page.click('#start');
      await waitScreen('exam');
      await waitConn('connected');
      await waitQuestionReady();
      const n = await page.$$eval('#navigator .mark', (l) => l.length);
      expect(n === 100, `the navigator has ${n} questions, not 100`);
      expect((await currentQ()) === 1, 'the first question is not current');
      const left = await remainingMs();
      expect(left > 0 && left <= 120 * 60000 + 5000, `the countdown shows ${left} ms, not at most 120 minutes`);
      sessionId = await page.evaluate(async () => (await (await fetch('/api/v1/exam/session')).json()).session_id);
      expect(sessionId, 'no session_id from GET /api/v1/exam/session');
      expect(paperFailures >= 2, `the paper was fetched ${paperFailures} time(s): the failed fetch was not retried`);
      await page.unroute('**/api/v1/exam/paper');
    });

    await step('the current question\'s number stays readable on hover', async () => {
      await page.hover('#navigator .mark.current');
      const [fg, bg] = await page.$eval('#navigator .mark.current', (b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
      const ratio = contrast(fg, bg);
      expect(ratio >= 4.5, `the hovered current mark has contrast ${ratio.toFixed(2)}:1 (${fg} on ${bg})`);
      await page.mouse.move(0, 0);
    });

    await step('answer questions 1-5 by mouse and keyboard, flag one with F', async () => {
      await answerByClick(1);
      await record();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('#navigator [aria-current]')?.dataset.q === '2');
      await page.keyboard.press('2');
      await record();
      expect(expected.get(2).length === 1, 'key 2 did not choose an option of question 2');
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.getElementById('flag').getAttribute('aria-pressed') === 'true');
      await page.click('#next');
      await answerByClick(3);
      await record();
      await page.click('#next');
      await answerByClick(2);
      await answerByClick(1); // changed mind on a single-choice question: the last choice counts
      await record();
      await page.click('#next');
      await answerByClick(4);
      await record();
      await waitPending(0);
      const m = await marks();
      for (const q of [1, 2, 3, 4, 5]) expect(m[q].answered && !m[q].pending, `question ${q} is not marked answered and saved`);
      expect(m[2].flagged, 'question 2 is not marked flagged');
      await shot('03-exam');
    });

    await step('reload mid-exam: answers, flag and countdown are intact', async () => {
      const before = await remainingMs();
      const t = Date.now();
      await page.reload();
      await waitScreen('exam');
      await waitConn('connected');
      await waitQuestionReady();
      await page.waitForFunction(() => Number(document.getElementById('timer').dataset.remainingMs) > 0);
      const after = await remainingMs();
      const drift = Math.abs(before - (Date.now() - t) - after);
      expect(drift < 3000, `the countdown moved by ${drift} ms over the reload (before ${before}, after ${after})`);
      const m = await marks();
      for (const [q] of expected) expect(m[q].answered, `question ${q} lost its answer mark after reload`);
      expect(m[2].flagged, 'question 2 lost its flag after reload');
      for (const [q, choice] of expected) {
        await goTo(q);
        const now = await chosenNow();
        expect(JSON.stringify(now) === JSON.stringify(choice), `question ${q} shows ${now} after reload, answered ${choice}`);
      }
    });

    await step('offline: answering by keyboard goes on, into the outbox, marked unsent', async () => {
      await context.setOffline(true);
      await waitConn(['offline', 'reconnecting'], 15000);
      await goTo(6);
      for (const [q, key] of [[6, '1'], [7, '2'], [8, '2']]) {
        if (q !== 6) {
          await page.keyboard.press('ArrowRight');
          await page.waitForFunction((k) => document.querySelector('#navigator [aria-current]')?.dataset.q === String(k), q, { timeout: 3000 })
            .catch(() => { throw new Check(`ArrowRight did not move to question ${q} while offline`); });
        }
        await page.keyboard.press(key);
        await record();
        expect(expected.get(q).length === 1, `key ${key} did not choose an option of question ${q} while offline`);
      }
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.getElementById('flag').getAttribute('aria-pressed') === 'true', null, { timeout: 3000 })
        .catch(() => { throw new Check('F did not flag question 8 while offline'); });
      await waitPending(4, 5000);
      const m = await marks();
      for (const q of [6, 7, 8]) expect(m[q].answered && m[q].pending, `question ${q} is not marked answered-but-unsent while offline`);
      expect(m[8].flagged, 'question 8 is not marked flagged while offline');
      const stored = await page.evaluate((sid) => JSON.parse(localStorage.getItem(`synaq.outbox.${sid}`) || '[]'), sessionId);
      expect(stored.filter((x) => x.type === 'answer').map((x) => x.q).join() === '6,7,8', `the outbox in localStorage holds ${JSON.stringify(stored)}`);
      expect(stored.every((x, i) => i === 0 || x.seq > stored[i - 1].seq), 'the outbox seqs are not increasing');
      await shot('04-offline');
    });

    await step('back online: the outbox is replayed and acked', async () => {
      await context.setOffline(false);
      await waitConn('connected', 20000);
      await waitPending(0, 20000);
      const m = await marks();
      for (const q of [6, 7, 8]) expect(m[q].answered && !m[q].pending, `question ${q} is not marked saved after reconnect`);
      expect(m[8].flagged, 'question 8 lost its flag over the reconnect');
    });

    await step('the server stored every answer (admin API)', async () => {
      const res = await fetch(`${opt.url}/api/v1/admin/sessions/${encodeURIComponent(sessionId)}/answers`, { headers: { Authorization: `Bearer ${opt.adminToken}` } });
      const raw = await res.text();
      expect(res.ok, `GET /api/v1/admin/sessions/${sessionId}/answers answered ${res.status}: ${raw.slice(0, 300)}`);
      const body = JSON.parse(raw);
      const stored = new Map((body.answers || []).filter((a) => a.choice && a.choice.length).map((a) => [Number(a.q), [...a.choice].sort()]));
      for (const [q, choice] of expected) {
        expect(JSON.stringify(stored.get(q)) === JSON.stringify(choice), `the server holds ${JSON.stringify(stored.get(q))} for question ${q}, the candidate chose ${JSON.stringify(choice)}`);
      }
      expect(stored.size === expected.size, `the server holds ${stored.size} answers, the candidate gave ${expected.size}`);
    });

    await step('submit: the confirmation counts the unanswered questions', async () => {
      await page.click('#submit');
      await page.waitForSelector('#submit-dialog[open] #submit-unanswered');
      const un = Number(await page.getAttribute('#submit-unanswered', 'data-unanswered'));
      expect(un === 100 - expected.size, `the confirmation says ${un} unanswered, expected ${100 - expected.size}`);
      await page.waitForFunction(() => !document.getElementById('submit-confirm').disabled);
      await shot('05-submit');
      await page.click('#submit-confirm');
    });

    await step('the result is shown at once (p.20)', async () => {
      await waitScreen('result', 20000);
      const pct = await page.textContent('#result-percent').catch(() => null);
      expect(pct && /\d.*%/.test(pct), `no percent on the result screen (${pct})`);
      const correct = await page.textContent('.result .correct');
      expect(/\d+\D+100/.test(correct), `no correct/total on the result screen (${correct})`);
      const decision = await page.textContent('#result-decision', { timeout: 2000 }).catch(() => '');
      if (!decision) {
        const served = await page.evaluate(async () => JSON.stringify((await (await fetch('/api/v1/exam/session')).json()).result));
        throw new Check(`no decision wording on the result screen: the server's result is ${served} (expected result.decision.outcome.{kk,ru})`);
      }
      expect(await page.isVisible('#cabinet-link'), 'no link to the cabinet');
      const after = await page.textContent('#result-code-after');
      expect(/нәтижені, жеке кабинетті және апелляцияны|результат, личный кабинет и апелляцию/.test(after), `the result screen does not say what the code still opens: "${after}"`);
      expect(await page.evaluate((sid) => localStorage.getItem(`synaq.outbox.${sid}`) === null, sessionId), 'the outbox was not cleared after the end');
      await shot('06-result');
    });

    await step('the cabinet shows the status and the result (p.12, p.20)', async () => {
      await page.click('#cabinet-link');
      await page.waitForFunction(() => document.body.dataset.page === 'me' && document.body.dataset.screen === 'me', null, { timeout: 15000 })
        .catch(async () => { throw new Check(`the cabinet did not open (screen ${await screen()})`); });
      const text = await page.textContent('#me-body');
      expect(/%/.test(text), 'the cabinet shows no result');
      expect(/00:00 — .*23:59 \((время Алматы|Алматы уақыты)\)/.test(text), `the cabinet shows no term in Almaty time: "${text.slice(0, 400)}"`);
      // Just scored: the campaign's review window (72 h by default) keeps the result provisional (p.19).
      const provisional = await page.textContent('#me-provisional').catch(() => '');
      expect(/(п\.19|19-т\.)/.test(provisional), `the cabinet does not mark the result provisional with its clause: "${provisional}"`);
      const next = await page.textContent('#me-next-due').catch(() => '');
      expect(/(п\.(3|7|27)|(3|7|27)-т\.)/.test(next) && /20\d\d/.test(next), `the cabinet shows no next due attestation with its clause: "${next}"`);
      await shot('07-cabinet');
      await page.click('[data-ui-lang="kk"]');
      await shot('08-cabinet-kk');
    });

    await step('voided (p.19): the exam page says why and offers a logout', async () => {
      const res = await fetch(`${opt.url}/api/v1/admin/sessions/${encodeURIComponent(sessionId)}/void`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${opt.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'browser test: proctoring violation' }),
      });
      const said = await res.text(); // read: an unread body keeps node's connection (and process) alive
      expect(res.ok, `voiding answered ${res.status}: ${said.slice(0, 300)}`);
      await page.goto(`${opt.url}/exam`);
      await waitScreen('message');
      const text = await page.textContent('#message-text');
      expect(/19/.test(text) && /әкімші/.test(text) && text.includes('browser test: proctoring violation'), `the voided screen gives no reason: "${text}"`);
      expect(await page.isVisible('#message-logout'), 'the voided screen has no logout');
      await shot('09-voided-kk');
      await page.click('[data-ui-lang="ru"]');
      const ru = await page.textContent('#message-text');
      expect(/аннулирован администратором/.test(ru) && ru.includes('browser test: proctoring violation'), `the voided screen is not in Russian with its reason after the switch: "${ru}"`);
      await shot('10-voided-ru');
      await page.click('#message-logout');
      await waitScreen('login');
      await page.click('[data-ui-lang="kk"]');
    });

    await step('an unknown address gives the 404 page in kk, ru and en; the API answers JSON', async () => {
      const res = await page.goto(`${opt.url}/exam/no-such-page`);
      expect(res.status() === 404, `an unknown page answered ${res.status()}`);
      const headings = await page.$$eval('h1, h2', (l) => l.map((h) => h.textContent).join(' | '));
      expect(/Бет табылмады/.test(headings) && /Страница не найдена/.test(headings) && /Page not found/.test(headings), `the 404 page says: ${headings}`);
      expect(await page.isVisible('a[href="/exam"]'), 'the 404 page has no way to the exam page');
      await shot('11-not-found');
      const api = await fetch(`${opt.url}/api/v1/no-such-route`);
      const apiBody = await api.json().catch(() => null);
      expect(api.status === 404 && apiBody?.error?.code === 'not_found', `an unknown API route answered ${api.status}: ${JSON.stringify(apiBody)}`);
      const js = await fetch(`${opt.url}/assets/candidate/exam.js`);
      expect(js.ok && /^text\/javascript/.test(js.headers.get('content-type')) && /^import /m.test(await js.text()), `the exam module is served as ${js.headers.get('content-type')}`);
      const none = await fetch(`${opt.url}/assets/candidate/none.js`);
      await none.text();
      expect(none.status === 404, 'an unknown asset is not a 404');
    });

    log(`PASS: the exam page works end to end (session ${sessionId}, ${expected.size} answers)`);
    await browser.close();
  } catch (e) {
    await r.failed(e, { browser, page, prefix: 'synaq-exam' });
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
