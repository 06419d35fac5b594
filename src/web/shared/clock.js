// The server's clock, estimated from the `server_time` of every message: the countdown is the
// server's `deadline` minus this, never the local wall clock (docs/protocol.md).
//
// offset = server_time - local monotonic time at receipt. A message's delay only makes a sample
// smaller than the true offset, so the largest recent sample is the best estimate; samples
// older than 5 minutes are dropped so that a drifting local clock is followed.

const WINDOW_MS = 300000;
const MAX_SAMPLES = 50;

export class ServerClock {
  /** `monotonic`: local milliseconds that never jump (performance.now in a page). */
  constructor(monotonic = () => performance.now()) {
    this.monotonic = monotonic;
    this.samples = [];
  }

  observe(serverTime) {
    if (typeof serverTime !== 'number') return;
    const at = this.monotonic();
    this.samples.push({ at, offset: serverTime - at });
    this.samples = this.samples.filter((s) => at - s.at < WINDOW_MS).slice(-MAX_SAMPLES);
  }

  known() { return this.samples.length > 0; }

  /** The server's time now (Unix ms); only meaningful when `known()`. */
  now() {
    const best = Math.max(...this.samples.map((s) => s.offset));
    return this.monotonic() + best;
  }
}

/** The page's one clock: every HTTP answer and socket message feeds it. */
export const clock = new ServerClock();
