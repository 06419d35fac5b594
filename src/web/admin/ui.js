// What every section of the administrators' console shares: the UI language and its words,
// the CSRF secret, calls to the API, one screen shown at a time, tables, pagers and refusals.
// Sections (campaigns.js, session.js, users.js ...) import this; console.js registers them.
import { LANGS, word, pageLine, errorWords } from './console_model.js';

export const ui = {
  lang: LANGS.includes(localStorage.getItem('synaq.admin.lang')) ? localStorage.getItem('synaq.admin.lang') : 'kk',
  csrf: sessionStorage.getItem('synaq.admin.csrf') || '',
};

export const $ = (id) => document.getElementById(id);
export const w = (key, vars) => word(ui.lang, key, vars);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export async function call(method, path, body, { raw, type } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = type;
  if (method !== 'GET' && ui.csrf) headers['X-CSRF-Token'] = ui.csrf;
  const sent = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
  try {
    const res = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', body: sent });
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    return { ok: res.ok, status: res.status, data };
  } catch {
    return { ok: false, status: 0, data: null };
  }
}

/** Shows the screen `name` (a `main > .screen` element's id) and hides the others. */
export function screen(name) {
  for (const s of document.querySelectorAll('main > .screen')) s.hidden = s.id !== name;
  $('nav').hidden = name === 'login';
}

export function head(table, names) {
  table.tHead.replaceChildren(el('tr', {}, ...names.map((n) => el('th', { scope: 'col', textContent: n }))));
}

export function pager(prefix, page, go) {
  const p = pageLine(page, ui.lang);
  $(`${prefix}-page`).textContent = p.text;
  $(`${prefix}-prev`).disabled = !p.prev;
  $(`${prefix}-next`).disabled = !p.next;
  $(`${prefix}-prev`).onclick = () => go(page.page - 1);
  $(`${prefix}-next`).onclick = () => go(page.page + 1);
}

/** A refused call: back to the login when the login is gone, else the refusal in words. */
export function refused(r, box) {
  if (r.status === 401) { screen('login'); return; }
  $(box).textContent = errorWords(r, ui.lang);
}
