// The live board page: draws BoardState into the DOM, keyed by request id, so an event touches
// one card and a clock tick touches only text that changed.
import {
  pickLanguage, storedLanguage, storeLanguage, translatePage, translator,
} from '/ui/i18n.js';
import {
  BoardState, TodayLedger, WAITING, clockLevel, clockOffset, dayOf, formatDuration,
  parseTime, secondsLeft,
} from './model.js';
import { FloorConnection } from './connection.js';
import { redrawSkills, setupSkills, showBoardTab } from './skills.js';
import { createKnowledge } from './knowledge.js';

const $ = (id) => document.getElementById(id);
const part = (root, name) => root.querySelector(`[data-part="${name}"]`);

let lang = pickLanguage(storedLanguage(localStorage), navigator.languages);
let t = translator(lang);
let session = null;
let offsetMs = 0;
let targetMs = 30000;
let me = null;
let isSpecialist = false;
const state = new BoardState();
let ledger = new TodayLedger(dayOf(Date.now()));
const cards = new Map();
let offer = null;
let mineShownId = null;
let layoutQueued = false;
let audio = null;

const now = () => Date.now() + offsetMs;

// ---- session and socket ------------------------------------------------------------------

async function loadSession() {
  const sentAt = Date.now();
  const response = await fetch('/board/session', {
    credentials: 'same-origin',
    redirect: 'manual',
    // marks the call as a script's, so a lost session is not remembered as the page to return to
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    return false;
  }
  session = await response.json();
  offsetMs = clockOffset(session.serverTime, sentAt, Date.now());
  targetMs = session.serviceLevelTargetMs ?? targetMs;
  document.querySelector('#sign-out input[type=hidden]').name = session.csrf.parameterName;
  document.querySelector('#sign-out input[type=hidden]').value = session.csrf.token;
  return true;
}

/** A fresh token while the session lasts; after a node restart, the one we already hold. */
async function token() {
  try {
    await loadSession();
  } catch {
    // the server is down: the socket attempt that follows will fail and back off
  }
  return session?.token ?? null;
}

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const connection = new FloorConnection({
  url: `${scheme}://${location.host}/ws`,
  getToken: token,
  createSocket: (url) => new WebSocket(url),
  onFrame,
  onStatus: showConnection,
});

const knowledge = createKnowledge({
  t: () => t,
  me: () => me,
  token: () => session?.token ?? null,
  say: (text) => new Promise((resolve, reject) => {
    const mine = state.mine();
    if (!mine) {
      reject(new Error('no request'));
      return;
    }
    connection.send('say', { requestId: mine.id, text }).then(() => resolve(), reject);
  }),
  chatOf: (id) => state.chat.get(id) ?? [],
  toast: (text, error) => toast(text, error),
});

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      welcome(frame.user);
      break;
    case 'snapshot':
      state.snapshot(frame);
      offerFromState();
      drawAll();
      break;
    case 'request':
      applyRequest(frame.request);
      break;
    case 'offer':
      applyRequest(frame.request);
      showOffer(frame.request, frame.expiresAt, true);
      break;
    case 'presence':
      state.presence(frame.specialist);
      drawFloorPeople();
      drawPresence();
      drawTransferOptions();
      drawDuty(now());
      break;
    case 'said':
      state.said(frame);
      if (frame.requestId === mineShownId) {
        drawChat();
      }
      break;
    default:
      break;
  }
}

function welcome(user) {
  me = user;
  state.meId = user.id;
  const roles = user.roles ?? [];
  isSpecialist = roles.includes('SPECIALIST');
  const role = isSpecialist ? 'specialist' : roles.includes('MANAGER') ? 'manager' : 'other';
  document.body.dataset.role = role;
  $('me-name').textContent = user.name;
  if (isSpecialist) {
    refreshDuty();
  }
  banner(role === 'manager' ? t('board.readOnly') : role === 'other' ? t('board.notForRole') : '');
}

