// The administrators' console (/admin): the campaigns with their progress at a glance, each
// campaign's sessions searchable by IIN or name and filtered by status, page by page, and the
// re-issue of a lost access code. Speaks docs/admin-api.md; its words (kk/ru/en), addresses
// and cells come from console_model.js. Not built: time extensions, voids and exports from
// the page (their API is docs/protocol.md's), users and roles.
import { LANGS, word, PROGRESS, campaignsUrl, sessionsUrl, pageLine, sessionCells, errorWords } from './console_model.js';
import { showReports } from './reports.js';

let lang = LANGS.includes(localStorage.getItem('synaq.admin.lang')) ? localStorage.getItem('synaq.admin.lang') : 'kk';
let csrf = sessionStorage.getItem('synaq.admin.csrf') || '';
const view = { campaigns: { q: '', page: 1 }, sessions: null }; // sessions: {campaign, name, status, q, page}
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
  for (const id of ['login', 'campaigns', 'sessions']) $(id).hidden = id !== name;
}

function applyWords() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-w]')) n.textContent = w(n.dataset.w);
  for (const n of document.querySelectorAll('[data-w-placeholder]')) n.placeholder = w(n.dataset.wPlaceholder);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  const sel = $('sessions-status');
  const chosen = sel.value;
  sel.replaceChildren(el('option', { value: '', textContent: w('all') }),
    ...['scheduled', 'rules', 'in_progress', 'scored', 'voided'].map((s) => el('option', { value: s, textContent: w(`status.${s}`) })));
  sel.value = chosen;
}

function head(table, names) {
  table.tHead.replaceChildren(el('tr', {}, ...names.map((n) => el('th', { scope: 'col', textContent: n }))));
}

function pager(prefix, page, go) {
  const p = pageLine(page, lang);
  $(`${prefix}-page`).textContent = p.text;
  $(`${prefix}-prev`).disabled = !p.prev;
  $(`${prefix}-next`).disabled = !p.next;
  $(`${prefix}-prev`).onclick = () => go(page.page - 1);
  $(`${prefix}-next`).onclick = () => go(page.page + 1);
}

/** A refused call: back to the login when the login is gone, else the refusal in words. */
function refused(r, box) {
  if (r.status === 401) { screen('login'); return; }
  $(box).textContent = errorWords(r, lang);
}

async function loadCampaigns() {
  const r = await call('GET', campaignsUrl(view.campaigns));
  if (!r.ok) { if (r.status !== 401) screen('campaigns'); refused(r, 'campaigns-error'); return; }
  screen('campaigns');
  $('campaigns-error').textContent = '';
  const table = $('campaigns-table');
  head(table, [w('campaigns'), w('term'), ...PROGRESS.map((k) => w(k))]);
  table.tBodies[0].replaceChildren(...r.data.campaigns.map((c) => el('tr', { className: 'campaign', id: `campaign-${c.campaign_id}` },
    el('td', {}, el('a', { href: '#', textContent: c.name, onclick: (e) => { e.preventDefault(); openCampaign(c); } })),
    el('td', { textContent: `${c.opens_on} — ${c.closes_on}` }),
    ...PROGRESS.map((k) => el('td', { className: `num ${k}`, textContent: String(c.progress[k]) })))));
  pager('campaigns', r.data.page, (page) => { view.campaigns.page = page; loadCampaigns(); });
}

function openCampaign(c) {
  view.sessions = { campaign: c.campaign_id, name: c.name, status: '', q: '', page: 1 };
  $('sessions-q').value = '';
  $('sessions-status').value = '';
  loadSessions();
}

async function reissue(s) {
  const reason = window.prompt(`${s.name} — ${w('reason')}`);
  if (reason == null || !reason.trim()) return;
  const r = await call('POST', `/api/v1/admin/sessions/${encodeURIComponent(s.session_id)}/code`, { reason });
  if (!r.ok) { refused(r, 'sessions-error'); return; }
  view.sessions.issued = r.data; // shown until the campaign is left, worded anew on a switch
  issuedNotice();
}

function issuedNotice() {
  const issued = view.sessions && view.sessions.issued;
  const notice = $('sessions-notice');
  notice.hidden = !issued;
  notice.textContent = issued ? w('code_shown', { name: issued.name, code: issued.code }) : '';
}

async function loadSessions() {
  const v = view.sessions;
  const r = await call('GET', sessionsUrl(v.campaign, v));
  if (!r.ok) { refused(r, 'sessions-error'); return; }
  screen('sessions');
  $('sessions-error').textContent = '';
  $('sessions-title').textContent = `${w('sessions')}: ${v.name}`;
  issuedNotice();
  const table = $('sessions-table');
  head(table, [w('name'), w('iin'), w('position'), w('status'), w('left'), w('answered'), w('signals'), w('result'), '']);
  table.tBodies[0].replaceChildren(...r.data.sessions.map((s) => el('tr', { className: `session status-${s.status}`, id: `session-${s.session_id}` },
    ...sessionCells(s, lang).map((text, i) => el('td', { className: i >= 4 && i <= 6 ? 'num' : '', textContent: text })),
    el('td', {}, el('button', { type: 'button', className: 'new-code', textContent: w('new_code'), ariaLabel: `${w('new_code')}: ${s.name}`, onclick: () => reissue(s) })))));
  pager('sessions', r.data.page, (page) => { v.page = page; loadSessions(); });
  showReports($('reports-root'), v.campaign, lang, errorWords);
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await call('POST', '/api/v1/auth/login', { username: $('username').value, password: $('password').value });
  if (!r.ok) { $('login-error').textContent = errorWords(r, lang); return; }
  csrf = r.data.csrf;
  sessionStorage.setItem('synaq.admin.csrf', csrf);
  $('login-error').textContent = '';
  $('password').value = '';
  loadCampaigns();
});
$('campaigns-search').addEventListener('submit', (e) => {
  e.preventDefault();
  view.campaigns = { q: $('campaigns-q').value, page: 1 };
  loadCampaigns();
});
$('sessions-search').addEventListener('submit', (e) => {
  e.preventDefault();
  Object.assign(view.sessions, { q: $('sessions-q').value, status: $('sessions-status').value, page: 1 });
  loadSessions();
});
$('back').addEventListener('click', () => { view.sessions = null; loadCampaigns(); });
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('synaq.admin.lang', lang);
    applyWords();
    if (view.sessions) loadSessions(); else loadCampaigns();
  });
}
applyWords();
loadCampaigns();
