// The LEB officers' console, pure: its words in Kazakh, Russian and English, the addresses it
// asks (docs/certificates.md), a result's row as text (due date, overdue, the decision the
// result calls for), which actions a row offers, and what a refusal says.
// tests/web/leb.test.mjs.

export const LANGS = ['kk', 'ru', 'en'];

export const STAGES = ['awaiting', 'pending', 'decided', 'certified', 'voided'];

export const WORDS = {
  kk: {
    'blocked.voided': 'сессияның күші жойылды (19-т.): шешетін ештеңе жоқ', 'blocked.not_over': 'тест әлі аяқталған жоқ: шешім шығаратын нәтиже жоқ',
    'blocked.no_result': 'сессияның қолданыстағы нәтижесі жоқ', 'blocked.under_review': 'прокторинг тексерісінде: нәтиженің күші әлі жойылуы мүмкін (19-т.)',
    'blocked.appeal_open': 'апелляция қаралуда: комиссия шешімі нәтижені өзгертуі мүмкін (24, 26-т.)', 'blocked.appeal_window': 'апелляцияны {until} дейін беруге болады (21-т.)',
    'blocked.no_region': 'тізімде өңір көрсетілмеген: бұл жол бойынша ЖАО шешім қабылдамайды',
    'no_certificate.category_kept': 'қолданыстағы санат мерзімі біткенше күшінде қалады (33-т.): жаңа куәлік берілмейді',
    'no_certificate.no_category': '«санатсыз» куәландырылатын санат емес (5-т.)',
    'no_certificate.negative': 'шешім теріс: куәлік санат берілгенде не расталғанда немесе лауазымға сәйкес болғанда ғана беріледі (32.2-т.)',
    'no_certificate.out_of_range': 'куәліктің жарамдылық мерзімі күнтізбе шегінен тыс',
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
    'blocked.voided': 'сессия аннулирована (п.19): решать нечего', 'blocked.not_over': 'тестирование не завершено: решения пока не по чему',
    'blocked.no_result': 'у сессии нет действующего результата', 'blocked.under_review': 'на проверке прокторинга: результат ещё может быть аннулирован (п.19)',
    'blocked.appeal_open': 'подана апелляция: решение комиссии может изменить результат (пп.24, 26)', 'blocked.appeal_window': 'апелляцию можно подать до {until} (п.21)',
    'blocked.no_region': 'в списке не указан регион: МИО не принимает решение по этой строке',
    'no_certificate.category_kept': 'действующая категория сохраняется до окончания срока (п.33): новое удостоверение не выдаётся',
    'no_certificate.no_category': '«без категории» не является категорией для удостоверения (п.5)',
    'no_certificate.negative': 'решение отрицательное: удостоверение выдаётся только при присвоении или подтверждении категории либо соответствии должности (п.32.2)',
    'no_certificate.out_of_range': 'срок действия удостоверения выходит за пределы календаря',
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
    'blocked.voided': 'the session was voided (p.19): nothing to decide', 'blocked.not_over': 'the test is not over: no result to decide on yet',
    'blocked.no_result': 'the session has no current result', 'blocked.under_review': 'under proctoring review: the result may still be voided (p.19)',
    'blocked.appeal_open': 'an appeal is open: the commission may change the result (p.24, p.26)', 'blocked.appeal_window': 'an appeal may still be filed until {until} (p.21)',
    'blocked.no_region': 'the roster row names no region: no LEB decides on it',
    'no_certificate.category_kept': 'the current category stays in force until its term ends (p.33): no new certificate',
    'no_certificate.no_category': '"no category" is no category to certify (p.5)',
    'no_certificate.negative': 'the decision is negative: a certificate follows only a category assigned or confirmed or fitness for the position (p.32.2)',
    'no_certificate.out_of_range': "the certificate's validity is out of the calendar's range",
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

const almatyMinute = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Why a row waits, in `lang`: the server's code worded here (the English message when the
 *  code is unknown to this page). */
export function blockedWords(row, lang) {
  if (!row.blocked_code) return row.blocked || '';
  const until = row.blocked_until == null ? '' : almatyMinute.format(new Date(row.blocked_until)).replace(',', '').replaceAll('/', '.');
  return word(lang, `blocked.${row.blocked_code}`, { until });
}

/** Why a decision gives no certificate, in `lang` (as `blockedWords`). */
export function noCertificateWords(row, lang) {
  if (!row.no_certificate_code) return row.no_certificate || '';
  return word(lang, `no_certificate.${row.no_certificate_code}`);
}

/** What a row offers: decide (pending, not blocked), issue (decided, a form to give),
 *  download (a live certificate); `why` says, in `lang`, why none when blocked or no
 *  certificate follows. */
export function actions(row, lang = 'kk') {
  if (row.stage === 'pending') return row.blocked ? { kind: 'none', why: blockedWords(row, lang) } : { kind: 'decide' };
  if (row.stage === 'decided') return row.gives ? { kind: 'issue' } : { kind: 'none', why: noCertificateWords(row, lang) };
  if (row.stage === 'certified') return { kind: 'pdf', number: row.certificate };
  return { kind: 'none', why: blockedWords(row, lang) };
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
