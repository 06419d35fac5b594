// The personal cabinet (/me): term, access and status of the attestation (p.12), the result
// (p.20) marked provisional while it may change (p.19, p.26), the next due attestation (p.3,
// p.7, p.27, p.28) and the appeal, from `GET /api/v1/me`; the words come from me_model.js.
// Certificates are not listed here (no route to test them against on this branch).
import { $, show, showMessage, dl } from '../shared/dom.js';
import { t, loc, has, lang, applyI18n, onLanguage, bindLanguageButtons } from '../shared/i18n.js';
import { api, errorText, bindLogoutButtons } from '../shared/api.js';
import { fmtWhen } from '../shared/time.js';
import { resultNode, procedureText, voidedText } from '../shared/result.js';
import { renderAppeal } from './appeal.js';
import { watchNotices, noticeText } from '../shared/notices.js';
import { termText, provisionalLines, nextDueText } from './me_model.js';

let data = null;

const keyed = (prefix, v) => (v && has(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : loc(v));

function statusText(me) {
  const why = me.end_reason && has(`reason.${me.end_reason}`) ? ` (${t(`reason.${me.end_reason}`)})` : '';
  return keyed('status', me.status) + why;
}

function render() {
  const body = $('me-body');
  body.textContent = '';
  const c = data.candidate;
  body.append(dl([
    [t('me.candidate'), c.name],
    [t('rules.position'), loc(c.position_name) || c.position],
    [t('me.organization'), c.organization],
  ]));
  const sec = document.createElement('section');
  sec.className = 'attestation';
  const h = document.createElement('h2');
  h.textContent = `${t('me.attestation')}: ${data.campaign}`;
  const { term } = data;
  sec.append(h, dl([
    [t('rules.procedure'), procedureText(data.procedure)],
    [t('me.term'), termText(term, t, fmtWhen)],
    [t('me.duration'), t('me.minutes', { m: term.duration_min })],
    [t('me.access'), keyed('access', data.access)],
    [t('me.status'), statusText(data)],
  ]));
  if (data.result || data.status === 'scored') {
    const rh = document.createElement('h3');
    rh.textContent = t('me.result');
    sec.append(rh, resultNode(data.result));
    provisionalNote(sec);
    nextDueNote(sec);
    const appeal = document.createElement('div');
    appeal.className = 'appeal';
    sec.append(appeal);
    renderAppeal(appeal);
  }
  if (data.status === 'voided') voidedNote(sec);
  body.append(sec);
  certificatesNote(body);
}

/** The certificates the LEB issued on this attestation (p.32), with their PDF; an annulled
 *  one says so (p.19). Nothing when none was issued. */
async function certificatesNote(body) {
  const r = await api('GET', '/api/v1/me/certificates');
  if (!r.ok || !r.data.length) return;
  const sec = document.createElement('section');
  sec.className = 'certificates';
  sec.id = 'me-certificates';
  const h = document.createElement('h2');
  h.textContent = t('me.certificates');
  sec.append(h);
  for (const c of r.data) {
    const p = document.createElement('p');
    p.className = `certificate${c.annulled_at ? ' annulled' : ''}`;
    const title = lang() === 'kk' ? c.title_kk : c.title_ru;
    const state = c.annulled_at ? t('me.certificate_annulled') : t('me.certificate_valid', { until: fmtWhen(c.valid_until) });
    const a = document.createElement('a');
    a.href = `/api/v1/me/certificates/${encodeURIComponent(c.number)}.pdf`;
    a.textContent = t('me.certificate_pdf');
    p.append(`${title} № ${c.number} — ${state}. `, a);
    sec.append(p);
  }
  body.append(sec);
}
onLanguage(() => { if (data) render(); });

/** A voided attestation says why (p.19), in the UI language. */
async function voidedNote(sec) {
  const r = await api('GET', '/api/v1/exam/proctoring');
  if (!r.ok) return;
  const p = document.createElement('p');
  p.className = 'notice';
  p.id = 'me-voided';
  p.textContent = voidedText(r.data.voided);
  sec.append(p);
}

/** A result that may still change says why, one line per reason (p.19, p.26). */
function provisionalNote(sec) {
  const lines = provisionalLines(data.provisional, t, fmtWhen);
  if (!lines.length) return;
  const box = document.createElement('div');
  box.className = 'notice';
  box.id = 'me-provisional';
  const p = document.createElement('p');
  p.textContent = t('me.provisional');
  const ul = document.createElement('ul');
  for (const line of lines) {
    const li = document.createElement('li');
    li.textContent = line;
    ul.append(li);
  }
  box.append(p, ul);
  sec.append(box);
}

/** The next due attestation with its clause (p.3, p.7, p.27, p.28). */
function nextDueNote(sec) {
  const text = nextDueText(data.next_due, t, fmtWhen);
  if (!text) return;
  const box = dl([[t('me.next_due'), text]]);
  box.id = 'me-next-due';
  sec.append(box);
}

/** Once a result is shown, the appeal's notices (received, decided ...) arrive over the notice
 *  socket while the cabinet is open: the newest is said at the top and the cabinet re-read. */
let watching = false;
function watch() {
  if (watching) return;
  watching = true;
  watchNotices({
    onNotice: async (notice) => {
      const live = $('me-live');
      live.textContent = noticeText(notice, lang());
      live.hidden = false;
      const r = await api('GET', '/api/v1/me');
      if (r.ok) {
        data = r.data;
        render();
      }
    },
  });
}

async function boot() {
  const r = await api('GET', '/api/v1/me');
  if (!r.ok) {
    // Not logged in: the way in; otherwise what went wrong (in the language of the moment).
    return showMessage('me.title', r.status === 401 || r.status === 403 ? 'me.login_needed' : errorText(r));
  }
  data = r.data;
  render();
  show('me');
  if (data.result || data.status === 'scored') watch();
}

applyI18n();
bindLanguageButtons();
bindLogoutButtons();
boot();
