// The one-time access code as typed: case, spaces and dashes are tolerated; the server also
// reads the look-alikes O/0 and I/L/1 (docs/protocol.md).

/** `XXXX-XXXX-XXXX-XXXX` from what was typed, or null when it is not 16 letters and digits. */
export function normalizeCode(raw) {
  const s = String(raw ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return s.length === 16 ? s.match(/.{4}/g).join('-') : null;
}
