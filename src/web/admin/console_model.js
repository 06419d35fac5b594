// The administrators' console, pure: its words in Kazakh, Russian and English, the listing
// addresses it asks (docs/admin-api.md), the page line, progress and a session's row as text,
// and what a refusal says. tests/web/admin.test.mjs.

export const LANGS = ['kk', 'ru', 'en'];

export const WORDS = {
  kk: {
    title: 'Әкімші', login: 'Кіру', username: 'Логин', password: 'Құпиясөз',
    campaigns: 'Науқандар', sessions: 'Сессиялар', back: '← Науқандар', search: 'ЖСН немесе аты-жөні',
    search_campaigns: 'Науқан атауы', find: 'Іздеу', all: 'Барлық мәртебе', prev: '← Алдыңғы', next: 'Келесі →',
    page: '{p}-бет / {n}, барлығы {t}', empty: 'Ештеңе табылмады.', term: 'Мерзімі',
    admitted: 'Рұқсат етілді', started: 'Бастады', in_progress: 'Тапсырып жатыр', submitted: 'Тапсырды',
    voided: 'Жойылды', appealed: 'Апелляция', decided: 'Шешілді',
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
    title: 'Администратор', login: 'Войти', username: 'Логин', password: 'Пароль',
    campaigns: 'Кампании', sessions: 'Сессии', back: '← Кампании', search: 'ИИН или ФИО',
    search_campaigns: 'Название кампании', find: 'Найти', all: 'Все статусы', prev: '← Назад', next: 'Далее →',
    page: 'Страница {p} из {n}, всего {t}', empty: 'Ничего не найдено.', term: 'Срок',
    admitted: 'Допущено', started: 'Начали', in_progress: 'Сдают', submitted: 'Сдали',
    voided: 'Аннулировано', appealed: 'Апелляции', decided: 'Решено',
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
    title: 'Administrator', login: 'Sign in', username: 'Username', password: 'Password',
    campaigns: 'Campaigns', sessions: 'Sessions', back: '← Campaigns', search: 'IIN or name',
    search_campaigns: 'Campaign name', find: 'Search', all: 'Every status', prev: '← Previous', next: 'Next →',
    page: 'Page {p} of {n}, {t} in all', empty: 'Nothing found.', term: 'Term',
    admitted: 'Admitted', started: 'Started', in_progress: 'In progress', submitted: 'Submitted',
    voided: 'Voided', appealed: 'Appealed', decided: 'Decided',
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

/** The progress columns of a campaign, in order (docs/admin-api.md, "Progress at a glance"). */
export const PROGRESS = ['admitted', 'started', 'in_progress', 'submitted', 'voided', 'appealed', 'decided'];

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

/** What a refusal says: the server's code worded, the field's message for a bad request (an
 *  operator's English names the parameter), else the status. */
export function errorWords(r, lang) {
  if (r.status === 0) return word(lang, 'err.network');
  const code = r.data && r.data.error && r.data.error.code;
  if (code === 'bad_request') return word(lang, 'err.bad_request', { m: r.data.error.message });
  if (code && `err.${code}` in WORDS.kk) return word(lang, `err.${code}`);
  return word(lang, 'err.generic', { s: r.status });
}