function showConnection(status) {
  const el = $('connection');
  el.dataset.state = status.state;
  if (status.state === 'online') {
    el.textContent = t('board.connection.online');
  } else if (status.state === 'offline') {
    el.textContent = t('board.connection.offline', { seconds: Math.ceil(status.retryInMs / 1000) });
  } else if (status.state === 'signedOut') {
    el.textContent = t('board.connection.signedOut');
    const b = $('banner');
    b.hidden = false;
    b.textContent = t('board.connection.signedOut') + ' ';
    const link = document.createElement('a');
    link.href = '/login';
    link.textContent = t('board.connection.signIn');
    b.append(link);
  } else {
    el.textContent = t('board.connection.connecting');
  }
  el.dataset.text = el.textContent;
}

function banner(text) {
  $('banner').textContent = text;
  $('banner').hidden = !text;
}

// ---- requests and cards -----------------------------------------------------------------

function applyRequest(r) {
  state.request(r);
  noteForToday(r);
  if (state.requests.has(r.id)) {
    drawCard(r);
  } else {
    removeCard(r.id);
  }
  offerFromState();
  queueLayout();
  drawMine();
}

function noteForToday(r) {
  const today = dayOf(now());
  if (ledger.day !== today) {
    ledger = new TodayLedger(today);
  }
  if (ledger.observe(r)) {
    saveLedger();
    drawFigures();
    // a claim or an end changed today's figures: ask soon, at most every few seconds
    if (Date.now() - todayAskedAt > 3000) {
      setTimeout(() => refreshToday(true), 500);
    }
  }
}

function ledgerKey() {
  return `handup.today.${me?.id ?? 'anon'}`;
}

function loadLedger() {
  try {
    const saved = JSON.parse(localStorage.getItem(ledgerKey()) ?? 'null');
    ledger = new TodayLedger(dayOf(now()), saved);
  } catch {
    ledger = new TodayLedger(dayOf(now()));
  }
}

function saveLedger() {
  try {
    localStorage.setItem(ledgerKey(), JSON.stringify(ledger));
  } catch {
    // storage full or private: the figures last for this page only
  }
}

function drawAll() {
  loadLedger();
  for (const r of state.requests.values()) {
    noteForToday(r);
  }
  for (const id of [...cards.keys()]) {
    if (!state.requests.has(id)) {
      removeCard(id);
    }
  }
  for (const r of state.requests.values()) {
    drawCard(r);
  }
  layout();
  drawMine();
  drawFloorPeople();
  drawPresence();
  drawFigures();
  refreshToday(true);
  tick();
}

function cardFor(id) {
  let card = cards.get(id);
  if (!card) {
    const el = $('card-template').content.firstElementChild.cloneNode(true);
    el.dataset.id = id;
    el.querySelector('[data-action=claim]').addEventListener('click', () => claim(id));
    card = { el, clock: part(el, 'clock'), text: '', level: '' };
    cards.set(id, card);
  }
  return card;
}

function drawCard(r) {
  const card = cardFor(r.id);
  const el = card.el;
  const mine = r.state === 'CLAIMED' && r.specialistId === me?.id;
  el.dataset.state = r.state;
  el.dataset.mine = String(mine);
  el.dataset.urgent = String(Boolean(r.urgent));
  el.dataset.offeredMe = String(r.state === 'OFFERED' && r.offeredTo === me?.id);
  part(el, 'urgent').textContent = r.urgent ? t('card.urgent') : '';
  part(el, 'agent').textContent = r.agentName ?? r.agentId;
  part(el, 'seat').textContent = r.seat ? t('card.seat', { seat: r.seat }) : '';
  part(el, 'topic').textContent = r.topic ?? '';
  part(el, 'note').textContent = r.note ?? '';
  part(el, 'state').textContent = stateText(r);
  const button = el.querySelector('[data-action=claim]');
  button.textContent = mine ? t('card.mine') : t('card.claim');
  button.disabled = mine;
  // a colleague's claimed request can only be lost to them: no button to tempt a misclick
  button.hidden = !isSpecialist || (r.state === 'CLAIMED' && !mine);
  card.raisedMs = parseTime(r.raisedAt) ?? now();
  card.claimedMs = parseTime(r.claimedAt);
  card.waiting = WAITING.has(r.state);
  if (!card.waiting) {
    el.removeAttribute('data-level');
    card.clock.removeAttribute('data-level');
    card.clock.title = card.claimedMs
      ? t('card.waited', { time: formatDuration(card.claimedMs - card.raisedMs) })
      : '';
  } else {
    card.clock.title = '';
  }
  card.level = '';
  card.text = '';
  tickCard(card, now());
}

