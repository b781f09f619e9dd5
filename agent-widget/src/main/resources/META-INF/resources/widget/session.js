// One agent's live session with the floor: the WebSocket with reconnect and backoff, the resync
// from each snapshot, and the click that must never be lost nor doubled. No DOM here: the socket
// class, storage and timers are handed in, so node tests drive it with fakes.

import {
  applyFlagged,
  applyRaised,
  applyRated,
  applyRequest,
  applySaid,
  applySnapshot,
  canRaise,
  initialState,
} from './model.js';

const REPLY_PATIENCE_MS = 10_000;
export const RENEW_LEAD_MS = 5 * 60_000;

/** Wait before reconnect attempt n (1, 2, …): doubling from 0.5 s up to 30 s, with jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** A random UUID v4; randomUUID needs a secure context, getRandomValues does not (http CRMs). */
export function newClientKey() {
  if (globalThis.crypto?.randomUUID) {
    try {
      return crypto.randomUUID();
    } catch {
      // not a secure context
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** When to ask for a fresh token: five minutes before it expires (now, if that has passed). */
export function renewDelay(expiresAt, now) {
  const at = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt;
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - RENEW_LEAD_MS - now);
}

/** The WebSocket address of a server given as http(s)://host[:port][/base]. */
export function socketUrl(server) {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = url.pathname.replace(/\/$/, '') + '/ws';
  url.search = '';
  url.hash = '';
  return url.toString();
}

export class Session {
  /** o: url, token, WebSocket (the class), storage (keeps a click over a reload), storageKey, onChange(session), onEvent(name, detail); timers, clock and keys for tests. */
  constructor(o) {
    this.url = o.url;
    this.token = o.token;
    this.WebSocket = o.WebSocket;
    this.storage = o.storage ?? null;
    this.storageKey = o.storageKey ?? `handup:pending:${o.url}`;
    this.onChange = o.onChange ?? (() => {});
    this.onEvent = o.onEvent ?? (() => {});
    this.setTimeout = o.setTimeout ?? ((f, ms) => setTimeout(f, ms));
    this.clearTimeout = o.clearTimeout ?? ((t) => clearTimeout(t));
    this.now = o.now ?? (() => Date.now());
    this.random = o.random ?? Math.random;
    this.newKey = o.newKey ?? newClientKey;
    this.state = initialState();
    this.state.pending = this.#loadPending();
    this.status = 'connecting'; // connecting | online | offline | unauthenticated | stopped
    this.attempt = 0;
    this.retryAt = null;
    this.lastError = null;
    this.socket = null;
    this.replies = new Map();
    this.refs = 0;
    this.retryTimer = null;
  }

  start() {
    if (this.status === 'stopped') this.status = 'connecting';
    this.#connect();
    return this;
  }

  /** Closes the socket for good (the element left the page). */
  stop() {
    this.status = 'stopped';
    this.clearTimeout(this.retryTimer);
    this.#failReplies('stopped');
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close(1000, 'bye');
    }
  }

  /** A new token is used from the next connect on; an open socket stays signed in. */
  setToken(token) {
    this.token = token;
    if (this.status === 'unauthenticated') {
      this.status = 'connecting';
      this.attempt = 0;
      this.#connect();
    }
  }

  /** Reconnect now rather than at the end of the backoff (the browser says it is online again). */
  retryNow() {
    if (this.status !== 'offline') return;
    this.clearTimeout(this.retryTimer);
    this.#connect();
  }

  // ---- the agent's actions

  /** One click: raise at once, or keep the click until the server can hear it. */
  raise() {
    if (!canRaise(this.state)) return null;
    const pending = { clientKey: this.newKey(), at: this.now(), user: this.state.user?.id ?? null };
    this.state = { ...this.state, pending, rating: null, thanked: null };
    this.#savePending();
    this.onEvent('raised', { clientKey: pending.clientKey, queued: this.status !== 'online' });
    this.#changed();
    if (this.status === 'online') this.#sendRaise();
    return pending.clientKey;
  }

  cancel() {
    const r = this.state.request;
    if (this.state.pending && !(r && ['QUEUED', 'OFFERED', 'CLAIMED'].includes(r.state))) {
      // withdrawn before the server heard it; if it did after all, the snapshot shows it again
      this.state = { ...this.state, pending: null };
      this.#savePending();
      this.#changed();
      return Promise.resolve();
    }
    if (!r) return Promise.resolve();
    return this.call('cancel', { requestId: r.id }).then((ack) => this.#request(ack.request));
  }

  /** Topic, urgent and note, added while waiting: never needed to ask. */
  amend(fields) {
    const r = this.state.request;
    return this.call('amend', { requestId: r.id, ...fields }).then((ack) => this.#request(ack.request));
  }

  say(text) {
    const r = this.state.request;
    return this.call('say', { requestId: r.id, text });
  }

  /** One tap is a rating; wrong and comment may come with it. */
  rate(requestId, score, extra = {}) {
    return this.call('rate', { requestId, score, ...extra }).then(() => {
      this.state = applyRated(this.state, requestId);
      this.onEvent('rated', { requestId, score, wrong: !!extra.wrong });
      this.#changed();
    });
  }

  flag(requestId, reason) {
    return this.call('flag', { requestId, ...(reason ? { reason } : {}) }).then(() => {
      this.state = applyFlagged(this.state, requestId);
      this.#changed();
    });
  }

  /** Leave the rating for later (it stays in today's history). */
  rateLater() {
    const target = this.state.rating ?? this.state.request?.id;
    this.state = {
      ...this.state,
      rating: null,
      dismissed: target ? [...this.state.dismissed, target] : this.state.dismissed,
    };
    this.#changed();
  }

  /** Rate an earlier answer of today from the history. */
  pickForRating(requestId) {
    if (!canRaise(this.state)) return; // the open request comes first
    this.state = { ...this.state, rating: requestId, thanked: null };
    this.#changed();
  }

  /** Sends a frame; resolves with its ack, rejects with {code, message}. */
  call(type, fields = {}) {
    if (this.status !== 'online') {
      return Promise.reject({ code: 'offline', message: 'Not connected' });
    }
    const ref = `w${++this.refs}`;
    return new Promise((resolve, reject) => {
      const timer = this.setTimeout(() => {
        this.replies.delete(ref);
        reject({ code: 'timeout', message: 'No answer from the server' });
        // a socket that swallows frames is dead in all but name
        this.socket?.close(4000, 'no reply');
      }, REPLY_PATIENCE_MS);
      this.replies.set(ref, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ type, ref, ...fields }));
    });
  }

  // ---- the connection

  #connect() {
    if (this.status === 'stopped' || this.socket) return;
    this.retryAt = null;
    let socket;
    try {
      socket = new this.WebSocket(this.url);
    } catch (e) {
      this.#lost();
      return;
    }
    this.socket = socket;
    this.#changed();
    socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', ref: 'hello', token: this.token }));
    socket.onmessage = (e) => this.#receive(JSON.parse(e.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.#failReplies('offline');
      this.#lost();
    };
    socket.onerror = () => {};
  }

  #lost() {
    if (this.status === 'stopped' || this.status === 'unauthenticated') {
      this.#changed();
      return;
    }
    this.status = 'offline';
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.random);
    this.retryAt = this.now() + delay;
    this.retryTimer = this.setTimeout(() => this.#connect(), delay);
    this.onEvent('connection', { status: 'offline', retryInMs: delay });
    this.#changed();
  }

  #receive(frame) {
    switch (frame.type) {
      case 'welcome':
        this.state = { ...this.state, user: frame.user };
        return;
      case 'snapshot':
        this.status = 'online';
        this.attempt = 0;
        this.state = applySnapshot(this.state, frame);
        this.onEvent('connection', { status: 'online' });
        this.#flush();
        this.#changed();
        return;
      case 'request':
        return this.#request(frame.request);
      case 'said':
        this.state = applySaid(this.state, frame);
        this.onEvent('said', frame);
        this.#changed();
        return;
      case 'ack':
      case 'error':
        return this.#reply(frame);
      default:
      // an event a newer server sends that this widget does not show
    }
  }

  #reply(frame) {
    if (frame.type === 'error' && frame.code === 'unauthenticated') {
      this.status = 'unauthenticated';
      this.lastError = frame;
      this.onEvent('token-expired', { message: frame.message });
      this.#changed();
      return;
    }
    const waiting = this.replies.get(frame.ref);
    if (!waiting) return;
    this.replies.delete(frame.ref);
    this.clearTimeout(waiting.timer);
    if (frame.type === 'ack') waiting.resolve(frame);
    else waiting.reject({ code: frame.code, message: frame.message });
  }

  #request(request) {
    if (!request) return;
    const before = this.state.request;
    this.state = applyRequest(this.state, request);
    const after = this.state.request;
    if (after && (before?.id !== after.id || before?.state !== after.state)) {
      this.onEvent('state', { state: after.state, request: after });
    }
    this.#changed();
  }

  /** After every snapshot: the click kept while we were away goes out, with its first key. */
  #flush() {
    const pending = this.state.pending;
    if (!pending) return;
    if (pending.user && this.state.user && pending.user !== this.state.user.id) {
      // someone else's click on a shared browser: not ours to send
      this.state = { ...this.state, pending: null };
      this.#savePending();
      return;
    }
    this.#sendRaise();
  }

  #sendRaise() {
    const { clientKey } = this.state.pending;
    this.call('raise', { clientKey }).then(
      (ack) => {
        if (this.state.pending?.clientKey !== clientKey) return;
        this.state = applyRaised(this.state, ack.request);
        this.#savePending();
        this.onEvent('state', { state: ack.request.state, request: ack.request });
        this.#changed();
      },
      (error) => {
        // offline or timeout: the click stays and goes out again after the next snapshot
        if (error.code === 'offline' || error.code === 'timeout' || error.code === 'stopped') return;
        if (error.code === 'unavailable' || error.code === 'rate_limited') {
          this.socket?.close(4001, 'retry later');
          return;
        }
        this.state = { ...this.state, pending: null };
        this.lastError = error;
        this.#savePending();
        this.#changed();
      },
    );
  }

  #failReplies(code) {
    for (const [, waiting] of this.replies) {
      this.clearTimeout(waiting.timer);
      waiting.reject({ code, message: 'The connection closed' });
    }
    this.replies.clear();
  }

  #loadPending() {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  #savePending() {
    try {
      const p = this.state.pending;
      if (p) this.storage?.setItem(this.storageKey, JSON.stringify(p));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // private mode or a full quota: the click still lives in memory
    }
  }

  #changed() {
    this.onChange(this);
  }
}
