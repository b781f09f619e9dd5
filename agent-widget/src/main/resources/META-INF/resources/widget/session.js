// The socket: reconnect, resync from each snapshot, the click never lost nor doubled. No DOM:
// socket, storage and timers are handed in (node tests use fakes).

import { OPEN_STATES, applyFlagged, applyRaised, applyRated, applyRequest, applySaid, applySnapshot, canRaise, initialState } from './model.js';

const REPLY_PATIENCE_MS = 10_000;
export const RENEW_LEAD_MS = 5 * 60_000;

/** Before attempt n (1, 2, …): 0.5 s doubling to 30 s; jitter spreads a floor of widgets. */
export function backoffDelay(attempt, random = Math.random) {
	const base = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
	return Math.round(base * (0.75 + random() * 0.5));
}

/** UUID v4; randomUUID needs a secure context, getRandomValues does not (http CRMs). */
export function newClientKey() {
	if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 15) | 64; // version 4
	b[8] = (b[8] & 63) | 128; // variant 10
	return [...b].map((x) => x.toString(16).padStart(2, '0')).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

/** Five minutes before expiry (now, if that has passed). */
export function renewDelay(expiresAt, now) {
	const at = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt;
	return Number.isFinite(at) ? Math.max(0, at - RENEW_LEAD_MS - now) : null;
}

/**
 * JSON in web storage (an object, or 'localStorage' by name): read without a value, remove with
 * null. Storage blocked in third-party frames, private mode or a full quota: memory only.
 */
export function keep(storage, key, value) {
	try {
		const area = typeof storage === 'string' ? globalThis[storage] : storage;
		if (value === undefined) return JSON.parse(area?.getItem(key) ?? null);
		if (value) area?.setItem(key, JSON.stringify(value));
		else area?.removeItem(key);
	} catch {
		return null;
	}
}

