// Times shown in Asia/Almaty. Intl gives the Almaty wall clock; the words are ours, since
// browsers ship little or no Kazakh locale data ("2026 M11 23").
import { lang } from './i18n.js';

const ZONE = 'Asia/Almaty';
const MONTHS = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
};
const almatyParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function almaty(ms) {
  const p = Object.fromEntries(almatyParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: p.year, m: Number(p.month), d: Number(p.day), hm: `${p.hour}:${p.minute}` };
}

export function fmtDate(ms) {
  const a = almaty(ms);
  return lang() === 'kk' ? `${a.y} жылғы ${a.d} ${MONTHS.kk[a.m - 1]}` : `${a.d} ${MONTHS.ru[a.m - 1]} ${a.y} г.`;
}
export const fmtTime = (ms) => almaty(ms).hm;
export const fmtDateTime = (ms) => `${fmtDate(ms)}, ${fmtTime(ms)}`;

/** A date ("2026-11-27") or an instant (Unix ms) from the server, shown in Almaty. */
export function fmtWhen(v) {
  if (v == null || v === '') return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(Date.parse(`${v}T12:00:00+05:00`));
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(ms) ? fmtDateTime(ms) : String(v);
}
