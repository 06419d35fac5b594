// Browser storage that never throws (quota, privacy settings): `set` says whether it kept it.
// `local` outlives the tab (the outbox, the UI language, the CSRF secret); `tab` is this tab's
// (the current question).

/** Wraps a storage area, given as a function so that a missing or refusing area is caught too. */
export function wrap(area) {
  return {
    get(k) { try { return area().getItem(k); } catch { return null; } },
    set(k, v) { try { area().setItem(k, v); return true; } catch { return false; } },
    del(k) { try { area().removeItem(k); } catch { /* nothing kept */ } },
  };
}

export const local = wrap(() => window.localStorage);
export const tab = wrap(() => window.sessionStorage);