function stateText(r) {
  const mineTag = (who) => (who === me?.id ? '.me' : '');
  if (r.state === 'OFFERED') {
    return t('card.state.OFFERED' + mineTag(r.offeredTo), { name: state.specialistName(r.offeredTo) });
  }
  if (r.state === 'CLAIMED') {
    const text = t('card.state.CLAIMED' + mineTag(r.specialistId), {
      name: r.specialistName ?? state.specialistName(r.specialistId),
    });
    return r.arrivedAt ? `${text} · ${t('card.arrived')}` : text;
  }
  return t('card.state.QUEUED');
}

function removeCard(id) {
  const card = cards.get(id);
  if (card) {
    card.el.remove();
    cards.delete(id);
  }
}

function queueLayout() {
  if (!layoutQueued) {
    layoutQueued = true;
    // one reorder for a burst of events; a timer, not a frame, so a hidden tab stays current
    setTimeout(layout, 0);
  }
}

/** Puts the cards in order, moving only those out of place. */
function layout() {
  layoutQueued = false;
  const waiting = state.waiting();
  const claimed = state.claimed();
  place($('waiting'), waiting);
  place($('claimed'), claimed);
  $('waiting-count').textContent = waiting.length;
  $('claimed-count').textContent = claimed.length;
  $('waiting-empty').hidden = waiting.length > 0;
  $('claimed-empty').hidden = claimed.length > 0;
  drawQueueFigures(now());
  drawFigures();
}

function place(container, requests) {
  let at = container.firstElementChild;
  for (const r of requests) {
    const el = cardFor(r.id).el;
    if (el !== at) {
      container.insertBefore(el, at);
    } else {
      at = at.nextElementSibling;
    }
  }
  while (at) {
    const next = at.nextElementSibling;
    if (!state.requests.has(at.dataset.id)) {
      at.remove();
    }
    at = next;
  }
}

// ---- clocks --------------------------------------------------------------------------------

function tickCard(card, nowMs) {
  let text;
  let level = '';
  if (card.waiting) {
    const wait = nowMs - card.raisedMs;
    text = formatDuration(wait);
    level = clockLevel(wait, targetMs);
  } else {
    text = formatDuration(nowMs - (card.claimedMs ?? nowMs));
  }
  if (text !== card.text) {
    card.text = text;
    card.clock.textContent = text;
  }
  if (level !== card.level) {
    card.level = level;
    if (level) {
      card.el.dataset.level = level;
      card.clock.dataset.level = level;
    }
  }
}

function tick() {
  const nowMs = now();
  for (const card of cards.values()) {
    tickCard(card, nowMs);
  }
  drawQueueFigures(nowMs);
  if (offer) {
    part($('offer'), 'countdown').textContent = t('offer.expires', {
      seconds: secondsLeft(offer.deadlineMs, nowMs),
    });
  }
  const mine = state.mine();
  if (mine) {
    part($('mine-work'), 'held').textContent = formatDuration(nowMs - (parseTime(mine.claimedAt) ?? nowMs));
  }
  tickOffFloor(nowMs);
  drawDuty(nowMs);
}

function drawQueueFigures(nowMs) {
  const { queueLength, longestWaitMs } = state.queueFigures(nowMs);
  $('fig-queue').textContent = queueLength;
  const longest = $('fig-longest');
  longest.textContent = longestWaitMs === null ? t('floor.none') : formatDuration(longestWaitMs);
  if (longestWaitMs === null) {
    longest.removeAttribute('data-level');
  } else {
    longest.dataset.level = clockLevel(longestWaitMs, targetMs);
  }
}

function startClock() {
  // on the next whole second, so every clock on the page changes together
  setTimeout(() => {
    tick();
    setInterval(tick, 1000);
  }, 1000 - (now() % 1000));
}

// ---- offers --------------------------------------------------------------------------------

