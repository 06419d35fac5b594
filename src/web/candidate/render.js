// Drawing the exam: the current question with its options, and the question grid with its
// marks (answered, unsent, flagged, current). `ex` is the exam's state (exam.js); nothing here
// changes it.
import { $ } from '../shared/dom.js';
import { t } from '../shared/i18n.js';

/** The grid of question buttons; `go(n)` opens question n. */
export function buildNavigator(ex, go) {
  const nav = $('navigator');
  nav.textContent = '';
  for (const q of ex.paper) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'mark';
    b.dataset.q = String(q.number);
    b.textContent = String(q.number);
    b.addEventListener('click', () => go(q.number));
    nav.append(b);
  }
}

/** The grid's marks; `pending`: questions whose answer is not acknowledged yet. */
export function renderNavMarks(ex, pending) {
  if (!ex.paper.length) return;
  for (const b of $('navigator').children) {
    const n = Number(b.dataset.q);
    const answered = ex.answers.has(n);
    const flagged = ex.flags.has(n);
    const isPending = pending.has(n);
    b.classList.toggle('answered', answered);
    b.classList.toggle('flagged', flagged);
    b.classList.toggle('pending', isPending);
    b.classList.toggle('current', n === ex.current);
    b.tabIndex = n === ex.current ? 0 : -1; // one tab stop; arrows move inside the grid
    if (n === ex.current) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    const parts = [t('nav.item', { n })];
    if (answered) parts.push(t('nav.answered'));
    if (isPending) parts.push(t('nav.pending'));
    if (flagged) parts.push(t('nav.flagged'));
    b.setAttribute('aria-label', parts.join(', '));
  }
  $('nav-counts').textContent = t('nav.counts', { a: ex.answers.size, total: ex.paper.length, f: ex.flags.size });
}

/** The current question; `choose(input)` is called when an option changes. */
export function renderQuestion(ex, choose) {
  const q = ex.byN.get(ex.current);
  if (!q) return;
  $('exam-wait').hidden = true;
  $('question').hidden = false;
  $('q-title').textContent = t('exam.question', { n: q.number, total: ex.paper.length });
  $('q-section').textContent = t(`section.${q.section}`);
  $('q-text').textContent = q.text;
  $('q-kind').textContent = t(q.kind === 'multiple' ? 'kind.multiple' : 'kind.single');
  const chosen = new Set(ex.answers.get(q.number) || []);
  const box = $('q-options');
  const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
  box.textContent = '';
  q.options.forEach((o, i) => {
    const id = `opt-${q.number}-${o.id}`;
    const label = document.createElement('label');
    label.className = 'option';
    label.htmlFor = id;
    const input = document.createElement('input');
    input.type = q.kind === 'multiple' ? 'checkbox' : 'radio';
    input.name = `q${q.number}`;
    input.id = id;
    input.value = o.id;
    input.checked = chosen.has(o.id);
    input.addEventListener('change', () => choose(input));
    const key = document.createElement('span');
    key.className = 'opt-key';
    key.setAttribute('aria-hidden', 'true');
    key.textContent = String(i + 1);
    const text = document.createElement('span');
    text.className = 'opt-text';
    text.textContent = o.text;
    label.append(input, key, text);
    box.append(label);
  });
  if (focused && $(focused)) $(focused).focus(); // a re-render (reconnect, language) keeps the keyboard's place
  $('flag').setAttribute('aria-pressed', String(ex.flags.has(q.number))); // the label stays, the state is pressed
  const idx = ex.paper.indexOf(q);
  $('prev').disabled = idx <= 0;
  $('next').disabled = idx >= ex.paper.length - 1;
  $('clear').disabled = !chosen.size;
}
