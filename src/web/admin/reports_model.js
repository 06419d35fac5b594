// The console's reports and evaluations, pure (docs/reports.md): their words in Kazakh,
// Russian and English, the addresses they ask, a region's row and an applicant's row as text,
// the deadline line with its provisional flag, the one-by-one entry's body and the upload's
// content type. tests/web/reports.test.mjs.

export const WORDS = {
  kk: {
    reports: 'Есептер (31-т., 2-қосымша)', evaluations: 'Кәсіби қызметті бағалау (28-1-т.)',
    appendix: '{n}-қосымша', name: 'Аты-жөні', iin: 'ЖСН', region: 'Өңір', people: 'Адамдар', scored: 'Нәтижесі бар', voided: 'Жойылды', not_finished: 'Аяқтамады',
    due: 'Мерзімі', state: 'Жағдайы', sent_at: 'Жіберілді', download: 'Жүктеу', mark_sent: 'Жіберілді деп белгілеу',
    deadline: '2-қосымша әр өңірдің ЖАО-сына {day} қоса алғанда жіберіледі (31-т., тестілеу аяқталғаннан кейін 5 жұмыс күні)',
    provisional: 'болжамды: {years} жылдың демалыс күндерін ауыстыру туралы бұйрығы әлі енгізілмеген, мерзім өзгеруі мүмкін',
    no_region: '{n} адамның өңірі көрсетілмеген: олар ешбір ЖАО есебіне кірмейді, тізімге өңірді енгізіңіз.',
    'dispatch.due': 'жіберу керек', 'dispatch.overdue': 'мерзімі өтті', 'dispatch.sent': 'жіберілді', 'dispatch.sent_late': 'кешігіп жіберілді',
    policy_clause: '28-1-т., 1-2-қосымшалар',
    eval_due: 'Бағалау мерзімі: {day} қоса алғанда (тестілеу аяқталғаннан кейін 2 күнтізбелік күн). Саясат: {policy}',
    score: 'Ұпай', points: 'Бағалау', breakdown: 'Тестілеу {t} + рейтинг {r} + бұзушылықтар {v}',
    rating: 'Алушылар рейтингі (0–5)', violations: 'Бұзушылықтар (саны немесе иә/жоқ)', enter: 'Енгізу', upload: 'Файлды жүктеу (CSV/XLSX: iin, rating, violations)',
    uploaded: '{n} бағалау сақталды.', gap: 'рейтинг 3,9–4,0 аралығында: комиссияның қарауына', stale: 'нәтиже өзгерді: қайта енгізіңіз',
    'eval.pending': 'күтуде', 'eval.overdue': 'мерзімі өтті', 'eval.evaluated': 'бағаланды', 'eval.evaluated_late': 'кешігіп бағаланды',
    'eval.not_admitted': 'шекті деңгейге жетпеді (27-т.)', 'eval.voided': 'жойылды (19-т.)', 'eval.not_scored': 'нәтиже жоқ',
    'err.invalid_evaluations': 'Файлда қателер бар, ештеңе сақталмады', 'err.not_admitted_to_evaluation': 'Шекті деңгейге жетпеген: бағалауға жіберілмейді (27-т.)',
    'err.not_a_category_applicant': 'Санатқа өтініш берген маман емес (28-1-т.)', 'err.not_scored': 'Тестілеу нәтижесі әлі жоқ', 'err.voided': 'Нәтиже жойылды (19-т.)',
    'err.conflict': 'Орындалмады: {m}', 'err.deadline_unknown': 'Мерзімді есептеу мүмкін емес: күнтізбеде бұл жыл жоқ',
    bad_file: 'CSV немесе XLSX файлын таңдаңыз.', bad_rating: 'Рейтинг 0-ден 5-ке дейінгі сан болуы керек.', bad_violations: 'Бұзушылықтар: сан немесе иә/жоқ.',
  },
  ru: {
    reports: 'Отчёты (п. 31, приложение 2)', evaluations: 'Оценка профессиональной деятельности (п. 28-1)',
    appendix: 'Приложение {n}', name: 'ФИО', iin: 'ИИН', region: 'Регион', people: 'Людей', scored: 'С результатом', voided: 'Аннулировано', not_finished: 'Не завершили',
    due: 'Срок', state: 'Состояние', sent_at: 'Отправлено', download: 'Скачать', mark_sent: 'Отметить как отправленный',
    deadline: 'Приложение 2 направляется в МИО каждого региона по {day} включительно (п. 31, 5 рабочих дней после окончания тестирования)',
    provisional: 'предварительно: приказ о переносе выходных дней на {years} год ещё не внесён, срок может сдвинуться',
    no_region: 'У {n} человек не указан регион: они не попадают ни в один отчёт МИО, укажите регион в списке.',
    'dispatch.due': 'к отправке', 'dispatch.overdue': 'просрочен', 'dispatch.sent': 'отправлен', 'dispatch.sent_late': 'отправлен с опозданием',
    policy_clause: 'п. 28-1, приложения 1-2',
    eval_due: 'Срок оценки: по {day} включительно (2 календарных дня после окончания тестирования). Политика: {policy}',
    score: 'Балл', points: 'Оценка', breakdown: 'Тестирование {t} + рейтинг {r} + нарушения {v}',
    rating: 'Рейтинг (0–5)', violations: 'Нарушения (число или да/нет)', enter: 'Внести', upload: 'Загрузить файл (CSV/XLSX: iin, rating, violations)',
    uploaded: 'Сохранено оценок: {n}.', gap: 'рейтинг между 3,9 и 4,0: на рассмотрение комиссии', stale: 'результат изменился: внесите заново',
    'eval.pending': 'ожидает', 'eval.overdue': 'просрочена', 'eval.evaluated': 'оценён', 'eval.evaluated_late': 'оценён с опозданием',
    'eval.not_admitted': 'ниже порога (п. 27)', 'eval.voided': 'аннулирован (п. 19)', 'eval.not_scored': 'нет результата',
    'err.invalid_evaluations': 'В файле есть ошибки, ничего не сохранено', 'err.not_admitted_to_evaluation': 'Ниже порога: к оценке не допускается (п. 27)',
    'err.not_a_category_applicant': 'Не специалист, заявляющий категорию (п. 28-1)', 'err.not_scored': 'Результата тестирования ещё нет', 'err.voided': 'Результат аннулирован (п. 19)',
    'err.conflict': 'Не выполнено: {m}', 'err.deadline_unknown': 'Срок нельзя вычислить: года нет в календаре',
    bad_file: 'Выберите файл CSV или XLSX.', bad_rating: 'Рейтинг — число от 0 до 5.', bad_violations: 'Нарушения: число или да/нет.',
  },
  en: {
    reports: 'Reports (p.31, Appendix 2)', evaluations: 'Professional-activity evaluation (p.28-1)',
    appendix: 'Appendix {n}', name: 'Name', iin: 'IIN', region: 'Region', people: 'People', scored: 'Scored', voided: 'Voided', not_finished: 'Not finished',
    due: 'Due', state: 'Status', sent_at: 'Sent', download: 'Download', mark_sent: 'Mark as sent',
    deadline: 'Appendix 2 goes to each region\'s LEB by {day} inclusive (p.31, 5 working days after testing ends)',
    provisional: 'provisional: the decree moving the days off of {years} is not entered yet; the date may move',
    no_region: '{n} people have no region: they are in no LEB\'s report; give their region in the roster.',
    'dispatch.due': 'due', 'dispatch.overdue': 'overdue', 'dispatch.sent': 'sent', 'dispatch.sent_late': 'sent late',
    policy_clause: 'p.28-1, Appendix 1-2',
    eval_due: 'Evaluation due by {day} inclusive (2 calendar days after testing ends). Policy: {policy}',
    score: 'Score', points: 'Evaluation', breakdown: 'Testing {t} + rating {r} + violations {v}',
    rating: 'Rating (0–5)', violations: 'Violations (a count or yes/no)', enter: 'Enter', upload: 'Upload a file (CSV/XLSX: iin, rating, violations)',
    uploaded: '{n} evaluations stored.', gap: 'rating between 3.9 and 4.0: for the commission', stale: 'the result changed: enter it again',
    'eval.pending': 'pending', 'eval.overdue': 'overdue', 'eval.evaluated': 'evaluated', 'eval.evaluated_late': 'evaluated late',
    'eval.not_admitted': 'below the threshold (p.27)', 'eval.voided': 'voided (p.19)', 'eval.not_scored': 'no result',
    'err.invalid_evaluations': 'The file has errors; nothing was stored', 'err.not_admitted_to_evaluation': 'Below the threshold: not admitted to the evaluation (p.27)',
    'err.not_a_category_applicant': 'Not a category applicant (p.28-1)', 'err.not_scored': 'No test result yet', 'err.voided': 'The result is annulled (p.19)',
    'err.conflict': 'Not done: {m}', 'err.deadline_unknown': 'The due date cannot be computed: the year is not in the calendar',
    bad_file: 'Choose a CSV or XLSX file.', bad_rating: 'The rating is a number from 0 to 5.', bad_violations: 'Violations: a count or yes/no.',
  },
};

