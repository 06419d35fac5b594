// The author page's pure model (/author): the page's words in Kazakh, Russian and English,
// a file's text split into numbered lines with each finding of POST /api/v1/banks/validate
// under the line at fault, the counts per profile tag as table rows, and a diff's summary.
// No DOM here: tests/web/author.test.mjs runs it under node.

export const WORDS = {
  kk: {
    stats: 'Сұрақтар статистикасы', stats_csv: 'CSV жүктеп алу', stats_none: 'Бұл науқанда әлі жауап берілген сұрақ жоқ.', question: 'Сұрақ', sittings: 'Берілді', correct: 'Дұрыс', pbis: 'Нүктелік-бисериалдық', blank: 'Бос', appeals: 'Апелляциялар', flags: 'Белгілер',
    'flag.few_sittings': 'дерек аз', 'flag.too_easy': 'тым оңай', 'flag.too_hard': 'тым қиын', 'flag.negative_discrimination': 'теріс дискриминация (кілтті тексеріңіз)',
    retire: 'Сұрақтарды алып тастау', retire_ids: 'Сұрақ идентификаторлары (үтір немесе бос орын арқылы)', reason: 'Себебі (аудит журналына жазылады)',
    retired_into: 'Жаңа нұсқа {v}: {n} сұрақ алынды.', unknown_ids: 'Бұл нұсқада жоқ сұрақтар: {ids}.',
    coverage: 'Науқанды тексеру', campaign: 'Науқан идентификаторы', all_positions: 'Барлық аттестатталатын лауазымдар', check_coverage: 'Тексеру',
    position: 'Лауазым', candidates: 'Кандидаттар', fills: 'Тест толады', yes: 'иә', no: 'жоқ',
    covered: 'Банк әр лауазымға әр күні толық тест құрастырады.', not_covered: 'Банк {n} лауазымға тест құрастыра алмайды.',
    title: 'Сұрақтар банкі', token: 'Автор токені', token_hint: '`synaq token issue --role author` берген токен', sign_in: 'Кіру', sign_out: 'Шығу',
    upload: 'Файлдарды жүктеу', files: 'Файлдар (JSON, GIFT, Moodle XML, Aiken, QTI)', lang: 'Тілі', section: 'Бөлімі', profile: 'Профиль', topic: 'Тақырыбы',
    none: '—', legal: 'құқықтық', functional: 'функционалдық', check: 'Тексеру', import: 'Импорттау',
    valid: 'Қате жоқ: {n} сұрақ, нұсқа {v}.', invalid: 'Қателер: {n}. Ештеңе импортталған жоқ.', line: '{n}-жол',
    imported: 'Жаңа нұсқа сақталды: {v} ({n} сұрақ).', already: 'Бұл мазмұн бұрын сақталған: {v}.',
    versions: 'Нұсқалар', version: 'Нұсқа', name: 'Атауы', questions: 'Сұрақтар', created: 'Құрылды', by: 'Кім', counts: 'Профиль бойынша',
    tag: 'Тег', compare: 'Салыстыру', from: 'Ескі', to: 'Жаңа', added: 'Қосылды', changed: 'Өзгерді', retired: 'Алынды', unchanged: 'Өзгеріссіз: {n}',
    denied: 'Токен жарамсыз немесе автордікі емес.', error: 'Қате: {m}', notes: 'Ескертпелер', empty: 'Жоқ',
  },
  ru: {
    stats: 'Статистика вопросов', stats_csv: 'Скачать CSV', stats_none: 'В этой кампании ещё нет отвеченных вопросов.', question: 'Вопрос', sittings: 'Выдан', correct: 'Верно', pbis: 'Точечно-бисериальный', blank: 'Пусто', appeals: 'Апелляции', flags: 'Отметки',
    'flag.few_sittings': 'мало данных', 'flag.too_easy': 'слишком лёгкий', 'flag.too_hard': 'слишком трудный', 'flag.negative_discrimination': 'отрицательная дискриминация (проверьте ключ)',
    retire: 'Вывести вопросы', retire_ids: 'Идентификаторы вопросов (через запятую или пробел)', reason: 'Причина (записывается в журнал аудита)',
    retired_into: 'Новая версия {v}: выведено вопросов: {n}.', unknown_ids: 'В этой версии нет вопросов: {ids}.',
    coverage: 'Проверка кампании', campaign: 'Идентификатор кампании', all_positions: 'Все аттестуемые должности', check_coverage: 'Проверить',
    position: 'Должность', candidates: 'Кандидаты', fills: 'Тест составляется', yes: 'да', no: 'нет',
    covered: 'Банк составляет полный тест для каждой должности в каждый день.', not_covered: 'Банк не может составить тест для {n} должн.',
    title: 'Банк вопросов', token: 'Токен автора', token_hint: 'токен, выданный `synaq token issue --role author`', sign_in: 'Войти', sign_out: 'Выйти',
    upload: 'Загрузка файлов', files: 'Файлы (JSON, GIFT, Moodle XML, Aiken, QTI)', lang: 'Язык', section: 'Раздел', profile: 'Профиль', topic: 'Тема',
    none: '—', legal: 'правовой', functional: 'функциональный', check: 'Проверить', import: 'Импортировать',
    valid: 'Ошибок нет: {n} вопросов, версия {v}.', invalid: 'Ошибок: {n}. Ничего не импортировано.', line: 'строка {n}',
    imported: 'Новая версия сохранена: {v} ({n} вопросов).', already: 'Это содержимое уже сохранено: {v}.',
    versions: 'Версии', version: 'Версия', name: 'Название', questions: 'Вопросы', created: 'Создана', by: 'Кем', counts: 'По профилям',
    tag: 'Тег', compare: 'Сравнить', from: 'Старая', to: 'Новая', added: 'Добавлены', changed: 'Изменены', retired: 'Выведены', unchanged: 'Без изменений: {n}',
    denied: 'Токен недействителен или не принадлежит автору.', error: 'Ошибка: {m}', notes: 'Примечания', empty: 'Нет',
  },
  en: {
    stats: 'Item statistics', stats_csv: 'Download CSV', stats_none: 'No question of this campaign has been answered yet.', question: 'Question', sittings: 'Sittings', correct: 'Correct', pbis: 'Point-biserial', blank: 'Blank', appeals: 'Appeals', flags: 'Flags',
    'flag.few_sittings': 'few sittings', 'flag.too_easy': 'too easy', 'flag.too_hard': 'too hard', 'flag.negative_discrimination': 'negative discrimination (check the key)',
    retire: 'Retire questions', retire_ids: 'Question ids (separated by commas or spaces)', reason: 'Reason (goes to the audit log)',
    retired_into: 'New version {v}: {n} question(s) retired.', unknown_ids: 'This version has no question {ids}.',
    coverage: 'Campaign check', campaign: 'Campaign id', all_positions: 'Every attested position', check_coverage: 'Check',
    position: 'Position', candidates: 'Candidates', fills: 'Paper fills', yes: 'yes', no: 'no',
    covered: 'The bank fills a full paper for every position on every day.', not_covered: 'The bank cannot fill a paper for {n} position(s).',
    title: 'Question bank', token: 'Author token', token_hint: 'a token from `synaq token issue --role author`', sign_in: 'Sign in', sign_out: 'Sign out',
    upload: 'Upload files', files: 'Files (JSON, GIFT, Moodle XML, Aiken, QTI)', lang: 'Language', section: 'Section', profile: 'Profile', topic: 'Topic',
    none: '—', legal: 'legal', functional: 'functional', check: 'Check', import: 'Import',
    valid: 'No errors: {n} questions, version {v}.', invalid: '{n} error(s). Nothing was imported.', line: 'line {n}',
    imported: 'New version stored: {v} ({n} questions).', already: 'This content was already stored: {v}.',
    versions: 'Versions', version: 'Version', name: 'Name', questions: 'Questions', created: 'Created', by: 'By', counts: 'Per profile',
    tag: 'Tag', compare: 'Compare', from: 'Old', to: 'New', added: 'Added', changed: 'Changed', retired: 'Retired', unchanged: 'Unchanged: {n}',
    denied: 'The token is not valid or not an author\'s.', error: 'Error: {m}', notes: 'Notes', empty: 'None',
  },
};

