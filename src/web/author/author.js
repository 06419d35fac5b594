// The author page (/author): upload bank files and see every error beside its line
// (POST /api/v1/banks/validate), import them (POST /api/v1/banks), list the versions with
// their counts per section and profile (GET /api/v1/banks, /api/v1/banks/{v}) and compare two
// (GET /api/v1/banks/{v}/diff/{other}), retire questions into a new version
// (POST /api/v1/banks/{v}/retire), and check that a campaign's bank fills a paper for every
// position of its roster (GET /api/v1/campaigns/{c}/coverage) and see its item statistics, flagged
// items first (GET /api/v1/campaigns/{c}/item-stats). The author signs in with an API token
// (`synaq token issue --role author`), kept in sessionStorage for this tab only. Times are
// shown in Asia/Almaty. The words and the placing of findings are in author_model.js.

import { word, shortId, placeFindings, otherFindings, findingText, profileRows, uploadQuery, diffGroups, coverageRows, parseIds, itemRows } from './author_model.js';

let lang = localStorage.getItem('synaq.author.lang') || 'kk';
let token = sessionStorage.getItem('synaq.author.token') || '';
/** The files last picked, read as text: `{name, text}`. */
let picked = [];
const $ = (id) => document.getElementById(id);
const t = (key, vars) => word(lang, key, vars);
const when = (ms) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', {
  timeZone: 'Asia/Almaty', dateStyle: 'medium', timeStyle: 'short',
}).format(new Date(ms));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function call(method, path, body, type) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (type) headers['Content-Type'] = type;
  const res = await fetch(path, { method, headers, body });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  return { ok: res.ok, status: res.status, data };
}

const message = (r) => (r.data && r.data.error && r.data.error.message) || String(r.status);

function applyWords() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-r]')) n.textContent = t(n.dataset.r);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

function defaults() {
  return { lang: $('d-lang').value, section: $('d-section').value, profile: $('d-profile').value, topic: $('d-topic').value };
}

function formData() {
  const form = new FormData();
  for (const f of $('files').files) form.append('file', f, f.name);
  return form;
}

async function readPicked() {
  picked = await Promise.all([...$('files').files].map(async (f) => ({ name: f.name, text: await f.text() })));
}

/** Each picked file as a numbered listing with its findings under their lines. */
function showFindings(errors, notes) {
  const box = $('findings');
  box.replaceChildren();
  const all = [...errors.map((f) => ({ ...f, note: false })), ...notes.map((f) => ({ ...f, note: true }))];
  const finding = (f) => el('div', { className: f.note ? 'finding note' : 'finding', textContent: findingText(lang, f) });
  const stray = otherFindings(picked.map((p) => p.name), all);
  if (stray.length) box.append(el('div', { className: 'listing' }, ...stray.map(finding)));
  for (const file of picked) {
    const { lines, general } = placeFindings(file.name, file.text, all);
    const listing = el('div', { className: 'listing', id: `listing-${file.name}` }, el('h3', { textContent: file.name }), ...general.map(finding));
    for (const line of lines) {
      const bad = line.findings.some((f) => !f.note);
      const row = el('div', { className: bad ? 'src-line bad' : 'src-line' }, el('span', { className: 'n', textContent: String(line.n) }), el('span', { textContent: line.text }));
      row.dataset.line = String(line.n);
      listing.append(row, ...line.findings.map(finding));
    }
    box.append(listing);
  }
}

async function check() {
  await readPicked();
  const r = await call('POST', `/api/v1/banks/validate${uploadQuery(defaults())}`, formData());
  if (!r.ok) {
    $('verdict').className = 'error';
    $('verdict').textContent = t('error', { m: message(r) });
    showFindings([], []);
    return null;
  }
  const v = r.data;
  $('verdict').className = v.valid ? 'ok' : 'error';
  $('verdict').textContent = v.valid ? t('valid', { n: v.questions, v: shortId(v.version) }) : t('invalid', { n: v.error_count });
  showFindings(v.errors, v.notes);
  return v;
}

async function importFiles() {
  const v = await check();
  if (!v || !v.valid) return;
  const r = await call('POST', `/api/v1/banks${uploadQuery(defaults())}`, formData());
  if (!r.ok) {
    $('verdict').className = 'error';
    $('verdict').textContent = t('error', { m: message(r) });
    return;
  }
  $('verdict').className = 'ok';
  $('verdict').textContent = t(r.data.created ? 'imported' : 'already', { v: shortId(r.data.version), n: r.data.questions });
  await loadVersions(r.data.version);
}