function offerFromState() {
  const r = state.offerToMe();
  if (!r) {
    hideOffer();
  } else if (!offer || offer.request.id !== r.id) {
    showOffer(r, r.offerExpiresAt, false);
  } else {
    offer.request = r;
  }
}

function showOffer(r, expiresAt, fresh) {
  if (!isSpecialist || r.state !== 'OFFERED' || r.offeredTo !== me?.id) {
    return;
  }
  const isNew = !offer || offer.request.id !== r.id;
  offer = {
    request: r,
    deadlineMs: parseTime(expiresAt) ?? now() + (session?.offerTimeoutMs ?? 15000),
  };
  const el = $('offer');
  part(el, 'urgent').textContent = r.urgent ? t('card.urgent') : '';
  part(el, 'agent').textContent = r.agentName ?? r.agentId;
  part(el, 'seat').textContent = r.seat ? t('card.seat', { seat: r.seat }) : '';
  part(el, 'topic').textContent = r.topic ?? '';
  part(el, 'note').textContent = r.note ?? '';
  el.dataset.id = r.id;
  el.hidden = false;
  if (!state.mine()) {
    knowledge.forRequest(r);
  }
  tick();
  if (isNew && fresh) {
    // an offer is never missed behind the skill checks tab; a check half taken keeps its answers
    showBoardTab();
    beep();
    notify(r);
  }
}

function hideOffer() {
  offer = null;
  $('offer').hidden = true;
  if (!state.mine()) {
    knowledge.forRequest(null);
  }
}

function acceptOffer() {
  if (offer) {
    claim(offer.request.id);
  }
}

function declineOffer() {
  if (!offer) {
    return;
  }
  const id = offer.request.id;
  hideOffer();
  connection.send('decline', { requestId: id }).catch(failed);
}

function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') {
      audio.resume();
    }
  } catch {
    audio = null;
  }
}

/** Two short tones, made on the spot: no sound file to ship or fail to load. */
function beep() {
  if (!audio) {
    return;
  }
  const start = audio.currentTime;
  for (const [at, freq] of [[0, 880], [0.22, 1175]]) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + at);
    gain.gain.exponentialRampToValueAtTime(0.25, start + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.18);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + at);
    osc.stop(start + at + 0.2);
  }
}

function notify(r) {
  if (!('Notification' in window) || Notification.permission !== 'granted') {
    return;
  }
  const n = new Notification(t('offer.title'), {
    body: t('offer.notification', { agent: r.agentName, seat: r.seat ?? '' }) + (r.topic ? ` · ${r.topic}` : ''),
    tag: 'handup-offer-' + r.id,
    requireInteraction: true,
  });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}

function drawNotifyButton() {
  const button = $('notify');
  const supported = 'Notification' in window;
  const granted = supported && Notification.permission === 'granted';
  button.hidden = !supported || Notification.permission === 'denied';
  button.textContent = t(granted ? 'notify.enabled' : 'notify.enable');
  button.disabled = granted;
}

// ---- actions -------------------------------------------------------------------------------

function failed(error) {
  console.warn('Refused or failed:', error?.code, error?.message);
  if (error?.code === 'offline') {
    return;
  }
  toast(t('toast.failed', { message: error?.message ?? error?.code ?? '?' }), true);
}

async function claim(id) {
  const card = cards.get(id);
  if (card) {
    part(card.el, 'error').textContent = '';
  }
  try {
    const ack = await connection.send('claim', { requestId: id });
    applyRequest(ack.request);
    toast(t('toast.claimed', { agent: ack.request.agentName }));
  } catch (error) {
    // the loser of a race learns at once who won ("Already claimed by …")
    const still = cards.get(id);
    if (still && error?.message) {
      part(still.el, 'error').textContent = error.message;
    }
    failed(error);
  }
}

function claimNext() {
  const next = state.next();
  if (!next) {
    toast(t('toast.nothingToClaim'));
    return;
  }
  claim(next.id);
}

async function mineAction(type, fields, done) {
  const mine = state.mine();
  if (!mine) {
    return;
  }
  try {
    const ack = await connection.send(type, { requestId: mine.id, ...fields });
    if (ack.request) {
      applyRequest(ack.request);
    }
    if (done) {
      done(ack);
    }
  } catch (error) {
    failed(error);
  }
}

