import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BoardState, TodayLedger, backoffDelay, clockLevel, clockOffset, compareRequests, dayOf,
  formatDuration, secondsLeft,
} from '../../../main/resources/static/board/model.js';

const at = (s) => new Date(Date.UTC(2025, 2, 3, 9, 0, s)).toISOString();
const req = (id, fields = {}) => ({
  id, agentId: 'a-' + id, agentName: 'Agent ' + id, state: 'QUEUED', urgent: false,
  raisedAt: at(0), ...fields,
});

test('urgent requests come first, then the oldest', () => {
  const list = [
    req('late', { raisedAt: at(30) }),
    req('early', { raisedAt: at(10) }),
    req('urgent-late', { raisedAt: at(50), urgent: true }),
    req('urgent-early', { raisedAt: at(40), urgent: true }),
  ].sort(compareRequests);
  assert.deepEqual(list.map((r) => r.id), ['urgent-early', 'urgent-late', 'early', 'late']);
});

test('claimed requests leave the waiting list for their own, mine first', () => {
  const board = new BoardState('spec-1');
  board.snapshot({
    requests: [
      req('q', { raisedAt: at(5) }),
      req('other', { state: 'CLAIMED', specialistId: 'spec-2', claimedAt: at(1) }),
      req('mine', { state: 'CLAIMED', specialistId: 'spec-1', claimedAt: at(9) }),
      req('o', { state: 'OFFERED', offeredTo: 'spec-3', raisedAt: at(2) }),
    ],
  });
  assert.deepEqual(board.waiting().map((r) => r.id), ['o', 'q']);
  assert.deepEqual(board.claimed().map((r) => r.id), ['mine', 'other']);
  assert.equal(board.mine().id, 'mine');
});

test('an ended request leaves the board and a snapshot replaces everything', () => {
  const board = new BoardState('spec-1');
  board.snapshot({ requests: [req('x'), req('y')] });
  board.request(req('x', { state: 'RESOLVED' }));
  assert.deepEqual(board.waiting().map((r) => r.id), ['y']);
  board.snapshot({ requests: [req('z')] });
  assert.deepEqual(board.waiting().map((r) => r.id), ['z']);
});

test('an ended request stays gone even if an older copy of it arrives late', () => {
  const board = new BoardState('spec-1');
  board.snapshot({ requests: [req('x')] });
  board.request(req('x', { state: 'CANCELLED' }));
  board.request(req('x', { state: 'CLAIMED', specialistId: 'spec-1' }));
  assert.equal(board.requests.has('x'), false);
  assert.equal(board.mine(), null);
});

test('an offer to me is what claim-next takes before the head of the queue', () => {
  const board = new BoardState('spec-1');
  board.snapshot({
    requests: [req('head', { raisedAt: at(0) }), req('offered', { state: 'OFFERED', offeredTo: 'spec-1', raisedAt: at(9) })],
  });
  assert.equal(board.offerToMe().id, 'offered');
  assert.equal(board.next().id, 'offered');
  board.request(req('offered', { state: 'QUEUED', raisedAt: at(9) }));
  assert.equal(board.offerToMe(), null);
  assert.equal(board.next().id, 'head');
});

test('chat lines are kept once, in time order', () => {
  const board = new BoardState('spec-1');
  const line = { requestId: 'r', from: 'a', text: 'hi', at: at(5) };
  board.snapshot({ chat: [line] });
  board.said(line);
  board.said({ requestId: 'r', from: 'spec-1', text: 'early', at: at(1) });
  assert.deepEqual(board.chat.get('r').map((l) => l.text), ['early', 'hi']);
});

test('the floor groups specialists: holding a request means busy', () => {
  const board = new BoardState('spec-1');
  board.snapshot({
    specialists: [
      { id: 's1', name: 'Spec 1', status: 'AVAILABLE', requestId: null },
      { id: 's2', name: 'Spec 2', status: 'AVAILABLE', requestId: 'r' },
      { id: 's3', name: 'Spec 3', status: 'AWAY', requestId: null },
      { id: 's4', name: 'Spec 4', status: 'OFFLINE', requestId: null },
    ],
  });
  board.presence({ id: 's3', name: 'Spec 3', status: 'AVAILABLE', requestId: null });
  const groups = board.floorGroups();
  assert.deepEqual(groups.available.map((s) => s.id), ['s1', 's3']);
  assert.deepEqual(groups.busy.map((s) => s.id), ['s2']);
  assert.deepEqual(groups.away, []);
  assert.deepEqual(groups.offline.map((s) => s.id), ['s4']);
});

