import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, backoffDelay, newClientKey, renewDelay, socketUrl } from '../../main/resources/META-INF/resources/widget/session.js';

/** A socket the test plays the server for. */
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { if (!this.closed) { this.closed = true; this.onclose?.(); } }
  // the server's side
  open() { this.onopen(); }
  deliver(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
  welcome(user = { id: 'agent-1', name: 'Agent 1', roles: ['AGENT'] }, snapshot = {}) {
    this.open();
    this.deliver({ type: 'welcome', user });
    this.deliver({ type: 'snapshot', requests: [], today: [], chat: [], ...snapshot });
  }
  drop() { this.closed = true; this.onclose(); }
  frames(type) { return this.sent.filter((f) => f.type === type); }
}

class FakeTimers {
  constructor() { this.now = 1_000_000; this.queue = []; this.seq = 0; }
  setTimeout = (f, ms) => { const id = ++this.seq; this.queue.push({ id, at: this.now + ms, f }); return id; };
  clearTimeout = (id) => { this.queue = this.queue.filter((t) => t.id !== id); };
  advance(ms) {
    this.now += ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.clearTimeout(due.id);
      due.f();
    }
  }
}

class MemoryStorage {
  map = new Map();
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

function session({ storage = new MemoryStorage(), timers = new FakeTimers(), keys = ['k1', 'k2', 'k3'] } = {}) {
  FakeSocket.all = [];
  const events = [];
  const s = new Session({
    url: 'ws://floor/ws', token: 't', WebSocket: FakeSocket, storage,
    setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, now: () => timers.now,
    random: () => 0.5, newKey: () => keys.shift(), onEvent: (name, detail) => events.push({ name, detail }),
  });
  return { s, storage, timers, events, socket: () => FakeSocket.all.at(-1) };
}

const flush = () => new Promise((r) => setImmediate(r));
const queued = (clientKey) => ({ id: 'r1', state: 'QUEUED', raisedAt: new Date().toISOString(), position: 1, rated: false, clientKey });

test('hello carries the token and the snapshot makes the session online', () => {
  const { s, socket } = session();
  s.start();
  socket().open();
  assert.deepEqual(socket().sent[0], { type: 'hello', ref: 'hello', token: 't' });
  socket().deliver({ type: 'welcome', user: { id: 'agent-1' } });
  assert.equal(s.status, 'connecting');
  socket().deliver({ type: 'snapshot', requests: [], today: [] });
  assert.equal(s.status, 'online');
});

test('a click while online raises at once with a fresh client key', async () => {
  const { s, socket, storage, events } = session();
  s.start();
  socket().welcome();
  assert.equal(s.raise(), 'k1');
  assert.equal(s.raise(), null, 'a double click is one request');
  const [raise] = socket().frames('raise');
  assert.equal(raise.clientKey, 'k1');
  assert.equal(socket().frames('raise').length, 1);
  socket().deliver({ type: 'ack', ref: raise.ref, request: queued('k1') });
  await flush();
  assert.equal(s.state.pending, null);
  assert.equal(s.state.request.id, 'r1');
  assert.equal(storage.map.size, 0, 'nothing left to send');
  assert.deepEqual(events.find((e) => e.name === 'raised').detail, { clientKey: 'k1', queued: false });
});

test('a click while the connection is down is kept and sent once when it is back', async () => {
  const { s, socket, timers } = session();
  s.start();
  socket().drop();
  assert.equal(s.status, 'offline');
  s.raise();
  assert.equal(s.state.pending.clientKey, 'k1');
  timers.advance(backoffDelay(1, () => 0.5));
  assert.equal(FakeSocket.all.length, 2, 'reconnected after the backoff');
  socket().welcome();
  const raises = socket().frames('raise');
  assert.equal(raises.length, 1);
  assert.equal(raises[0].clientKey, 'k1');
  socket().deliver({ type: 'ack', ref: raises[0].ref, request: queued('k1') });
  await flush();
  assert.equal(s.state.pending, null);
  assert.equal(FakeSocket.all.flatMap((x) => x.frames('raise')).length, 1);
});

test('a click whose ack was lost is sent again with the same key, so the server dedupes it', async () => {
  const { s, socket, timers } = session();
  s.start();
  socket().welcome();
  s.raise();
  socket().drop(); // the raise may or may not have reached the server
  await flush();
  assert.equal(s.state.pending.clientKey, 'k1', 'still kept');
  timers.advance(10_000);
  socket().welcome(undefined, { requests: [queued('k1')] });
  const again = socket().frames('raise');
  assert.equal(again.length, 1);
  assert.equal(again[0].clientKey, 'k1');
});

test('a kept click survives a page reload', () => {
  const storage = new MemoryStorage();
  const first = session({ storage });
  first.s.start();
  first.socket().drop();
  first.s.raise();
  first.s.stop();

  const reloaded = session({ storage, keys: ['other'] });
  assert.equal(reloaded.s.state.pending.clientKey, 'k1');
  reloaded.s.start();
  reloaded.socket().welcome();
  assert.equal(reloaded.socket().frames('raise')[0].clientKey, 'k1');
});

test('a kept click of another agent on a shared browser is not sent', () => {
  const storage = new MemoryStorage();
  storage.setItem('handup:pending:ws://floor/ws', JSON.stringify({ clientKey: 'theirs', at: 1, user: 'agent-9' }));
  const { s, socket } = session({ storage });
  s.start();
  socket().welcome({ id: 'agent-1' });
  assert.equal(socket().frames('raise').length, 0);
  assert.equal(s.state.pending, null);
  assert.equal(storage.map.size, 0);
});

test('reconnects back off from half a second up to thirty seconds', () => {
  assert.equal(backoffDelay(1, () => 0.5), 500);
  assert.equal(backoffDelay(2, () => 0.5), 1000);
  assert.equal(backoffDelay(4, () => 0.5), 4000);
  assert.equal(backoffDelay(20, () => 0.5), 30000);
  assert.ok(backoffDelay(3, () => 0) < backoffDelay(3, () => 1), 'jitter spreads a floor of widgets');
  const { s, socket, timers } = session();
  s.start();
  socket().drop();
  timers.advance(500);
  socket().drop();
  assert.equal(s.retryAt - timers.now, 1000);
  timers.advance(1000);
  socket().welcome();
  assert.equal(s.attempt, 0, 'a good connection starts the backoff over');
});

test('a refused token stops reconnecting and asks for a new one', () => {
  const { s, socket, events, timers } = session();
  s.start();
  socket().open();
  socket().deliver({ type: 'error', ref: 'hello', code: 'unauthenticated', message: 'expired' });
  socket().drop();
  timers.advance(60_000);
  assert.equal(FakeSocket.all.length, 1);
  assert.equal(s.status, 'unauthenticated');
  assert.ok(events.some((e) => e.name === 'token-expired'));
  s.setToken('fresh');
  assert.equal(FakeSocket.all.length, 2);
  socket().open();
  assert.equal(socket().sent[0].token, 'fresh');
});

test('a reply that never comes drops the socket, and the kept click goes out again', async () => {
  const { s, socket, timers } = session();
  s.start();
  socket().welcome();
  s.raise();
  timers.advance(10_000);
  await flush();
  assert.equal(s.status, 'offline');
  assert.equal(s.state.pending.clientKey, 'k1');
});

test('a refused raise is not kept for ever', async () => {
  const { s, socket } = session();
  s.start();
  socket().welcome();
  s.raise();
  const [raise] = socket().frames('raise');
  socket().deliver({ type: 'error', ref: raise.ref, code: 'forbidden', message: 'agents only' });
  await flush();
  assert.equal(s.state.pending, null);
  assert.equal(s.lastError.code, 'forbidden');
});

test('amend, chat and rating go out as their frames', async () => {
  const { s, socket } = session();
  s.start();
  socket().welcome(undefined, { requests: [queued('k0')] });
  const amended = s.amend({ topic: 'billing', urgent: true });
  const amend = socket().frames('amend')[0];
  assert.deepEqual({ ...amend, ref: undefined }, { type: 'amend', ref: undefined, requestId: 'r1', topic: 'billing', urgent: true });
  socket().deliver({ type: 'ack', ref: amend.ref, request: { ...queued('k0'), topic: 'billing', urgent: true } });
  await amended;
  assert.equal(s.state.request.topic, 'billing');

  socket().deliver({ type: 'request', request: { ...queued('k0'), state: 'RESOLVED' } });
  const rated = s.rate('r1', 4, { wrong: true });
  const rate = socket().frames('rate')[0];
  assert.equal(rate.score, 4);
  assert.equal(rate.wrong, true);
  socket().deliver({ type: 'ack', ref: rate.ref });
  await rated;
  assert.equal(s.state.request.rated, true);
});

test('actions while offline fail at once instead of hanging', async () => {
  const { s, socket } = session();
  s.start();
  socket().drop();
  await assert.rejects(s.call('say', { text: 'x' }), (e) => e.code === 'offline');
});

test('the socket address follows the server address', () => {
  assert.equal(socketUrl('http://localhost:8080'), 'ws://localhost:8080/ws');
  assert.equal(socketUrl('https://help.example.com/handup/'), 'wss://help.example.com/handup/ws');
});

test('a token is renewed five minutes before it expires', () => {
  assert.equal(renewDelay('2026-01-01T10:00:00Z', Date.parse('2026-01-01T09:00:00Z')), 55 * 60_000);
  assert.equal(renewDelay('2026-01-01T10:00:00Z', Date.parse('2026-01-01T09:58:00Z')), 0);
  assert.equal(renewDelay(null, 0), null);
});

test('client keys are UUIDs', () => {
  assert.match(newClientKey(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('turned out wrong goes out with the reason when one is given, and without it when not', async () => {
  const { s, socket } = session();
  s.start();
  socket().welcome(undefined, { today: [{ id: 'r1', state: 'RESOLVED', raisedAt: 'a', rated: true }, { id: 'r2', state: 'RESOLVED', raisedAt: 'b', rated: true }] });
  const first = s.flag('r1', 'the refund rule changed in March');
  const [withReason] = socket().frames('flag');
  assert.deepEqual({ ...withReason, ref: undefined }, { type: 'flag', ref: undefined, requestId: 'r1', reason: 'the refund rule changed in March' });
  socket().deliver({ type: 'ack', ref: withReason.ref });
  await first;
  assert.equal(s.state.today.find((r) => r.id === 'r1').flagged, true);
  s.flag('r2', '');
  assert.equal('reason' in socket().frames('flag')[1], false, 'an empty reason is no reason');
});

test('details can be added while a specialist is being offered the request', async () => {
  const { s, socket } = session();
  s.start();
  socket().welcome(undefined, { requests: [{ ...queued('k0'), state: 'OFFERED' }] });
  const amended = s.amend({ note: 'roaming charged twice' });
  const [amend] = socket().frames('amend');
  assert.equal(amend.note, 'roaming charged twice');
  socket().deliver({ type: 'ack', ref: amend.ref, request: { ...queued('k0'), state: 'OFFERED', note: 'roaming charged twice' } });
  await amended;
  assert.equal(s.state.request.state, 'OFFERED');
  assert.equal(s.state.request.note, 'roaming charged twice');
});

test('a new place in line is a change to show, not a new state', () => {
  const { s, socket, events } = session();
  s.start();
  socket().welcome(undefined, { requests: [{ ...queued('k0'), position: 3 }] });
  socket().deliver({ type: 'request', request: { ...queued('k0'), position: 2, estimatedWait: 30 } });
  assert.equal(s.state.request.position, 2);
  assert.equal(events.filter((e) => e.name === 'state').length, 0);
});
