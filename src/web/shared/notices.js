// The caller's appeal notices pushed over `/ws/notices` while a page is open (docs/appeals.md,
// "Notices"): the cabinet and the review console re-read what changed when one arrives. The
// parsing and the retry delays are pure (tests/web/notices.test.mjs); `watchNotices` is the
// browser's side.

/** What a message of the notice socket says: `{list}` for the first (every notice, newest
 *  first), `{notice}` for a new one, `null` for anything else. */
export function parseNoticeMessage(text) {
  let m;
  try { m = JSON.parse(text); } catch { return null; }
  if (m && m.type === 'notices' && Array.isArray(m.notices)) return { list: m.notices };
  if (m && m.type === 'notice' && m.notice && typeof m.notice === 'object') return { notice: m.notice };
  return null;
}

/** A notice's sentence in `lang` (kk, ru, or en for operators), else Kazakh, else its kind. */
export const noticeText = (n, lang) => (n.body && (n.body[lang] || n.body.kk || n.body.ru || n.body.en)) || n.kind;

/** The wait before reconnect attempt `attempt` (0, 1, 2 ...): 1 s doubling to 30 s at most. */
export const retryDelayMs = (attempt) => Math.min(30000, 1000 * 2 ** Math.max(0, attempt));

/** Opens the notice socket and keeps it open (reconnecting with backoff): `onList(notices)`
 *  on each (re)connect, `onNotice(notice)` for each new one. Returns a function that stops it. */
export function watchNotices({ onList = () => {}, onNotice = () => {} } = {}) {
  let socket = null;
  let attempt = 0;
  let stopped = false;
  let timer = null;
  const open = () => {
    if (stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/notices`;
    try { socket = new WebSocket(url); } catch { return retry(); }
    socket.onmessage = (e) => {
      const m = parseNoticeMessage(e.data);
      if (!m) return;
      attempt = 0;
      if (m.list) onList(m.list);
      else onNotice(m.notice);
    };
    socket.onclose = () => { socket = null; retry(); };
  };
  const retry = () => {
    if (stopped) return;
    timer = setTimeout(open, retryDelayMs(attempt++));
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (socket) socket.close();
  };
}
