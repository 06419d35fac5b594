// The TMC operator's page, pure: its words in Kazakh, Russian and English, the addresses it
// asks (docs/tmc.md), the media type of an upload by its file name, an attestee's row and
// reasons as text, and what a refusal says (every row error of an upload). tests/web/tmc.test.mjs.

export const LANGS = ['kk', 'ru', 'en'];

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The reasons of p.10 a correction names, in the order the form offers them. */
export const EXCLUSIONS = ['incapacity', 'maternity', 'child_care', 'adoption', 'study_leave', 'business_trip_abroad'];

/** The statuses the listing filters on. */
export const STATUSES = ['no_data', 'admitted', 'not_admitted', 'excluded'];

export const WORDS = {
  kk: {
    title: 'ЕМО: аттестатталушылар тізімі', login: 'Кіру', username: 'Логин', password: 'Құпиясөз',
    campaign: 'Науқан', list_upload: 'Тізімді жүктеу (CSV немесе XLSX, 1-қосымша)', personnel_upload: 'Кадрлық деректер мен оқу (CSV немесе XLSX)',
    upload: 'Жүктеу', search: 'ЖСН немесе аты-жөні', find: 'Іздеу', all: 'Барлық мәртебе',
    prev: '← Алдыңғы', next: 'Келесі →', page: '{p}-бет / {n}, барлығы {t}', empty: 'Тізім бос.',
    no: '№', name: 'Аты-жөні', iin: 'ЖСН', position: 'Лауазымы', status: 'Мәртебесі', reasons: 'Себептері', correction: 'Түзету', code: 'Код',
    'status.no_data': 'деректер жоқ', 'status.admitted': 'жіберілді', 'status.not_admitted': 'жіберілмеді', 'status.excluded': 'тізімнен шығарылды',
    'code.none': '—', 'code.issued': 'берілді', 'code.revoked': 'күші жойылды',
    exclude: 'Шығару', include: 'Қайта қосу', reason: 'Себебі (10-т.)', from: 'Басталуы', until: 'Аяқталуы', note: 'Ескертпе', save: 'Сақтау', cancel: 'Бас тарту',
    'exclusion.incapacity': 'еңбекке уақытша жарамсыздық (екі айға дейін)', 'exclusion.maternity': 'жүктілік және босану демалысы',
    'exclusion.child_care': 'бала күтімі демалысы', 'exclusion.adoption': 'бала асырап алу демалысы',
    'exclusion.study_leave': 'оқу демалысы', 'exclusion.business_trip_abroad': 'шетелдегі қызметтік іссапар',
    codes: 'Рұқсат етілгендерге код беру', download: 'Кодтарды жүктеу (CSV)', codes_shown: '{n} код берілді: олар тек қазір көрсетіледі.',
    imported: '{n} жол қосылды.', personnel_done: '{d} күнге: {a} жіберілді, {x} жіберілмеді.',
    upload_errors: 'Файлда {n} қате бар; ештеңе жүктелмеді:',
    'err.unauthenticated': 'Қайта кіріңіз.', 'err.forbidden': 'Бұл бет ЕМО операторлары мен әкімшілерге арналған.',
    'err.bad_credentials': 'Логин немесе құпиясөз қате.', 'err.bad_request': 'Сұрау дұрыс емес: {m}',
    'err.not_found': 'Табылмады.', 'err.conflict': 'Орындалмады: {m}', 'err.unsupported_media_type': 'CSV немесе XLSX файлын таңдаңыз.',
    'err.payload_too_large': 'Файл тым үлкен.', 'err.rate_limited': 'Әрекет тым көп, бір минуттан кейін қайталаңыз.',
    'err.network': 'Серверге қосылу мүмкін болмады.', 'err.generic': 'Сұрау орындалмады (код {s}).',
  },
  ru: {
    title: 'ЦТМ: список аттестуемых', login: 'Войти', username: 'Логин', password: 'Пароль',
    campaign: 'Кампания', list_upload: 'Загрузить список (CSV или XLSX, приложение 1)', personnel_upload: 'Кадровые данные и обучение (CSV или XLSX)',
    upload: 'Загрузить', search: 'ИИН или ФИО', find: 'Найти', all: 'Все статусы',
    prev: '← Назад', next: 'Далее →', page: 'Страница {p} из {n}, всего {t}', empty: 'Список пуст.',
    no: '№', name: 'ФИО', iin: 'ИИН', position: 'Должность', status: 'Статус', reasons: 'Причины', correction: 'Корректировка', code: 'Код',
    'status.no_data': 'нет данных', 'status.admitted': 'допущен(а)', 'status.not_admitted': 'не допущен(а)', 'status.excluded': 'исключен(а) из списка',
    'code.none': '—', 'code.issued': 'выдан', 'code.revoked': 'аннулирован',
    exclude: 'Исключить', include: 'Вернуть в список', reason: 'Причина (п.10)', from: 'С', until: 'По', note: 'Примечание', save: 'Сохранить', cancel: 'Отмена',
    'exclusion.incapacity': 'временная нетрудоспособность (до двух месяцев)', 'exclusion.maternity': 'отпуск по беременности и родам',
    'exclusion.child_care': 'отпуск по уходу за ребенком', 'exclusion.adoption': 'отпуск в связи с усыновлением',
    'exclusion.study_leave': 'учебный отпуск', 'exclusion.business_trip_abroad': 'служебная командировка за рубеж',
    codes: 'Выдать коды допущенным', download: 'Скачать коды (CSV)', codes_shown: 'Выдано кодов: {n}; они показаны только сейчас.',
    imported: 'Добавлено строк: {n}.', personnel_done: 'На {d}: допущено {a}, не допущено {x}.',
    upload_errors: 'В файле ошибок: {n}; ничего не загружено:',
    'err.unauthenticated': 'Войдите снова.', 'err.forbidden': 'Эта страница для операторов ЦТМ и администраторов.',
    'err.bad_credentials': 'Неверный логин или пароль.', 'err.bad_request': 'Неверный запрос: {m}',
    'err.not_found': 'Не найдено.', 'err.conflict': 'Не выполнено: {m}', 'err.unsupported_media_type': 'Выберите файл CSV или XLSX.',
    'err.payload_too_large': 'Файл слишком большой.', 'err.rate_limited': 'Слишком много попыток, повторите через минуту.',
    'err.network': 'Не удалось связаться с сервером.', 'err.generic': 'Запрос не выполнен (код {s}).',
  },
  en: {
    title: 'TMC: list of attestees', login: 'Sign in', username: 'Username', password: 'Password',
    campaign: 'Campaign', list_upload: 'Upload the list (CSV or XLSX, Appendix 1)', personnel_upload: 'Personnel and training data (CSV or XLSX)',
    upload: 'Upload', search: 'IIN or name', find: 'Find', all: 'All statuses',
    prev: '← Previous', next: 'Next →', page: 'Page {p} of {n}, {t} in all', empty: 'The list is empty.',
    no: 'No.', name: 'Name', iin: 'IIN', position: 'Position', status: 'Status', reasons: 'Reasons', correction: 'Correction', code: 'Code',
    'status.no_data': 'no data yet', 'status.admitted': 'admitted', 'status.not_admitted': 'not admitted', 'status.excluded': 'excluded from the list',
    'code.none': '—', 'code.issued': 'issued', 'code.revoked': 'revoked',
    exclude: 'Exclude', include: 'Re-include', reason: 'Reason (p.10)', from: 'From', until: 'Until', note: 'Note', save: 'Save', cancel: 'Cancel',
    'exclusion.incapacity': 'incapacity for work (up to two months)', 'exclusion.maternity': 'maternity leave',
    'exclusion.child_care': 'child-care leave', 'exclusion.adoption': 'adoption leave',
    'exclusion.study_leave': 'study leave', 'exclusion.business_trip_abroad': 'business trip abroad',
    codes: 'Issue codes to the admitted', download: 'Download the codes (CSV)', codes_shown: '{n} code(s) issued: shown only now.',
    imported: '{n} row(s) added.', personnel_done: 'For {d}: {a} admitted, {x} not admitted.',
    upload_errors: 'The file has {n} error(s); nothing was uploaded:',
    'err.unauthenticated': 'Sign in again.', 'err.forbidden': 'This page is for TMC operators and administrators.',
    'err.bad_credentials': 'Wrong username or password.', 'err.bad_request': 'Bad request: {m}',
    'err.not_found': 'Not found.', 'err.conflict': 'Not done: {m}', 'err.unsupported_media_type': 'Choose a CSV or XLSX file.',
    'err.payload_too_large': 'The file is too large.', 'err.rate_limited': 'Too many attempts; try again in a minute.',
    'err.network': 'The server could not be reached.', 'err.generic': 'The request failed (status {s}).',
  },
};

