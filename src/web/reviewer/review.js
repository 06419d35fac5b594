// The proctoring review page (/review), for proctor_reviewer and admin: the queue of flagged
// sessions oldest first, each with its signal timeline, evidence thumbnails and the vendor's
// words; confirm (the session is voided, p.19) or dismiss, with a reason. Speaks
// docs/proctoring.md: GET /api/v1/review/queue, POST /api/v1/review/sessions/{session}/confirm or /dismiss.
// Times are shown in Asia/Almaty. Its words in Kazakh, Russian and English are its own.

const WORDS = {
  kk: {
    title: 'Прокторинг тексерісі', login: 'Кіру', username: 'Логин', password: 'Құпиясөз', sign_in: 'Кіру',
    queue: 'Тексеруді күтетін сессиялар', count: 'Кезекте: {n}', empty: 'Кезек бос.',
    flagged: 'Белгіленді: {t}', signals: 'Сигналдар', evidence: 'Дәлелдер', votes: 'Шешімдер',
    reason: 'Себебі (аудит журналына жазылады)', confirm: 'Бұзушылықты растау (нәтижесі жойылады, 19-т.)',
    dismiss: 'Бұзушылық жоқ', need: 'Қажетті растаулар: {n}', voided: 'Нәтиже жойылды.',
    dismissed: 'Кезектен алынды.', awaiting: 'Екінші тексерушінің растауы күтілуде.',
    reason_needed: 'Себебін жазыңыз.', denied: 'Бұл бет прокторинг тексерушілеріне арналған.', error: 'Қате: {m}',
    'status.scheduled': 'басталмаған', 'status.rules': 'ережелерді оқуда', 'status.in_progress': 'тестілеу жүріп жатыр',
    'status.scored': 'бағаланды', 'status.voided': 'нәтиже жойылды',
    'action.record': 'жазылды', 'action.flag': 'тексеруге', 'action.void': 'жойылды', superseded: 'кейінгі шешіммен ауыстырылды',
  },
  ru: {
    title: 'Проверка прокторинга', login: 'Вход', username: 'Логин', password: 'Пароль', sign_in: 'Войти',
    queue: 'Сессии, ожидающие проверки', count: 'В очереди: {n}', empty: 'Очередь пуста.',
    flagged: 'Отмечена: {t}', signals: 'Сигналы', evidence: 'Доказательства', votes: 'Решения',
    reason: 'Причина (записывается в журнал аудита)', confirm: 'Подтвердить нарушение (результат аннулируется, п.19)',
    dismiss: 'Нарушения нет', need: 'Нужно подтверждений: {n}', voided: 'Результат аннулирован.',
    dismissed: 'Снята с очереди.', awaiting: 'Ожидается подтверждение второго проверяющего.',
    reason_needed: 'Укажите причину.', denied: 'Эта страница для проверяющих прокторинга.', error: 'Ошибка: {m}',
    'status.scheduled': 'не начата', 'status.rules': 'читает правила', 'status.in_progress': 'идёт тестирование',
    'status.scored': 'оценена', 'status.voided': 'результат аннулирован',
    'action.record': 'записан', 'action.flag': 'на проверку', 'action.void': 'аннулирован', superseded: 'заменён более поздним решением',
  },
  en: {
    title: 'Proctoring review', login: 'Sign in', username: 'Username', password: 'Password', sign_in: 'Sign in',
    queue: 'Sessions waiting for review', count: 'In the queue: {n}', empty: 'The queue is empty.',
    flagged: 'Flagged: {t}', signals: 'Signals', evidence: 'Evidence', votes: 'Decisions',
    reason: 'Reason (goes to the audit log)', confirm: 'Confirm the violation (the result is voided, p.19)',
    dismiss: 'No violation', need: 'Confirmations needed: {n}', voided: 'The result is voided.',
    dismissed: 'Taken off the queue.', awaiting: 'Waiting for a second reviewer to confirm.',
    reason_needed: 'Write a reason.', denied: 'This page is for proctoring reviewers.', error: 'Error: {m}',
    'status.scheduled': 'not started', 'status.rules': 'reading the rules', 'status.in_progress': 'exam in progress',
    'status.scored': 'scored', 'status.voided': 'voided',
    'action.record': 'recorded', 'action.flag': 'to review', 'action.void': 'voided', superseded: 'replaced by a later review',
  },
};

