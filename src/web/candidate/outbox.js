// The outbox: every answer and flag goes to browser storage first, with a `seq` increasing
// across reloads and reconnects, is sent when connected and dropped on `ack` — a lost
// connection or a reload loses nothing (docs/protocol.md). The functions are pure; `Outbox`
// keeps the list in a storage (storage.js `wrap`) per session.

/** `list` with `msg` queued: an unsent older message of the same kind for the same question is
 *  superseded (the server would keep the newer seq anyway). */
export function supersede(list, msg) {
  return [...list.filter((m) => !(m.type === msg.type && m.q === msg.q)), msg];
}

/** The `seq` after every one given (numbers or numeric strings; anything else counts as 0). */
export const nextSeq = (...used) => Math.max(0, ...used.map((s) => Number(s) || 0)) + 1;

/** Questions with an answer not yet acknowledged. */
export const pendingQuestions = (list) => new Set(list.filter((m) => m.type === 'answer').map((m) => m.q));

/** The exam as it stands after a `state`: the server's answers and flags, then the outbox's
 *  unacknowledged messages on top (they are newer). Messages at or below `last_seq` are
 *  already durable and are dropped; `pending` is what is left to replay, in order. */
export function resume(state, list) {
  const answers = new Map(Object.entries(state.answers || {})
    .map(([q, c]) => [Number(q), c])
    .filter(([, c]) => Array.isArray(c) && c.length));
  const flags = new Set((state.flags || []).map(Number));
  const lastSeq = Number(state.last_seq) || 0;
  const pending = list.filter((m) => m.seq > lastSeq);
  for (const m of pending) {
    if (m.type === 'answer') { if (m.choice.length) answers.set(m.q, m.choice); else answers.delete(m.q); }
    if (m.type === 'flag') { if (m.flagged) flags.add(m.q); else flags.delete(m.q); }
  }
  return { answers, flags, pending };
}

export class Outbox {
  /** `store`: `{get, set, del}` that never throws; `sid`: the exam session. Storage is the
   *  truth (a reload or another tab of this browser finds it there); a copy in memory keeps
   *  the exam going when storage refuses (quota, privacy settings). */
  constructor(store, sid) {
    this.store = store;
    this.key = `synaq.outbox.${sid}`;
    this.seqKey = `synaq.seq.${sid}`;
    this.mem = [];
    this.memSeq = 0;
    this.broken = false;
  }

  list() {
    if (this.broken) return this.mem;
    try { return JSON.parse(this.store.get(this.key) || '[]'); } catch { return this.mem; }
  }

  save(list) {
    this.mem = list;
    if (!this.store.set(this.key, JSON.stringify(list))) this.broken = true;
  }

  /** A new seq above every seq this browser used and the server's `last_seq`. */
  takeSeq(lastSeq) {
    const s = nextSeq(this.store.get(this.seqKey), this.memSeq, lastSeq);
    this.memSeq = s;
    this.store.set(this.seqKey, String(s));
    return s;
  }

  /** Queues `msg` with a new seq; returns it as queued. */
  enqueue(msg, lastSeq) {
    const full = { ...msg, seq: this.takeSeq(lastSeq) };
    this.save(supersede(this.list(), full));
    return full;
  }

  /** Drops the message `seq` (acknowledged, or refused); returns it, if it was there. */
  drop(seq) {
    const list = this.list();
    const m = list.find((x) => x.seq === seq);
    if (m) this.save(list.filter((x) => x.seq !== seq));
    return m;
  }

  /** Forgets everything: the session ended. */
  clear() {
    this.store.del(this.key);
    this.store.del(this.seqKey);
    this.mem = [];
  }
}