/** A word in `lang` (Kazakh when unknown), `{name}` replaced from `vars`. */
export function word(lang, key, vars = {}) {
  const s = (WORDS[lang] || WORDS.kk)[key] ?? WORDS.kk[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

const base = (c) => `/api/v1/admin/campaigns/${encodeURIComponent(c)}`;

/** The addresses of docs/reports.md. */
export const urls = {
  reports: (c) => `${base(c)}/reports`,
  evaluations: (c) => `${base(c)}/evaluations`,
  entry: (c, session) => `${base(c)}/evaluations/${encodeURIComponent(session)}`,
  sent: (c, region) => `${base(c)}/reports/appendix2/${encodeURIComponent(region)}/sent`,
  file: (c, appendix, region, format) => `${base(c)}/reports/${appendix}?region=${encodeURIComponent(region)}&format=${format}`,
};

/** An instant (Unix ms) as the date and time in Almaty. */
export function almaty(ms) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The dashboard's deadline line and, when a counted year is provisional, its warning. */
export function deadlineLines(deadline, lang) {
  const lines = [word(lang, 'deadline', { day: deadline.last_day })];
  if (deadline.provisional) lines.push(word(lang, 'provisional', { years: deadline.provisional_years.join(', ') }));
  return lines;
}

/** A region's row of the dashboard as text: name, people, scored, voided, not finished,
 *  status, sent at. */
export function regionCells(r, lang) {
  const name = lang === 'kk' ? r.name_kk : r.name_ru;
  return [name, String(r.people), String(r.scored), String(r.voided), String(r.not_finished),
    r.status ? word(lang, `dispatch.${r.status}`) : '—', r.sent_at == null ? '' : almaty(r.sent_at)];
}

/** Whether a region's row can be marked as sent: a region (not `none`) not yet sent. */
export function canMarkSent(r) {
  return r.region !== 'none' && r.sent_at == null;
}

/** An applicant's row as text: name, IIN, score, status, points (with the gap flag). */
export function applicantCells(a, lang) {
  const e = a.evaluation;
  let points = '';
  if (e) {
    points = `${e.total} — ${word(lang, 'breakdown', { t: e.testing_points, r: e.rating_points, v: e.violation_points })}`;
    if (e.flagged_for_commission) points += ` (${word(lang, 'gap')})`;
    if (e.stale) points += ` (${word(lang, 'stale')})`;
  }
  return [a.name, a.iin, a.score == null ? '' : `${a.score}%`, word(lang, `eval.${a.status}`), points];
}

/** Whether an applicant's evaluation can be entered: reached the threshold, not voided. */
export function canEvaluate(a) {
  return ['pending', 'overdue', 'evaluated', 'evaluated_late'].includes(a.status);
}

/** The body of `PUT .../evaluations/{session}` from what was typed, or the word for the
 *  field at fault: the rating "4,2" or "4.2" from 0 to 5; violations a count or yes/no in any
 *  of the three languages. */
export function entryBody(rating, violations) {
  const r = Number(String(rating).trim().replace(',', '.'));
  if (String(rating).trim() === '' || !Number.isFinite(r) || r < 0 || r > 5) return { error: 'bad_rating' };
  const v = String(violations).trim().toLowerCase();
  if (['no', 'нет', 'жоқ'].includes(v)) return { body: { rating: r, violations: false } };
  if (['yes', 'да', 'иә', 'ия'].includes(v)) return { body: { rating: r, violations: true } };
  if (/^\d+$/.test(v)) return { body: { rating: r, violations: Number(v) } };
  return { error: 'bad_violations' };
}

/** The content type of an upload by its file name, or null for another kind of file. */
export function uploadType(filename) {
  const name = String(filename).toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** The evaluation's due line with the policy in the page's language. */
export function evaluationLine(list, lang) {
  const p = list.gap_policy;
  // The policy's slug (`zero`, `as_above_4`) is the API's word: operators read it in English.
  const policy = lang === 'en' ? `${p.name} — ${p.en || p.ru} (${p.clause})` : `${p[lang] || p.ru} (${word(lang, 'policy_clause')})`;
  return word(lang, 'eval_due', { day: list.due, policy });
}

/** A refusal of these routes in words: its code worded (the server's message for a plain
 *  conflict, which names what conflicts), the details (line and column of an upload) after
 *  it; null for another code, which the console words itself. */
export function refusalText(r, lang) {
  const e = r.data && r.data.error;
  if (!e || !(`err.${e.code}` in WORDS.kk)) return null;
  const text = word(lang, `err.${e.code}`, { m: e.message });
  return e.details && e.details.length ? `${text}: ${e.details.join('; ')}` : text;
}
