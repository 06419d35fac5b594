// The JSON API over fetch: the CSRF header on cookie-authenticated POSTs, the server's clock
// taken from every answer, errors as `{ok: false, status, code, message}` (status 0: network).
import { local } from './storage.js';
import { clock } from './clock.js';
import { t, has } from './i18n.js';

const CSRF_KEY = 'synaq.csrf';

export const forgetCsrf = () => local.del(CSRF_KEY);
export const keepCsrf = (csrf) => local.set(CSRF_KEY, csrf);

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = local.get(CSRF_KEY);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, code: 'network', data: null };
  }
  let data = null;
  try { data = res.status === 204 ? null : await res.json(); } catch { data = null; }
  const code = data && data.error ? data.error.code : null;
  if (data && typeof data.server_time === 'number') clock.observe(data.server_time);
  return { ok: res.ok, status: res.status, code, message: data && data.error ? data.error.message : null, data };
}

/** The string (key and values) telling the user about a failed call, in kk/ru: the server's
 *  stable `code` mapped as data (`err.<code>` in strings.js), else a generic sentence with the
 *  HTTP status. The server's English `message` is for operators and never shown here. */
export function errorKey(r) {
  if (r.status === 0) return ['err.network'];
  if (r.status === 401 && r.code !== 'bad_code') return ['err.session_lost'];
  if (typeof r.code === 'string' && has(`err.${r.code}`)) return [`err.${r.code}`];
  return ['err.generic', { status: r.status }];
}

/** What to tell the user about a failed call, in the UI language. */
export const errorText = (r) => t(...errorKey(r));

/** The same for a refusal on the exam socket (`wserr.<code>`; `{n}` is the question). */
export function socketErrorKey(code, n) {
  if (typeof code === 'string' && has(`wserr.${code}`)) return [`wserr.${code}`, { n }];
  return ['wserr.generic'];
}

export async function logout() {
  await api('POST', '/api/v1/auth/logout');
  forgetCsrf();
  location.href = '/exam';
}

/** Every `.logout` button of the page logs out. */
export function bindLogoutButtons() {
  for (const b of document.querySelectorAll('.logout')) b.addEventListener('click', logout);
}
