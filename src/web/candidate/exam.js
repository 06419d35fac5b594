// The candidate's exam page (/exam): log in with the one-time code, read the rules untimed and
// choose the language (p.18), the exam over the socket, the result at once (p.20).
//
// Speaks docs/protocol.md: HTTP for login, rules, start and the paper; the WebSocket /ws/exam
// for the exam itself. Every answer goes to the outbox (outbox.js) first and is sent when
// connected, so a lost connection or a reload loses nothing. The countdown is the server's
// `deadline` against the server's clock (clock.js), never the local clock.
import { $, show, announce, toast, showMessage, dl } from '../shared/dom.js';
import { t, loc, has, lang, LANGS, applyI18n, setUiLang, onLanguage, bindLanguageButtons } from '../shared/i18n.js';
import { api, errorText, socketErrorKey, keepCsrf, forgetCsrf, bindLogoutButtons } from '../shared/api.js';
import { clock } from '../shared/clock.js';
import { local, tab } from '../shared/storage.js';
import { fmtTime } from '../shared/time.js';
import { resultNode, procedureText, voidedText } from '../shared/result.js';
import { normalizeCode } from './code.js';
import { CLOSE } from './close.js';
import { Outbox, resume, pendingQuestions } from './outbox.js';
import { ExamSocket } from './socket.js';
import { bindExamKeys, keysActive } from './keyboard.js';
import { formatRemaining, dueWarning, WARN_10_MS, WARN_5_MS } from './timer.js';
import { buildNavigator, renderNavMarks, renderQuestion } from './render.js';
import { createReporter, watch } from './signals.js';
import { fmtDateTime } from '../shared/time.js';

let view = null; // the last SessionView
let outbox = null; // the session's Outbox, from the start of the exam
const ex = {
  sid: null, paper: [], byN: new Map(), answers: new Map(), flags: new Set(), current: 1,
  paperOf: null, deadline: null, lastSeq: 0, stateSeen: false, ended: false, submitting: false,
  warned: {},
};
const currentKey = () => `synaq.current.${ex.sid}`;

// ---------------------------------------------------------------- routing by status
function route(v) {
  view = v;
  ex.sid = v.session_id;
  if (typeof v.deadline === 'number') ex.deadline = v.deadline;
  switch (v.status) {
    case 'scheduled':
    case 'rules': return showRules();
    case 'in_progress': return startExam();
    case 'scored': return showResult(v.result, v.end_reason);
    case 'voided': return showVoided();
    default: return showLogin();
  }
}

async function boot() {
  const r = await api('GET', '/api/v1/exam/session');
  if (r.ok) route(r.data); else showLogin(r.status === 0 ? t('err.network') : '');
}

// ---------------------------------------------------------------- 1. login
function showLogin(msg) {
  show('login');
  $('login-error').textContent = msg || '';
  $('code').focus();
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const err = $('login-error');
  const code = normalizeCode($('code').value);
  if (!code) { err.textContent = t('login.bad_format'); $('code').setAttribute('aria-invalid', 'true'); return; }
  $('code').removeAttribute('aria-invalid');
  err.textContent = '';
  $('login-submit').disabled = true;
  forgetCsrf(); // a new login gets a new one
  const r = await api('POST', '/api/v1/exam/login', { code });
  $('login-submit').disabled = false;
  if (!r.ok) { err.textContent = errorText(r); $('code').setAttribute('aria-invalid', 'true'); return; }
  keepCsrf(r.data.csrf);
  $('code').value = '';
  route(r.data.session);
});

// ---------------------------------------------------------------- 2. rules (untimed, p.18)
function renderRulesFacts() {
  if (!view) return;
  const c = view.candidate;
  $('rules-facts').replaceWith(dl([
    [t('rules.candidate'), c.name],
    [t('rules.position'), loc(c.position_name) || c.position],
    [t('rules.campaign'), view.campaign.name],
    [t('rules.procedure'), procedureText(view.campaign.procedure)],
  ], 'rules-facts'));
  $('screen-rules').querySelector('[data-i18n="rules.r2"]').textContent = t('rules.r2', { min: view.duration_min });
}
onLanguage(() => {
  if (document.body.dataset.screen !== 'rules') return;
  renderRulesFacts();
  $('start').disabled = !$('rules-read').checked;
});

const langRadios = () => [...document.querySelectorAll('input[name="exam-lang"]')];
const chosenLang = () => (langRadios().find((r) => r.checked) || {}).value;

async function postRules(examLang) {
  const r = await api('POST', '/api/v1/exam/rules', { lang: examLang });
  if (r.ok) { view = r.data; $('rules-error').textContent = ''; } else $('rules-error').textContent = errorText(r);
  return r.ok;
}

