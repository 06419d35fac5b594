// The console's users section: the staff accounts by username, searched by username or name,
// page by page; a new account with its role and scope (region of an LEB officer, organization
// of a TMC operator); disabling or enabling one with a reason (audited; a disabled account's
// logins die at once).
import { usersUrl, userCells, STAFF_ROLES, newUserBody } from './console_model.js';
import { ui, $, w, el, call, screen, head, pager, refused } from './ui.js';

const view = { q: '', page: 1, notice: '' };

function roleOptions() {
  const sel = $('user-role');
  const chosen = sel.value || 'author';
  sel.replaceChildren(...STAFF_ROLES.map((r) => el('option', { value: r, textContent: w(`role.${r}`) })));
  sel.value = chosen;
  scoped();
}

/** The scope field is offered only to the roles that have one. */
function scoped() {
  const role = $('user-role').value;
  $('user-scope-label').hidden = !(role === 'tmc_operator' || role === 'leb_officer');
}

async function toggle(u) {
  const reason = $('users-reason').value.trim();
  if (!reason) { $('users-error').textContent = w('need_reason'); return; }
  const r = await call('POST', `/api/v1/admin/users/${encodeURIComponent(u.username)}/${u.disabled ? 'enable' : 'disable'}`, { reason });
  if (!r.ok) { refused(r, 'users-error'); return; }
  $('users-reason').value = '';
  view.notice = w('done', { what: `${u.username}: ${w(r.data.disabled ? 'disabled' : 'active')}` });
  load();
}

async function load() {
  ui.rerender = load;
  const r = await call('GET', usersUrl(view));
  if (!r.ok) { if (r.status !== 401) screen('users'); refused(r, 'users-error'); return; }
  screen('users');
  roleOptions();
  $('users-error').textContent = '';
  $('users-notice').hidden = !view.notice;
  $('users-notice').textContent = view.notice;
  const table = $('users-table');
  head(table, [w('username'), w('full_name'), w('role'), w('scope'), w('state'), '']);
  table.tBodies[0].replaceChildren(...r.data.users.map((u) => el('tr', { className: `user${u.disabled ? ' disabled' : ''}`, id: `user-${u.username}` },
    ...userCells(u, ui.lang).map((t) => el('td', { textContent: t })),
    el('td', {}, el('button', { type: 'button', className: u.disabled ? 'enable' : 'disable', textContent: w(u.disabled ? 'enable' : 'disable'),
      ariaLabel: `${w(u.disabled ? 'enable' : 'disable')}: ${u.username}`, onclick: () => toggle(u) })))));
  pager('users', r.data.page, (page) => { view.page = page; load(); });
}

function bind() {
  $('users-search').addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(view, { q: $('users-q').value, page: 1, notice: '' });
    load();
  });
  $('user-role').addEventListener('change', scoped);
  $('user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = newUserBody({
      username: $('user-username').value, name: $('user-name').value, password: $('user-password').value,
      role: $('user-role').value, scope: $('user-scope').value,
    });
    const r = await call('POST', '/api/v1/admin/users', body);
    if (!r.ok) { refused(r, 'users-error'); return; }
    for (const id of ['user-username', 'user-name', 'user-password', 'user-scope']) $(id).value = '';
    view.notice = w('created', { u: body.username });
    load();
  });
}

export default {
  id: 'users',
  nav: 'nav_users',
  bind,
  open() { view.notice = ''; return load(); },
};