export function socketUrl(server) {
	return new URL('ws', server.replace(/[?#].*/, '').replace(/\/?$/, '/')).href.replace(/^http/, 'ws');
}

export class Session {
	constructor(o) {
		const defaults = { storageKey: `handup:pending:${o.url}`, onChange() {}, onEvent() {}, random: Math.random, newKey: newClientKey };
		Object.assign(this, defaults, { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t), now: Date.now }, o);
		this.state = { ...initialState(), pending: keep(this.storage, this.storageKey) };
		this.status = 'connecting'; // connecting | online | offline | unauthenticated | stopped
		this.attempt = 0;
		this.retryAt = this.lastError = this.socket = this.retryTimer = null;
		this.replies = new Map();
		this.refs = 0;
	}

	start() {
		if (this.status === 'stopped') this.status = 'connecting';
		this.#connect();
		return this;
	}

	stop() {
		this.status = 'stopped';
		this.clearTimeout(this.retryTimer);
		this.#failReplies('stopped');
		const s = this.socket;
		this.socket = null;
		s?.close(1000, 'bye');
	}

	/** Used from the next connect on: an open socket stays signed in. */
	setToken(token) {
		this.token = token;
		if (this.status !== 'unauthenticated') return;
		this.status = 'connecting';
		this.attempt = 0;
		this.#connect();
	}

	/** The browser says it is online again: why wait out the backoff? */
	retryNow() {
		if (this.status !== 'offline') return;
		this.clearTimeout(this.retryTimer);
		this.#connect();
	}

	/** One click: raised at once, or kept until the server can hear it. */
	raise() {
		if (!canRaise(this.state)) return null;
		const pending = { clientKey: this.newKey(), at: this.now(), user: this.state.user?.id ?? null };
		this.#set({ pending, rating: null, thanked: null });
		this.onEvent('raised', { clientKey: pending.clientKey, queued: this.status !== 'online' });
		if (this.status === 'online') this.#sendRaise();
		return pending.clientKey;
	}

	cancel(why) {
		const r = this.state.request;
		if (this.state.pending && !OPEN_STATES.includes(r?.state)) {
			// not heard yet; if it was after all, the snapshot shows it again
			this.#set({ pending: null });
			return Promise.resolve();
		}
		return r ? this.#requestCall('cancel', why) : Promise.resolve();
	}

	/** Topic, urgent, note: added while waiting or offered, never needed to ask. */
	amend(fields) {
		return this.#requestCall('amend', fields);
	}

	say(text) {
		return this.call('say', { requestId: this.state.request.id, text });
	}

	rate(requestId, score, extra = {}) {
		return this.call('rate', { requestId, score, ...extra }).then(() => {
			this.#apply(applyRated, requestId);
			this.onEvent('rated', { requestId, score, wrong: !!extra.wrong });
		});
	}

	/** "Turned out wrong", later that day; the reason is optional. */
	flag(requestId, reason) {
		return this.call('flag', { requestId, reason: reason || undefined }).then(() => this.#apply(applyFlagged, requestId));
	}

	/** It stays in today's history, to rate from there. */
	rateLater() {
		const target = this.state.rating ?? this.state.request?.id;
		this.#set({ rating: null, dismissed: target ? [...this.state.dismissed, target] : this.state.dismissed });
	}

	/** An earlier answer of today; the open request comes first. */
	pickForRating(requestId) {
		if (canRaise(this.state)) this.#set({ rating: requestId, thanked: null });
	}

	call(type, fields = {}) {
		if (this.status !== 'online') return Promise.reject({ code: 'offline', message: 'Not connected' });
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

	#requestCall(type, fields) {
		return this.call(type, { requestId: this.state.request.id, ...fields }).then((ack) => this.#request(ack.request));
	}

	#connect() {
		if (this.status === 'stopped' || this.socket) return;
		this.retryAt = null;
		let socket;
		try {
			socket = this.socket = new this.WebSocket(this.url);
		} catch {
			return this.#lost();
		}
		this.onChange(this);
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
		if (this.status !== 'stopped' && this.status !== 'unauthenticated') {
			this.status = 'offline';
			const delay = backoffDelay(++this.attempt, this.random);
			this.retryAt = this.now() + delay;
			this.retryTimer = this.setTimeout(() => this.#connect(), delay);
			this.onEvent('connection', { status: 'offline', retryInMs: delay });
		}
		this.onChange(this);
	}

	#receive(frame) {
		const { type } = frame;
		if (type === 'welcome') {
			this.state = { ...this.state, user: frame.user };
		} else if (type === 'snapshot') {
			this.status = 'online';
			this.attempt = 0;
			this.state = applySnapshot(this.state, frame);
			this.onEvent('connection', { status: 'online' });
			this.#flush();
			this.onChange(this);
		} else if (type === 'request') {
			this.#request(frame.request);
		} else if (type === 'said') {
			this.onEvent('said', frame);
			this.#apply(applySaid, frame);
		} else if (type === 'ack' || type === 'error') {
			this.#reply(frame);
		} // else an event of a newer server that this widget does not show
	}

	#reply(frame) {
		if (frame.code === 'unauthenticated') {
			this.status = 'unauthenticated';
			this.lastError = frame;
			this.onEvent('token-expired', { message: frame.message });
			return this.onChange(this);
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
		this.onChange(this);
	}

	/** After every snapshot the kept click goes out, with its first key. */
	#flush() {
		const { pending, user } = this.state;
		if (!pending) return;
		// someone else's click on a shared browser is not ours to send
		if (pending.user && user && pending.user !== user.id) this.#set({ pending: null }, false);
		else this.#sendRaise();
	}

	#sendRaise() {
		const { clientKey } = this.state.pending;
		this.call('raise', { clientKey }).then(
			(ack) => {
				if (this.state.pending?.clientKey !== clientKey) return;
				this.state = applyRaised(this.state, ack.request);
				this.#savePending();
				this.onEvent('state', { state: ack.request.state, request: ack.request });
				this.onChange(this);
			},
			(error) => {
				// the click stays, to go out again after the next snapshot
				if (['offline', 'timeout', 'stopped'].includes(error.code)) return;
				if (error.code === 'unavailable' || error.code === 'rate_limited') return this.socket?.close(4001, 'retry later');
				this.lastError = error;
				this.#set({ pending: null });
			},
		);
	}

	#apply(reduce, value) {
		this.state = reduce(this.state, value);
		this.onChange(this);
	}

	/** Storage stays in step with the pending click. */
	#set(fields, notify = true) {
		this.state = { ...this.state, ...fields };
		if ('pending' in fields) this.#savePending();
		if (notify) this.onChange(this);
	}

	#failReplies(code) {
		for (const { timer, reject } of this.replies.values()) {
			this.clearTimeout(timer);
			reject({ code, message: 'The connection closed' });
		}
		this.replies.clear();
	}

	#savePending() {
		keep(this.storage, this.storageKey, this.state.pending);
	}
}
