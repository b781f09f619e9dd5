import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FloorConnection } from '../../../main/resources/static/board/connection.js';

/** A socket the test plays the server of. */
class FakeSocket {
  constructor(url) {
    this.url = url;
    this.sent = [];
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.onclose?.();
  }
  open() {
    this.onopen();
  }
  receive(frame) {
    this.onmessage({ data: JSON.stringify(frame) });
  }
}

function harness(token = 'tok') {
  const sockets = [];
  const timers = [];
  const statuses = [];
  const frames = [];
  const connection = new FloorConnection({
    url: 'ws://x/ws',
    getToken: async () => token,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onFrame: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s),
    timers: {
      setTimeout: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimeout: () => {},
    },
    random: () => 1,
  });
  return { connection, sockets, timers, statuses, frames };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('says hello with the token and hands on the welcome and snapshot', async () => {
  const h = harness();
  h.connection.start();
  await settle();
  h.sockets[0].open();
  assert.deepEqual(h.sockets[0].sent[0], { type: 'hello', ref: 'hello', token: 'tok' });
  h.sockets[0].receive({ type: 'welcome', user: { id: 'spec-1' } });
  h.sockets[0].receive({ type: 'snapshot', requests: [] });
  assert.deepEqual(h.frames.map((f) => f.type), ['welcome', 'snapshot']);
  assert.equal(h.statuses.at(-1).state, 'online');
});

test('a reply settles the call with its ref: ack resolves, error rejects', async () => {
  const h = harness();
  h.connection.start();
  await settle();
  const socket = h.sockets[0];
  socket.open();
  socket.receive({ type: 'welcome', user: {} });
  const claim = h.connection.send('claim', { requestId: 'r1' });
  const again = h.connection.send('claim', { requestId: 'r2' });
  const [first, second] = socket.sent.slice(1);
  assert.equal(first.type, 'claim');
  socket.receive({ type: 'error', ref: second.ref, code: 'conflict', message: 'Already claimed by Spec 2' });
  socket.receive({ type: 'ack', ref: first.ref, request: { id: 'r1' } });
  assert.equal((await claim).request.id, 'r1');
  await assert.rejects(again, { code: 'conflict', message: 'Already claimed by Spec 2' });
  assert.equal(h.frames.filter((f) => f.type === 'ack' || f.type === 'error').length, 0);
});

test('a dropped socket fails pending calls and comes back with growing delays', async () => {
  const h = harness();
  h.connection.start();
  await settle();
  h.sockets[0].open();
  h.sockets[0].receive({ type: 'welcome', user: {} });
  const pending = h.connection.send('resolve', { requestId: 'r' });
  h.sockets[0].close();
  await assert.rejects(pending, { code: 'offline' });
  const retries = () => h.timers.filter((x) => x.ms >= 500 && x.ms <= 15000 && x.ms !== 10000);
  assert.equal(retries().at(-1).ms, 500);
  retries().at(-1).fn();
  await settle();
  h.sockets[1].close();
  assert.equal(retries().at(-1).ms, 1000);
  retries().at(-1).fn();
  await settle();
  h.sockets[2].open();
  h.sockets[2].receive({ type: 'welcome', user: {} });
  assert.equal(h.statuses.at(-1).state, 'online');
  // back online: the next drop starts again from the shortest delay
  h.sockets[2].close();
  assert.equal(retries().at(-1).ms, 500);
});

test('a refused hello stops retrying and says the sign-in ended', async () => {
  const h = harness();
  h.connection.start();
  await settle();
  h.sockets[0].open();
  h.sockets[0].receive({ type: 'error', ref: 'hello', code: 'unauthenticated', message: 'no' });
  h.sockets[0].close();
  assert.equal(h.statuses.at(-1).state, 'signedOut');
  assert.equal(h.sockets.length, 1);
});

test('sending while offline fails at once', async () => {
  const h = harness();
  await assert.rejects(h.connection.send('claim', {}), { code: 'offline' });
});