function drawMine() {
  if (!isSpecialist) {
    return;
  }
  const mine = state.mine();
  knowledge.forRequest(mine ?? offer?.request ?? null);
  const work = $('mine-work');
  $('mine-none').hidden = Boolean(mine);
  work.hidden = !mine;
  if (!mine) {
    mineShownId = null;
    return;
  }
  if (mine.id !== mineShownId) {
    // a new request in my hands: fresh forms
    mineShownId = mine.id;
    work.dataset.id = mine.id;
    for (const form of work.querySelectorAll('form')) {
      form.reset();
    }
    drawTransferOptions();
  }
  knowledge.forMine(mine);
  part(work, 'urgent').textContent = mine.urgent ? t('card.urgent') : '';
  part(work, 'agent').textContent = mine.agentName ?? mine.agentId;
  part(work, 'seat').textContent = mine.seat ? t('card.seat', { seat: mine.seat }) : '';
  part(work, 'topic').textContent = mine.topic ?? '';
  part(work, 'note').textContent = mine.note ?? '';
  part(work, 'chat-title').textContent = t('mine.chat', { agent: mine.agentName ?? mine.agentId });
  const arrived = parseTime(mine.arrivedAt);
  work.querySelector('[data-action=arrive]').hidden = arrived !== null;
  part(work, 'arrived').textContent = arrived === null
    ? ''
    : t('mine.arrived', { time: new Date(arrived - offsetMs).toLocaleTimeString(lang) });
  drawChat();
}

function drawChat() {
  const list = part($('mine-work'), 'chat');
  const lines = state.chat.get(mineShownId) ?? [];
  list.replaceChildren(
    ...lines.map((line) => {
      const li = document.createElement('li');
      const mineLine = line.from === me?.id;
      li.className = mineLine ? 'me' : 'them';
      const from = document.createElement('span');
      from.className = 'from';
      from.textContent = `${mineLine ? t('mine.chat.you') : line.fromName ?? line.from} · ${new Date(
        (parseTime(line.at) ?? now()) - offsetMs,
      ).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })}`;
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = line.text;
      li.append(from, text);
      return li;
    }),
  );
  if (!lines.length) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = t('mine.chat.empty');
    list.append(li);
  }
  list.scrollTop = list.scrollHeight;
}

function drawTransferOptions() {
  const select = $('mine-work').querySelector('[data-form=transfer] select');
  const chosen = select.value;
  const options = [new Option(t('mine.transfer.pick'), '')];
  const people = [...state.specialists.values()]
    .filter((s) => s.id !== me?.id && s.status !== 'OFFLINE')
    .sort((a, b) => String(a.name).localeCompare(String(b.name), undefined, { numeric: true }));
  for (const s of people) {
    const busy = Boolean(s.requestId);
    const label = `${s.name} · ${busy ? t('mine.transfer.busy') : t('presence.' + s.status)}`;
    const option = new Option(label, s.id);
    option.disabled = busy;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = people.some((s) => s.id === chosen) ? chosen : '';
}

function resolveNote(form) {
  const note = form.elements.note.value.trim();
  const link = form.elements.link.value.trim();
  // the protocol has no link field: the link travels in the note
  const linkLine = link ? t('mine.link.inNote', { link }) : '';
  return [note, linkLine].filter(Boolean).join('\n') || null;
}

function wireMineForms() {
  const work = $('mine-work');
  work.querySelector('[data-action=arrive]').addEventListener('click', () => mineAction('arrive'));
  work.querySelector('[data-action=release]').addEventListener('click', () =>
    mineAction('release', {}, () => toast(t('toast.released'))));
  work.querySelector('[data-form=say]').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = event.target.elements.text;
    const text = input.value.trim();
    if (text) {
      mineAction('say', { text }, () => {
        input.value = '';
      });
    }
  });
  work.querySelector('[data-form=transfer]').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = event.target.elements.to.value;
    if (to) {
      mineAction('transfer', { to }, () => toast(t('toast.transferred', { name: state.specialistName(to) })));
    }
  });
  const resolveForm = work.querySelector('[data-form=resolve]');
  resolveForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const outcome = resolveForm.elements.outcome.value;
    const fields = { outcome, note: resolveNote(resolveForm), ...knowledge.resolveFields(state.mine()?.id) };
    mineAction('resolve', fields, (ack) => {
      toast(t('toast.resolved'));
      knowledge.afterResolve(ack.request, resolveForm);
    });
  });
  resolveForm.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      resolveForm.requestSubmit();
    }
  });
}

