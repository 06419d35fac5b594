// The LEB officers' console (/leb, p.32): the region's results with their due dates and
// overdue flags, the decision the result calls for (confirmed with its date and act number),
// the certificate (issue, PDF) and the region's Appendix 5. Speaks docs/certificates.md; its
// words (kk/ru/en), addresses and cells come from console_model.js.
import { LANGS, STAGES, word, resultsUrl, appendix5Url, pdfUrl, pageLine, rowCells, actions, decisionBody, verdictWords, errorWords } from './console_model.js';

let lang = LANGS.includes(localStorage.getItem('synaq.leb.lang')) ? localStorage.getItem('synaq.leb.lang') : 'kk';
let csrf = sessionStorage.getItem('synaq.leb.csrf') || '';
const view = { q: '', campaign: '', status: '', page: 1, deciding: null, notice: null };
const $ = (id) => document.getElementById(id);
const w = (key, vars) => word(lang, key, vars);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  try {
    const res = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    return { ok: res.ok, status: res.status, data };
  } catch {
    return { ok: false, status: 0, data: null };
  }
}

function screen(name) {
  for (const id of ['login', 'results']) $(id).hidden = id !== name;
}

function applyWords() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-w]')) n.textContent = w(n.dataset.w);
  for (const n of document.querySelectorAll('[data-w-placeholder]')) n.placeholder = w(n.dataset.wPlaceholder);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  const sel = $('stage');
  const chosen = sel.value;
  sel.replaceChildren(el('option', { value: '', textContent: w('all') }), ...STAGES.map((s) => el('option', { value: s, textContent: w(`stage.${s}`) })));
  sel.value = chosen;
  $('appendix5').href = appendix5Url(view.campaign, 'xlsx');
  $('appendix5-csv').href = appendix5Url(view.campaign, 'csv');
}

function showNotice() {
  $('notice').hidden = !view.notice;
  $('notice').textContent = view.notice ? w(view.notice.key, view.notice.vars) : '';
}

function refused(r) {
  if (r.status === 401) { screen('login'); return; }
  $('error').textContent = errorWords(r, lang);
}

function actionCell(row) {
  const a = actions(row, lang);
  if (a.kind === 'decide') return el('button', { type: 'button', className: 'decide', textContent: w('decide'), onclick: () => openDecision(row) });
  if (a.kind === 'issue') return el('button', { type: 'button', className: 'issue', textContent: w('issue'), onclick: () => issue(row) });
  if (a.kind === 'pdf') return el('a', { className: 'pdf', href: pdfUrl(a.number), textContent: `${w('pdf')} № ${a.number}` });
  return el('span', { className: 'why', textContent: a.why });
}

async function load() {
  const r = await call('GET', resultsUrl(view));
  if (!r.ok) { if (r.status !== 401) screen('results'); refused(r); return; }
  screen('results');
  $('error').textContent = '';
  const regionName = lang === 'kk' ? r.data.region_kk : lang === 'ru' ? r.data.region_ru : r.data.region;
  $('region').textContent = r.data.region ? `(${regionName || r.data.region})` : '';
  showNotice();
  const table = $('table');
  table.tHead.replaceChildren(el('tr', {}, ...['name', 'iin', 'position', 'result', 'verdict', 'due', 'stage', 'actions'].map((k) => el('th', { scope: 'col', textContent: w(k) }))));
  table.tBodies[0].replaceChildren(...r.data.rows.map((row) => el('tr', { className: `row stage-${row.stage}${row.overdue ? ' overdue' : ''}`, id: `row-${row.session_id}` },
    ...rowCells(row, lang).map((text, i) => el('td', { className: i === 5 ? 'due' : '', textContent: text })),
    el('td', {}, actionCell(row)))));
  const p = pageLine(r.data.page, lang);
  $('page').textContent = p.text;
  $('prev').disabled = !p.prev;
  $('next').disabled = !p.next;
  $('decided_on').max = r.data.today;
}

function openDecision(row) {
  view.deciding = row;
  $('decision-who').textContent = `${row.name}: ${verdictWords(row.verdict, lang)}`;
  $('decided_on').value = $('decided_on').max || '';
  $('order_number').value = '';
  $('note').value = '';
  $('decision').hidden = false;
  $('order_number').focus();
}

async function issue(row) {
  const r = await call('POST', `/api/v1/leb/sessions/${encodeURIComponent(row.session_id)}/certificate`, {});
  if (!r.ok) { refused(r); return; }
  view.notice = { key: 'issued', vars: { n: r.data.number } };
  load();
}

$('decision').addEventListener('submit', async (e) => {
  e.preventDefault();
  const row = view.deciding;
  const made = decisionBody({ decided_on: $('decided_on').value, order_number: $('order_number').value, note: $('note').value });
  if (made.error) { $(made.error).focus(); return; }
  const r = await call('POST', `/api/v1/leb/sessions/${encodeURIComponent(row.session_id)}/decision`, made.body);
  if (!r.ok) { refused(r); return; }
  $('decision').hidden = true;
  view.deciding = null;
  view.notice = { key: 'decided', vars: { v: verdictWords(r.data.verdict, lang) } };
  load();
});
$('decision-cancel').addEventListener('click', () => { $('decision').hidden = true; view.deciding = null; });
$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await call('POST', '/api/v1/auth/login', { username: $('username').value, password: $('password').value });
  if (!r.ok) { $('login-error').textContent = errorWords(r, lang); return; }
  csrf = r.data.csrf;
  sessionStorage.setItem('synaq.leb.csrf', csrf);
  $('login-error').textContent = '';
  $('password').value = '';
  load();
});
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  Object.assign(view, { q: $('q').value, campaign: $('campaign').value, status: $('stage').value, page: 1, notice: null });
  applyWords();
  load();
});
$('prev').addEventListener('click', () => { view.page -= 1; load(); });
$('next').addEventListener('click', () => { view.page += 1; load(); });
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('synaq.leb.lang', lang);
    applyWords();
    load();
  });
}
applyWords();
load();
