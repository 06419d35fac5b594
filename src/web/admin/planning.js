// The console's planning of a campaign (docs/operations.md): under the campaigns list, the
// form of a new campaign (name, bank version, procedure, languages, testing dates); under a
// campaign's sessions, its announcement (p.11) in Kazakh and Russian with the link to the
// public page. Words and bodies come from planning_model.js; campaigns.js calls both.
import { el, call } from './ui.js';
import { word, campaignBody, announcementBody, bankLine, PROCEDURES, EXAM_LANGS } from './planning_model.js';

const almatyToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

/** The new-campaign form in `root`; `created(campaign)` is called after a 201. */
export async function showNewCampaign(root, lang, errorWords, created) {
  const w = (key, vars) => word(lang, key, vars);
  const wasOpen = root.querySelector('details')?.open ?? false;
  const error = el('p', { className: 'error', role: 'alert', id: 'new-campaign-error' });
  const notice = el('p', { className: 'notice', role: 'status', id: 'new-campaign-notice', hidden: true });
  const banks = await call('GET', '/api/v1/banks');
  const versions = banks.ok ? banks.data : [];
  const field = (key, input) => el('label', {}, el('span', { textContent: w(key) }), ' ', input);
  const name = el('input', { id: 'new-campaign-name', maxLength: 200 });
  const bank = el('select', { id: 'new-campaign-bank' }, ...versions.map((v) => el('option', { value: v.version, textContent: bankLine(v, lang) })));
  const procedure = el('select', { id: 'new-campaign-procedure' }, ...PROCEDURES.map((p) => el('option', { value: p, textContent: w(`procedure.${p}`) })));
  const langs = EXAM_LANGS.map((l) => el('input', { type: 'checkbox', value: l, checked: true, id: `new-campaign-lang-${l}` }));
  const opens = el('input', { type: 'date', id: 'new-campaign-opens', value: almatyToday() });
  const closes = el('input', { type: 'date', id: 'new-campaign-closes', value: almatyToday() });
  const form = el('form', { id: 'new-campaign-form', className: 'search' },
    field('name', name), field('bank', bank), field('procedure', procedure),
    el('fieldset', {}, el('legend', { textContent: w('languages') }),
      ...langs.map((box) => el('label', {}, box, ' ', w(`lang.${box.value}`)))),
    field('opens_on', opens), field('closes_on', closes),
    el('button', { type: 'submit', className: 'primary', textContent: w('create') }));
  if (!banks.ok) error.textContent = errorWords(banks, lang);
  else if (!versions.length) error.textContent = w('no_bank');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    notice.hidden = true;
    const made = campaignBody({
      name: name.value, bank_version: bank.value, procedure: procedure.value,
      languages: langs.filter((b) => b.checked).map((b) => b.value), opens_on: opens.value, closes_on: closes.value,
    });
    if (made.error) { error.textContent = w(`bad.${made.error}`); return; }
    const r = await call('POST', '/api/v1/admin/campaigns', made.body);
    if (!r.ok) { error.textContent = errorWords(r, lang); return; }
    notice.textContent = w('created', { name: made.body.name });
    notice.hidden = false;
    await created(r.data);
  });
  const details = el('details', { id: 'new-campaign', open: wasOpen }, el('summary', { textContent: w('new_campaign') }), form, error);
  root.replaceChildren(details, notice);
}

/** The announcement of campaign `campaign` in `root`: what is published, and the form. */
export async function showAnnouncement(root, campaign, lang, errorWords) {
  const w = (key, vars) => word(lang, key, vars);
  const path = `/api/v1/campaigns/${encodeURIComponent(campaign)}/announcement`;
  const current = await call('GET', path);
  const state = el('p', { id: 'announcement-state' });
  const error = el('p', { className: 'error', role: 'alert', id: 'announcement-error' });
  const link = el('a', { id: 'announcement-link', href: `/campaigns/${encodeURIComponent(campaign)}`, target: '_blank', rel: 'noopener', textContent: w('public_page') });
  const published = (a) => {
    state.replaceChildren(w('published', { at: new Date(a.published_at).toLocaleString('ru-RU', { timeZone: 'Asia/Almaty' }) }), ' ', link);
  };
  if (current.ok) published(current.data);
  else if (current.status === 404) state.textContent = w('not_published');
  else error.textContent = errorWords(current, lang);
  const kk = el('textarea', { id: 'announcement-kk', rows: 4, maxLength: 10000, lang: 'kk', value: current.ok ? current.data.text_kk : '' });
  const ru = el('textarea', { id: 'announcement-ru', rows: 4, maxLength: 10000, lang: 'ru', value: current.ok ? current.data.text_ru : '' });
  const form = el('form', { id: 'announcement-form' },
    el('label', {}, el('span', { textContent: w('text_kk') }), kk),
    el('label', {}, el('span', { textContent: w('text_ru') }), ru),
    el('button', { type: 'submit', textContent: w('publish') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const made = announcementBody({ text_kk: kk.value, text_ru: ru.value });
    if (made.error) { error.textContent = w(`bad.${made.error}`); return; }
    const r = await call('POST', `/api/v1/admin/campaigns/${encodeURIComponent(campaign)}/announcement`, made.body);
    if (!r.ok) { error.textContent = errorWords(r, lang); return; }
    published(r.data);
  });
  root.replaceChildren(el('h2', { textContent: w('announcement') }), state, form, error);
}
