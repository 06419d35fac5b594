// The administrators' console (/admin): a login, then sections, one module each, registered
// below — campaigns (progress, sessions, exports, the drill-down of session.js) and users.
// A section is `{ id, nav, bind(), open() }`: `nav` is the word of its navigation button,
// `bind` wires its forms once, `open` shows it. Adding one (reports, evaluations ...) is an
// import and an entry of SECTIONS. Speaks docs/admin-api.md; words in kk/ru/en from
// console_model.js; shared helpers in ui.js.
import { ui, $, w, el, call, screen } from './ui.js';
import { errorWords } from './console_model.js';
import campaigns from './campaigns.js';
import session from './session.js';
import users from './users.js';

/** The sections, in the order of the navigation; the first opens after the login. */
const SECTIONS = [campaigns, users];

function applyWords() {
  document.documentElement.lang = ui.lang;
  for (const n of document.querySelectorAll('[data-w]')) n.textContent = w(n.dataset.w);
  for (const n of document.querySelectorAll('[data-w-placeholder]')) n.placeholder = w(n.dataset.wPlaceholder);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === ui.lang));
  const sel = $('sessions-status');
  const chosen = sel.value;
  sel.replaceChildren(el('option', { value: '', textContent: w('all') }),
    ...['scheduled', 'rules', 'in_progress', 'scored', 'voided'].map((s) => el('option', { value: s, textContent: w(`status.${s}`) })));
  sel.value = chosen;
  $('nav').replaceChildren(...SECTIONS.map((s) => el('button', { type: 'button', className: 'lang-btn', id: `nav-${s.id}`, textContent: w(s.nav), onclick: () => s.open() })),
    el('button', { type: 'button', className: 'lang-btn', id: 'nav-logout', textContent: w('logout'), onclick: logout }));
}

async function logout() {
  await call('POST', '/api/v1/auth/logout', {});
  ui.csrf = '';
  sessionStorage.removeItem('synaq.admin.csrf');
  screen('login');
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await call('POST', '/api/v1/auth/login', { username: $('username').value, password: $('password').value });
  if (!r.ok) { $('login-error').textContent = errorWords(r, ui.lang); return; }
  ui.csrf = r.data.csrf;
  sessionStorage.setItem('synaq.admin.csrf', ui.csrf);
  $('login-error').textContent = '';
  $('password').value = '';
  SECTIONS[0].open();
});
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    ui.lang = b.dataset.lang;
    localStorage.setItem('synaq.admin.lang', ui.lang);
    applyWords();
    if (ui.rerender) ui.rerender();
  });
}
for (const part of [...SECTIONS, session]) part.bind();
applyWords();
SECTIONS[0].open();
