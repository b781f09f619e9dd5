// What the agent sees, as plain data: frames and clicks reduced to state (no DOM).

export const OPEN_STATES = ['QUEUED', 'OFFERED', 'CLAIMED'];
export const TOPICS = ['billing', 'technical', 'policy'];
const isOpen = (r) => !!r && OPEN_STATES.includes(r.state);

export function initialState() {
	return {
		user: null, // {id, name, roles} once welcomed
		request: null, // the open request, or the one to rate
		pending: null, // {clientKey, at, user}: a click not acknowledged yet
		chat: [], // lines of the current request
		today: [], // today's requests, newest first
		rating: null, // id of an older request picked to rate
		dismissed: [], // resolved requests left to rate later
		thanked: null, // id of the request just rated
	};
}

/** After every (re)connect: the server is the truth. */
export function applySnapshot(state, snapshot) {
	const open = snapshot.requests?.[0] ?? null;
	const today = sortToday(snapshot.today ?? []);
	// the request we showed may have ended while we were away: today's list says how
	const request = open ?? (state.request && today.find((r) => r.id === state.request.id)) ?? null;
	const chat = open ? (snapshot.chat ?? []).filter((l) => l.requestId === open.id) : [];
	return { ...state, request, today, chat };
}

/** A `request` event or ack, merged: a move in line changes nothing else. */
export function applyRequest(state, request) {
	if (!request) return state;
	const today = sortToday(upsert(state.today, request));
	const current = state.request;
	let next = current;
	if (current?.id === request.id) next = { ...current, ...request };
	else if (!current || isOpen(request)) next = request;
	const chat = current && next.id !== current.id ? [] : state.chat;
	return { ...state, request: next, today, chat };
}

/** The click has arrived, exactly once. */
export function applyRaised(state, request) {
	return applyRequest({ ...state, pending: null, thanked: null }, request);
}

export function applySaid(state, line) {
	if (!state.request || line.requestId !== state.request.id) return state;
	// a line can come twice (the live event and a reconnect's snapshot); keep one
	if (state.chat.some((l) => l.at === line.at && l.from === line.from && l.text === line.text)) return state;
	return { ...state, chat: [...state.chat, line] };
}

export function applyRated(state, requestId) {
	const s = mark(state, requestId, { rated: true });
	return { ...s, rating: s.rating === requestId ? null : s.rating, thanked: requestId };
}

export function applyFlagged(state, requestId) {
	return mark(state, requestId, { flagged: true });
}

function mark(state, id, fields) {
	const set = (r) => (r?.id === id ? { ...r, ...fields } : r);
	return { ...state, request: set(state.request), today: state.today.map(set) };
}

/** idle, sending (not yet acked), waiting, offered, claimed, rate, thanks (just rated). */
export function phaseOf(state) {
	const r = state.request;
	if (isOpen(r)) return { QUEUED: 'waiting', OFFERED: 'offered', CLAIMED: 'claimed' }[r.state];
	if (state.rating) return 'rate';
	if (state.pending) return 'sending';
	if (r?.state === 'RESOLVED' && !r.rated && !state.dismissed.includes(r.id)) return 'rate';
	if (r && state.thanked === r.id) return 'thanks';
	return 'idle';
}

export function ratingTarget(state) {
	if (state.rating) return state.today.find((r) => r.id === state.rating) ?? null;
	return state.request?.state === 'RESOLVED' ? state.request : null;
}

/** Not while a click or a request is on its way. */
export function canRaise(state) {
	return ['idle', 'thanks', 'rate'].includes(phaseOf(state));
}

/** From the server's raise time, or the click while it is pending. */
export function waitedSeconds(state, now) {
	const from = isOpen(state.request) ? Date.parse(state.request.raisedAt) : state.pending?.at;
	return from ? Math.max(0, (now - from) / 1000) : 0;
}

function upsert(list, request) {
	const i = list.findIndex((r) => r.id === request.id);
	if (i < 0) return [request, ...list];
	const copy = list.slice();
	copy[i] = { ...copy[i], ...request };
	return copy;
}

function sortToday(list) {
	return list.slice().sort((a, b) => String(b.raisedAt).localeCompare(String(a.raisedAt)));
}

/** "Alt+Shift+H": letters and digits by key position, so any keyboard layout works. */
export function matchesShortcut(e, shortcut) {
	if (!shortcut || shortcut === 'none') return false;
	const alias = { control: 'ctrl', option: 'alt', cmd: 'meta', command: 'meta' };
	const parts = shortcut.toLowerCase().split('+').map((p) => alias[p.trim()] ?? p.trim());
	const key = parts.pop();
	const mods = { alt: e.altKey, shift: e.shiftKey, ctrl: e.ctrlKey, meta: e.metaKey };
	if (Object.entries(mods).some(([name, down]) => parts.includes(name) !== down)) return false;
	const code = /^[a-z]$/.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : null;
	return code ? e.code === code : String(e.key).toLowerCase() === key;
}