// ---- presence and the floor ---------------------------------------------------------------

function drawPresence() {
  const mine = me ? state.specialists.get(me.id) : null;
  for (const button of $('presence').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(mine?.status === button.dataset.status));
  }
}

function drawFloorPeople() {
  const groups = state.floorGroups();
  for (const [name, people] of Object.entries(groups)) {
    const group = document.querySelector(`[data-group="${name}"]`);
    group.querySelector('.count').textContent = people.length;
    group.querySelector('ul').replaceChildren(
      ...people.map((s) => {
        const li = document.createElement('li');
        li.textContent = s.name;
        li.dataset.id = s.id;
        li.dataset.me = String(s.id === me?.id);
        if (s.requestId) {
          const r = state.requests.get(s.requestId);
          li.title = r ? t('floor.helping', { agent: r.agentName }) : '';
        }
        if (s.status === 'OFF_FLOOR' && s.until) {
          const back = document.createElement('span');
          back.className = 'back';
          back.dataset.until = s.until;
          li.append(back);
        }
        return li;
      }),
    );
  }
}

// ---- duty and rotation ---------------------------------------------------------------------

// my shifts as the roster has them (GET /api/duty/me), asked again every minute and when a shift
// starts or ends
let duty = null;
let dutyAskedAt = 0;
const DUTY_REFRESH_MS = 60000;

async function refreshDuty() {
  dutyAskedAt = Date.now();
  try {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (session?.token) {
      headers.Authorization = `Bearer ${session.token}`;
    }
    const response = await fetch('/api/duty/me', { credentials: 'same-origin', headers });
    if (response.ok) {
      duty = await response.json();
      drawDuty(now());
    }
  } catch {
    // offline: keep what we knew
  }
}

