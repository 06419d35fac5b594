// The exam's keys: 1-5 choose an option (toggle on a multiple-choice question), ←/→ move
// between questions, ↑/↓ between options, F flags; inside the question grid the arrows, Home
// and End move the focus. They work whenever the paper is shown — offline too, since answers
// go to the outbox (the rules promise answering goes on).

/** `exam`: `{active(): bool, choose(input), step(d), toggleFlag()}`. */
export function bindExamKeys(exam) {
  document.addEventListener('keydown', (e) => {
    if (!exam.active()) return;
    if (e.ctrlKey || e.altKey || e.metaKey || document.getElementById('submit-dialog').open) return;
    const tag = (e.target && e.target.tagName) || '';
    if (tag === 'TEXTAREA' || (tag === 'INPUT' && !['radio', 'checkbox'].includes(e.target.type))) return;
    const nav = document.getElementById('navigator');
    if (nav.contains(e.target) && /^Arrow|^Home$|^End$/.test(e.key)) {
      e.preventDefault(); // the question grid: arrows move the focus, Enter or Space opens
      const marks = [...nav.children];
      const i = marks.indexOf(e.target);
      const d = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -10, ArrowDown: 10, Home: -i, End: marks.length - 1 - i }[e.key];
      const to = marks[Math.max(0, Math.min(marks.length - 1, i + d))];
      e.target.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
      return;
    }
    const inputs = () => [...document.querySelectorAll('#q-options input')];
    // By physical key (e.code): the Kazakh layout puts letters on the number row.
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '') || /^([1-9])$/.exec(e.key);
    if (digit) {
      const input = inputs()[Number(digit[1]) - 1];
      if (!input) return;
      e.preventDefault();
      if (input.type === 'radio') { if (input.checked) return; input.checked = true; } else input.checked = !input.checked;
      input.focus();
      exam.choose(input);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault(); // never let a radio group change the answer on an arrow
      exam.step(e.key === 'ArrowLeft' ? -1 : 1);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const all = inputs();
      if (!all.length) return;
      e.preventDefault();
      const i = all.indexOf(document.activeElement);
      const j = i < 0 ? 0 : Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowUp' ? -1 : 1)));
      all[j].focus();
    } else if (e.code === 'KeyF' || e.key === 'f' || e.key === 'F') { // the F key on any layout
      e.preventDefault();
      exam.toggleFlag();
    }
  });
}
