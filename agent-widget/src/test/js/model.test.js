import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyRaised, applyRated, applyRequest, applySaid, applySnapshot, canRaise, initialState, phaseOf,
  ratingTarget, waitedSeconds,
} from '../../main/resources/META-INF/resources/widget/model.js';

const queued = { id: 'r1', state: 'QUEUED', raisedAt: '2026-01-01T10:00:00.000Z', position: 2, estimatedWait: 40, rated: false };

test('a fresh widget offers the button', () => {
  assert.equal(phaseOf(initialState()), 'idle');
  assert.ok(canRaise(initialState()));
});

test('a request goes from waiting through claimed to rating and thanks', () => {
  let s = { ...initialState(), pending: { clientKey: 'k', at: 0 } };
  assert.equal(phaseOf(s), 'sending');
  assert.ok(!canRaise(s), 'a second click while the first is on its way does nothing');
  s = applyRaised(s, queued);
  assert.equal(s.pending, null);
  assert.equal(phaseOf(s), 'waiting');
  s = applyRequest(s, { ...queued, state: 'OFFERED' });
  assert.equal(phaseOf(s), 'offered');
  s = applyRequest(s, { ...queued, state: 'CLAIMED', specialistName: 'Li Wei', position: null });
  assert.equal(phaseOf(s), 'claimed');
  assert.equal(s.request.specialistName, 'Li Wei');
  s = applyRequest(s, { ...queued, state: 'RESOLVED', specialistName: 'Li Wei' });
  assert.equal(phaseOf(s), 'rate');
  assert.equal(ratingTarget(s).id, 'r1');
  assert.ok(canRaise(s), 'a new question need not wait for the rating');
  s = applyRated(s, 'r1');
  assert.equal(phaseOf(s), 'thanks');
  assert.equal(s.today[0].rated, true);
});

test('a cancelled or expired request brings the button back', () => {
  const s = applyRequest(applyRaised(initialState(), queued), { ...queued, state: 'CANCELLED' });
  assert.equal(phaseOf(s), 'idle');
  const e = applyRequest(applyRaised(initialState(), queued), { ...queued, state: 'EXPIRED' });
  assert.equal(phaseOf(e), 'idle');
});

test('the snapshot after a reconnect replaces what the widget knew', () => {
  let s = applyRaised(initialState(), queued);
  s = applySnapshot(s, {
    requests: [{ ...queued, state: 'CLAIMED', specialistName: 'Li Wei' }],
    today: [{ ...queued, state: 'CLAIMED' }, { id: 'r0', state: 'RESOLVED', raisedAt: '2026-01-01T09:00:00.000Z', rated: true }],
    chat: [{ requestId: 'r1', from: 'spec-1', fromName: 'Li Wei', text: 'coming', at: 't1' }],
  });
  assert.equal(phaseOf(s), 'claimed');
  assert.equal(s.chat.length, 1);
  assert.deepEqual(s.today.map((r) => r.id), ['r1', 'r0']);
});

test('a request that was resolved while the widget was away asks for its rating', () => {
  let s = applyRaised(initialState(), queued);
  s = applySnapshot(s, { requests: [], today: [{ ...queued, state: 'RESOLVED', rated: false }], chat: [] });
  assert.equal(phaseOf(s), 'rate');
});

test('a chat line heard twice is shown once, and lines of other requests not at all', () => {
  let s = applyRequest(applyRaised(initialState(), queued), { ...queued, state: 'CLAIMED' });
  const line = { requestId: 'r1', from: 'spec-1', fromName: 'Li Wei', text: 'hi', at: 't1' };
  s = applySaid(applySaid(s, line), line);
  s = applySaid(s, { ...line, requestId: 'r9' });
  assert.equal(s.chat.length, 1);
});

test('an older answer picked from history is the one rated', () => {
  let s = applySnapshot(initialState(), {
    requests: [],
    today: [{ id: 'r0', state: 'RESOLVED', raisedAt: 'a', rated: false }],
  });
  assert.equal(phaseOf(s), 'idle');
  s = { ...s, rating: 'r0' };
  assert.equal(phaseOf(s), 'rate');
  assert.equal(ratingTarget(s).id, 'r0');
  s = applyRated(s, 'r0');
  assert.equal(s.rating, null);
});

test('the wait counts from the server raise time, or from the click while it is pending', () => {
  const s = applyRaised(initialState(), queued);
  assert.equal(waitedSeconds(s, Date.parse('2026-01-01T10:01:05.000Z')), 65);
  assert.equal(waitedSeconds({ ...initialState(), pending: { at: 1000 } }, 4000), 3);
});

test('the shortcut matches by key position, with exactly the named modifiers', async () => {
  const { matchesShortcut } = await import('../../main/resources/META-INF/resources/widget/model.js');
  const key = (code, mods = {}) => ({ code, key: '?', altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
  assert.ok(matchesShortcut(key('KeyH', { altKey: true, shiftKey: true }), 'Alt+Shift+H'));
  assert.ok(!matchesShortcut(key('KeyH', { altKey: true }), 'Alt+Shift+H'));
  assert.ok(!matchesShortcut(key('KeyH', { altKey: true, shiftKey: true, ctrlKey: true }), 'Alt+Shift+H'));
  assert.ok(matchesShortcut(key('F9', { ctrlKey: true }), 'Control+F9') === false, 'F9 compares by key');
  assert.ok(matchesShortcut({ ...key('F9', { ctrlKey: true }), key: 'F9' }, 'Ctrl+F9'));
  assert.ok(!matchesShortcut(key('KeyH', { altKey: true, shiftKey: true }), 'none'));
});

test('an offered request keeps its waiting clock and place in line, and can still be amended', () => {
  let s = applyRaised(initialState(), queued);
  s = applyRequest(s, { ...queued, state: 'OFFERED', offeredTo: 'spec-2' });
  assert.equal(phaseOf(s), 'offered');
  assert.equal(s.request.position, 2);
  assert.equal(waitedSeconds(s, Date.parse('2026-01-01T10:00:30.000Z')), 30);
  s = applyRequest(s, { ...queued, state: 'OFFERED', topic: 'billing', urgent: true });
  assert.equal(s.request.topic, 'billing');
  assert.equal(phaseOf(s), 'offered');
});

test('a new place in line changes the place and nothing else', () => {
  let s = applyRaised(initialState(), { ...queued, topic: 'policy', note: 'refund?' });
  const before = s.request;
  s = applyRequest(s, { id: 'r1', state: 'QUEUED', position: 1, estimatedWait: 15 });
  assert.deepEqual(s.request, { ...before, position: 1, estimatedWait: 15 });
  assert.equal(s.today.length, 1);
  assert.equal(phaseOf(s), 'waiting');
});

test('the claimed request carries the specialist seat to show', () => {
  const s = applyRequest(applyRaised(initialState(), queued), { ...queued, state: 'CLAIMED', specialistName: 'Li Wei', specialistSeat: 'C-14' });
  assert.equal(s.request.specialistSeat, 'C-14');
});

test('a flagged answer is marked in today and on the request', async () => {
  const { applyFlagged } = await import('../../main/resources/META-INF/resources/widget/model.js');
  const resolved = { ...queued, state: 'RESOLVED', rated: true };
  const s = applyFlagged(applyRequest(initialState(), resolved), 'r1');
  assert.equal(s.today[0].flagged, true);
  assert.equal(s.request.flagged, true);
});
