// The commission console's model (src/web/commission/console_model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORDS, timeLeft, statsLines, lettersOf, voteBody, slaBoard } from '../../src/web/commission/console_model.js';

test('both languages have every word', () => {
  assert.deepEqual(Object.keys(WORDS.kk).sort(), Object.keys(WORDS.ru).sort());
});

test('the time left counts down to the p.24 deadline and then says it passed', () => {
  const due = Date.UTC(2026, 11, 2, 19, 0);
  assert.equal(timeLeft(due, due - (23 * 60 + 59) * 60000, 'ru'), 'осталось 23 ч 59 мин');
  assert.equal(timeLeft(due, due - 30000, 'kk'), 'қалды 0 сағ 0 мин');
  assert.equal(timeLeft(due, due, 'ru'), 'срок истёк');
});

const q = {
  options: [{ id: 'q7-c', label: 'A' }, { id: 'q7-a', label: 'B' }, { id: 'q7-b', label: 'C' }],
  stats: { sittings: 10, share_correct: 0.6, discrimination: 0.5, option_shares: { 'q7-a': 0.6, 'q7-b': 0.3, 'q7-c': 0.1 } },
  other_appeals: 2,
};

test('statistics and answers use the letters the candidate saw', () => {
  assert.deepEqual(statsLines(q, 'ru'), ['60% ответили верно (n = 10)', 'индекс дискриминации: 0.50', 'B: 60%, C: 30%, A: 10%', '2 других апелляций на этот вопрос']);
  assert.equal(lettersOf(q, ['q7-a']), 'B');
  assert.equal(lettersOf(q, []), '—');
  assert.equal(statsLines({ ...q, stats: { ...q.stats, discrimination: null } }, 'kk')[1], 'ажырату индексі: —');
});

test('a vote body trims the reason', () => {
  assert.deepEqual(voteBody(7, 'uphold', '  кілт қате  '), { question: 7, verdict: 'uphold', reason: 'кілт қате' });
});

test('the SLA board gives each campaign its compliance and each open appeal its time left (p.24)', () => {
  const due = Date.UTC(2026, 11, 2, 19, 0);
  const board = [{
    campaign_id: 'c1',
    compliance: { met: 3, met_late: 0, open_on_time: 0, open_escalated: 1, open_breached: 1, percent: 75 },
    open: [{ appeal_id: 'a1', decide_by: due - 3600000, sla: { state: 'breached' } }, { appeal_id: 'a2', decide_by: due, sla: { state: 'escalate' } }],
  }];
  const [c] = slaBoard(board, due - 60000, 'ru');
  assert.equal(c.heading, 'Кампания c1: решено в срок 75% (в срок: 3, с опозданием: 0, открыты: 0, осталось меньше 24 ч: 1, срок нарушен: 1)');
  assert.deepEqual(c.open.map((a) => [a.state, a.text]), [['breached', 'Апелляция a1: срок истёк'], ['escalate', 'Апелляция a2: осталось 0 ч 1 мин']]);
  const [none] = slaBoard([{ ...board[0], compliance: { ...board[0].compliance, percent: null }, open: [] }], due, 'kk');
  assert.ok(none.heading.includes('мерзімінде шешілгені —'), none.heading);
});
