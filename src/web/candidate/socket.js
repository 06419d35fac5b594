// The exam socket /ws/exam: connects, reconnects with exponential backoff and jitter after any
// close that is not terminal (close.js), sends heartbeats and drops a socket silent for too
// long. It knows nothing of the exam: messages go to `onMessage`, the connection's state
// (`connecting`, `connected`, `reconnecting`, `offline`) to `onConn`, a terminal close to
// `onTerminal`, and every loss of the socket to `onDown`.
import { isTerminal } from './close.js';

const HEARTBEAT_MS = 15000;
const SILENCE_MS = 40000; // no message for this long: the socket is dead
const CONNECT_MS = 10000; // still not open after this long: try again
const BACKOFF_CAP_MS = 5000;

/** The delay before reconnect attempt `attempt` (1, 2, ...): 300 ms doubling up to 5 s, the
 *  upper half of it random so that a hall of candidates does not reconnect in step. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(BACKOFF_CAP_MS, 300 * 2 ** (attempt - 1));
  return base / 2 + random() * (base / 2);
}

export class ExamSocket {
  constructor({ onMessage, onConn, onTerminal, onDown }) {
    Object.assign(this, { onMessage, onConn, onTerminal, onDown });
    this.ws = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.hbTimer = null;
    this.lastMsgAt = 0;
    this.stopped = true;
    window.addEventListener('offline', () => { if (!this.stopped) this.drop(); });
    window.addEventListener('online', () => {
      if (this.stopped || this.ws) return;
      this.attempt = 0;
      this.connect();
    });
  }

  /** Starts (or restarts) connecting and the heartbeat. */
  start() {
    this.stopped = false;
    this.attempt = 0;
    clearInterval(this.hbTimer);
    this.hbTimer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.connect();
  }

  /** Stops for good (the exam ended here): no reconnect, no close handler runs. */
  stop() {
    this.stopped = true;
    clearInterval(this.hbTimer);
    clearTimeout(this.retryTimer);
    const sock = this.ws;
    this.ws = null;
    if (sock) { sock.onclose = null; sock.onmessage = null; }
  }

  /** The server said a connection succeeded (its `state` arrived): the backoff starts over. */
  connected() {
    this.attempt = 0;
    this.onConn('connected');
  }

  get open() { return !!this.ws && this.ws.readyState === WebSocket.OPEN; }

  /** Sends `msg` if the socket is open; says whether it went. */
  send(msg) {
    if (!this.open) return false;
    try { this.ws.send(JSON.stringify(msg)); return true; } catch { return false; }
  }

  connect() {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.ws) return;
    if (!navigator.onLine) { this.schedule(); return; } // no network at all: wait for `online`
    this.onConn(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/exam`;
    let sock;
    try { sock = new WebSocket(url); } catch { this.schedule(); return; }
    this.ws = sock;
    this.lastMsgAt = performance.now();
    sock.onmessage = (e) => {
      if (this.ws !== sock) return;
      this.lastMsgAt = performance.now();
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      this.onMessage(msg);
    };
    sock.onclose = (e) => {
      if (this.ws !== sock) return;
      this.ws = null;
      this.onDown();
      if (isTerminal(e.code)) { this.stop(); this.onTerminal(e.code, e.reason); return; }
      this.schedule();
    };
  }

  /** Forgets the socket at once (no close handshake to wait for) and reconnects. */
  drop() {
    const sock = this.ws;
    this.ws = null;
    this.onDown();
    if (sock) { sock.onmessage = null; sock.onclose = null; try { sock.close(); } catch { /* already closed */ } }
    this.schedule();
  }

  schedule() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.attempt += 1;
    this.onConn(navigator.onLine ? 'reconnecting' : 'offline');
    this.retryTimer = setTimeout(() => this.connect(), backoff(this.attempt));
  }

  heartbeat() {
    if (this.stopped || !this.ws) return;
    const quiet = performance.now() - this.lastMsgAt;
    if (quiet > SILENCE_MS) return this.drop();
    if (this.open) this.send({ type: 'heartbeat' });
    else if (this.ws.readyState === WebSocket.CONNECTING && quiet > CONNECT_MS) this.drop();
  }
}
