// The administrators' console, pure: its words in Kazakh, Russian and English, the addresses
// it asks (docs/admin-api.md), the page line, progress, a session's row and drill-down, a
// staff account's row, times in Asia/Almaty, and what a refusal says. tests/web/admin.test.mjs.

import { STRINGS } from '../shared/strings.js';

export const LANGS = ['kk', 'ru', 'en'];

export const WORDS = {
  kk: {
    'act.record': 'жазылды', 'act.flag': 'тексеруге', 'act.void': 'күшін жойды',
    nav_campaigns: 'Науқандар', nav_users: 'Пайдаланушылар', logout: 'Шығу',
    details: 'Толығырақ', session: 'Сессия ақпараты', deadline: 'Аяқталу уақыты (Алматы)', journal: 'Журнал жазбалары',
    extension: 'Ұзартылды, мин', minutes: 'Минут саны', reason_label: 'Себебі (аудит журналына жазылады)',
    extend: 'Уақытты ұзарту', submit: 'Кандидат атынан аяқтау', void: 'Күшін жою (19-т.)',
    need_reason: 'Себебін жазыңыз.', done: 'Орындалды: {what}.', confirm_void: '{name}: сессияның күшін жою керек пе? Нәтиже жойылады (19-т.).',
    signal_kind: 'Түрі', source: 'Көзі', action: 'Шешім', occurred: 'Уақыты (Алматы)', no_signals: 'Сигнал жоқ.',
    review: 'Прокторинг тексерісі', 'review.open': 'ашық', 'review.confirmed': 'расталды', 'review.dismissed': 'қабылданбады', 'review.voided': 'жойылды',
    superseded: 'ауыстырылды', download: 'Жүктеп алу:', users: 'Пайдаланушылар', search_users: 'Логин немесе аты-жөні',
    role: 'Рөлі', scope: 'Аумағы', state: 'Күйі', active: 'белсенді', disabled: 'өшірілген', disable: 'Өшіру', enable: 'Қосу',
    create_user: 'Пайдаланушы қосу', create: 'Қосу', created: '{u} қосылды.', full_name: 'Аты-жөні',
    scope_hint: 'Аймақ (ЖАО қызметкері) немесе ұйым (ЕМО операторы)', 'err.conflict': 'Орындалмады: {m}',
    'role.admin': 'әкімші', 'role.author': 'сұрақ авторы', 'role.proctor_reviewer': 'прокторинг тексерушісі',
    'role.commission_chair': 'комиссия төрағасы', 'role.commission_member': 'комиссия мүшесі', 'role.commission_secretary': 'комиссия хатшысы',
    'role.tmc_operator': 'ЕМО операторы', 'role.leb_officer': 'ЖАО қызметкері',
    title: 'Әкімші', login: 'Кіру', username: 'Логин', password: 'Құпиясөз',
    campaigns: 'Науқандар', sessions: 'Сессиялар', back: '← Науқандар', search: 'ЖСН немесе аты-жөні',
    search_campaigns: 'Науқан атауы', find: 'Іздеу', all: 'Барлық мәртебе', prev: '← Алдыңғы', next: 'Келесі →',
    page: '{p}-бет / {n}, барлығы {t}', empty: 'Ештеңе табылмады.', term: 'Мерзімі',
    name: 'Аты-жөні', iin: 'ЖСН', position: 'Лауазымы', status: 'Мәртебесі', left: 'Қалған уақыт',
    answered: 'Жауаптар', signals: 'Сигналдар', result: 'Нәтиже', online: 'желіде', offline: 'желіде емес',
    new_code: 'Жаңа код', reason: 'Себебі (аудит журналына жазылады):', code_shown: '{name}: жаңа код {code} — ол тек қазір көрсетіледі, ескі код жарамсыз.',
    'status.scheduled': 'басталмаған', 'status.rules': 'ережелерді оқуда', 'status.in_progress': 'тапсырып жатыр',
    'status.scored': 'бағаланды', 'status.voided': 'жойылды',
    'err.unauthenticated': 'Қайта кіріңіз.', 'err.forbidden': 'Бұл бет әкімшілерге арналған.',
    'err.bad_credentials': 'Логин немесе құпиясөз қате.', 'err.bad_request': 'Сұрау дұрыс емес: {m}',
    'err.not_found': 'Табылмады.', 'err.rate_limited': 'Әрекет тым көп, бір минуттан кейін қайталаңыз.',
    'err.network': 'Серверге қосылу мүмкін болмады.', 'err.generic': 'Сұрау орындалмады (код {s}).',
  },
  ru: {
    'act.record': 'записан', 'act.flag': 'на проверку', 'act.void': 'аннулировал',
    nav_campaigns: 'Кампании', nav_users: 'Пользователи', logout: 'Выйти',
    details: 'Подробнее', session: 'Сессия', deadline: 'Срок окончания (Алматы)', journal: 'Записей журнала',
    extension: 'Продлено, мин', minutes: 'Минут', reason_label: 'Причина (записывается в журнал аудита)',
    extend: 'Продлить время', submit: 'Завершить за кандидата', void: 'Аннулировать (п.19)',
    need_reason: 'Укажите причину.', done: 'Выполнено: {what}.', confirm_void: '{name}: аннулировать сессию? Результат будет аннулирован (п.19).',
    signal_kind: 'Вид', source: 'Источник', action: 'Решение', occurred: 'Время (Алматы)', no_signals: 'Сигналов нет.',
    review: 'Проверка прокторинга', 'review.open': 'открыта', 'review.confirmed': 'подтверждена', 'review.dismissed': 'отклонена', 'review.voided': 'аннулирована',
    superseded: 'заменён', download: 'Скачать:', users: 'Пользователи', search_users: 'Логин или ФИО',
    role: 'Роль', scope: 'Область действия', state: 'Состояние', active: 'активен', disabled: 'отключён', disable: 'Отключить', enable: 'Включить',
    create_user: 'Добавить пользователя', create: 'Создать', created: '{u} создан.', full_name: 'ФИО',
    scope_hint: 'Регион (сотрудник МИО) или организация (оператор ЦТМ)', 'err.conflict': 'Не выполнено: {m}',
    'role.admin': 'администратор', 'role.author': 'автор вопросов', 'role.proctor_reviewer': 'проверяющий прокторинга',
    'role.commission_chair': 'председатель комиссии', 'role.commission_member': 'член комиссии', 'role.commission_secretary': 'секретарь комиссии',
    'role.tmc_operator': 'оператор ЦТМ', 'role.leb_officer': 'сотрудник МИО',
    title: 'Администратор', login: 'Войти', username: 'Логин', password: 'Пароль',
    campaigns: 'Кампании', sessions: 'Сессии', back: '← Кампании', search: 'ИИН или ФИО',
    search_campaigns: 'Название кампании', find: 'Найти', all: 'Все статусы', prev: '← Назад', next: 'Далее →',
    page: 'Страница {p} из {n}, всего {t}', empty: 'Ничего не найдено.', term: 'Срок',
    name: 'ФИО', iin: 'ИИН', position: 'Должность', status: 'Статус', left: 'Осталось',
    answered: 'Ответы', signals: 'Сигналы', result: 'Результат', online: 'в сети', offline: 'не в сети',
    new_code: 'Новый код', reason: 'Причина (записывается в журнал аудита):', code_shown: '{name}: новый код {code} — он показан только сейчас, старый код недействителен.',
    'status.scheduled': 'не начата', 'status.rules': 'читает правила', 'status.in_progress': 'сдаёт',
    'status.scored': 'оценена', 'status.voided': 'аннулирована',
    'err.unauthenticated': 'Войдите снова.', 'err.forbidden': 'Эта страница для администраторов.',
    'err.bad_credentials': 'Неверный логин или пароль.', 'err.bad_request': 'Неверный запрос: {m}',
    'err.not_found': 'Не найдено.', 'err.rate_limited': 'Слишком много попыток, повторите через минуту.',
    'err.network': 'Не удалось связаться с сервером.', 'err.generic': 'Запрос не выполнен (код {s}).',
  },
  en: {
    'act.record': 'recorded', 'act.flag': 'flagged for review', 'act.void': 'voided',
    nav_campaigns: 'Campaigns', nav_users: 'Users', logout: 'Sign out',
    details: 'Details', session: 'Session', deadline: 'Deadline (Almaty)', journal: 'Journal entries',
    extension: 'Extended, min', minutes: 'Minutes', reason_label: 'Reason (goes to the audit log)',
    extend: 'Extend the time', submit: 'Submit for the candidate', void: 'Void (p.19)',
    need_reason: 'Write a reason.', done: 'Done: {what}.', confirm_void: '{name}: void the session? Its result is annulled (p.19).',
    signal_kind: 'Kind', source: 'Source', action: 'Decision', occurred: 'Time (Almaty)', no_signals: 'No signals.',
    review: 'Proctoring review', 'review.open': 'open', 'review.confirmed': 'confirmed', 'review.dismissed': 'dismissed', 'review.voided': 'voided',
    superseded: 'superseded', download: 'Download:', users: 'Users', search_users: 'Username or name',
    role: 'Role', scope: 'Scope', state: 'State', active: 'active', disabled: 'disabled', disable: 'Disable', enable: 'Enable',
    create_user: 'Add a user', create: 'Create', created: '{u} created.', full_name: 'Full name',
    scope_hint: 'Region (LEB officer) or organization (TMC operator)', 'err.conflict': 'Not done: {m}',
    'role.admin': 'administrator', 'role.author': 'question author', 'role.proctor_reviewer': 'proctoring reviewer',
    'role.commission_chair': 'commission chair', 'role.commission_member': 'commission member', 'role.commission_secretary': 'commission secretary',
    'role.tmc_operator': 'TMC operator', 'role.leb_officer': 'LEB officer',
    title: 'Administrator', login: 'Sign in', username: 'Username', password: 'Password',
    campaigns: 'Campaigns', sessions: 'Sessions', back: '← Campaigns', search: 'IIN or name',
    search_campaigns: 'Campaign name', find: 'Search', all: 'Every status', prev: '← Previous', next: 'Next →',
    page: 'Page {p} of {n}, {t} in all', empty: 'Nothing found.', term: 'Term',
    name: 'Name', iin: 'IIN', position: 'Position', status: 'Status', left: 'Time left',
    answered: 'Answers', signals: 'Signals', result: 'Result', online: 'online', offline: 'offline',
    new_code: 'New code', reason: 'Reason (goes to the audit log):', code_shown: '{name}: new code {code} — shown only now; the old code no longer works.',
    'status.scheduled': 'not started', 'status.rules': 'reading the rules', 'status.in_progress': 'in progress',
    'status.scored': 'scored', 'status.voided': 'voided',
    'err.unauthenticated': 'Sign in again.', 'err.forbidden': 'This page is for administrators.',
    'err.bad_credentials': 'Wrong username or password.', 'err.bad_request': 'Bad request: {m}',
    'err.not_found': 'Not found.', 'err.rate_limited': 'Too many attempts; try again in a minute.',
    'err.network': 'The server could not be reached.', 'err.generic': 'The request failed (status {s}).',
  },
};

