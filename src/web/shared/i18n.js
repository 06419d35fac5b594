// The UI language (kk by default, ru), its strings, and the re-rendering of everything shown
// when it changes. Pages register their re-renders with `onLanguage`.
import { STRINGS } from './strings.js';
import { local } from './storage.js';

export const LANGS = ['kk', 'ru'];
const UI_LANG_KEY = 'synaq.ui_lang';

let uiLang = LANGS.includes(local.get(UI_LANG_KEY)) ? local.get(UI_LANG_KEY) : 'kk';
const rerenders = [];

/** The current UI language. */
export const lang = () => uiLang;

/** Whether `key` is one of our strings (for server codes that may have a wording). */
export const has = (key) => key in STRINGS.kk;

/** A UI string in the current language, `{name}` replaced from `vars`. */
export function t(key, vars) {
  const s = STRINGS[uiLang][key] ?? STRINGS.kk[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/** A server value that is localised (`{kk, ru[, en]}`) or plain. */
export function loc(v) {
  if (v && typeof v === 'object') return v[uiLang] ?? v.kk ?? v.ru ?? v.en ?? '';
  return v == null ? '' : String(v);
}

/** Runs `f` after every language change (and never before the first `applyI18n`). */
export const onLanguage = (f) => { rerenders.push(f); };

/** Fills every `data-i18n*` element of the page in the current language. */
export function applyI18n() {
  document.documentElement.lang = uiLang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = STRINGS[uiLang][el.dataset.i18nHtml]; // our own constants
  for (const el of document.querySelectorAll('[data-i18n-attr]')) {
    const [attr, key] = el.dataset.i18nAttr.split(':');
    el.setAttribute(attr, t(key));
  }
  for (const b of document.querySelectorAll('[data-ui-lang]')) b.setAttribute('aria-pressed', String(b.dataset.uiLang === uiLang));
  document.title = `${t('app.title')} — synaq`;
  for (const f of rerenders) f();
}

export function setUiLang(next) {
  if (!LANGS.includes(next)) return;
  uiLang = next;
  local.set(UI_LANG_KEY, next);
  applyI18n();
}

/** The header's language buttons. */
export function bindLanguageButtons() {
  for (const b of document.querySelectorAll('[data-ui-lang]')) b.addEventListener('click', () => setUiLang(b.dataset.uiLang));
}