let lang = localStorage.getItem('synaq.review.lang') || 'kk';
let csrf = sessionStorage.getItem('synaq.review.csrf') || '';
const $ = (id) => document.getElementById(id);
const t = (key, vars = {}) => (WORDS[lang][key] || key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const when = (ms) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', {
  timeZone: 'Asia/Almaty', dateStyle: 'medium', timeStyle: 'short',
}).format(new Date(ms));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  return { ok: res.ok, status: res.status, data };
}

function applyWords() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-r]')) n.textContent = t(n.dataset.r);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

function signalItem(s) {
  const sig = s.signal;
  const who = sig.review && sig.review.human ? ` — ${sig.review.human.reviewer}` : '';
  const words = sig.evidence.filter((e) => !e.startsWith('sha256:')).join(' · ');
  return el('li', { className: `signal action-${s.action}` },
    el('strong', { textContent: s.kind }),
    ` ${sig.source}${who} · ${when(s.received_at)} · ${t(`action.${s.action}`)}${s.superseded ? ` (${t('superseded')})` : ''}`,
    words ? el('div', { className: 'vendor-words', textContent: words }) : '');
}

function sessionCard(item) {
  const reason = el('textarea', { rows: 3, cols: 72, maxLength: 1000, required: true, className: 'reason' });
  const status = el('p', { className: 'decision-status', role: 'status' });
  const decide = async (decision) => {
    if (!reason.value.trim()) { status.textContent = t('reason_needed'); return; }
    const r = await call('POST', `/api/v1/review/sessions/${encodeURIComponent(item.session_id)}/${decision}`, { reason: reason.value });
    if (!r.ok) { status.textContent = t('error', { m: r.data?.error?.message || r.status }); return; }
    status.textContent = t(r.data.outcome === 'awaiting_second_review' ? 'awaiting' : r.data.outcome);
    if (r.data.outcome !== 'awaiting_second_review') setTimeout(load, 1500);
  };
  const thumbs = item.evidence.map((e) => el('img', {
    src: `data:image/png;base64,${e.thumbnail_png_base64}`, alt: `${e.mime} ${e.width}×${e.height} sha256:${e.sha256.slice(0, 12)}`,
  }));
  return el('li', { className: 'review-item', id: `review-${item.session_id}` },
    el('h2', { textContent: `${item.candidate.name} — ${item.campaign.name}` }),
    el('p', { textContent: `${t('flagged', { t: when(item.opened_at) })} · ${t(`status.${item.status}`)} · ${t('need', { n: item.confirmations_needed })}` }),
    el('h3', { textContent: t('signals') }), el('ol', {}, ...item.signals.map(signalItem)),
    thumbs.length ? el('h3', { textContent: t('evidence') }) : '', el('div', { className: 'thumbs' }, ...thumbs),
    item.votes.length ? el('h3', { textContent: t('votes') }) : '',
    el('ul', {}, ...item.votes.map((v) => el('li', { textContent: `${v.reviewer}: ${v.decision} — ${v.reason}` }))),
    el('label', {}, el('span', { textContent: t('reason') }), el('br'), reason),
    el('p', { className: 'links' },
      el('button', { type: 'button', className: 'primary confirm', textContent: t('confirm'), onclick: () => decide('confirm') }),
      el('button', { type: 'button', className: 'dismiss', textContent: t('dismiss'), onclick: () => decide('dismiss') })),
    status);
}

async function load() {
  const r = await call('GET', '/api/v1/review/queue');
  if (r.status === 401) { $('queue').hidden = true; $('login').hidden = false; return; }
  $('login').hidden = true;
  $('queue').hidden = false;
  if (!r.ok) { $('queue-error').textContent = r.status === 403 ? t('denied') : t('error', { m: r.status }); return; }
  $('queue-error').textContent = '';
  $('queue-count').textContent = r.data.open ? t('count', { n: r.data.open }) : t('empty');
  $('queue-list').replaceChildren(...r.data.queue.map(sessionCard));
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await call('POST', '/api/v1/auth/login', { username: $('username').value, password: $('password').value });
  if (!r.ok) { $('login-error').textContent = t('error', { m: r.data?.error?.message || r.status }); return; }
  csrf = r.data.csrf;
  sessionStorage.setItem('synaq.review.csrf', csrf);
  load();
});
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => { lang = b.dataset.lang; localStorage.setItem('synaq.review.lang', lang); applyWords(); load(); });
}
applyWords();
load();