/** A word in `lang` (Kazakh when the language is unknown), `{name}` replaced from `vars`. */
export function word(lang, key, vars = {}) {
  const s = (WORDS[lang] || WORDS.kk)[key] ?? WORDS.kk[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** The media type an upload is sent as, by its file name: XLSX for `.xlsx`, else CSV. */
export function uploadType(fileName) {
  return /\.xlsx$/i.test(fileName || '') ? XLSX : 'text/csv';
}

const base = (campaignId) => `/api/v1/tmc/campaigns/${encodeURIComponent(campaignId)}`;

/** The addresses of one campaign's list, personnel data and codes. */
export const urls = (campaignId) => ({
  attestees: `${base(campaignId)}/attestees`,
  personnel: `${base(campaignId)}/personnel`,
  codes: `${base(campaignId)}/codes`,
  correction: (id) => `${base(campaignId)}/attestees/${encodeURIComponent(id)}/correction`,
});

/** `GET .../attestees` for a status, a search and a page. */
export function listUrl(campaignId, { status = '', q = '', page = 1 } = {}) {
  const p = new URLSearchParams();
  if (status) p.set('status', status);
  if (q.trim()) p.set('q', q.trim());
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `${urls(campaignId).attestees}${s ? `?${s}` : ''}`;
}

/** A reason in `lang` with its clause: "p.14.1, CPD p.15 — ..." (Kazakh for an unknown language). */
export function reasonText(reason, lang) {
  const message = reason[`message_${lang}`] || reason.message_kk;
  return `${reason.clause}: ${message}`;
}

/** An attestee's row as the table's cells of text: No., name, IIN, position, status, reasons, correction, code. */
export function rowCells(a, lang) {
  const position = { en: a.position, ru: a.position_ru, kk: a.position_kk }[lang] || a.position_kk || a.position_ru;
  const correction = a.exclusion
    ? `${word(lang, `exclusion.${a.exclusion.reason}`)} (${a.exclusion.clause}), ${a.exclusion.from} — ${a.exclusion.until || '…'}${a.exclusion.note ? `; ${a.exclusion.note}` : ''}`
    : '';
  return [a.number, a.name, a.iin, position, word(lang, `status.${a.status}`),
    a.reasons.map((r) => reasonText(r, lang)).join('\n'), correction, word(lang, `code.${a.code}`)];
}

/** The correction body of the form's values: an exclusion with its period, or a re-inclusion. */
export function correctionBody({ excluded, reason = '', from = '', until = '', note = '' }) {
  if (!excluded) return { excluded: false };
  const body = { excluded: true, reason, from };
  if (until) body.until = until;
  if (note.trim()) body.note = note.trim();
  return body;
}

/** What a refusal says: a first line, and every row error of an upload (422 `details`). */
export function refusal(r, lang) {
  if (r.status === 0) return { text: word(lang, 'err.network'), lines: [] };
  const error = (r.data && r.data.error) || {};
  const details = Array.isArray(error.details) ? error.details : [];
  if (r.status === 422 && details.length) return { text: word(lang, 'upload_errors', { n: details.length }), lines: details };
  if (error.code === 'bad_request') return { text: word(lang, 'err.bad_request', { m: error.message }), lines: [] };
  if (error.code === 'conflict') return { text: word(lang, 'err.conflict', { m: error.message }), lines: [] };
  if (error.code && `err.${error.code}` in WORDS.kk) return { text: word(lang, `err.${error.code}`), lines: [] };
  if (r.status === 422 && error.message) return { text: error.message, lines: [] };
  return { text: word(lang, 'err.generic', { s: r.status }), lines: [] };
}
