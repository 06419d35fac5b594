// The drill-down of one session (`GET /api/v1/admin/sessions/{s}/overview`): the facts (time
// left counting down each second, the deadline in Asia/Almaty, online, answers and journal
// counts, review, result), the signals with kinds and times, and the actions with a reason
// for the audit log — extend by 1-120 minutes, submit for the candidate, void (p.19), a new
// access code (shown once). Each action answers with the session as it then stands.
import { overviewFacts, signalCells } from './console_model.js';
import { ui, $, w, el, call, screen, head, refused } from './ui.js';

/** How often an open drill-down is read again from the server. */
const REREAD_MS = 30_000;

let current = null; // { id, back, data, readAt, issued }
let ticker = null;

function facts() {
  const o = current.data;
  const dl = $('session-facts');
  dl.replaceChildren(...overviewFacts(o, ui.lang, Date.now() - current.readAt).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]));
}

function render() {
  const o = current.data;
  $('session-title').textContent = `${w('session')}: ${o.session.candidate.name}`;
  facts();
  const table = $('signals-table');
  head(table, [w('signal_kind'), w('source'), w('action'), w('occurred')]);
  table.tBodies[0].replaceChildren(...o.signals.map((s) => el('tr', { className: 'signal' }, ...signalCells(s, ui.lang).map((t) => el('td', { textContent: t })))));
  $('signals-none').hidden = o.signals.length > 0;
  table.hidden = o.signals.length === 0;
  const running = o.session.status === 'in_progress';
  $('do-extend').disabled = !running;
  $('do-submit').disabled = !running;
  $('do-void').disabled = o.session.status === 'voided';
  const notice = $('session-notice');
  notice.hidden = !current.notice;
  notice.textContent = current.notice || '';
}

async function load() {
  ui.rerender = load;
  const r = await call('GET', `/api/v1/admin/sessions/${encodeURIComponent(current.id)}/overview`);
  if (!r.ok) { refused(r, 'session-error'); return; }
  current.data = r.data;
  current.readAt = Date.now();
  screen('session');
  $('session-error').textContent = '';
  render();
  clearInterval(ticker);
  // The time left counts down between reads; the session is read again every REREAD_MS (an
  // extension, a submit or a void from elsewhere shows), and the deadline is the server's.
  ticker = setInterval(() => {
    if ($('session').hidden || !current.data) { clearInterval(ticker); return; }
    if (Date.now() - current.readAt >= REREAD_MS) load(); else facts();
  }, 1000);
}

/** Opens the drill-down of session `id`; `back` returns to where it was opened from. */
export function openSession(id, back) {
  current = { id, back, data: null, readAt: 0, notice: '' };
  $('action-reason').value = '';
  return load();
}

async function act(what, path, body, label) {
  const reason = $('action-reason').value.trim();
  if (!reason) { $('session-error').textContent = w('need_reason'); return; }
  const r = await call('POST', `/api/v1/admin/sessions/${encodeURIComponent(current.id)}/${path}`, { ...body, reason });
  if (!r.ok) { refused(r, 'session-error'); return; }
  $('action-reason').value = '';
  current.notice = what === 'code' ? w('code_shown', { name: r.data.name, code: r.data.code }) : w('done', { what: label });
  await load();
}

function bind() {
  $('session-back').addEventListener('click', () => { clearInterval(ticker); current.back(); });
  $('do-extend').addEventListener('click', () => act('extend', 'extend', { minutes: Number.parseInt($('extend-minutes').value, 10) }, w('extend')));
  $('do-submit').addEventListener('click', () => act('submit', 'submit', {}, w('submit')));
  $('do-void').addEventListener('click', () => {
    if (!window.confirm(w('confirm_void', { name: current.data.session.candidate.name }))) return;
    act('void', 'void', {}, w('void'));
  });
  $('do-code').addEventListener('click', () => act('code', 'code', {}, w('new_code')));
}

export default { bind };