function shiftTime(ms, nowMs) {
  const sameDay = new Date(ms).toDateString() === new Date(nowMs).toDateString();
  return new Date(ms).toLocaleString(lang, sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The countdowns of specialists on a rotation break. */
function tickOffFloor(nowMs) {
  for (const back of document.querySelectorAll('.people .back[data-until]')) {
    back.textContent = t('floor.backIn', { left: formatDuration(parseTime(back.dataset.until) - nowMs) });
  }
}

function drawDuty(nowMs) {
  const el = $('duty');
  if (!isSpecialist || !me) {
    return;
  }
  const mine = state.specialists.get(me.id);
  let text = '';
  let dutyState = 'on';
  if (mine?.status === 'OFF_FLOOR') {
    dutyState = 'offFloor';
    const until = parseTime(mine.until);
    text = until ? t('duty.offFloor.until', { left: formatDuration(until - nowMs) }) : t('duty.offFloor.chosen');
  } else if (duty) {
    const end = parseTime(duty.shift?.end);
    const next = parseTime(duty.next?.start);
    if ((end && nowMs >= end) || (next && nowMs >= next)) {
      if (Date.now() - dutyAskedAt > 5000) refreshDuty();
    } else if (Date.now() - dutyAskedAt > DUTY_REFRESH_MS) {
      refreshDuty();
    }
    if (end) {
      text = t('duty.onUntil', { time: shiftTime(end, nowMs) });
    } else if (!duty.onDuty) {
      dutyState = 'off';
      text = next ? t('duty.offNext', { time: shiftTime(next, nowMs) }) : t('duty.off');
    }
  }
  el.hidden = !text;
  el.dataset.state = dutyState;
  if (el.textContent !== text) {
    el.textContent = text;
  }
}

// the server's figures for today (every request of the floor, in the floor's time zone); the
// board's own ledger of what it has seen stands in until they arrive or while the server is away
let serverToday = null;
let todayAskedAt = 0;
const TODAY_REFRESH_MS = 30000;

async function refreshToday(force = false) {
  if (!force && Date.now() - todayAskedAt < TODAY_REFRESH_MS) {
    return;
  }
  todayAskedAt = Date.now();
  try {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (session?.token) {
      headers.Authorization = `Bearer ${session.token}`;
    }
    const response = await fetch('/board/today', { credentials: 'same-origin', headers });
    if (response.ok) {
      serverToday = await response.json();
      drawFigures();
    }
  } catch {
    // offline: keep the last figures
  }
}
setInterval(() => refreshToday(true), TODAY_REFRESH_MS);

function drawFigures() {
  const local = ledger.figures(targetMs);
  const serviceLevel = serverToday ? serverToday.serviceLevel : local.serviceLevel;
  const averageWaitMs =
    serverToday && serverToday.waitMeanSeconds !== null
      ? serverToday.waitMeanSeconds * 1000
      : serverToday
        ? null
        : local.averageWaitMs;
  const sl = $('fig-sl');
  sl.textContent = serviceLevel === null ? t('floor.none') : `${Math.round(serviceLevel * 100)}%`;
  sl.title = t('floor.serviceLevel.hint', { target: Math.round(targetMs / 1000) });
  $('fig-avg').textContent = averageWaitMs === null ? t('floor.none') : formatDuration(averageWaitMs);
}

// ---- language, keys, toasts ---------------------------------------------------------------

function setLanguage(next) {
  lang = next;
  t = translator(lang);
  document.documentElement.lang = lang;
  document.title = `${t('board.title')} · ${t('app.name')}`;
  translatePage(document, t);
  $('lang').value = lang;
  drawNotifyButton();
  redrawSkills();
  if (me) {
    welcome(me);
    drawAll();
    drawTransferOptions();
    if (offer) {
      showOffer(offer.request, new Date(offer.deadlineMs).toISOString(), false);
    }
  }
  knowledge.redraw();
  showConnection({ state: $('connection').dataset.state });
}

function toast(text, error = false) {
  const el = document.createElement('div');
  el.className = error ? 'toast error' : 'toast';
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), error ? 6000 : 3000);
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
    return;
  }
  const key = event.key.toLowerCase();
  if (key === '?') {
    $('keys').hidden = !$('keys').hidden;
  } else if (key === 'escape') {
    $('keys').hidden = true;
  } else if (!isSpecialist) {
    return;
  } else if (key === 'a') {
    acceptOffer();
  } else if (key === 'd') {
    declineOffer();
  } else if (key === 'n') {
    claimNext();
  } else if (key === 'r') {
    const form = $('mine-work').querySelector('[data-form=resolve]');
    if (state.mine()) {
      form.scrollIntoView({ block: 'nearest' });
      form.elements.outcome.focus();
    }
  } else {
    return;
  }
  event.preventDefault();
}

// ---- start ---------------------------------------------------------------------------------

function start() {
  setLanguage(lang);
  $('lang').addEventListener('change', () => {
    storeLanguage(localStorage, $('lang').value);
    setLanguage($('lang').value);
  });
  $('keys-button').addEventListener('click', () => {
    $('keys').hidden = !$('keys').hidden;
  });
  $('notify').addEventListener('click', async () => {
    unlockAudio();
    if ('Notification' in window) {
      await Notification.requestPermission();
    }
    drawNotifyButton();
  });
  for (const button of $('presence').querySelectorAll('button')) {
    button.addEventListener('click', () =>
      connection.send('presence', { status: button.dataset.status })
        .then((ack) => {
          state.presence(ack.specialist);
          drawPresence();
          drawFloorPeople();
        })
        .catch(failed));
  }
  $('offer').querySelector('[data-action=accept]').addEventListener('click', acceptOffer);
  $('offer').querySelector('[data-action=decline]').addEventListener('click', declineOffer);
  wireMineForms();
  setupSkills({ translate: () => t, language: () => lang, onError: failed });
  knowledge.refreshCorrections();
  setInterval(() => knowledge.refreshCorrections(), 60000);
  // sound needs a gesture first; any click or key on the page counts
  document.addEventListener('pointerdown', unlockAudio, { once: true });
  document.addEventListener('keydown', unlockAudio, { once: true });
  document.addEventListener('keydown', onKey);
  startClock();
  connection.start();
}

start();