async function showDetail(version) {
  const r = await call('GET', `/api/v1/banks/${version}`);
  const box = $('detail');
  if (!r.ok) {
    box.replaceChildren(el('p', { className: 'error', textContent: t('error', { m: message(r) }) }));
    return;
  }
  const rows = profileRows(r.data.counts).map((row) => el('tr', {}, el('td', { textContent: row.tag }), el('td', { textContent: String(row.legal) }), el('td', { textContent: String(row.functional) })));
  const ids = el('textarea', { id: 'retire-ids', rows: 2, required: true });
  const reason = el('input', { id: 'retire-reason', required: true, size: 60 });
  const status = el('p', { id: 'retire-status', role: 'status' });
  const form = el('form', { id: 'retire-form' },
    el('h3', { textContent: t('retire') }),
    el('label', {}, el('span', { textContent: t('retire_ids') }), ' ', ids),
    el('label', {}, el('span', { textContent: t('reason') }), ' ', reason),
    el('button', { type: 'submit', textContent: t('retire') }), status);
  form.addEventListener('submit', (e) => { e.preventDefault(); retireQuestions(version, parseIds(ids.value), reason.value, status); });
  box.replaceChildren(
    el('h3', { textContent: `${t('counts')} — ${shortId(version)}` }),
    el('table', { id: 'profile-table' },
      el('thead', {}, el('tr', {}, el('th', { textContent: t('tag') }), el('th', { textContent: t('legal') }), el('th', { textContent: t('functional') }))),
      el('tbody', {}, ...rows)),
    form,
  );
}

async function retireQuestions(version, questions, reason, status) {
  const r = await call('POST', `/api/v1/banks/${version}/retire`, JSON.stringify({ questions, reason }), 'application/json');
  if (!r.ok) {
    status.className = 'error';
    const unknown = r.data && r.data.error && r.data.error.code === 'unknown_questions';
    status.textContent = unknown ? t('unknown_ids', { ids: r.data.error.details.join(', ') }) : t('error', { m: message(r) });
    return;
  }
  await loadVersions(r.data.version);
  await showDetail(r.data.version);
  const done = $('retire-status');
  done.className = 'ok';
  done.textContent = t('retired_into', { v: shortId(r.data.version), n: r.data.retired.length });
}

async function loadVersions(selected) {
  const r = await call('GET', '/api/v1/banks');
  if (r.status === 401 || r.status === 403) {
    signOut(t('denied'));
    return false;
  }
  if (!r.ok) {
    $('versions-error').textContent = t('error', { m: message(r) });
    return true;
  }
  $('versions-error').textContent = '';
  const body = $('version-table').tBodies[0];
  body.replaceChildren(...r.data.map((v) => {
    const more = el('button', { type: 'button', textContent: t('counts') });
    more.addEventListener('click', () => showDetail(v.version));
    const row = el('tr', {}, el('td', { textContent: shortId(v.version), title: v.version }), el('td', { textContent: v.bank_name }),
      el('td', { textContent: String(v.questions) }), el('td', { textContent: String(v.legal) }), el('td', { textContent: String(v.functional) }),
      el('td', { textContent: when(v.created_at_ms) }), el('td', { textContent: v.created_by }), el('td', {}, more));
    row.dataset.version = v.version;
    return row;
  }));
  const option = (v) => el('option', { value: v.version, textContent: `${shortId(v.version)} · ${v.bank_name} · ${v.questions}` });
  $('from').replaceChildren(...r.data.map(option));
  $('to').replaceChildren(...r.data.map(option));
  const newest = r.data[0];
  if (newest) {
    const chosen = r.data.find((v) => v.version === selected) || newest;
    $('to').value = chosen.version;
    $('from').value = chosen.parent || (r.data[1] || newest).version;
  }
  return true;
}

async function compare() {
  const r = await call('GET', `/api/v1/banks/${$('from').value}/diff/${$('to').value}`);
  const box = $('diff');
  if (!r.ok) {
    box.replaceChildren(el('p', { className: 'error', textContent: t('error', { m: message(r) }) }));
    return;
  }
  box.replaceChildren(
    ...diffGroups(r.data).map((g) => el('div', { className: 'diff-group', id: `diff-${g.key}` },
      el('h3', { textContent: `${t(g.key)}: ${g.count}` }),
      g.count ? el('ul', {}, ...g.ids.map((id) => el('li', { textContent: id }))) : el('p', { className: 'hint', textContent: t('empty') }))),
    el('p', { className: 'hint', textContent: t('unchanged', { n: r.data.unchanged }) }),
  );
}

