// What the board knows and how it orders and times it. No DOM and no socket here: the page
// (board.js) draws this state, and node's test runner checks it without a browser.

export const WAITING = new Set(['QUEUED', 'OFFERED']);
export const ENDED = new Set(['RESOLVED', 'CANCELLED', 'EXPIRED']);
export const OUTCOMES = ['ANSWERED', 'ESCALATED', 'NO_ANSWER', 'CANT_FIND'];

/** Share of the service-level target after which a waiting clock turns amber. */
export const WARN_SHARE = 2 / 3;

/** Milliseconds since the epoch for an ISO time from the server, or null. */
export function parseTime(iso) {
  if (!iso) {
    return null;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Routing order, as the dispatcher offers them: urgent first, then oldest, then by id. */
export function compareRequests(a, b) {
  if (Boolean(a.urgent) !== Boolean(b.urgent)) {
    return a.urgent ? -1 : 1;
  }
  const byAge = (parseTime(a.raisedAt) ?? 0) - (parseTime(b.raisedAt) ?? 0);
  if (byAge !== 0) {
    return byAge;
  }
  return String(a.id).localeCompare(String(b.id));
}

/** Claimed requests: the longest-held first, so a stuck one stays in sight. */
export function compareClaimed(a, b) {
  const byClaim = (parseTime(a.claimedAt) ?? 0) - (parseTime(b.claimedAt) ?? 0);
  return byClaim !== 0 ? byClaim : String(a.id).localeCompare(String(b.id));
}

/** 'ok', then 'warn' (amber) as the wait nears the target, then 'late' (red) past it. */
export function clockLevel(waitMs, targetMs, warnShare = WARN_SHARE) {
  if (waitMs > targetMs) {
    return 'late';
  }
  if (waitMs >= targetMs * warnShare) {
    return 'warn';
  }
  return 'ok';
}

/** "0:07", "12:30", "1:02:03"; negative waits (clock skew) read as zero. */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole seconds left until a deadline, never below zero. */
export function secondsLeft(deadlineMs, nowMs) {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/**
 * How far the server's clock is ahead of ours, from one round trip that returned the server's
 * time: waiting clocks then count on the server's clock even when a tablet's is off.
 */
export function clockOffset(serverIso, sentAtMs, receivedAtMs) {
  const server = parseTime(serverIso);
  if (server === null) {
    return 0;
  }
  return Math.round(server - (sentAtMs + receivedAtMs) / 2);
}

/** Reconnect delay: doubling from half a second up to a ceiling, with jitter so boards spread. */
export function backoffDelay(attempt, random = Math.random, baseMs = 500, maxMs = 15000) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** The board's picture of the floor, kept from the snapshot and the events that follow it. */
export class BoardState {
  constructor(meId = null) {
    this.meId = meId;
    this.requests = new Map();
    this.specialists = new Map();
    this.chat = new Map();
    // the ends are final: a late ack must not bring an ended request back onto the board
    this.ended = new Set();
  }

  /** Replaces everything with a snapshot, as after every (re)connect. */
  snapshot({ requests = [], specialists = [], chat = [] } = {}) {
    this.requests.clear();
    this.specialists.clear();
    this.chat.clear();
    for (const r of requests) {
      if (!ENDED.has(r.state)) {
        this.requests.set(r.id, r);
      }
    }
    for (const s of specialists) {
      this.specialists.set(s.id, s);
    }
    for (const line of chat) {
      this.said(line);
    }
  }

  /** Applies a request as an event or an ack carries it; returns the request it replaced. */
  request(r) {
    const previous = this.requests.get(r.id) ?? null;
    if (this.ended.has(r.id)) {
      return previous;
    }
    if (ENDED.has(r.state)) {
      this.ended.add(r.id);
      this.requests.delete(r.id);
      this.chat.delete(r.id);
    } else {
      this.requests.set(r.id, r);
    }
    return previous;
  }

  presence(specialist) {
    const known = this.specialists.get(specialist.id) ?? {};
    this.specialists.set(specialist.id, { ...known, ...specialist });
  }

  /** Adds a chat line once, however often it arrives (snapshot and event may overlap). */
  said(line) {
    const lines = this.chat.get(line.requestId) ?? [];
    const same = (l) => l.at === line.at && l.from === line.from && l.text === line.text;
    if (!lines.some(same)) {
      lines.push(line);
      lines.sort((a, b) => (parseTime(a.at) ?? 0) - (parseTime(b.at) ?? 0));
      this.chat.set(line.requestId, lines);
    }
    return lines;
  }

  /** Waiting requests in routing order. */
  waiting() {
    return [...this.requests.values()].filter((r) => WAITING.has(r.state)).sort(compareRequests);
  }

  /** Claimed requests, mine first, then the longest-held. */
  claimed() {
    return [...this.requests.values()]
      .filter((r) => r.state === 'CLAIMED')
      .sort((a, b) => {
        const mineA = a.specialistId === this.meId;
        const mineB = b.specialistId === this.meId;
        return mineA !== mineB ? (mineA ? -1 : 1) : compareClaimed(a, b);
      });
  }

  /** The request I hold, if any. */
  mine() {
    for (const r of this.requests.values()) {
      if (r.state === 'CLAIMED' && r.specialistId === this.meId) {
        return r;
      }
    }
    return null;
  }

  /** A request offered to me right now, the oldest first. */
  offerToMe() {
    return this.waiting().find((r) => r.state === 'OFFERED' && r.offeredTo === this.meId) ?? null;
  }

  /** The request "claim next" takes: an offer to me first, else the head of the queue. */
  next() {
    return this.offerToMe() ?? this.waiting()[0] ?? null;
  }

  specialistName(id) {
    return this.specialists.get(id)?.name ?? id;
  }

  /** Specialists by what they are doing: busy means holding a request, whatever the status. */
  floorGroups() {
    const groups = { available: [], busy: [], away: [], offFloor: [], offline: [] };
    for (const s of this.specialists.values()) {
      if (s.requestId) {
        groups.busy.push(s);
      } else if (s.status === 'AVAILABLE') {
        groups.available.push(s);
      } else if (s.status === 'AWAY') {
        groups.away.push(s);
      } else if (s.status === 'OFF_FLOOR') {
        groups.offFloor.push(s);
      } else {
        groups.offline.push(s);
      }
    }
    for (const list of Object.values(groups)) {
      list.sort((a, b) => String(a.name).localeCompare(String(b.name), undefined, { numeric: true }));
    }
    return groups;
  }

  /** Queue length and the longest wait now. */
  queueFigures(nowMs) {
    const waiting = [...this.requests.values()].filter((r) => WAITING.has(r.state));
    let oldest = null;
    for (const r of waiting) {
      const raised = parseTime(r.raisedAt);
      if (raised !== null && (oldest === null || raised < oldest)) {
        oldest = raised;
      }
    }
    return {
      queueLength: waiting.length,
      longestWaitMs: oldest === null ? null : Math.max(0, nowMs - oldest),
    };
  }
}

/** "2025-03-01": the local day a time falls on, for "today" figures. */
export function dayOf(ms) {
  const d = new Date(ms);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/**
 * Today's service level and average wait, from what this board has seen: each request counts
 * once, by its first claim (wait = claimedAt − raisedAt) or by ending unclaimed (abandoned).
 * Requests that ended before the board opened are not seen: the reports API is the full figure.
 */
export class TodayLedger {
  constructor(day, saved = null) {
    this.day = day;
    this.entries = new Map(saved && saved.day === day ? Object.entries(saved.entries ?? {}) : []);
  }

  /** Takes note of a request; returns true when the figures changed. */
  observe(r) {
    if (this.entries.get(r.id)?.claimed) {
      return false;
    }
    const claimed = parseTime(r.claimedAt);
    const raised = parseTime(r.raisedAt);
    if (claimed !== null && raised !== null) {
      if (dayOf(claimed) !== this.day) {
        return false;
      }
      this.entries.set(r.id, { claimed: true, waitMs: Math.max(0, claimed - raised) });
      return true;
    }
    if ((r.state === 'CANCELLED' || r.state === 'EXPIRED') && !this.entries.has(r.id)) {
      const ended = parseTime(r.cancelledAt ?? r.expiredAt) ?? raised;
      if (ended !== null && dayOf(ended) === this.day) {
        this.entries.set(r.id, { claimed: false });
        return true;
      }
    }
    return false;
  }

  figures(targetMs) {
    let counted = 0;
    let within = 0;
    let claims = 0;
    let waitSum = 0;
    for (const e of this.entries.values()) {
      counted++;
      if (e.claimed) {
        claims++;
        waitSum += e.waitMs;
        if (e.waitMs <= targetMs) {
          within++;
        }
      }
    }
    return {
      counted,
      serviceLevel: counted === 0 ? null : within / counted,
      averageWaitMs: claims === 0 ? null : waitSum / claims,
    };
  }

  toJSON() {
    return { day: this.day, entries: Object.fromEntries(this.entries) };
  }
}
