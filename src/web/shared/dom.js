// The page's screens and messages: one `.screen` shown at a time (body[data-screen] names it),
// live-region announcements, toasts, the terminal message screen, fact lists.
import { t, onLanguage } from './i18n.js';

export const $ = (id) => document.getElementById(id);

export function show(name) {
  document.body.dataset.screen = name;
  $('loading').hidden = true;
  for (const s of document.querySelectorAll('.screen')) s.hidden = s.id !== `screen-${name}`;
  const bar = $('status-bar');
  if (bar) bar.hidden = name !== 'exam';
}

export function announce(text) {
  const a = $('announce');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

let toastTimer = null;
export function toast(text) {
  const el = $('toast');
  if (!el) return announce(text);
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 8000);
}

// A terminal message, kept as keys (not texts) so that the language switch re-renders it.
let message = null;

/** Shows the message screen: `action` `{labelKey, run}` is its one button; `logout` shows the
 *  logout button. */
export function showMessage(titleKey, textKey, { action = null, vars = null, logout = false, text = null } = {}) {
  message = { titleKey, textKey, action, vars, logout, text };
  renderMessage();
  show('message');
}

function renderMessage() {
  if (!message) return;
  $('message-title').textContent = t(message.titleKey);
  $('message-text').textContent = message.text ? message.text() : t(message.textKey, message.vars); // `text`: worded anew on each switch
  const btn = $('message-action');
  if (btn) {
    btn.hidden = !message.action;
    if (message.action) { btn.textContent = t(message.action.labelKey); btn.onclick = message.action.run; }
  }
  const out = $('message-logout');
  if (out) out.hidden = !message.logout;
}
onLanguage(renderMessage);

/** A `<dl class="facts">` of the rows whose value is not empty. */
export function dl(rows, id) {
  const d = document.createElement('dl');
  d.className = 'facts';
  if (id) d.id = id;
  for (const [k, v] of rows) {
    if (v == null || v === '') continue;
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    if (v instanceof Node) dd.append(v); else dd.textContent = v;
    d.append(dt, dd);
  }
  return d;
}
