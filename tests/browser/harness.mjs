// What the headless-Chromium scripts share: their options, the browser, named steps that fail
// on any uncaught page error or Content-Security-Policy violation, screenshots, and the failure
// report (the step, the message, the page's console, a screenshot).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

/** A failed expectation of a step (its message is the report; other errors show their stack). */
export class Check extends Error {}

export function expect(cond, msg) {
  if (!cond) throw new Check(msg);
}

/** Bad arguments: exits 2 with the message. */
export function fail(msg) {
  console.error(`FAIL: ${msg}`);
  process.exit(2);
}

/** The script's options from `--flag VALUE` or `--flag=VALUE`, else from the environment:
 *  `flags` maps a flag to `[key, ENV_VAR]`. `--screenshots DIR` (SYNAQ_SCREENSHOTS) and
 *  `--headed` are always understood. A missing `required` key prints `usage` and exits 2. */
export function options(flags, required, usage) {
  const all = { ...flags, '--screenshots': ['screenshots', 'SYNAQ_SCREENSHOTS'] };
  const out = { headed: false };
  for (const [key, env] of Object.values(all)) out[key] = process.env[env];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split(/=(.*)/s);
    if (k === '--headed') {
      out.headed = true;
      continue;
    }
    if (!all[k]) fail(`unknown argument ${k}`);
    out[all[k][0]] = inline !== undefined ? inline : argv[++i];
  }
  if (required.some((key) => !out[key])) fail(`usage: ${usage}`);
  if (out.url) out.url = out.url.replace(/\/+$/, '');
  return out;
}

/** Debian's Chromium (or $CHROMIUM), headless unless `headed`. */
export function launch(headed = false) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !headed,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
      .filter((a) => !(headed && a === '--headless')),
  });
}

/** One run of a script: `log` with the seconds since the start, `watch(page)` to collect a
 *  page's errors and console, `shot`, `step`, and `failed` for the catch of `main`. */
export function run(opt) {
  const t0 = Date.now();
  const shotDir = opt.screenshots || '/tmp';
  fs.mkdirSync(shotDir, { recursive: true });
  const pageErrors = [];
  const consoleLines = [];
  const r = {
    current: 'start',
    log: (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${m}`),
    watch(page, timeout = 15000) {
      page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      page.setDefaultTimeout(timeout);
      return page;
    },
    /** A full-page screenshot `DIR/name.png`, when screenshots were asked for. */
    async shot(name, page) {
      if (!opt.screenshots || !page) return;
      const file = path.join(shotDir, `${name}.png`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: file, fullPage: true });
      r.log(`screenshot ${file}`);
    },
    /** Runs a named step; any page error or CSP violation meanwhile fails it. */
    async step(name, fn) {
      r.current = name;
      await fn();
      if (pageErrors.length) throw new Check(`uncaught error in a page: ${pageErrors.join(' | ')}`);
      const csp = consoleLines.filter((l) => /Content Security Policy/i.test(l));
      if (csp.length) throw new Check(`a page breaks its Content-Security-Policy: ${csp.join(' | ')}`);
      r.log(`ok  ${name}`);
    },
    /** Reports a failed run (step, message, page errors and console, a screenshot of `page`
     *  named `prefix-failure-<ms>.png`), closes the browser and exits 1. */
    async failed(e, { browser, page, prefix }) {
      const file = path.join(shotDir, `${prefix}-failure-${Date.now()}.png`);
      try { await page.screenshot({ path: file, fullPage: true }); } catch { /* the page may be gone */ }
      console.error(`FAIL at step "${r.current}": ${e instanceof Check ? e.message : e && e.stack ? e.stack : e}`);
      if (pageErrors.length) console.error(`page errors: ${pageErrors.join(' | ')}`);
      if (consoleLines.length) console.error(`page console (last 20):\n  ${consoleLines.slice(-20).join('\n  ')}`);
      console.error(`screenshot: ${file}`);
      await browser.close().catch(() => {});
      process.exit(1);
    },
  };
  return r;
}
