// The countdown's arithmetic: what to show and which warning is due. The page's deadline and
// clock are the server's (clock.js); the ticking is in exam.js.

export const WARN_10_MS = 600000;
export const WARN_5_MS = 300000;

/** `hh:mm:ss` of the time left, rounded up to the second; never negative. */
export function formatRemaining(ms) {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** The warning to give now (`'warn10'`, `'warn5'`, `'up'` or null), given those already given
 *  (`{warn10, warn5, up}`). A page opened with 4 minutes left gives only the 5-minute one. */
export function dueWarning(left, given) {
  if (left <= 0) return given.up ? null : 'up';
  if (left <= WARN_5_MS) return given.warn5 ? null : 'warn5';
  if (left <= WARN_10_MS) return given.warn10 || given.warn5 ? null : 'warn10';
  return null;
}