function showRules() {
  show('rules');
  const offered = view.languages.length ? view.languages : LANGS; // the campaign's languages
  const examLang = LANGS.includes(view.lang) ? view.lang : offered.includes(lang()) ? lang() : offered[0];
  for (const r of langRadios()) {
    r.checked = r.value === examLang;
    r.disabled = !offered.includes(r.value);
    r.closest('label').hidden = r.disabled;
  }
  renderRulesFacts();
  $('start').disabled = !$('rules-read').checked;
  $('rules-title').focus({ preventScroll: true });
  if (view.status === 'scheduled') postRules(examLang); // the untimed reading begins (p.18)
}

for (const r of langRadios()) {
  r.addEventListener('change', () => {
    if (!r.checked) return;
    setUiLang(r.value); // the candidate reads the rules in the exam's language
    postRules(r.value);
  });
}
$('rules-read').addEventListener('change', () => { $('start').disabled = !$('rules-read').checked; });

$('start').addEventListener('click', async () => {
  const btn = $('start');
  btn.disabled = true;
  const examLang = chosenLang() || lang();
  if (view.status !== 'rules' || view.lang !== examLang) {
    if (!(await postRules(examLang))) { btn.disabled = false; return; }
  }
  const r = await api('POST', '/api/v1/exam/start', {});
  btn.disabled = false;
  if (!r.ok) {
    $('rules-error').textContent = errorText(r);
    if (r.status === 401) showLogin(t('err.session_lost'));
    return;
  }
  route(r.data);
});

// ---------------------------------------------------------------- 3. the exam
const socket = new ExamSocket({
  onMessage: handle,
  onConn: setConn,
  onTerminal: terminal,
  onDown: () => { ex.stateSeen = false; updateSubmitDialog(); },
});

function startExam() {
  ex.ended = false;
  outbox = new Outbox(local, ex.sid);
  show('exam');
  $('exam-wait').hidden = false;
  $('question').hidden = true;
  startTimer();
  updateSaveState();
  socket.start();
}

let connState = 'connecting';
function setConn(state) {
  connState = state;
  $('conn').dataset.state = state;
  document.body.dataset.conn = state;
  const text = t(`conn.${state}`);
  if ($('conn-text').textContent !== text) $('conn-text').textContent = text;
  updateSubmitDialog();
}
onLanguage(() => {
  if (document.body.dataset.screen !== 'exam') return;
  setConn(connState);
  updateSaveState();
  renderExam();
});

const pending = () => (outbox ? pendingQuestions(outbox.list()) : new Set());

function updateSaveState() {
  const n = outbox ? outbox.list().length : 0;
  document.body.dataset.pending = String(n);
  $('save-state').textContent = n ? t('save.pending', { n }) : ex.stateSeen ? t('save.all') : '';
  renderNavMarks(ex, pending());
  updateSubmitDialog();
}

/** Sends on the socket once the server's `state` was taken (so that replays come in order). */
function send(msg) {
  return ex.stateSeen && socket.send(msg);
}

