// The TMC operator's page (/tmc): sign in, choose a campaign, upload the list of attestees
// and the personnel data (every row error shown), see the list with admission and reasons,
// correct an entry (p.10), issue the admitted their codes and download them. Speaks
// docs/tmc.md; its words, addresses and cells come from tmc_model.js.
import { LANGS, EXCLUSIONS, STATUSES, word, uploadType, urls, listUrl, rowCells, correctionBody, refusal } from './tmc_model.js';

let lang = LANGS.includes(localStorage.getItem('synaq.tmc.lang')) ? localStorage.getItem('synaq.tmc.lang') : 'kk';
let csrf = sessionStorage.getItem('synaq.tmc.csrf') || '';
const view = { campaign: '', status: '', q: '', page: 1, correcting: null };
let downloadUrl = null;
const $ = (id) => document.getElementById(id);
const w = (key, vars) => word(lang, key, vars);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function call(method, path, { json, file } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (file) { headers['Content-Type'] = uploadType(file.name); body = file; }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  try {
    const res = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    return { ok: res.ok, status: res.status, data };
  } catch {
    return { ok: false, status: 0, data: null };
  }
}

function screen(name) {
  for (const id of ['login', 'work']) $(id).hidden = id !== name;
}

function outcome(text, lines = []) {
  $('outcome-text').textContent = text;
  $('outcome-lines').replaceChildren(...lines.map((l) => el('li', { className: 'row-error', textContent: l })));
}

function refused(r) {
  if (r.status === 401) { screen('login'); return; }
  const { text, lines } = refusal(r, lang);
  outcome(text, lines);
}

function applyWords() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-w]')) n.textContent = w(n.dataset.w);
  for (const n of document.querySelectorAll('[data-w-placeholder]')) n.placeholder = w(n.dataset.wPlaceholder);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  const status = $('status').value;
  $('status').replaceChildren(el('option', { value: '', textContent: w('all') }),
    ...STATUSES.map((s) => el('option', { value: s, textContent: w(`status.${s}`) })));
  $('status').value = status;
  const reason = $('correction-reason').value;
  $('correction-reason').replaceChildren(...EXCLUSIONS.map((s) => el('option', { value: s, textContent: w(`exclusion.${s}`) })));
  if (reason) $('correction-reason').value = reason;
}

async function loadCampaigns() {
  const r = await call('GET', '/api/v1/tmc/campaigns');
  if (!r.ok) { refused(r); return; }
  screen('work');
  const select = $('campaign');
  select.replaceChildren(...r.data.campaigns.map((c) => el('option', { value: c.campaign_id, textContent: `${c.name} (${c.opens_on} — ${c.closes_on})` })));
  if (view.campaign && r.data.campaigns.some((c) => c.campaign_id === view.campaign)) select.value = view.campaign;
  view.campaign = select.value;
  await loadList();
}

async function loadList() {
  if (!view.campaign) return;
  const r = await call('GET', listUrl(view.campaign, view));
  if (!r.ok) { refused(r); return; }
  const table = $('attestees');
  table.tHead.replaceChildren(el('tr', {}, ...['no', 'name', 'iin', 'position', 'status', 'reasons', 'correction', 'code', '']
    .map((k) => el('th', { scope: 'col', textContent: k ? w(k) : '' }))));
  table.tBodies[0].replaceChildren(...r.data.attestees.map((a) => el('tr', { className: `attestee status-${a.status}`, id: `attestee-${a.iin}` },
    ...rowCells(a, lang).map((text, i) => el('td', { className: ['', '', '', '', 'status', 'reasons', 'correction', 'code'][i], textContent: text })),
    el('td', {}, a.status === 'excluded'
      ? el('button', { type: 'button', className: 'include', textContent: w('include'), onclick: () => correct(a, { excluded: false }) })
      : el('button', { type: 'button', className: 'exclude', textContent: w('exclude'), onclick: () => openCorrection(a) })))));
  const p = r.data.page;
  $('page').textContent = p.total ? w('page', { p: p.page, n: p.pages, t: p.total }) : w('empty');
  $('prev').disabled = p.page <= 1;
  $('next').disabled = p.page >= p.pages;
}

function openCorrection(a) {
  view.correcting = a;
  $('correction-name').textContent = `${a.name} (${a.iin})`;
  $('correction').hidden = false;
  $('correction-from').focus();
}

async function correct(a, values) {
  const r = await call('POST', urls(view.campaign).correction(a.attestee_id), { json: correctionBody(values) });
  if (!r.ok) { refused(r); return; }
  $('correction').hidden = true;
  view.correcting = null;
  outcome(`${r.data.name}: ${w(`status.${r.data.status}`)}`);
  await loadList();
}

async function upload(path, input, done) {
  const file = $(input).files[0];
  if (!file) return;
  const r = await call('POST', path, { file });
  if (!r.ok) { refused(r); return; }
  outcome(done(r.data));
  $(input).value = '';
  await loadList();
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await call('POST', '/api/v1/auth/login', { json: { username: $('username').value, password: $('password').value } });
  if (!r.ok) { $('login-error').textContent = refusal(r, lang).text; return; }
  csrf = r.data.csrf;
  sessionStorage.setItem('synaq.tmc.csrf', csrf);
  $('login-error').textContent = '';
  $('password').value = '';
  loadCampaigns();
});
$('campaign').addEventListener('change', () => { view.campaign = $('campaign').value; view.page = 1; outcome(''); loadList(); });
$('list-form').addEventListener('submit', (e) => {
  e.preventDefault();
  upload(urls(view.campaign).attestees, 'list-file', (d) => w('imported', { n: d.added }));
});
$('personnel-form').addEventListener('submit', (e) => {
  e.preventDefault();
  upload(urls(view.campaign).personnel, 'personnel-file', (d) => w('personnel_done', { d: d.on, a: d.admitted, x: d.not_admitted }));
});
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  Object.assign(view, { q: $('q').value, status: $('status').value, page: 1 });
  loadList();
});
$('prev').addEventListener('click', () => { view.page -= 1; loadList(); });
$('next').addEventListener('click', () => { view.page += 1; loadList(); });
$('correction').addEventListener('submit', (e) => {
  e.preventDefault();
  correct(view.correcting, { excluded: true, reason: $('correction-reason').value, from: $('correction-from').value, until: $('correction-until').value, note: $('correction-note').value });
});
$('correction-cancel').addEventListener('click', () => { $('correction').hidden = true; view.correcting = null; });
$('codes').addEventListener('click', async () => {
  const r = await call('POST', urls(view.campaign).codes, { json: {} });
  if (!r.ok) { refused(r); return; }
  const table = $('codes-table');
  table.hidden = false;
  table.tHead.replaceChildren(el('tr', {}, ...['iin', 'name', 'code'].map((k) => el('th', { scope: 'col', textContent: w(k) }))));
  table.tBodies[0].replaceChildren(...r.data.entries.map((c) => el('tr', { className: 'issued' },
    el('td', { textContent: c.iin }), el('td', { textContent: c.name }), el('td', { className: 'code', textContent: c.code }))));
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([r.data.csv], { type: 'text/csv' }));
  $('download').href = downloadUrl;
  $('download').hidden = r.data.entries.length === 0;
  outcome(w('codes_shown', { n: r.data.entries.length }));
  await loadList();
});
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('synaq.tmc.lang', lang);
    applyWords();
    loadList();
  });
}
applyWords();
loadCampaigns();