async function checkCoverage() {
  const all = $('all-positions').checked ? '?all=true' : '';
  const r = await call('GET', `/api/v1/campaigns/${encodeURIComponent($('campaign').value.trim())}/coverage${all}`);
  const table = $('coverage-table');
  if (!r.ok) {
    $('coverage-verdict').className = 'error';
    $('coverage-verdict').textContent = t('error', { m: message(r) });
    table.hidden = true;
    return;
  }
  const rows = coverageRows(lang, r.data);
  const short = rows.filter((row) => !row.fills).length;
  $('coverage-verdict').className = short ? 'error' : 'ok';
  $('coverage-verdict').textContent = short ? t('not_covered', { n: short }) : t('covered');
  table.tBodies[0].replaceChildren(...rows.map((row) => {
    const tr = el('tr', { className: row.fills ? '' : 'short' },
      el('td', { textContent: row.position }), el('td', { textContent: String(row.candidates) }),
      el('td', {}, el('span', { className: row.fills ? 'ok' : 'error', textContent: t(row.fills ? 'yes' : 'no') }),
        ...row.missing.map((m) => el('div', { className: 'finding', textContent: m }))));
    tr.dataset.position = row.position;
    return tr;
  }));
  table.hidden = false;
}

async function showStats() {
  const r = await call('GET', `/api/v1/campaigns/${encodeURIComponent($('campaign').value.trim())}/item-stats`);
  const table = $('stats-table');
  const verdict = $('stats-verdict');
  if (!r.ok) {
    verdict.className = 'error';
    verdict.textContent = t('error', { m: message(r) });
    table.hidden = true;
    return;
  }
  const rows = itemRows(lang, r.data);
  verdict.className = 'hint';
  verdict.textContent = rows.length ? '' : t('stats_none');
  table.tBodies[0].replaceChildren(...rows.map((row) => {
    const tr = el('tr', { className: row.flagged ? 'short' : '' },
      ...['question', 'sittings', 'correct', 'pbis', 'blank', 'appeals'].map((k) => el('td', { textContent: String(row[k]) })),
      el('td', { textContent: row.flags.join(', ') }));
    tr.dataset.question = row.question;
    return tr;
  }));
  table.hidden = rows.length === 0;
}

/** The statistics as CSV (GET .../item-stats.csv): fetched with the token (a plain link
 *  could not send it) and saved under the server's file name. */
async function downloadStats() {
  const campaign = $('campaign').value.trim();
  const res = await fetch(`/api/v1/campaigns/${encodeURIComponent(campaign)}/item-stats.csv`, { headers: { Authorization: `Bearer ${token}` } });
  const verdict = $('stats-verdict');
  if (!res.ok) {
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    verdict.className = 'error';
    verdict.textContent = t('error', { m: message({ status: res.status, data }) });
    return;
  }
  const name = (/filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '') || [])[1] || 'item-stats.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function signOut(why = '') {
  token = '';
  sessionStorage.removeItem('synaq.author.token');
  $('work').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = why;
}

async function signIn(value) {
  token = value;
  if (await loadVersions()) {
    sessionStorage.setItem('synaq.author.token', token);
    $('login').hidden = true;
    $('work').hidden = false;
  }
}

for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('synaq.author.lang', lang);
    applyWords();
  });
}
$('login-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value.trim()); });
$('upload-form').addEventListener('submit', (e) => { e.preventDefault(); check(); });
$('import').addEventListener('click', () => { if ($('upload-form').reportValidity()) importFiles(); });
$('sign-out').addEventListener('click', () => signOut());
$('compare-form').addEventListener('submit', (e) => { e.preventDefault(); compare(); });
$('coverage-form').addEventListener('submit', (e) => { e.preventDefault(); checkCoverage(); });
$('stats-button').addEventListener('click', () => { if ($('coverage-form').reportValidity()) showStats(); });
$('stats-csv').addEventListener('click', () => { if ($('coverage-form').reportValidity()) downloadStats(); });

applyWords();
if (token) signIn(token); else $('login').hidden = false;
