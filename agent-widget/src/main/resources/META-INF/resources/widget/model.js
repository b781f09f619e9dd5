// What the agent sees, as plain data: the reducer from server frames and clicks to the widget's
// state, and the phase the element renders. No DOM here, so node tests it as is.

export const OPEN_STATES = ['QUEUED', 'OFFERED', 'CLAIMED'];
export const TOPICS = ['billing', 'technical', 'policy'];

export function initialState() {
  return {
    user: null, // {id, name, roles} once welcomed
    request: null, // the request the widget is about: the open one, or the one to rate
    pending: null, // {clientKey, at}: a click the server has not acknowledged yet
    chat: [], // lines of the current request
    today: [], // today's requests, newest first
    rating: null, // id of an older request the agent chose to rate from history
    dismissed: [], // resolved requests the agent chose to rate later
    thanked: null, // id of the request just rated, for a short thank-you
  };
}

/** The snapshot after every (re)connect replaces what we knew: the server is the truth. */
export function applySnapshot(state, snapshot) {
  const open = (snapshot.requests ?? [])[0] ?? null;
  const today = sortToday(snapshot.today ?? []);
  let request = open;
  if (!request && state.request) {
    // the request we showed may have ended while we were away: today's list has how it ended
    request = today.find((r) => r.id === state.request.id) ?? null;
  }
  const chat = open ? (snapshot.chat ?? []).filter((l) => l.requestId === open.id) : [];
  return { ...state, request, today, chat };
}

/** A `request` event or an ack carrying one. */
export function applyRequest(state, request) {
  if (!request) return state;
  const today = sortToday(upsert(state.today, request));
  const current = state.request;
  let next = current;
  if (!current || current.id === request.id) {
    next = { ...(current?.id === request.id ? current : {}), ...request };
  } else if (OPEN_STATES.includes(request.state)) {
    next = request;
  }
  const chat = next && current && next.id !== current.id ? [] : state.chat;
  return { ...state, request: next, today, chat };
}

/** The server acknowledged the raise: the click has arrived, exactly once. */
export function applyRaised(state, request) {
  return applyRequest({ ...state, pending: null, thanked: null }, request);
}

export function applySaid(state, line) {
  if (!state.request || line.requestId !== state.request.id) return state;
  // a line can come twice (the ack's echo and a reconnect's snapshot); keep one
  if (state.chat.some((l) => l.at === line.at && l.from === line.from && l.text === line.text)) {
    return state;
  }
  return { ...state, chat: [...state.chat, line] };
}

export function applyRated(state, requestId) {
  const mark = (r) => (r.id === requestId ? { ...r, rated: true } : r);
  return {
    ...state,
    request: state.request ? mark(state.request) : null,
    today: state.today.map(mark),
    rating: state.rating === requestId ? null : state.rating,
    thanked: requestId,
  };
}

export function applyFlagged(state, requestId) {
  const mark = (r) => (r.id === requestId ? { ...r, flagged: true } : r);
  return { ...state, today: state.today.map(mark), request: state.request ? mark(state.request) : null };
}

/**
 * What to show:
 * - idle: the big button;
 * - sending: clicked, not yet acknowledged (offline or in flight);
 * - waiting / offered / claimed: the open request;
 * - rate: a resolved request not yet rated (or one picked from history);
 * - thanks: just rated.
 */
export function phaseOf(state) {
  const r = state.request;
  if (r && OPEN_STATES.includes(r.state)) {
    return { QUEUED: 'waiting', OFFERED: 'offered', CLAIMED: 'claimed' }[r.state];
  }
  if (state.rating) return 'rate';
  if (state.pending) return 'sending';
  if (r && r.state === 'RESOLVED' && !r.rated && !state.dismissed.includes(r.id)) return 'rate';
  if (r && state.thanked === r.id) return 'thanks';
  return 'idle';
}

/** The request the rating panel is about. */
export function ratingTarget(state) {
  if (state.rating) return state.today.find((r) => r.id === state.rating) ?? null;
  return state.request?.state === 'RESOLVED' ? state.request : null;
}

/** May the agent click "Need help" now? Not while a click or a request is on its way. */
export function canRaise(state) {
  const phase = phaseOf(state);
  return phase === 'idle' || phase === 'thanks' || phase === 'rate';
}

/** Seconds waited so far, from the server's raise time, or the click while it is pending. */
export function waitedSeconds(state, now) {
  const from = state.request && OPEN_STATES.includes(state.request.state)
    ? Date.parse(state.request.raisedAt)
    : state.pending?.at;
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

/** Does a keydown match "Alt+Shift+H"? By key position, so it works on any keyboard layout. */
export function matchesShortcut(e, shortcut) {
  if (!shortcut || shortcut === 'none') return false;
  const alias = { control: 'ctrl', option: 'alt', cmd: 'meta', command: 'meta' };
  const parts = shortcut.toLowerCase().split('+').map((p) => alias[p.trim()] ?? p.trim());
  const key = parts.pop();
  const mods = { alt: e.altKey, shift: e.shiftKey, ctrl: e.ctrlKey, meta: e.metaKey };
  for (const [name, down] of Object.entries(mods)) {
    if (parts.includes(name) !== down) return false;
  }
  const code = key.length === 1 && /[a-z]/.test(key) ? `Key${key.toUpperCase()}` : key.length === 1 && /\d/.test(key) ? `Digit${key}` : null;
  return code ? e.code === code : String(e.key).toLowerCase() === key;
}