test('a specialist off the floor is in their own group, with the end of their break', () => {
  const board = new BoardState('spec-1');
  board.snapshot({
    specialists: [{ id: 's1', name: 'Spec 1', status: 'AVAILABLE', requestId: null }],
  });
  board.presence({
    id: 's1', name: 'Spec 1', status: 'OFF_FLOOR', requestId: null, until: '2025-03-01T10:20:00.000Z',
  });
  const groups = board.floorGroups();
  assert.deepEqual(groups.available, []);
  assert.deepEqual(groups.offFloor.map((s) => s.until), ['2025-03-01T10:20:00.000Z']);
});

test('the clock turns amber near the target and red past it', () => {
  assert.equal(clockLevel(0, 30000), 'ok');
  assert.equal(clockLevel(19999, 30000), 'ok');
  assert.equal(clockLevel(20000, 30000), 'warn');
  assert.equal(clockLevel(30000, 30000), 'warn');
  assert.equal(clockLevel(30001, 30000), 'late');
});

test('durations read as minutes and seconds, hours when needed', () => {
  assert.equal(formatDuration(7000), '0:07');
  assert.equal(formatDuration(65999), '1:05');
  assert.equal(formatDuration(3723000), '1:02:03');
  assert.equal(formatDuration(-5000), '0:00');
  assert.equal(secondsLeft(10500, 0), 11);
  assert.equal(secondsLeft(0, 5000), 0);
});

test('queue figures give the length and the longest wait', () => {
  const board = new BoardState('spec-1');
  board.snapshot({
    requests: [req('a', { raisedAt: at(10) }), req('b', { raisedAt: at(40) }), req('c', { state: 'CLAIMED', raisedAt: at(0) })],
  });
  const figures = board.queueFigures(Date.parse(at(50)));
  assert.equal(figures.queueLength, 2);
  assert.equal(figures.longestWaitMs, 40000);
  assert.equal(new BoardState().queueFigures(0).longestWaitMs, null);
});

test('the server clock offset comes from the middle of the round trip', () => {
  const server = Date.parse(at(0));
  assert.equal(clockOffset(at(0), server - 5100, server - 4900), 5000);
  assert.equal(clockOffset(null, 1, 2), 0);
});

test('reconnect delays double up to a ceiling, with jitter', () => {
  assert.equal(backoffDelay(0, () => 1), 500);
  assert.equal(backoffDelay(3, () => 1), 4000);
  assert.equal(backoffDelay(20, () => 1), 15000);
  assert.equal(backoffDelay(3, () => 0), 2000);
});

test('today: service level counts claims within the target over claimed and abandoned', () => {
  const day = dayOf(Date.parse(at(0)));
  const ledger = new TodayLedger(day);
  ledger.observe(req('fast', { state: 'CLAIMED', claimedAt: at(10) }));
  ledger.observe(req('slow', { state: 'RESOLVED', claimedAt: at(50) }));
  ledger.observe(req('gone', { state: 'CANCELLED', cancelledAt: at(20) }));
  ledger.observe(req('waiting'));
  // a second claim after a release does not count twice
  assert.equal(ledger.observe(req('fast', { state: 'CLAIMED', claimedAt: at(59) })), false);
  const figures = ledger.figures(30000);
  assert.equal(figures.counted, 3);
  assert.equal(figures.serviceLevel, 1 / 3);
  assert.equal(figures.averageWaitMs, 30000);

  const reloaded = new TodayLedger(day, JSON.parse(JSON.stringify(ledger)));
  assert.deepEqual(reloaded.figures(30000), figures);
  assert.equal(new TodayLedger('1999-01-01', ledger.toJSON()).figures(30000).counted, 0);
});
