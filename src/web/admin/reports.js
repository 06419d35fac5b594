// The console's "Reports" and "Evaluations" of one campaign (docs/reports.md), shown under
// its sessions: per region the p.31 due date (provisional flagged), status, the Appendix 2
// and 5 downloads (XLSX, CSV) and the "sent" mark; the category applicants with their
// evaluation status, points and the gap flag, one-by-one entry and the CSV/XLSX upload. Its
// words and cells come from reports_model.js; campaigns.js calls `showReports` when it opens
// a campaign's sessions.
import { el, call } from './ui.js';
import { word, urls, deadlineLines, regionCells, canMarkSent, applicantCells, canEvaluate, entryBody, uploadType, evaluationLine, refusalText } from './reports_model.js';

/** A refusal as text: this section's codes in its words, the others the console's. */
function refusal(r, errorWords, lang) {
  return refusalText(r, lang) ?? errorWords(r, lang);
}

function table(headers, rows) {
  return el('div', { className: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', textContent: h })))),
    el('tbody', {}, ...rows)));
}

/** Renders the two sections of campaign `campaign` into `root` in `lang`. */
export async function showReports(root, campaign, lang, errorWords) {
  const w = (key, vars) => word(lang, key, vars);
  const again = () => showReports(root, campaign, lang, errorWords);
  const [reports, evaluations] = await Promise.all([call('GET', urls.reports(campaign)), call('GET', urls.evaluations(campaign))]);
  const error = el('p', { className: 'error', role: 'alert', id: 'reports-error' });
  const notice = el('p', { className: 'notice', role: 'status', id: 'reports-notice', hidden: true });
  const shout = (r) => { error.textContent = refusal(r, errorWords, lang); };

  const reportPart = el('section', { id: 'reports' }, el('h2', { textContent: w('reports') }));
  if (reports.ok) {
    const d = reports.data;
    for (const [i, line] of deadlineLines(d.deadline, lang).entries()) {
      reportPart.append(el('p', { className: i ? 'notice provisional' : 'deadline', textContent: line }));
    }
    if (d.region_not_given) reportPart.append(el('p', { className: 'notice no-region', textContent: w('no_region', { n: d.region_not_given }) }));
    const rows = d.regions.map((r) => {
      const files = el('td', { className: 'downloads' }, ...['appendix2', 'appendix5'].map((a) => el('div', {},
        `${w('appendix', { n: a.slice(-1) })}: `,
        ...['xlsx', 'csv'].flatMap((f, i) => [i ? ' · ' : '',
          el('a', { href: urls.file(campaign, a, r.region, f), className: `download ${a}-${f}`, textContent: f.toUpperCase(), download: '' })]))));
      const mark = el('td', {});
      if (canMarkSent(r)) {
        mark.append(el('button', { type: 'button', className: 'mark-sent', textContent: w('mark_sent'), ariaLabel: `${w('mark_sent')}: ${lang === 'kk' ? r.name_kk : r.name_ru}`,
          onclick: async () => { const x = await call('POST', urls.sent(campaign, r.region)); if (!x.ok) shout(x); else again(); } }));
      }
      return el('tr', { className: `region status-${r.status || 'none'}`, id: `region-${r.region}` },
        ...regionCells(r, lang).map((t, i) => el('td', { className: i >= 1 && i <= 4 ? 'num' : '', textContent: t })), files, mark);
    });
    reportPart.append(table([w('region'), w('people'), w('scored'), w('voided'), w('not_finished'), w('state'), w('sent_at'), w('download'), ''], rows));
  } else {
    reportPart.append(el('p', { className: 'error', textContent: refusal(reports, errorWords, lang) }));
  }

  const evalPart = el('section', { id: 'evaluations' }, el('h2', { textContent: w('evaluations') }));
  if (evaluations.ok) {
    const list = evaluations.data;
    evalPart.append(el('p', { className: 'deadline', textContent: evaluationLine(list, lang) }));
    const rows = list.applicants.map((a) => {
      const entry = el('td', {});
      if (canEvaluate(a)) {
        const rating = el('input', { className: 'rating', inputMode: 'decimal', size: 4, ariaLabel: `${w('rating')}: ${a.name}` });
        const violations = el('input', { className: 'violations', size: 4, ariaLabel: `${w('violations')}: ${a.name}` });
        const form = el('form', { className: 'entry' }, rating, ' ', violations, ' ', el('button', { type: 'submit', textContent: w('enter') }));
        form.onsubmit = async (e) => {
          e.preventDefault();
          const b = entryBody(rating.value, violations.value);
          if (b.error) { error.textContent = w(b.error); return; }
          const x = await call('PUT', urls.entry(campaign, a.session_id), b.body);
          if (!x.ok) shout(x); else again();
        };
        entry.append(form);
      }
      return el('tr', { className: `applicant status-${a.status}`, id: `applicant-${a.session_id}` },
        ...applicantCells(a, lang).map((t) => el('td', { textContent: t })), entry);
    });
    evalPart.append(el('p', {}, el('small', { textContent: `${w('rating')} · ${w('violations')}` })));
    evalPart.append(table([w('name'), w('iin'), w('score'), w('state'), w('points'), w('enter')], rows));
    const file = el('input', { type: 'file', id: 'evaluations-file', accept: '.csv,.xlsx', ariaLabel: w('upload') });
    const upload = el('form', { id: 'evaluations-upload' }, el('label', {}, `${w('upload')} `, file), ' ', el('button', { type: 'submit', textContent: w('enter') }));
    upload.onsubmit = async (e) => {
      e.preventDefault();
      const f = file.files[0];
      const type = f && uploadType(f.name);
      if (!type) { error.textContent = w('bad_file'); return; }
      const x = await call('POST', urls.evaluations(campaign), undefined, { raw: await f.arrayBuffer(), type });
      if (!x.ok) { shout(x); return; }
      await again();
      const n = root.querySelector('#reports-notice');
      if (n) { n.hidden = false; n.textContent = w('uploaded', { n: x.data.evaluated }); }
    };
    evalPart.append(upload);
  } else {
    evalPart.append(el('p', { className: 'error', textContent: refusal(evaluations, errorWords, lang) }));
  }
  root.replaceChildren(error, notice, reportPart, evalPart);
}
