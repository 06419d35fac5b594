// The appeal section of the cabinet: file (draft or submit) disputed questions of one's own
// paper, then follow the receipt, the notices, the protocol and the result after the appeal.
import { lang } from '../shared/i18n.js';
import { api, errorText } from '../shared/api.js';
import { dl } from '../shared/dom.js';
import { GROUNDS, word, appealRequest, appealSummary, seenQuestion } from './appeal_model.js';

const el = (tag, props = {}, ...children) => {
  const n = Object.assign(document.createElement(tag), props);
  n.append(...children);
  return n;
};

/** The candidate's paper as they saw it (number → question), to show beside each row. */
let paper = new Map();

function preview(q) {
  const seen = seenQuestion(q);
  return el('div', { className: 'seen-q', lang: q.lang },
    el('p', { className: 'question-text', textContent: seen.title }),
    el('ol', { type: 'A', className: 'options' }, ...seen.options.map((o) => el('li', { className: o.mine ? 'mine' : '' },
      o.text, ...(o.mine ? [el('strong', { lang: lang(), textContent: ` — ${word(lang(), 'your_answer')}` })] : [])))),
    ...(seen.blank ? [el('p', { lang: lang(), textContent: word(lang(), 'blank') })] : []));
}

function questionRow(l, n, draft = {}) {
  const row = el('fieldset', { className: 'appeal-q' });
  const number = el('input', { type: 'number', min: 1, name: 'number', required: true });
  const shown = el('div', { className: 'appeal-q-seen' });
  const showSeen = () => {
    const q = paper.get(Number.parseInt(number.value, 10));
    shown.replaceChildren(...(q ? [preview(q)] : []));
  };
  number.addEventListener('input', showSeen);
  if (n) {
    number.value = String(n);
    showSeen();
  }

  const ground = el('select', { name: 'ground' }, ...GROUNDS.map((g) => el('option', { value: g, textContent: word(l, g) })));
  const justification = el('textarea', { name: 'justification', rows: 3, minLength: 20, maxLength: 2000, required: true });
  // A saved draft is edited where it was left.
  if (draft.ground) ground.value = draft.ground;
  if (draft.justification) justification.value = draft.justification;
  row.append(
    el('label', {}, word(l, 'number'), number),
    shown,
    el('label', {}, word(l, 'ground'), ground),
    el('label', {}, word(l, 'justification'), justification),
  );
  return row;
}

/** The paper as seen, each question with a button that puts it into the appeal. */
function paperList(l, rows) {
  const list = el('details', { className: 'my-paper' }, el('summary', { textContent: word(l, 'my_paper') }));
  for (const q of paper.values()) {
    const dispute = el('button', { type: 'button', textContent: word(l, 'dispute'), onclick: () => {
      const empty = [...rows.querySelectorAll('.appeal-q')].find((f) => !f.querySelector('[name=number]').value);
      if (empty) {
        const input = empty.querySelector('[name=number]');
        input.value = String(q.number);
        input.dispatchEvent(new Event('input'));
      } else {
        rows.append(questionRow(l, q.number));
      }
    } });
    list.append(el('article', { className: 'paper-q' }, preview(q), dispute));
  }
  return list;
}

function form(container, rerender, draft) {
  const l = lang();
  const saved = draft ? draft.questions : [];
  const rows = el('div', { className: 'appeal-rows' },
    ...(saved.length ? saved.map((q) => questionRow(l, q.number, q)) : [questionRow(l)]));
  const error = el('p', { className: 'error', role: 'alert' });
  const send = async (submit) => {
    const body = appealRequest([...rows.querySelectorAll('.appeal-q')].map((f) => ({
      number: f.querySelector('[name=number]').value,
      ground: f.querySelector('[name=ground]').value,
      justification: f.querySelector('[name=justification]').value,
    })), submit);
    const r = await api('POST', '/api/v1/me/appeals', body);
    if (!r.ok) {
      const details = r.data && r.data.error && r.data.error.details;
      // The kk/ru sentence of the code, then the fields at fault as the server names them.
      error.textContent = details && details.length ? `${errorText(r)} ${details.join('; ')}` : errorText(r);
      return;
    }
    rerender();
  };
  container.append(
    ...(paper.size ? [paperList(l, rows)] : []),
    rows,
    el('p', {},
      el('button', { type: 'button', textContent: word(l, 'add'), onclick: () => rows.append(questionRow(l)) }),
      el('button', { type: 'button', textContent: word(l, 'draft'), onclick: () => send(false) }),
      el('button', { type: 'button', className: 'button', textContent: word(l, 'submit'), onclick: () => send(true) })),
    error,
  );
}

/** Renders the appeal section into `container` (replacing what was there). */
export async function renderAppeal(container) {
  const r = await api('GET', '/api/v1/me/appeals');
  container.textContent = '';
  if (!r.ok) return;
  const l = lang();
  container.append(el('h3', { textContent: word(l, 'title') }));
  const summary = appealSummary(r.data, l);
  if (summary) {
    container.append(dl(summary.rows));
    if (summary.before) container.append(el('p', {}, `${word(l, 'before')}: ${summary.before}`));
    if (summary.after) container.append(el('p', { className: 'after-appeal' }, `${word(l, 'after')}: ${summary.after}`));
    if (summary.protocol) {
      container.append(el('p', {},
        el('a', { href: '/api/v1/me/appeals/protocol.html', textContent: `${word(l, 'protocol')} (HTML)` }), ' · ',
        el('a', { href: '/api/v1/me/appeals/protocol.pdf', textContent: `${word(l, 'protocol')} (PDF)` })));
    }
    if (summary.notices.length) {
      container.append(el('h4', { textContent: word(l, 'notices') }), el('ul', {}, ...summary.notices.map((n) => el('li', { textContent: n }))));
    }
  }
  if (!summary || r.data.appeal.status === 'draft') {
    const p = await api('GET', '/api/v1/me/appeals/paper');
    paper = new Map(p.ok ? p.data.map((q) => [q.number, q]) : []);
    form(container, () => renderAppeal(container), summary ? r.data.appeal : null);
  }
}
