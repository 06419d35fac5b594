// The commission's review console, pure: the words in Kazakh and Russian, the time left to
// decide (p.24), a question's statistics as text, and a vote's body. tests/web/console.test.mjs.

export const WORDS = {
  kk: {
    title: 'Апелляциялық комиссия', login: 'Кіру', username: 'Логин', password: 'Құпиясөз',
    queue: 'Кезек', empty: 'Ашық апелляция жоқ', left: 'қалды', overdue: 'мерзімі өтті',
    hours: 'сағ', minutes: 'мин', answer: 'Кандидаттың жауабы', key: 'Кілт', ground: 'Негіз',
    justification: 'Негіздеме', stats: 'Статистика', correct: 'дұрыс жауап берді',
    discrimination: 'ажырату индексі', others: 'осы сұраққа басқа апелляциялар',
    uphold: 'Қанағаттандыру', reject: 'Қабылдамау', reason: 'Себебі', close: 'Апелляцияны жабу',
    panel: 'Дауыс берушілер', voted: 'Дауыс берілді', notices: 'Хабарламалар',
    closed: 'Апелляция жабылды', protocol: 'Хаттама',
    sla: 'Шешім мерзімдерінің сақталуы (24-т.)', campaign: 'Науқан', compliance: 'мерзімінде шешілгені',
    met: 'мерзімінде', met_late: 'кешіктірілді', open_on_time: 'ашық', open_escalated: '24 сағаттан аз қалды',
    open_breached: 'мерзімі бұзылды', no_open: 'ашық апелляция жоқ', appeal: 'Апелляция',
    key_disputed: 'жауап кілтімен келіспеймін', no_correct_option: 'дұрыс жауап жоқ',
    question_wrong: 'сұрақ қате', fragment_missing: 'мәтін бөлігі жоқ', software_error: 'бағдарламалық қате',
  },
  ru: {
    title: 'Апелляционная комиссия', login: 'Войти', username: 'Логин', password: 'Пароль',
    queue: 'Очередь', empty: 'Открытых апелляций нет', left: 'осталось', overdue: 'срок истёк',
    hours: 'ч', minutes: 'мин', answer: 'Ответ кандидата', key: 'Ключ', ground: 'Основание',
    justification: 'Обоснование', stats: 'Статистика', correct: 'ответили верно',
    discrimination: 'индекс дискриминации', others: 'других апелляций на этот вопрос',
    uphold: 'Удовлетворить', reject: 'Отклонить', reason: 'Причина', close: 'Закрыть апелляцию',
    panel: 'Голосующие', voted: 'Голос учтён', notices: 'Уведомления',
    closed: 'Апелляция закрыта', protocol: 'Протокол',
    sla: 'Соблюдение сроков решения (п.24)', campaign: 'Кампания', compliance: 'решено в срок',
    met: 'в срок', met_late: 'с опозданием', open_on_time: 'открыты', open_escalated: 'осталось меньше 24 ч',
    open_breached: 'срок нарушен', no_open: 'открытых апелляций нет', appeal: 'Апелляция',
    key_disputed: 'несогласие с ключом', no_correct_option: 'нет правильного ответа',
    question_wrong: 'вопрос некорректен', fragment_missing: 'нет фрагмента текста', software_error: 'программная ошибка',
  },
};

export const word = (lang, key) => (WORDS[lang] || WORDS.kk)[key] ?? key;

/** The time left before `decideBy` (Unix ms) at `now`, e.g. "осталось 23 ч 59 мин"; past it,
 *  "срок истёк" (p.24). */
export function timeLeft(decideBy, now, lang) {
  const ms = decideBy - now;
  if (ms <= 0) return word(lang, 'overdue');
  const minutes = Math.floor(ms / 60000);
  return `${word(lang, 'left')} ${Math.floor(minutes / 60)} ${word(lang, 'hours')} ${minutes % 60} ${word(lang, 'minutes')}`;
}

const pct = (x) => (x == null ? '—' : `${Math.round(x * 100)}%`);

/** A question's statistics as lines of text: share correct, the discrimination index, each
 *  option's share by its shown letter, the other appeals. */
export function statsLines(q, lang) {
  const s = q.stats;
  const letters = Object.fromEntries(q.options.map((o) => [o.id, o.label]));
  const shares = Object.entries(s.option_shares)
    .map(([id, share]) => `${letters[id] || id}: ${pct(share)}`)
    .join(', ');
  return [
    `${pct(s.share_correct)} ${word(lang, 'correct')} (n = ${s.sittings})`,
    `${word(lang, 'discrimination')}: ${s.discrimination == null ? '—' : s.discrimination.toFixed(2)}`,
    shares,
    `${q.other_appeals} ${word(lang, 'others')}`,
  ];
}

/** The letters of the shown options among `ids` (the candidate's answer, the key). */
export const lettersOf = (q, ids) => q.options.filter((o) => ids.includes(o.id)).map((o) => o.label).join(', ') || '—';

/** The body of a vote. */
export const voteBody = (question, verdict, reason) => ({ question, verdict, reason: String(reason || '').trim() });

/** The SLA dashboard (`GET /api/v1/admin/appeals/sla`) as text, per campaign: its heading
 *  with the compliance figure and the counts, then each open appeal with its time left. */
export function slaBoard(board, now, lang) {
  return board.map((c) => {
    const k = c.compliance;
    const counts = ['met', 'met_late', 'open_on_time', 'open_escalated', 'open_breached']
      .map((key) => `${word(lang, key)}: ${k[key]}`).join(', ');
    const percent = k.percent == null ? '—' : `${Math.round(k.percent)}%`;
    return {
      heading: `${word(lang, 'campaign')} ${c.campaign_id}: ${word(lang, 'compliance')} ${percent} (${counts})`,
      open: c.open.map((a) => ({
        appeal_id: a.appeal_id,
        state: a.sla ? a.sla.state : null,
        text: `${word(lang, 'appeal')} ${a.appeal_id}: ${timeLeft(a.decide_by, now, lang)}`,
      })),
    };
  });
}
