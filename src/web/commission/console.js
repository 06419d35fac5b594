// The commission's review console: log in, work the queue (least time left first), vote on
// each disputed question with a reason, and (the chair) close the appeal.
import { api, keepCsrf } from '../shared/api.js';
import { word, timeLeft, statsLines, lettersOf, voteBody, slaBoard } from './console_model.js';
import { watchNotices, noticeText } from '../shared/notices.js';

let lang = document.documentElement.lang === 'ru' ? 'ru' : 'kk';
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const n = Object.assign(document.createElement(tag), props);
  n.append(...children);
  return n;
};

function question(appeal, q) {
  const reason = el('input', { placeholder: word(lang, 'reason'), size: 40 });
  const status = el('span', { role: 'status' });
  const vote = (verdict) => async () => {
    const r = await api('POST', `/api/v1/commission/appeals/${appeal.appeal_id}/votes`, voteBody(q.number, verdict, reason.value));
    status.textContent = r.ok ? word(lang, 'voted') : (r.message || String(r.status));
  };
  return el('article', { className: 'review-q' },
    el('h3', { textContent: `№ ${q.number}` }),
    el('p', { className: 'question-text', lang: q.lang, textContent: q.text }),
    el('ol', { type: 'A', className: 'options' }, ...q.options.map((o) => el('li', { lang: q.lang, textContent: o.text }))),
    el('p', { textContent: `${word(lang, 'answer')}: ${lettersOf(q, q.answer)} · ${word(lang, 'key')}: ${lettersOf(q, q.key)}` }),
    el('p', { textContent: `${word(lang, 'ground')}: ${word(lang, q.ground)}` }),
    el('blockquote', { textContent: `${word(lang, 'justification')}: ${q.justification}` }),
    el('ul', { className: 'stats' }, ...statsLines(q, lang).map((line) => el('li', { textContent: line }))),
    el('p', {}, reason,
      el('button', { type: 'button', textContent: word(lang, 'uphold'), onclick: vote('uphold') }),
      el('button', { type: 'button', textContent: word(lang, 'reject'), onclick: vote('reject') }), status),
  );
}

/** The caller's notices (escalations and breaches of p.24), newest first, pushed while the
 *  console is open (the queue is left as it is: a reason being typed is not lost). */
let notices = [];
let watching = false;
function renderNotices() {
  const box = $('notices');
  box.textContent = '';
  box.hidden = notices.length === 0;
  if (box.hidden) return;
  box.append(el('h2', { textContent: word(lang, 'notices') }),
    el('ul', {}, ...notices.map((n) => el('li', { className: `notice-${n.kind}`, textContent: noticeText(n, lang) }))));
}
function watch() {
  if (watching) return;
  watching = true;
  watchNotices({
    onList: (list) => { notices = list; renderNotices(); },
    onNotice: (n) => { notices = [n, ...notices]; renderNotices(); },
  });
}

/** The SLA dashboard (p.24) for the chair and the administrators: whether it could be read. */
async function renderSla() {
  const box = $('sla');
  const r = await api('GET', '/api/v1/admin/appeals/sla');
  box.textContent = '';
  box.hidden = !r.ok;
  if (!r.ok) return false;
  box.append(el('h2', { textContent: word(lang, 'sla') }));
  const board = slaBoard(r.data, Date.now(), lang);
  if (!board.length) box.append(el('p', { textContent: word(lang, 'no_open') }));
  for (const c of board) {
    box.append(el('h3', { textContent: c.heading }),
      el('ul', {}, ...c.open.map((a) => el('li', { className: `sla-${a.state}`, textContent: a.text }))));
  }
  return true;
}

async function render() {
  $('title').textContent = word(lang, 'title');
  renderNotices();
  const sla = await renderSla();
  document.querySelectorAll('[data-w]').forEach((n) => { n.textContent = word(lang, n.dataset.w); });
  const r = await api('GET', '/api/v1/commission/appeals');
  const queue = $('queue');
  queue.textContent = '';
  if (r.status === 403 && sla) {
    // An administrator: the dashboard and the notices, no queue (they do not vote).
    $('login').hidden = true;
    watch();
    return;
  }
  if (r.status === 401 || r.status === 403) {
    $('login').hidden = false;
    return;
  }
  $('login').hidden = true;
  watch();
  queue.append(el('h1', { textContent: word(lang, 'queue') }));
  if (!r.ok || !r.data.length) {
    queue.append(el('p', { textContent: r.ok ? word(lang, 'empty') : (r.message || String(r.status)) }));
    return;
  }
  for (const appeal of r.data) {
    const close = el('button', { type: 'button', className: 'button', textContent: word(lang, 'close') });
    const closeStatus = el('span', { role: 'status' });
    close.onclick = async () => {
      const c = await api('POST', `/api/v1/commission/appeals/${appeal.appeal_id}/close`, { outcomes: {} });
      if (!c.ok) {
        closeStatus.textContent = c.message || String(c.status);
        return;
      }
      // Closed: the appeal leaves the queue; its protocol (p.24) is one click away.
      const base = `/api/v1/commission/appeals/${appeal.appeal_id}/protocol`;
      close.replaceWith(el('span', { className: 'closed', textContent: `${word(lang, 'closed')}: ` },
        el('a', { href: `${base}.html`, textContent: `${word(lang, 'protocol')} (HTML)` }), ' · ',
        el('a', { href: `${base}.pdf`, textContent: `${word(lang, 'protocol')} (PDF)` })));
      closeStatus.textContent = '';
    };
    queue.append(el('section', { className: 'card appeal' },
      el('h2', { textContent: `${appeal.candidate_name} — ${appeal.organization}` }),
      el('p', { textContent: timeLeft(appeal.decide_by, Date.now(), lang) }),
      el('p', { textContent: `${word(lang, 'panel')}: ${appeal.panel ? appeal.panel.voters.join(', ') : appeal.panel_error}` }),
      ...appeal.questions.map((q) => question(appeal, q)),
      el('p', {}, close, closeStatus)));
  }
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  const r = await api('POST', '/api/v1/auth/login', { username: f.username.value, password: f.password.value });
  if (!r.ok) {
    f.querySelector('.error').textContent = r.message || String(r.status);
    return;
  }
  keepCsrf(r.data.csrf);
  render();
});
document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
  lang = b.dataset.lang;
  document.documentElement.lang = lang;
  render();
}));
render();
