// The personal cabinet, pure: the term line (p.12), why a result is still provisional
// (p.19, p.26) and the next due attestation (p.3, p.7, p.27, p.28), each as text from the
// fields of `GET /api/v1/me`. `tr` is i18n's `t`, `when` a formatter of a date or an instant
// in Asia/Almaty (both injectable for tests/web/me.test.mjs).

/** The term, from the first day's 00:00 to the last day's 23:59, Asia/Almaty (p.12). */
export function termText(term, tr, when) {
  if (!term) return '';
  return tr('me.term_zone', { from: when(term.opens_on), to: when(term.closes_on) });
}

/** One sentence per reason the result may still change, in the server's order. */
export function provisionalLines(provisional, tr, when) {
  if (!provisional || !provisional.reasons) return [];
  return provisional.reasons.map((r) => {
    if (r === 'review_window') return tr('provisional.review_window', { until: when(provisional.review_window_until) });
    return tr(`provisional.${r}`);
  });
}

/** The next due attestation with its clause; '' when there is none to show. */
export function nextDueText(next, tr, when) {
  if (!next) return '';
  if (next.kind === 'dismissal') return tr('next.dismissal');
  if (next.kind === 'reattestation') return tr('next.reattestation', { by: when(next.by) });
  return tr(next.clause === 'p.7' ? 'next.periodic_p7' : 'next.periodic', { by: when(next.by) });
}
