// The LEB officers' console, pure: its words in Kazakh, Russian and English, the addresses it
// asks (docs/certificates.md), a result's row as text (due date, overdue, the decision the
// result calls for), which actions a row offers, and what a refusal says.
// tests/web/leb.test.mjs.

export const LANGS = ['kk', 'ru', 'en'];

export const STAGES = ['awaiting', 'pending', 'decided', 'certified', 'voided'];

export const WORDS = {
  kk: {
    title: 'ЖАО: шешімдер мен куәліктер', login: 'Кіру', username: 'Логин', password: 'Құпиясөз',
    results: 'Аймақтың нәтижелері', search: 'ЖСН немесе аты-жөні', campaign: 'Науқан (id)', find: 'Іздеу',
    all: 'Барлық кезеңдер', prev: '← Алдыңғы', next: 'Келесі →', page: '{p}-бет / {n}, барлығы {t}', empty: 'Ештеңе табылмады.',
    name: 'Аты-жөні', iin: 'ЖСН', position: 'Лауазымы', result: 'Нәтиже', verdict: 'Шешім', due: 'Мерзімі (32-т.)',
    stage: 'Кезең', actions: 'Әрекет', overdue: 'мерзімі өтті', provisional: 'болжалды', late: 'кешіктірілді',
    decide: 'Шешім қабылдау', issue: 'Куәлік беру', pdf: 'Куәлік (PDF)', appendix5: '5-қосымша (XLSX)', appendix5_csv: '5-қосымша (CSV)',
    decided_on: 'Шешім күні', order_number: 'Бұйрық / акт №', note: 'Ескертпе', confirm: 'Растау', cancel: 'Болдырмау',
    decided: 'Шешім қабылданды: {v}.', issued: '№ {n} куәлік берілді.', no_certificate: 'Куәлік берілмейді: {m}',
    'stage.awaiting': 'тест күтілуде', 'stage.pending': 'шешім күтілуде', 'stage.decided': 'шешім қабылданды',
    'stage.certified': 'куәлік берілді', 'stage.voided': 'жойылды (19-т.)',
    'err.unauthenticated': 'Қайта кіріңіз.', 'err.forbidden': 'Бұл бет ЖАО қызметкерлеріне арналған.',
    'err.bad_credentials': 'Логин немесе құпиясөз қате.', 'err.bad_request': 'Сұрау дұрыс емес: {m}',
    'err.conflict': 'Орындалмады: {m}', 'err.not_found': 'Табылмады.', 'err.rate_limited': 'Әрекет тым көп, бір минуттан кейін қайталаңыз.',
    'err.network': 'Серверге қосылу мүмкін болмады.', 'err.generic': 'Сұрау орындалмады (код {s}).',
  },
  ru: {
    title: 'МИО: решения и удостоверения', login: 'Войти', username: 'Логин', password: 'Пароль',
    results: 'Результаты региона', search: 'ИИН или ФИО', campaign: 'Кампания (id)', find: 'Найти',
    all: 'Все этапы', prev: '← Назад', next: 'Далее →', page: 'Страница {p} из {n}, всего {t}', empty: 'Ничего не найдено.',
    name: 'ФИО', iin: 'ИИН', position: 'Должность', result: 'Результат', verdict: 'Решение', due: 'Срок (п.32)',
    stage: 'Этап', actions: 'Действие', overdue: 'просрочено', provisional: 'предварительно', late: 'с опозданием',
    decide: 'Принять решение', issue: 'Выдать удостоверение', pdf: 'Удостоверение (PDF)', appendix5: 'Приложение 5 (XLSX)', appendix5_csv: 'Приложение 5 (CSV)',
    decided_on: 'Дата решения', order_number: '№ приказа / акта', note: 'Примечание', confirm: 'Подтвердить', cancel: 'Отмена',
    decided: 'Решение принято: {v}.', issued: 'Выдано удостоверение № {n}.', no_certificate: 'Удостоверение не выдаётся: {m}',
    'stage.awaiting': 'ожидается тест', 'stage.pending': 'ожидает решения', 'stage.decided': 'решение принято',
    'stage.certified': 'удостоверение выдано', 'stage.voided': 'аннулировано (п.19)',
    'err.unauthenticated': 'Войдите снова.', 'err.forbidden': 'Эта страница для сотрудников МИО.',
    'err.bad_credentials': 'Неверный логин или пароль.', 'err.bad_request': 'Неверный запрос: {m}',
    'err.conflict': 'Не выполнено: {m}', 'err.not_found': 'Не найдено.', 'err.rate_limited': 'Слишком много попыток, повторите через минуту.',
    'err.network': 'Не удалось связаться с сервером.', 'err.generic': 'Запрос не выполнен (код {s}).',
  },
  en: {
    title: 'LEB: decisions and certificates', login: 'Sign in', username: 'Username', password: 'Password',
    results: 'The region\'s results', search: 'IIN or name', campaign: 'Campaign (id)', find: 'Search',
    all: 'Every stage', prev: '← Previous', next: 'Next →', page: 'Page {p} of {n}, {t} in all', empty: 'Nothing found.',
    name: 'Name', iin: 'IIN', position: 'Position', result: 'Result', verdict: 'Decision', due: 'Due (p.32)',
    stage: 'Stage', actions: 'Action', overdue: 'overdue', provisional: 'provisional', late: 'late',
    decide: 'Take the decision', issue: 'Issue the certificate', pdf: 'Certificate (PDF)', appendix5: 'Appendix 5 (XLSX)', appendix5_csv: 'Appendix 5 (CSV)',
    decided_on: 'Date of the decision', order_number: 'Order / act no.', note: 'Note', confirm: 'Confirm', cancel: 'Cancel',
    decided: 'Decision taken: {v}.', issued: 'Certificate no. {n} issued.', no_certificate: 'No certificate: {m}',
    'stage.awaiting': 'awaiting the test', 'stage.pending': 'awaiting the decision', 'stage.decided': 'decided',
    'stage.certified': 'certificate issued', 'stage.voided': 'voided (p.19)',
    'err.unauthenticated': 'Sign in again.', 'err.forbidden': 'This page is for LEB officers.',
    'err.bad_credentials': 'Wrong username or password.', 'err.bad_request': 'Bad request: {m}',
    'err.conflict': 'Not done: {m}', 'err.not_found': 'Not found.', 'err.rate_limited': 'Too many attempts; try again in a minute.',
    'err.network': 'The server could not be reached.', 'err.generic': 'The request failed (status {s}).',
  },
};

