// The exam's keys: 1-5 choose an option (toggle on a multiple-choice question), ←/→ move
// between questions, ↑/↓ between options, F flags; inside the question grid the arrows, Home
// and End move the focus. They work whenever the paper is shown — offline too, since answers
// go to the outbox (the rules promise answering goes on).
//
// `keysActive` and `keyAction` are the pure model (tested in node: tests/web/keyboard.test.mjs);
// `bindExamKeys` applies it to the page.

/** Whether the exam's keys act: the paper is on screen and the exam has not ended. The
 *  connection is deliberately not an input — offline, reconnecting or connected, the keys do
 *  the same, and what they change waits in the outbox. */
export function keysActive({ screen, questions, ended }) {
  return screen === 'exam' && questions > 0 && !ended;
}

const GRID_STEP = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -10, ArrowDown: 10 };

/** What the key event `e` (`key`, `code`, modifier flags) does, given `at`: `{dialogOpen,
 *  tag, type}` of the focused element and `inGrid` (focus in the question grid). One of
 *  `null` (nothing: the browser's own behaviour), `{kind: 'grid', step | to}`,
 *  `{kind: 'choose', index}` (0-based option), `{kind: 'step', by}` (question),
 *  `{kind: 'option', by}` (focus), `{kind: 'flag'}`. */
export function keyAction(e, at) {
  if (e.ctrlKey || e.altKey || e.metaKey || at.dialogOpen) return null;
  const tag = at.tag || '';
  if (tag === 'TEXTAREA' || (tag === 'INPUT' && !['radio', 'checkbox'].includes(at.type))) return null;
  if (at.inGrid && /^Arrow|^Home$|^End$/.test(e.key)) {
    if (e.key === 'Home') return { kind: 'grid', to: 'first' };
    if (e.key === 'End') return { kind: 'grid', to: 'last' };
    return { kind: 'grid', step: GRID_STEP[e.key] };
  }
  // By physical key (e.code): the Kazakh layout puts letters on the number row.
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '') || /^([1-9])$/.exec(e.key);
  if (digit) return { kind: 'choose', index: Number(digit[1]) - 1 };
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') return { kind: 'step', by: e.key === 'ArrowLeft' ? -1 : 1 };
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') return { kind: 'option', by: e.key === 'ArrowUp' ? -1 : 1 };
  if (e.code === 'KeyF' || e.key === 'f' || e.key === 'F') return { kind: 'flag' }; // the F key on any layout
  return null;
}

/** `exam`: `{active(): bool, choose(input), step(d), toggleFlag()}`. */
export function bindExamKeys(exam) {
  document.addEventListener('keydown', (e) => {
    if (!exam.active()) return;
    const nav = document.getElementById('navigator');
    const target = e.target || {};
    const action = keyAction(e, {
      dialogOpen: document.getElementById('submit-dialog').open,
      tag: target.tagName,
      type: target.type,
      inGrid: nav.contains(e.target),
    });
    if (!action) return;
    const inputs = () => [...document.querySelectorAll('#q-options input')];
    switch (action.kind) {
      case 'grid': {
        e.preventDefault(); // the question grid: arrows move the focus, Enter or Space opens
        const marks = [...nav.children];
        const i = marks.indexOf(e.target);
        const j = action.to === 'first' ? 0 : action.to === 'last' ? marks.length - 1 : i + action.step;
        const to = marks[Math.max(0, Math.min(marks.length - 1, j))];
        e.target.tabIndex = -1;
        to.tabIndex = 0;
        to.focus();
        return;
      }
      case 'choose': {
        const input = inputs()[action.index];
        if (!input) return;
        e.preventDefault();
        if (input.type === 'radio') { if (input.checked) return; input.checked = true; } else input.checked = !input.checked;
        input.focus();
        exam.choose(input);
        return;
      }
      case 'step':
        e.preventDefault(); // never let a radio group change the answer on an arrow
        exam.step(action.by);
        return;
      case 'option': {
        const all = inputs();
        if (!all.length) return;
        e.preventDefault();
        const i = all.indexOf(document.activeElement);
        const j = i < 0 ? 0 : Math.max(0, Math.min(all.length - 1, i + action.by));
        all[j].focus();
        return;
      }
      case 'flag':
        e.preventDefault();
        exam.toggleFlag();
        return;
      default:
    }
  });
}