/** A word in `lang` (Kazakh when the language is unknown), `{name}` replaced from `vars`. */
export function word(lang, key, vars = {}) {
  const s = (WORDS[lang] || WORDS.kk)[key] ?? WORDS.kk[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** The progress columns of a campaign, in order, each with its words (docs/admin-api.md,
 *  "Progress at a glance"): a count the server adds to `progress` is one more line here. */
export const PROGRESS = [
  { key: 'admitted', kk: 'Рұқсат етілді', ru: 'Допущено', en: 'Admitted' },
  { key: 'started', kk: 'Бастады', ru: 'Начали', en: 'Started' },
  { key: 'in_progress', kk: 'Тапсырып жатыр', ru: 'Сдают', en: 'In progress' },
  { key: 'online', kk: 'Қазір желіде', ru: 'Сейчас в сети', en: 'Online now' },
  { key: 'submitted', kk: 'Тапсырды', ru: 'Сдали', en: 'Submitted' },
  { key: 'voided', kk: 'Жойылды', ru: 'Аннулировано', en: 'Voided' },
  { key: 'appealed', kk: 'Апелляция', ru: 'Апелляции', en: 'Appealed' },
  { key: 'decided', kk: 'Шешілді', ru: 'Решено', en: 'Decided' },
  { key: 'reported', kk: 'ЖАО-ға жіберілді', ru: 'Отправлено в МИО', en: 'Reported' },
  { key: 'certified', kk: 'Куәлік берілді', ru: 'Выдано удостоверений', en: 'Certified' },
];

/** A progress column's heading in `lang` (Kazakh when unknown). */
export const progressWord = (p, lang) => p[lang] || p.kk;

/** A campaign's progress as the cells of its row, in PROGRESS order ('—' for a count the
 *  server does not send). */
export const progressCells = (progress) => PROGRESS.map((p) => (progress && p.key in progress ? String(progress[p.key]) : '—'));

/** `GET /api/v1/admin/campaigns` for a search and a page. */
export function campaignsUrl({ q = '', page = 1 } = {}) {
  const p = new URLSearchParams();
  if (q.trim()) p.set('q', q.trim());
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/api/v1/admin/campaigns${s ? `?${s}` : ''}`;
}

/** `GET /api/v1/admin/campaigns/{campaign}/sessions` for a status, a search and a page. */
export function sessionsUrl(campaignId, { status = '', q = '', page = 1 } = {}) {
  const p = new URLSearchParams();
  if (status) p.set('status', status);
  if (q.trim()) p.set('q', q.trim());
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/api/v1/admin/campaigns/${encodeURIComponent(campaignId)}/sessions${s ? `?${s}` : ''}`;
}

/** The page line and whether there is a page before and after (`page` of a listing). */
export function pageLine(page, lang) {
  return {
    text: page.total ? word(lang, 'page', { p: page.page, n: page.pages, t: page.total }) : word(lang, 'empty'),
    prev: page.page > 1,
    next: page.page < page.pages,
  };
}

/** Milliseconds as h:mm:ss. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A session's row of the listing as the table's cells of text. */
export function sessionCells(s, lang) {
  const position = lang === 'en' ? s.position : (s.position_name && s.position_name[lang]) || s.position;
  let status = word(lang, `status.${s.status}`);
  if (s.online != null) status += ` (${word(lang, s.online ? 'online' : 'offline')})`;
  const result = s.result ? `${s.result.percent}% — ${(s.result.decision.outcome && (s.result.decision.outcome[lang] || s.result.decision.outcome.ru)) || s.result.decision.outcome?.code || ''}` : '';
  return [s.name, s.iin, position, status, s.time_left_ms == null ? '' : clock(s.time_left_ms), String(s.answered), String(s.signals), result];
}

/** `.../sessions.csv` or `.xlsx` of a campaign, with the listing's filters. */
export function exportUrl(campaignId, ext, { status = '', q = '' } = {}) {
  const p = new URLSearchParams();
  if (status) p.set('status', status);
  if (q.trim()) p.set('q', q.trim());
  const s = p.toString();
  return `/api/v1/admin/campaigns/${encodeURIComponent(campaignId)}/sessions.${ext}${s ? `?${s}` : ''}`;
}

/** `GET /api/v1/admin/users` for a search and a page. */
export function usersUrl({ q = '', page = 1 } = {}) {
  const p = new URLSearchParams();
  if (q.trim()) p.set('q', q.trim());
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/api/v1/admin/users${s ? `?${s}` : ''}`;
}

const almatyFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** Unix ms as `YYYY-MM-DD HH:MM:SS` on the Almaty wall clock; '' for none. */
export function almaty(ms) {
  if (ms == null) return '';
  const p = Object.fromEntries(almatyFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The time left of an overview `elapsed` ms after it was read (counting down, never below 0);
 *  '' when not in progress. */
export function timeLeft(overview, elapsed) {
  return overview.time_left_ms == null ? '' : clock(overview.time_left_ms - elapsed);
}

/** The drill-down's facts of `GET /api/v1/admin/sessions/{s}/overview`: [label, text] pairs. */
export function overviewFacts(o, lang, elapsed = 0) {
  const s = o.session;
  let status = word(lang, `status.${s.status}`);
  if (o.online != null) status += ` (${word(lang, o.online ? 'online' : 'offline')})`;
  const facts = [
    [word(lang, 'name'), s.candidate.name],
    [word(lang, 'status'), status],
    [word(lang, 'deadline'), almaty(s.deadline)],
    [word(lang, 'left'), timeLeft(o, elapsed)],
    [word(lang, 'extension'), String(s.extension_min)],
    [word(lang, 'answered'), String(o.answered)],
    [word(lang, 'journal'), String(o.journal_size)],
    [word(lang, 'signals'), String(o.signals.length)],
  ];
  if (o.review) facts.push([word(lang, 'review'), word(lang, `review.${o.review}`)]);
  if (s.result) facts.push([word(lang, 'result'), `${s.result.percent}% — ${(s.result.decision.outcome && s.result.decision.outcome[lang === 'en' ? 'ru' : lang]) || ''}`]);
  return facts;
}

/** A signal of the overview as cells: kind (the candidate pages' kk/ru wording, the wire name
 *  in English), source, what the policy did, Almaty time (superseded marked). */
export function signalCells(sig, lang) {
  const kind = (STRINGS[lang] && STRINGS[lang][`signal.${sig.kind}`]) || sig.kind;
  const action = `act.${sig.action}` in WORDS.kk ? word(lang, `act.${sig.action}`) : sig.action;
  return [kind + (sig.superseded ? ` (${word(lang, 'superseded')})` : ''), sig.source, action, almaty(sig.occurred_at)];
}

/** A staff account's row: username, name, role, scope, state. */
export function userCells(u, lang) {
  return [u.username, u.name, word(lang, `role.${u.role}`), u.scope || '—', word(lang, u.disabled ? 'disabled' : 'active')];
}

/** The staff roles an account may hold, in the order the form offers them. */
export const STAFF_ROLES = ['admin', 'author', 'proctor_reviewer', 'commission_chair', 'commission_member', 'commission_secretary', 'tmc_operator', 'leb_officer'];

/** The body of `POST /api/v1/admin/users`: trimmed, `scope` only for the scoped roles. */
export function newUserBody({ username, name, password, role, scope }) {
  const body = { username: username.trim(), name: name.trim(), password, role };
  if ((role === 'tmc_operator' || role === 'leb_officer') && scope && scope.trim()) body.scope = scope.trim();
  return body;
}

/** What a refusal says: the server's code worded, the field's message for a bad request (an
 *  operator's English names the parameter), else the status. */
export function errorWords(r, lang) {
  if (r.status === 0) return word(lang, 'err.network');
  const code = r.data && r.data.error && r.data.error.code;
  if (code === 'bad_request') return word(lang, 'err.bad_request', { m: r.data.error.message });
  if (code === 'conflict') return word(lang, 'err.conflict', { m: r.data.error.message });
  if (code && `err.${code}` in WORDS.kk) return word(lang, `err.${code}`);
  return word(lang, 'err.generic', { s: r.status });
}
