// The appeal in the cabinet (p.21-p.26), pure: the request body from the form's rows, the
// words in Kazakh and Russian, and what the cabinet shows of an appeal (status, receipt times,
// notices, the result before and after). No DOM, no network: tests/web/appeal.test.mjs.

/** The grounds of p.25, in the order offered. */
export const GROUNDS = ['key_disputed', 'no_correct_option', 'question_wrong', 'fragment_missing', 'software_error'];

/** The words of the appeal section, by language. */
export const WORDS = {
  kk: {
    title: 'Апелляция (21-26-т.)',
    number: 'Сұрақ нөмірі',
    ground: 'Негіз (25-т.)',
    justification: 'Дәлелді негіздеме',
    add: 'Сұрақ қосу',
    draft: 'Жобаны сақтау',
    submit: 'Апелляцияны жіберу',
    status: 'Мәртебесі',
    received: 'Қабылданды',
    decide_by: 'Шешім мерзімі (24-т.)',
    window: 'Беру мерзімі (21-т.)',
    protocol: 'Хаттама',
    before: 'Апелляцияға дейін',
    after: 'Апелляциядан кейін (26-т.)',
    notices: 'Хабарламалар',
    my_paper: 'Менің жұмысым: сұрақтар мен жауаптарым', dispute: 'Осы сұраққа апелляция',
    your_answer: 'сіздің жауабыңыз', blank: 'жауап берілмеген',
    retake: 'Қайта тапсыру (25-т.)', retake_text: '{from} — {to} аралығында; жаңа кіру кодын әкімші береді',
    draft_status: 'жоба', submitted_status: 'қаралуда', closed_status: 'шешім қабылданды',
    key_disputed: 'жауап кілтімен келіспеймін', no_correct_option: 'дұрыс жауап жоқ',
    question_wrong: 'сұрақ қате', fragment_missing: 'мәтін бөлігі жоқ', software_error: 'бағдарламалық қате',
  },
  ru: {
    title: 'Апелляция (п.21-26)',
    number: 'Номер вопроса',
    ground: 'Основание (п.25)',
    justification: 'Мотивированное обоснование',
    add: 'Добавить вопрос',
    draft: 'Сохранить черновик',
    submit: 'Подать апелляцию',
    status: 'Статус',
    received: 'Принята',
    decide_by: 'Срок решения (п.24)',
    window: 'Срок подачи (п.21)',
    protocol: 'Протокол',
    before: 'До апелляции',
    after: 'После апелляции (п.26)',
    notices: 'Уведомления',
    my_paper: 'Моя работа: вопросы и мои ответы', dispute: 'Оспорить этот вопрос',
    your_answer: 'ваш ответ', blank: 'без ответа',
    retake: 'Пересдача (п.25)', retake_text: 'с {from} по {to}; новый код доступа выдаёт администратор',
    draft_status: 'черновик', submitted_status: 'на рассмотрении', closed_status: 'решение принято',
    key_disputed: 'несогласие с ключом', no_correct_option: 'нет правильного ответа',
    question_wrong: 'вопрос некорректен', fragment_missing: 'нет фрагмента текста', software_error: 'программная ошибка',
  },
};

/** A word in `lang` (Kazakh when the language is unknown). */
export const word = (lang, key) => (WORDS[lang] || WORDS.kk)[key] ?? key;

/** The body of `POST /api/v1/me/appeals` from the form's rows ({number, ground, justification}
 *  as typed): numbers as integers (a blank or non-number row is dropped), text trimmed. */
export function appealRequest(rows, submit) {
  const questions = rows
    .map((r) => ({ number: Number.parseInt(String(r.number ?? '').trim(), 10), ground: r.ground, justification: String(r.justification ?? '').trim() }))
    .filter((q) => Number.isInteger(q.number));
  return { questions, submit: Boolean(submit) };
}

/** What the cabinet shows of `GET /api/v1/me/appeals`: rows of [label, value] and the two
 *  results (the exam's and the newest after the appeal or a propagation, if any). */
export function appealSummary(data, lang) {
  const a = data && data.appeal;
  if (!a) return null;
  const rows = [[word(lang, 'status'), word(lang, `${a.status}_status`)]];
  if (a.received_at_local) rows.push([word(lang, 'received'), a.received_at_local.slice(0, 16).replace('T', ' ')]);
  if (a.decide_by_local) rows.push([word(lang, 'decide_by'), a.decide_by_local.slice(0, 16).replace('T', ' ')]);
  else rows.push([word(lang, 'window'), a.filing_closes_at_local.slice(0, 16).replace('T', ' ')]);
  // A technical fault under the retake remedy (p.25): where and when, never the code.
  if (data.retake) rows.push([word(lang, 'retake'), word(lang, 'retake_text').replace('{from}', data.retake.opens_on).replace('{to}', data.retake.closes_on)]);
  const results = (data.results || []).filter((r) => r.annulled_at == null);
  const original = results.find((r) => r.source === 'exam') || null;
  const newest = results.length > 1 ? results[results.length - 1] : null;
  const outcome = (r) => r && `${r.score.correct}/${r.score.total} — ${r.decision.outcome[lang] || r.decision.outcome.kk}`;
  return {
    rows,
    before: outcome(original),
    after: newest && newest.source !== 'exam' ? outcome(newest) : null,
    protocol: a.status === 'closed',
    notices: (data.notices || []).map((n) => n.body[lang] || n.body.kk || n.kind),
  };
}

/** A question of `GET /api/v1/me/appeals/paper` as the cabinet lists it: the title, each
 *  option with its letter and whether the candidate chose it, and whether they left it blank. */
export function seenQuestion(q) {
  const mine = new Set(q.answer || []);
  return {
    title: `№ ${q.number}. ${q.text}`,
    options: q.options.map((o) => ({ label: o.label, text: o.text, mine: mine.has(o.id) })),
    blank: mine.size === 0,
  };
}