// The page's own proctoring signals (signals.js), sent only during the exam.
const signals = createReporter({
  send: (m) => !ex.ended && ex.paper.length > 0 && send(m),
  now: () => Date.now(),
  newId: () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`),
});
watch(signals);

function enqueue(msg) {
  const full = outbox.enqueue(msg, ex.lastSeq);
  updateSaveState();
  send(full);
}

function handle(msg) {
  if (typeof msg.server_time === 'number') clock.observe(msg.server_time);
  if (typeof msg.deadline === 'number') ex.deadline = msg.deadline;
  switch (msg.type) {
    case 'state': return takeState(msg);
    case 'ack':
      outbox.drop(msg.seq);
      return updateSaveState();
    case 'error': return onError(msg);
    case 'notice': {
      const text = loc(msg.message) || msg.code;
      toast(t('notice', { msg: text }));
      announce(text);
      return tick();
    }
    case 'ended': return onEnded(msg.reason, msg.result);
    default: return; // `time`: the clock and the deadline are already taken
  }
}

/** The paper comes over HTTP once, from the `paper_url` of `state` (docs/protocol.md). If it
 *  cannot be fetched, this socket is dropped and the reconnect (with backoff) tries again. */
async function takeState(msg) {
  const from = socket.ws;
  if (!ex.paperOf || ex.paperOf.sid !== msg.session_id) {
    let questions = null;
    try {
      const r = await fetch(msg.paper_url, { credentials: 'same-origin', cache: 'no-store' });
      if (r.ok) questions = (await r.json()).questions;
    } catch { /* network: handled below */ }
    if (socket.ws !== from) return; // this socket is gone; the next one sends its own state
    if (!Array.isArray(questions)) { socket.drop(); return; }
    ex.paperOf = { sid: msg.session_id, questions };
  }
  onState(msg, ex.paperOf.questions);
}

function onState(msg, questions) {
  ex.sid = msg.session_id;
  ex.paper = questions;
  ex.byN = new Map(questions.map((q) => [q.number, q]));
  ex.lastSeq = msg.last_seq;
  if (LANGS.includes(msg.lang)) for (const id of ['q-text', 'q-options']) $(id).lang = msg.lang; // the paper's language
  const now = resume(msg, outbox.list()); // the server's state, then the unacknowledged on top
  ex.answers = now.answers;
  ex.flags = now.flags;
  if (!ex.byN.has(ex.current)) ex.current = questions.length ? questions[0].number : 1;
  const saved = Number(tab.get(currentKey()));
  if (ex.byN.has(saved)) ex.current = saved;
  ex.stateSeen = true;
  ex.submitting = false; // a submit lost with the old socket is not pending any more
  socket.connected();
  buildNavigator(ex, go);
  outbox.save(now.pending);
  renderExam();
  updateSaveState();
  for (const m of now.pending) send(m); // replay, in order
  signals.flush();
}

function onError(msg) {
  const m = msg.seq != null ? outbox.drop(msg.seq) : null; // refused: nothing was saved, retrying won't help
  updateSaveState();
  $('exam-error').textContent = t(...socketErrorKey(msg.code, m ? m.q : '?'));
  if (ex.submitting) { ex.submitting = false; updateSubmitDialog(); }
}

function terminal(code) {
  if (ex.ended) return;
  if (code === CLOSE.VOIDED) return onEnded('voided', null);
  ex.ended = true; // never reconnect
  if (code === CLOSE.TAKEN_OVER) return showTakenOver();
  if (code === CLOSE.UNAUTHORIZED) return showLogin(t('ended.not_authenticated'));
  // ENDED, TIME_UP, NOT_STARTED or another: the session's status says what to show.
  api('GET', '/api/v1/exam/session').then((r) => {
    if (!r.ok) return showLogin(errorText(r));
    if (r.data.status === 'in_progress') {
      return showMessage('message.closed_title', 'message.closed', { action: { labelKey: 'message.reload', run: () => location.reload() }, vars: { code } });
    }
    route(r.data);
  });
}

function showTakenOver() {
  showMessage('message.taken_over_title', 'ended.taken_over', { action: { labelKey: 'message.continue_here', run: () => location.reload() } });
}

/** Voided (p.19): why, and a way out — there is nothing more to do on this page. */
function showVoided() {
  clearInterval(timerHandle);
  showMessage('message.voided_title', 'message.voided', { logout: true });
  // Why (p.19), worded in kk/ru from the proctoring record's cause (result.js).
  api('GET', '/api/v1/exam/proctoring').then((r) => {
    if (!r.ok || document.body.dataset.screen !== 'message') return;
    const voided = r.data.voided;
    showMessage('message.voided_title', 'message.voided', { logout: true, text: () => voidedText(voided) });
  });
}

function onEnded(reason, result) {
  ex.ended = true;
  socket.stop();
  if ($('submit-dialog').open) $('submit-dialog').close();
  // Taken over: the exam goes on in another window, which shares this outbox — keep it.
  if (reason === 'taken_over') return showTakenOver();
  if (outbox) outbox.clear();
  tab.del(currentKey());
  if (reason === 'voided') return showVoided();
  showResult(result, reason);
}

// ---------------------------------------------------------------- answering
function renderExam() {
  if (!ex.paper.length) return;
  renderQuestion(ex, choose);
  renderNavMarks(ex, pending());
}

function choose(input) {
  if (ex.ended) return;
  const q = ex.byN.get(ex.current);
  const choice = q.kind === 'multiple'
    ? [...document.querySelectorAll('#q-options input:checked')].map((i) => i.value).sort()
    : [input.value];
  setAnswer(q.number, choice);
}

function setAnswer(n, choice) {
  if (choice.length) ex.answers.set(n, choice); else ex.answers.delete(n);
  enqueue({ type: 'answer', q: n, choice });
  $('clear').disabled = !choice.length;
  $('exam-error').textContent = '';
}

function toggleFlag() {
  if (ex.ended || !ex.byN.has(ex.current)) return;
  const n = ex.current;
  const flagged = !ex.flags.has(n);
  if (flagged) ex.flags.add(n); else ex.flags.delete(n);
  enqueue({ type: 'flag', q: n, flagged });
  $('flag').setAttribute('aria-pressed', String(flagged));
}

function go(n) {
  if (!ex.byN.has(n)) return;
  ex.current = n;
  tab.set(currentKey(), String(n));
  renderExam();
  $('q-title').focus({ preventScroll: false });
}

function step(d) {
  const i = ex.paper.findIndex((q) => q.number === ex.current);
  if (i >= 0 && ex.paper[i + d]) go(ex.paper[i + d].number);
}

$('prev').addEventListener('click', () => step(-1));
$('next').addEventListener('click', () => step(1));
$('flag').addEventListener('click', toggleFlag);
$('clear').addEventListener('click', () => {
  if (!ex.answers.has(ex.current)) return;
  setAnswer(ex.current, []);
  renderExam();
});
// Whenever the paper is shown: offline too, answers go to the outbox.
bindExamKeys({
  active: () => keysActive({ screen: document.body.dataset.screen, questions: ex.paper.length, ended: ex.ended }),
  choose,
  step,
  toggleFlag,
});

// ---------------------------------------------------------------- the countdown
let timerHandle = null;
function startTimer() {
  clearInterval(timerHandle);
  timerHandle = setInterval(tick, 250);
  tick();
}

function tick() {
  const el = $('timer');
  if (ex.deadline == null || !clock.known()) return;
  const left = Math.max(0, ex.deadline - clock.now());
  el.dataset.remainingMs = String(Math.round(left));
  const text = formatRemaining(left);
  if ($('timer-value').textContent !== text) $('timer-value').textContent = text;
  const until = t('timer.until', { time: fmtTime(ex.deadline) });
  if ($('timer-until').textContent !== until) $('timer-until').textContent = until;
  el.classList.toggle('warn', left <= WARN_10_MS);
  el.classList.toggle('urgent', left <= WARN_5_MS);
  if (ex.ended) return;
  const due = dueWarning(left, ex.warned);
  if (!due) return;
  ex.warned[due] = true;
  announce(t(`timer.${due}`));
  if (due === 'up') $('exam-error').textContent = t('timer.up'); else toast(t(`timer.${due}`));
}

// ---------------------------------------------------------------- submit
function updateSubmitDialog() {
  const dlg = $('submit-dialog');
  if (!dlg.open) return;
  const total = ex.paper.length;
  const unanswered = ex.paper.filter((q) => !ex.answers.has(q.number)).length;
  const sum = $('submit-summary');
  sum.textContent = '';
  for (const line of [t('submit.unanswered', { n: unanswered, total }), t('submit.flagged', { n: ex.flags.size }), t('submit.final')]) {
    const p = document.createElement('p');
    p.textContent = line;
    sum.append(p);
  }
  sum.firstChild.id = 'submit-unanswered';
  sum.firstChild.dataset.unanswered = String(unanswered);
  const waiting = outbox ? outbox.list().length : 0;
  const connected = socket.open && ex.stateSeen;
  $('submit-pending').textContent = !connected ? t('submit.offline') : waiting ? t('submit.pending', { n: waiting }) : '';
  const confirm = $('submit-confirm');
  confirm.disabled = !connected || ex.submitting;
  confirm.textContent = ex.submitting ? t('submit.sending') : t('submit.confirm');
}

$('submit').addEventListener('click', () => {
  if (ex.ended) return;
  $('submit-dialog').showModal();
  updateSubmitDialog();
  $('submit-cancel').focus();
});
$('submit-cancel').addEventListener('click', () => $('submit-dialog').close());
$('submit-confirm').addEventListener('click', () => {
  // Every outbox entry was already sent on this socket (at enqueue or at the replay after
  // `state`); the socket is ordered, so they all land before the submit.
  if (send({ type: 'submit', seq: outbox.takeSeq(ex.lastSeq) })) { ex.submitting = true; updateSubmitDialog(); }
});

// ---------------------------------------------------------------- 4. the result (p.20)
let lastResult = null;
function showResult(result, reason) {
  lastResult = { result, reason };
  clearInterval(timerHandle);
  show('result');
  renderResult();
  $('result-title').focus({ preventScroll: true });
}

function renderResult() {
  if (!lastResult) return;
  const { result, reason } = lastResult;
  const r = $('result-reason');
  r.textContent = reason && has(`ended.${reason}`) ? t(`ended.${reason}`) : '';
  r.hidden = !r.textContent;
  const body = $('result-body');
  body.textContent = '';
  body.append(resultNode(result));
  provisionalNote(body);
}

/** Results stay provisional until the proctoring review window closes (p.19). */
async function provisionalNote(body) {
  const r = await api('GET', '/api/v1/exam/proctoring');
  if (!r.ok || !r.data.provisional) return;
  const p = document.createElement('p');
  p.className = 'notice';
  p.id = 'result-provisional';
  p.textContent = t('result.provisional', { until: fmtDateTime(r.data.provisional_until) });
  body.append(p);
}
onLanguage(() => { if (document.body.dataset.screen === 'result') renderResult(); });

applyI18n();
bindLanguageButtons();
bindLogoutButtons();
boot();
