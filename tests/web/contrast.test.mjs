// The question grid's marks stay readable in every state, hovered or not (issue 10: the
// current question's number was 1.12:1 on hover). The colours are read from the page's own
// style sheet (src/web/shared/page.css) through a small cascade — the rules whose selector
// matches a grid button, by specificity then order — and checked against WCAG AA (4.5:1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const CSS = fs.readFileSync(new URL('../../src/web/shared/page.css', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, ''); // narrow screens change no colour of a mark

const RULES = [...CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, sel, body], order) => ({
  selectors: sel.split(',').map((s) => s.trim()),
  decls: Object.fromEntries(body.split(';').map((d) => d.split(/:(.*)/s).map((x) => x && x.trim())).filter(([k, v]) => k && v)),
  order,
}));
const VARS = Object.fromEntries(Object.entries(RULES.find((r) => r.selectors.includes(':root')).decls).filter(([k]) => k.startsWith('--')));

/** Specificity of a compound selector matching `el` ({tag, classes, hover}), or null. */
function match(selector, el) {
  if (/[\s>+~]/.test(selector)) return null; // no combinator reaches a grid button's colours
  let rest = selector;
  let spec = [0, 0, 0];
  const tag = /^[a-z]+/.exec(rest);
  if (tag) { if (tag[0] !== el.tag) return null; spec[2] += 1; rest = rest.slice(tag[0].length); }
  for (const [part] of rest.matchAll(/\.[\w-]+|:not\(:disabled\)|::?[\w-]+(\([^)]*\))?/g)) {
    if (part.startsWith('.')) { if (!el.classes.includes(part.slice(1))) return null; spec[1] += 1; }
    else if (part === ':hover') { if (!el.hover) return null; spec[1] += 1; }
    else if (part === ':not(:disabled)') spec[1] += 1; // grid buttons are never disabled
    else return null; // ::after, :focus-visible, :has(...): not the button's own colours at rest or hover
  }
  if (rest.replace(/\.[\w-]+|:not\(:disabled\)|::?[\w-]+(\([^)]*\))?/g, '') !== '') return null;
  return spec;
}

/** Whether specificity-then-order `a` wins over `b` (compared left to right). */
function later(a, b) {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** The value of `props` (first found) that wins for `el`. */
function computed(el, props) {
  let best = null;
  for (const rule of RULES) {
    const prop = props.find((p) => rule.decls[p]);
    if (!prop) continue;
    for (const s of rule.selectors) {
      const spec = match(s, el);
      if (!spec) continue;
      const key = [...spec, rule.order];
      if (!best || later(key, best.key)) best = { key, value: rule.decls[prop] };
    }
  }
  return best && best.value;
}

const resolve = (v) => v.replace(/var\((--[\w-]+)\)/g, (_, name) => resolve(VARS[name]));
const colours = (v) => [...resolve(v).matchAll(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi)].map(([c]) => c);

function lum(hex) {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };

test('the cascade reads the sheet: a current mark is the accent colour with a white number', () => {
  const el = { tag: 'button', classes: ['mark', 'current'], hover: false };
  assert.deepEqual(colours(computed(el, ['background', 'background-color'])), [VARS['--accent']]);
  assert.deepEqual(colours(computed(el, ['color'])), ['#fff']);
  // The generic button hover is light: without its own hover rule the number would vanish.
  const generic = { tag: 'button', classes: [], hover: true };
  assert.ok(contrast('#ffffff', colours(computed(generic, ['background']))[0]) < 1.2);
});

test('every state of a grid mark has at least 4.5:1, hovered or not', () => {
  const states = [[], ['answered'], ['pending'], ['answered', 'pending'], ['flagged'], ['current'], ['current', 'answered'],
    ['current', 'pending'], ['current', 'answered', 'pending'], ['current', 'flagged']];
  for (const extra of states) {
    for (const hover of [false, true]) {
      const el = { tag: 'button', classes: ['mark', ...extra], hover };
      const fg = colours(computed(el, ['color']));
      const bg = colours(computed(el, ['background', 'background-color']));
      assert.equal(fg.length, 1, `${extra} hover=${hover}: no single text colour`);
      assert.ok(bg.length >= 1, `${extra} hover=${hover}: no background colour`);
      for (const b of bg) {
        const ratio = contrast(fg[0], b);
        assert.ok(ratio >= 4.5, `.mark.${extra.join('.')}${hover ? ':hover' : ''}: ${fg[0]} on ${b} is ${ratio.toFixed(2)}:1`);
      }
    }
  }
});