/** The word `key` in `lang` with `{var}`s filled in; the key itself when there is none. */
export function word(lang, key, vars = {}) {
  const text = (WORDS[lang] || WORDS.kk)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

/** A version id as shown: its first 12 hex digits. */
export function shortId(version) {
  return String(version || '').slice(0, 12);
}

/**
 * The file `file` with text `text`, as numbered lines, each with the findings (`{file, line,
 * column, pointer, message}`) at that line under it; the findings of this file without a line
 * (a JSON pointer, or the file as a whole) in `general`, in order. A line past the end (an
 * error at end of file) is shown under the last line. Findings of other files are left out.
 */
export function placeFindings(file, text, findings) {
  const source = String(text).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows = source.split('\n');
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const lines = rows.map((t, i) => ({ n: i + 1, text: t, findings: [] }));
  const general = [];
  for (const f of findings) {
    if (f.file !== file) continue;
    if (Number.isInteger(f.line) && f.line >= 1) {
      lines[Math.min(f.line, lines.length) - 1].findings.push(f);
    } else {
      general.push(f);
    }
  }
  return { lines, general };
}

/** The findings whose file is none of `names` (e.g. a category map, a QTI package's items). */
export function otherFindings(names, findings) {
  const known = new Set(names);
  return findings.filter((f) => !known.has(f.file));
}

/** A finding as one line of text: `line 3, column 5: message` or `#/pointer: message`. */
export function findingText(lang, f) {
  if (Number.isInteger(f.line)) {
    const col = Number.isInteger(f.column) ? `:${f.column}` : '';
    return `${f.file}:${f.line}${col}: ${f.message}`;
  }
  if (f.pointer) return `${f.file}#${f.pointer}: ${f.message}`;
  return `${f.file}: ${f.message}`;
}

/** `counts.by_profile` as rows `{tag, legal, functional}`, sorted by tag, `all` first. */
export function profileRows(counts) {
  const byProfile = (counts && counts.by_profile) || {};
  return Object.keys(byProfile)
    .sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))
    .map((tag) => ({ tag, legal: byProfile[tag].legal || 0, functional: byProfile[tag].functional || 0 }));
}

