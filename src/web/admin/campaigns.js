// The console's campaigns section: the campaigns with their progress at a glance (online now
// included), each campaign's sessions searchable by IIN or name and filtered by status, page
// by page, their CSV/XLSX exports, a "new code" button per session and the way into one
// session's drill-down (session.js).
import { PROGRESS, progressWord, progressCells, campaignsUrl, sessionsUrl, exportUrl, sessionCells, errorWords } from './console_model.js';
import { ui, $, w, el, call, screen, head, pager, refused } from './ui.js';
import { openSession } from './session.js';
import { showReports } from './reports.js';
import { showNewCampaign, showAnnouncement } from './planning.js';

const view = { campaigns: { q: '', page: 1 }, sessions: null }; // sessions: {campaign, name, status, q, page, issued}

async function loadCampaigns() {
  ui.rerender = loadCampaigns;
  const r = await call('GET', campaignsUrl(view.campaigns));
  if (!r.ok) { if (r.status !== 401) screen('campaigns'); refused(r, 'campaigns-error'); return; }
  screen('campaigns');
  $('campaigns-error').textContent = '';
  const table = $('campaigns-table');
  head(table, [w('campaigns'), w('term'), ...PROGRESS.map((p) => progressWord(p, ui.lang))]);
  table.tBodies[0].replaceChildren(...r.data.campaigns.map((c) => el('tr', { className: 'campaign', id: `campaign-${c.campaign_id}` },
    el('td', {}, el('a', { href: '#', textContent: c.name, onclick: (e) => { e.preventDefault(); openCampaign(c); } })),
    el('td', { textContent: `${c.opens_on} — ${c.closes_on}` }),
    ...progressCells(c.progress).map((n, i) => el('td', { className: `num ${PROGRESS[i].key}`, textContent: n })))));
  pager('campaigns', r.data.page, (page) => { view.campaigns.page = page; loadCampaigns(); });
  showNewCampaign($('new-campaign-root'), ui.lang, errorWords, async () => { view.campaigns = { q: '', page: 1 }; await loadCampaigns(); });
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

function exports() {
  const v = view.sessions;
  $('sessions-export').replaceChildren(w('download'), ' ',
    el('a', { id: 'export-csv', href: exportUrl(v.campaign, 'csv', v), textContent: 'CSV', download: '' }), ' · ',
    el('a', { id: 'export-xlsx', href: exportUrl(v.campaign, 'xlsx', v), textContent: 'XLSX', download: '' }));
}

async function loadSessions() {
  ui.rerender = loadSessions;
  const v = view.sessions;
  const r = await call('GET', sessionsUrl(v.campaign, v));
  if (!r.ok) { refused(r, 'sessions-error'); return; }
  screen('sessions');
  $('sessions-error').textContent = '';
  $('sessions-title').textContent = `${w('sessions')}: ${v.name}`;
  issuedNotice();
  exports();
  const table = $('sessions-table');
  head(table, [w('name'), w('iin'), w('position'), w('status'), w('left'), w('answered'), w('signals'), w('result'), '', '']);
  table.tBodies[0].replaceChildren(...r.data.sessions.map((s) => el('tr', { className: `session status-${s.status}`, id: `session-${s.session_id}` },
    ...sessionCells(s, ui.lang).map((text, i) => el('td', { className: i >= 4 && i <= 6 ? 'num' : '', textContent: text })),
    el('td', {}, el('button', { type: 'button', className: 'details', textContent: w('details'), ariaLabel: `${w('details')}: ${s.name}`, onclick: () => openSession(s.session_id, loadSessions) })),
    el('td', {}, el('button', { type: 'button', className: 'new-code', textContent: w('new_code'), ariaLabel: `${w('new_code')}: ${s.name}`, onclick: () => reissue(s) })))));
  pager('sessions', r.data.page, (page) => { v.page = page; loadSessions(); });
  showAnnouncement($('announcement-root'), v.campaign, ui.lang, errorWords);
  showReports($('reports-root'), v.campaign, ui.lang, errorWords);
}

function bind() {
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
}

export default {
  id: 'campaigns',
  nav: 'nav_campaigns',
  bind,
  /** Opened from the navigation or after the login: the campaigns list. */
  open() { view.sessions = null; return loadCampaigns(); },
};