/** A word in `lang` (Kazakh when the language is unknown), `{name}` replaced from `vars`. */
export function word(lang, key, vars = {}) {
  const s = (WORDS[lang] || WORDS.kk)[key] ?? WORDS.kk[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** `GET /api/v1/leb/results` for a campaign, a search, a stage and a page. */
export function resultsUrl({ campaign = '', q = '', status = '', page = 1 } = {}) {
  const p = new URLSearchParams();
  if (campaign.trim()) p.set('campaign', campaign.trim());
  if (q.trim()) p.set('q', q.trim());
  if (status) p.set('status', status);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/api/v1/leb/results${s ? `?${s}` : ''}`;
}

/** `GET /api/v1/leb/reports/appendix5` of a campaign (or all) in `format`. */
export function appendix5Url(campaign = '', format = 'xlsx') {
  const p = new URLSearchParams();
  if (campaign.trim()) p.set('campaign', campaign.trim());
  p.set('format', format);
  return `/api/v1/leb/reports/appendix5?${p}`;
}

/** The PDF of certificate `number`. */
export function pdfUrl(number) {
  return `/api/v1/leb/certificates/${encodeURIComponent(number)}.pdf`;
}

/** The page line and whether there is a page before and after. */
export function pageLine(page, lang) {
  return {
    text: page.total ? word(lang, 'page', { p: page.page, n: page.pages, t: page.total }) : word(lang, 'empty'),
    prev: page.page > 1,
    next: page.page < page.pages,
  };
}

/** A verdict's words: Kazakh or Russian as asked, Russian for English (the act's language). */
export function verdictWords(v, lang) {
  if (!v) return '';
  return lang === 'kk' ? v.kk : v.ru;
}

/** `2026-12-09` as `09.12.2026`. */
export function dotted(date) {
  const [y, m, d] = String(date).split('-');
  return d && m && y ? `${d}.${m}.${y}` : String(date);
}

/** The due column: the last day, provisional and overdue marks. */
export function dueText(row, lang) {
  if (!row.due) return '';
  let text = dotted(row.due.last_day);
  if (row.due.provisional) text += ` (${word(lang, 'provisional')})`;
  if (row.overdue) text += ` — ${word(lang, row.decision ? 'late' : 'overdue')}`;
  return text;
}

/** A row of the listing as the table's cells of text. */
export function rowCells(row, lang) {
  const position = lang === 'kk' ? row.position_kk : lang === 'ru' ? row.position_ru : row.position;
  const result = row.percent == null ? '' : `${row.percent}% — ${lang === 'kk' ? row.outcome_kk : row.outcome_ru}`;
  return [row.name, row.iin, position, result, verdictWords(row.verdict, lang), dueText(row, lang), word(lang, `stage.${row.stage}`)];
}

/** What a row offers: decide (pending, not blocked), issue (decided, a form to give),
 *  download (a live certificate); `why` says why none when blocked or no certificate follows. */
export function actions(row) {
  if (row.stage === 'pending') return row.blocked ? { kind: 'none', why: row.blocked } : { kind: 'decide' };
  if (row.stage === 'decided') return row.gives ? { kind: 'issue' } : { kind: 'none', why: row.no_certificate || '' };
  if (row.stage === 'certified') return { kind: 'pdf', number: row.certificate };
  return { kind: 'none', why: row.blocked || '' };
}

/** The body of a decision, trimmed; null with the field at fault when incomplete. */
export function decisionBody({ decided_on = '', order_number = '', note = '' } = {}) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decided_on.trim())) return { error: 'decided_on' };
  if (!order_number.trim()) return { error: 'order_number' };
  return { body: { decided_on: decided_on.trim(), order_number: order_number.trim(), note: note.trim() } };
}

/** What a refusal says: the server's code worded, its message for a bad request or a
 *  conflict (the server names the clause), else the status. */
export function errorWords(r, lang) {
  if (r.status === 0) return word(lang, 'err.network');
  const code = r.data && r.data.error && r.data.error.code;
  if (code === 'bad_request' || code === 'conflict') return word(lang, `err.${code}`, { m: r.data.error.message });
  if (code && `err.${code}` in WORDS.kk) return word(lang, `err.${code}`);
  return word(lang, 'err.generic', { s: r.status });
}