/** The query string of an upload from the page's default fields (blank ones left out). */
export function uploadQuery(defaults) {
  const q = new URLSearchParams();
  for (const key of ['name', 'lang', 'section', 'profile', 'topic']) {
    const v = String(defaults[key] ?? '').trim();
    if (v) q.set(key, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The three lists of a diff with their counts, in the order shown. */
export function diffGroups(d) {
  return ['added', 'changed', 'retired'].map((key) => ({ key, ids: d[key] || [], count: (d[key] || []).length }));
}

/**
 * The rows of GET /api/v1/campaigns/{c}/coverage: positions the bank cannot fill first, each
 * with what is missing in `lang` (English where the answer has no such language).
 */
export function coverageRows(lang, coverage) {
  const rows = ((coverage && coverage.positions) || []).map((p) => ({
    position: p.claimed_category ? `${p.position} (${p.claimed_category})` : p.position,
    candidates: p.candidates,
    fills: p.fills,
    missing: p.missing.map((m) => m.message[lang] || m.message.en),
  }));
  return rows.filter((r) => !r.fills).concat(rows.filter((r) => r.fills));
}

/** The question ids typed for a retirement: split on commas and white space, repeats dropped. */
export function parseIds(text) {
  return [...new Set(String(text).split(/[\s,;]+/).filter(Boolean))];
}

/** A share 0..1 as a whole percentage. */
const percent = (x) => `${Math.round(x * 100)}%`;

/**
 * The rows of GET /api/v1/campaigns/{c}/item-stats: items with a flag that judges them (too
 * easy, too hard, negative discrimination) first, then those with too few sittings to judge,
 * then the rest; by question id within each. Flags in `lang`.
 */
export function itemRows(lang, items) {
  const rank = (it) => (it.flags.some((f) => f !== 'few_sittings') ? 0 : it.flags.length ? 1 : 2);
  return [...(items || [])]
    .sort((a, b) => rank(a) - rank(b) || a.question_id.localeCompare(b.question_id))
    .map((it) => ({
      question: it.question_id,
      sittings: it.sittings,
      correct: percent(it.share_correct),
      pbis: it.point_biserial === null || it.point_biserial === undefined ? '—' : it.point_biserial.toFixed(2),
      blank: percent(it.share_blank),
      appeals: it.appeals,
      flags: it.flags.map((f) => word(lang, `flag.${f}`)),
      flagged: rank(it) === 0,
    }));
}
