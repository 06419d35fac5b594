// The exam socket's close codes (docs/protocol.md; src/live/protocol.rs `close`). 4000-4999:
// the session ended or cannot go on here, never reconnect; any other close: reconnect.

export const CLOSE = Object.freeze({
  // The server is going away (a deploy): reconnect, to this node or another.
  GOING_AWAY: 1001,
  // Too many messages (rate_limited): reconnect; the outbox replays what was not acked.
  POLICY: 1008,
  // A message over the transport's limit (too_large): reconnect.
  MESSAGE_TOO_BIG: 1009,
  ENDED: 4000,
  TIME_UP: 4001,
  VOIDED: 4002,
  TAKEN_OVER: 4003,
  UNAUTHORIZED: 4004,
  NOT_STARTED: 4005,
});

/** Whether a close with this code forbids reconnecting. */
export const isTerminal = (code) => code >= 4000 && code <= 4999;
