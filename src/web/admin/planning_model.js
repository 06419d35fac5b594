// The console's planning of a campaign, pure: its words in Kazakh, Russian and English, the
// body of a new campaign (POST /api/v1/admin/campaigns, p.9, p.18) and of its announcement
// (POST .../announcement, p.11), each checked field by field before it is sent, and a bank
// version's line in the picker. tests/web/planning.test.mjs.

export const WORDS = {
  kk: {
    new_campaign: 'Жаңа науқан', name: 'Атауы', bank: 'Сұрақтар базасының нұсқасы', procedure: 'Рәсім',
    languages: 'Тестілеу тілдері', opens_on: 'Басталуы', closes_on: 'Аяқталуы', create: 'Науқан құру',
    created: '«{name}» науқаны құрылды. Енді хабарландыруды жариялаңыз, ЕМО тізімді жүктейді.',
    'procedure.primary': 'алғашқы аттестаттау', 'procedure.periodic': 'атқаратын лауазымына сәйкестігін растау',
    'procedure.category': 'біліктілік санатына өтініш', 'procedure.reattestation': 'қайта аттестаттау',
    'lang.kk': 'қазақ тілі', 'lang.ru': 'орыс тілі',
    bank_line: '{name} · {v} · {n} сұрақ ({l} заң, {f} функционалдық)', no_bank: 'Сұрақтар базасы жоқ: автор алдымен базаны жүктеуі керек.',
    announcement: 'Хабарландыру (11-т.)', text_kk: 'Мәтіні қазақ тілінде', text_ru: 'Мәтіні орыс тілінде', publish: 'Жариялау',
    published: 'Хабарландыру жарияланды: {at}.', not_published: 'Хабарландыру әлі жарияланған жоқ.', public_page: 'Жария беті',
    'bad.name': 'Атауын жазыңыз.', 'bad.bank_version': 'Сұрақтар базасының нұсқасын таңдаңыз.', 'bad.procedure': 'Рәсімді таңдаңыз.',
    'bad.languages': 'Кемінде бір тілді таңдаңыз.', 'bad.opens_on': 'Басталу күнін көрсетіңіз.', 'bad.closes_on': 'Аяқталу күні басталу күнінен ерте болмауы керек.',
    'bad.text_kk': 'Қазақша мәтінді жазыңыз (10 000 таңбаға дейін).', 'bad.text_ru': 'Орысша мәтінді жазыңыз (10 000 таңбаға дейін).',
  },
  ru: {
    new_campaign: 'Новая кампания', name: 'Название', bank: 'Версия банка вопросов', procedure: 'Процедура',
    languages: 'Языки тестирования', opens_on: 'Начало', closes_on: 'Окончание', create: 'Создать кампанию',
    created: 'Кампания «{name}» создана. Опубликуйте объявление; список загружает ЦТМ.',
    'procedure.primary': 'первичная аттестация', 'procedure.periodic': 'подтверждение соответствия занимаемой должности',
    'procedure.category': 'заявление на квалификационную категорию', 'procedure.reattestation': 'повторная аттестация',
    'lang.kk': 'казахский', 'lang.ru': 'русский',
    bank_line: '{name} · {v} · {n} вопросов ({l} правовых, {f} функциональных)', no_bank: 'Нет банка вопросов: сначала автор загружает банк.',
    announcement: 'Объявление (п.11)', text_kk: 'Текст на казахском', text_ru: 'Текст на русском', publish: 'Опубликовать',
    published: 'Объявление опубликовано: {at}.', not_published: 'Объявление ещё не опубликовано.', public_page: 'Публичная страница',
    'bad.name': 'Укажите название.', 'bad.bank_version': 'Выберите версию банка вопросов.', 'bad.procedure': 'Выберите процедуру.',
    'bad.languages': 'Выберите хотя бы один язык.', 'bad.opens_on': 'Укажите дату начала.', 'bad.closes_on': 'Дата окончания не может быть раньше даты начала.',
    'bad.text_kk': 'Напишите текст на казахском (до 10 000 знаков).', 'bad.text_ru': 'Напишите текст на русском (до 10 000 знаков).',
  },
  en: {
    new_campaign: 'New campaign', name: 'Name', bank: 'Question bank version', procedure: 'Procedure',
    languages: 'Languages of the test', opens_on: 'Opens on', closes_on: 'Closes on', create: 'Create the campaign',
    created: 'Campaign "{name}" created. Publish its announcement; the TMC uploads the list.',
    'procedure.primary': 'primary attestation', 'procedure.periodic': 'confirmation of fitness for the position',
    'procedure.category': 'application for a qualification category', 'procedure.reattestation': 're-attestation',
    'lang.kk': 'Kazakh', 'lang.ru': 'Russian',
    bank_line: '{name} · {v} · {n} questions ({l} legal, {f} functional)', no_bank: 'No question bank: an author uploads one first.',
    announcement: 'Announcement (p.11)', text_kk: 'Text in Kazakh', text_ru: 'Text in Russian', publish: 'Publish',
    published: 'Announcement published: {at}.', not_published: 'No announcement published yet.', public_page: 'Public page',
    'bad.name': 'Give the name.', 'bad.bank_version': 'Choose a question bank version.', 'bad.procedure': 'Choose the procedure.',
    'bad.languages': 'Choose at least one language.', 'bad.opens_on': 'Give the opening date.', 'bad.closes_on': 'The closing date cannot be before the opening date.',
    'bad.text_kk': 'Write the Kazakh text (up to 10,000 characters).', 'bad.text_ru': 'Write the Russian text (up to 10,000 characters).',
  },
};

export const PROCEDURES = ['periodic', 'primary', 'category', 'reattestation'];
export const EXAM_LANGS = ['kk', 'ru'];

export function word(lang, key, vars = {}) {
  const s = (WORDS[lang] || WORDS.kk)[key] ?? WORDS.kk[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body of `POST /api/v1/admin/campaigns`, or the first field at fault. */
export function campaignBody({ name = '', bank_version = '', procedure = '', languages = [], opens_on = '', closes_on = '' } = {}) {
  if (!name.trim()) return { error: 'name' };
  if (!bank_version) return { error: 'bank_version' };
  if (!PROCEDURES.includes(procedure)) return { error: 'procedure' };
  const langs = EXAM_LANGS.filter((l) => languages.includes(l));
  if (!langs.length) return { error: 'languages' };
  if (!DATE.test(opens_on)) return { error: 'opens_on' };
  if (!DATE.test(closes_on) || closes_on < opens_on) return { error: 'closes_on' };
  return { body: { name: name.trim(), bank_version, procedure, languages: langs, opens_on, closes_on } };
}

/** The body of `POST .../announcement`, or the first field at fault (1 to 10,000 characters
 *  each, as the server counts them). */
export function announcementBody({ text_kk = '', text_ru = '' } = {}) {
  const ok = (t) => t.trim().length > 0 && [...t.trim()].length <= 10000;
  if (!ok(text_kk)) return { error: 'text_kk' };
  if (!ok(text_ru)) return { error: 'text_ru' };
  return { body: { text_kk: text_kk.trim(), text_ru: text_ru.trim() } };
}

/** A bank version in the picker: its name, a short id and its counts. Retired questions are
 *  the author's business; the server refuses a version that cannot fill a paper. */
export function bankLine(v, lang) {
  return word(lang, 'bank_line', { name: v.bank_name, v: v.version.slice(0, 12), n: v.questions, l: v.legal, f: v.functional });
}
