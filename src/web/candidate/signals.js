// The exam page's own proctoring signals (docs/protocol.md, `signal`): a hidden tab (with how
// long), leaving full screen, copy/cut/paste, a window resize, the developer-tools heuristic
// and offline periods. Each becomes `{type: "signal", id, kind, duration_ms}` on the socket.
// Signals wait in a small queue while the socket is down and are sent when it is back; the id
// makes a replay harmless (the server keeps the first). The queue is bounded: a page that
// cannot send does not grow without end. The server rate-limits each connection as well.

/** Signals kept while disconnected; older ones are dropped past it. */
export const QUEUE_MAX = 50;
/** Resizes closer together than this are one resize (dragging a window edge fires dozens). */
export const RESIZE_QUIET_MS = 2000;
/** The developer-tools heuristic: the window's outer size exceeds its inner size by this much
 *  (a docked tools pane). Only a heuristic: zoom and side bars can trip it. */
export const DEVTOOLS_GAP_PX = 160;

/** A reporter: `send(msg)` returns true when the socket took the message; `now()` is ms. */
export function createReporter({ send, now, newId }) {
  const queue = [];
  const since = { hidden: null, offline: null };
  let lastResize = -Infinity;
  let devtools = false;

  function emit(kind, durationMs = 0) {
    const msg = { type: 'signal', id: newId(), kind, duration_ms: Math.max(0, Math.round(durationMs)) };
    if (!send(msg)) {
      queue.push(msg);
      if (queue.length > QUEUE_MAX) queue.shift();
    }
    return msg;
  }

  return {
    /** The page became hidden (another tab or window). */
    hidden() { if (since.hidden === null) since.hidden = now(); },
    /** The page is visible again: one `tab_hidden` with how long it was hidden. */
    visible() {
      if (since.hidden === null) return null;
      const d = now() - since.hidden;
      since.hidden = null;
      return emit('tab_hidden', d);
    },
    fullscreenExit() { return emit('fullscreen_exit'); },
    copyPaste() { return emit('copy_paste'); },
    resize() {
      const t = now();
      const quiet = t - lastResize >= RESIZE_QUIET_MS;
      lastResize = t;
      return quiet ? emit('window_resize') : null;
    },
    /** `gapPx`: outer minus inner size, the larger of width and height. */
    devtools(gapPx) {
      const open = gapPx > DEVTOOLS_GAP_PX;
      const opened = open && !devtools;
      devtools = open;
      return opened ? emit('devtools_open') : null;
    },
    offline() { if (since.offline === null) since.offline = now(); },
    /** Back online: one `network_lost` with how long it lasted. */
    online() {
      if (since.offline === null) return null;
      const d = now() - since.offline;
      since.offline = null;
      return emit('network_lost', d);
    },
    /** The socket is connected again: send what waited. */
    flush() {
      while (queue.length && send(queue[0])) queue.shift();
    },
    pending: () => queue.length,
  };
}

/** Wires a reporter to the page's events (browser only). */
export function watch(reporter, win = window, doc = document) {
  doc.addEventListener('visibilitychange', () => (doc.hidden ? reporter.hidden() : reporter.visible()));
  doc.addEventListener('fullscreenchange', () => { if (!doc.fullscreenElement) reporter.fullscreenExit(); });
  for (const ev of ['copy', 'cut', 'paste']) doc.addEventListener(ev, () => reporter.copyPaste());
  win.addEventListener('resize', () => {
    reporter.resize();
    reporter.devtools(Math.max(win.outerWidth - win.innerWidth, win.outerHeight - win.innerHeight));
  });
  win.addEventListener('offline', () => reporter.offline());
  win.addEventListener('online', () => reporter.online());
}
