// <handup-button>: the agent's one-click help button. A thin element over session.js (the
// connection and the click that must not be lost) and model.js (what to show); attributes are the
// single source of truth, and everything it tells the page is a bubbling, composed handup:* event.

import { clock, pickLanguage, roughly, translate } from './i18n.js';
import { TOPICS, matchesShortcut, phaseOf, ratingTarget, waitedSeconds } from './model.js';
import { Session, renewDelay, socketUrl } from './session.js';
import { css } from './styles.js';

const DEFAULT_SHORTCUT = 'Alt+Shift+H';
const DEFAULT_SERVER = new URL('..', import.meta.url).href;

export class HandupButtonElement extends HTMLElement {
  static get observedAttributes() {
    return ['server', 'token', 'expires-at', 'lang', 'shortcut'];
  }

  #session = null;
  #tick = null;
  #renewTimer = null;
  #regions = {};
  #keys = {};
  #flash = null;
  #error = null;
  #selfToken = null; // {token, expiresAt} when the agent signed in here rather than the page
  #onKey = (e) => this.#shortcut(e);
  #onOnline = () => this.#session?.retryNow();

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${css}</style>
      <div class="card" part="card">
        <div class="conn" part="connection" role="status" aria-live="polite">
          <span class="dot"></span><span class="conn-text"></span><span class="who"></span>
        </div>
        <div class="main"></div>
        <details class="history" part="history" hidden><summary></summary><ul></ul></details>
      </div>`;
    this.#regions = {
      card: root.querySelector('.card'),
      conn: root.querySelector('.conn'),
      main: root.querySelector('.main'),
      history: root.querySelector('details.history'),
    };
    root.addEventListener('click', (e) => this.#click(e));
    root.addEventListener('submit', (e) => this.#submit(e));
  }

  // ---- attributes: the single source of truth

  get server() {
    return this.getAttribute('server') || DEFAULT_SERVER;
  }
  get token() {
    return this.getAttribute('token') || '';
  }
  get shortcut() {
    return this.getAttribute('shortcut') ?? DEFAULT_SHORTCUT;
  }
  get language() {
    return pickLanguage(this.getAttribute('lang'), globalThis.navigator?.languages ?? []);
  }
  /** The open request (or the one to rate), as the server last sent it. */
  get request() {
    return this.#session?.state.request ?? null;
  }
  get phase() {
    return this.#session ? phaseOf(this.#session.state) : 'signin';
  }

  connectedCallback() {
    document.addEventListener('keydown', this.#onKey);
    globalThis.addEventListener('online', this.#onOnline);
    this.#tick = setInterval(() => this.#render(), 1000);
    this.#start();
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.#onKey);
    globalThis.removeEventListener('online', this.#onOnline);
    clearInterval(this.#tick);
    clearTimeout(this.#renewTimer);
    this.#session?.stop();
    this.#session = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.isConnected || oldValue === newValue) return;
    if (name === 'token' && this.#session && newValue) {
      // a renewed token: used from the next connect on, the open socket stays as it is
      this.#session.setToken(newValue);
      this.#scheduleRenewal();
    } else if (name === 'server' || name === 'token') {
      this.#session?.stop();
      this.#session = null;
      this.#start();
    } else if (name === 'expires-at') {
      this.#scheduleRenewal();
    } else {
      this.#keys = {};
      this.#render();
    }
  }

  // ---- actions, also callable by the page

  /** The one click. Returns the client key, or null when a request is already on its way. */
  raise() {
    return this.#session?.raise() ?? null;
  }

  cancel() {
    return this.#act(this.#session?.cancel());
  }

  // ---- the session

  #start() {
    const token = this.token || this.#storedToken()?.token;
    if (!token) {
      this.#render();
      return;
    }
    this.#session = new Session({
      url: socketUrl(this.server),
      token,
      WebSocket: globalThis.WebSocket,
      storage: safeStorage('localStorage'),
      storageKey: `handup:pending:${new URL(this.server).origin}`,
      onChange: () => this.#render(),
      onEvent: (name, detail) => this.#emit(name, detail),
    }).start();
    this.#scheduleRenewal();
    this.#render();
  }

  #scheduleRenewal() {
    clearTimeout(this.#renewTimer);
    const expiresAt = this.getAttribute('expires-at') || this.#selfToken?.expiresAt || this.#storedToken()?.expiresAt;
    const delay = renewDelay(expiresAt, Date.now());
    if (delay === null) return;
    // the page answers by minting a new token and setting the token attribute
    this.#renewTimer = setTimeout(
      () => this.#emit('token-expiring', { expiresAt }),
      Math.min(delay, 2 ** 31 - 1),
    );
  }

  #emit(name, detail) {
    if (name === 'token-expired' && !this.getAttribute('token')) {
      safeStorage('sessionStorage')?.removeItem(this.#tokenKey());
    }
    this.dispatchEvent(new CustomEvent(`handup:${name}`, { detail, bubbles: true, composed: true }));
  }

  #storedToken() {
    if (this.#selfToken) return this.#selfToken;
    try {
      const raw = safeStorage('sessionStorage')?.getItem(this.#tokenKey());
      const t = raw ? JSON.parse(raw) : null;
      return t && Date.parse(t.expiresAt) > Date.now() ? t : null;
    } catch {
      return null;
    }
  }

  #tokenKey() {
    return `handup:token:${this.server}`;
  }

  async #signIn(form) {
    const body = { username: form.username.value.trim(), password: form.password.value };
    try {
      const response = await fetch(new URL('api/auth/token', withSlash(this.server)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(this.#t('signInFailed'));
      const issued = await response.json();
      this.#selfToken = { token: issued.token, expiresAt: issued.expiresAt };
      // per tab and gone with it: a reload keeps the agent signed in, a closed tab does not
      safeStorage('sessionStorage')?.setItem(this.#tokenKey(), JSON.stringify(this.#selfToken));
      this.#error = null;
      this.#emit('signed-in', { user: issued.user, expiresAt: issued.expiresAt });
      this.#session?.stop();
      this.#session = null;
      this.#start();
    } catch (e) {
      this.#error = e.message;
      this.#keys = {};
      this.#render();
    }
  }

  #signOut() {
    safeStorage('sessionStorage')?.removeItem(this.#tokenKey());
    this.#selfToken = null;
    this.#session?.stop();
    this.#session = null;
    this.#keys = {};
    this.#render();
  }

  #shortcut(e) {
    if (!this.#session || !matchesShortcut(e, this.shortcut)) return;
    e.preventDefault();
    this.raise();
  }

  #act(promise) {
    if (!promise) return;
    this.#error = null;
    return promise.then(
      () => this.#render(),
      (e) => {
        this.#error = e.message ?? String(e);
        this.#render();
      },
    );
  }

  #click(e) {
    const button = e.target.closest('[data-action]');
    if (!button || button.disabled) return;
    const s = this.#session;
    const id = button.dataset.id;
    switch (button.dataset.action) {
      case 'raise':
        this.raise();
        break;
      case 'cancel':
        this.cancel();
        break;
      case 'topic': {
        const topic = s.state.request?.topic === button.dataset.topic ? '' : button.dataset.topic;
        this.#act(s.amend({ topic }));
        break;
      }
      case 'urgent':
        this.#act(s.amend({ urgent: !s.state.request?.urgent }));
        break;
      case 'rate': {
        const target = ratingTarget(s.state);
        const form = this.shadowRoot.querySelector('.rating');
        const extra = {};
        if (form?.wrong.checked) extra.wrong = true;
        if (form?.comment.value.trim()) extra.comment = form.comment.value.trim();
        this.#act(s.rate(target.id, Number(button.dataset.score), extra));
        break;
      }
      case 'later':
        s.rateLater();
        break;
      case 'pick':
        s.pickForRating(id);
        break;
      case 'flag':
        this.#act(s.flag(id));
        break;
      case 'sign-out':
        this.#signOut();
        break;
      default:
    }
  }

  #submit(e) {
    e.preventDefault();
    const form = e.target;
    if (form.classList.contains('signin')) {
      this.#signIn(form);
    } else if (form.classList.contains('note')) {
      const note = form.note.value.trim();
      this.#act(
        this.#session.amend({ note }).then(() => {
          this.#flash = 'saved';
          setTimeout(() => ((this.#flash = null), this.#render()), 2000);
        }),
      );
    } else if (form.classList.contains('say')) {
      const text = form.text.value.trim();
      if (!text) return;
      this.#act(this.#session.say(text).then(() => (form.text.value = '')));
    }
  }

  // ---- rendering: regions are rebuilt only when their shape changes, so typing is never lost

  #t(key, params) {
    return translate(this.language, key, params);
  }

  #render() {
    const s = this.#session;
    const phase = this.phase;
    const { card, conn, main, history } = this.#regions;
    card.dataset.phase = phase;
    card.setAttribute('lang', this.language);

    const status = s ? s.status : 'signed-out';
    conn.dataset.status = status;
    conn.hidden = !s;
    conn.querySelector('.conn-text').textContent = s ? this.#connectionText(s) : '';
    conn.querySelector('.who').textContent = s?.state.user?.name ?? '';

    const request = s?.state.request;
    const shape = [phase, status, this.language, request?.id, this.#error, this.#flash].join('|');
    if (this.#keys.main !== shape) {
      this.#keys.main = shape;
      main.innerHTML = this.#mainHtml(phase);
    }
    if (s) this.#updateMain(phase, s);

    const today = s?.state.today ?? [];
    const historyShape = [this.language, ...today.map((r) => `${r.id}:${r.state}:${r.rated}:${r.flagged}`)].join('|');
    if (this.#keys.history !== historyShape) {
      this.#keys.history = historyShape;
      history.hidden = today.length === 0;
      history.querySelector('summary').textContent = this.#t('today', { n: today.length });
      history.querySelector('ul').innerHTML = today.map((r) => this.#historyItem(r)).join('');
    }
  }

  #connectionText(s) {
    if (s.status === 'offline') {
      const seconds = Math.max(0, Math.ceil(((s.retryAt ?? Date.now()) - Date.now()) / 1000));
      return this.#t('conn_offline', { s: seconds });
    }
    if (s.status === 'unauthenticated') return this.#t('conn_expired');
    return this.#t(s.status === 'online' ? 'conn_online' : 'conn_connecting');
  }

  #mainHtml(phase) {
    const t = (k, p) => esc(this.#t(k, p));
    const error = this.#error ? `<p class="error" role="alert">${t('error', { message: this.#error })}</p>` : '';
    if (phase === 'signin' || this.#session?.status === 'unauthenticated') {
      return `<form class="signin" part="signin">
          <strong>${t('signIn')}</strong>
          <input name="username" autocomplete="username" aria-label="${t('username')}" placeholder="${t('username')}" required>
          <input name="password" type="password" autocomplete="current-password" aria-label="${t('password')}" placeholder="${t('password')}" required>
          <button>${t('signInButton')}</button>
          ${this.#error ? `<p class="error" role="alert">${esc(this.#error)}</p>` : ''}
        </form>`;
    }
    const shortcut = this.shortcut && this.shortcut !== 'none' ? this.shortcut : '';
    const helpButton = `<button class="help" part="button" data-action="raise" aria-keyshortcuts="${esc(shortcut)}">${t('needHelp')}</button>
      ${shortcut ? `<span class="hint">${t('shortcutHint', { shortcut: esc(shortcut) })}</span>` : ''}`;
    const signOut = this.getAttribute('token') ? '' : `<button class="link" data-action="sign-out">${t('signOut')}</button>`;
    switch (phase) {
      case 'idle':
        return `${helpButton}${error}<div class="row">${signOut}</div>`;
      case 'thanks':
        return `<p class="headline">${t('thanks')}</p>${helpButton}${error}`;
      case 'sending':
        return `<p class="headline"><span class="badge">${t('state_QUEUED')}</span><span data-bind="headline"></span></p>
          <p class="facts"><span data-bind="waited"></span></p>
          <div class="row"><button class="cancel" data-action="cancel">${t('cancel')}</button></div>${error}`;
      case 'waiting':
      case 'offered':
        return `<p class="headline"><span class="badge">${t(phase === 'waiting' ? 'state_QUEUED' : 'state_OFFERED')}</span><span data-bind="headline"></span></p>
          <p class="facts"><span data-bind="waited"></span><span data-bind="position"></span><span data-bind="estimate"></span></p>
          <div class="details">
            <span>${t('addDetails')}</span>
            <div class="row" role="group" aria-label="${t('topic')}">
              ${TOPICS.map((topic) => `<button class="chip" data-action="topic" data-topic="${topic}" aria-pressed="false">${t(`topic_${topic}`)}</button>`).join('')}
              <button class="urgent" data-action="urgent" aria-pressed="false">${t('urgent')}</button>
            </div>
            <form class="inline note">
              <input name="note" maxlength="500" aria-label="${t('note')}" placeholder="${t('notePlaceholder')}">
              <button>${this.#flash === 'saved' ? t('saved') : t('save')}</button>
            </form>
          </div>
          <div class="row"><button class="cancel" data-action="cancel">${t('cancel')}</button></div>${error}`;
      case 'claimed':
        return `<p class="headline"><span class="badge">${t('state_CLAIMED')}</span><span data-bind="headline"></span></p>
          <p class="facts"><span data-bind="waited"></span></p>
          <section part="chat" aria-label="${t('chat', { name: esc(this.request?.specialistName ?? '') })}">
            <ul class="log" aria-live="polite"></ul>
            <form class="inline say">
              <input name="text" maxlength="2000" autocomplete="off" aria-label="${t('chatPlaceholder')}" placeholder="${t('chatPlaceholder')}">
              <button>${t('send')}</button>
            </form>
          </section>${error}`;
      case 'rate': {
        const target = ratingTarget(this.#session.state);
        const who = target?.specialistName ? t('resolved', { name: target.specialistName }) : t('resolvedNoName');
        return `<p class="headline"><span class="badge">${t('state_RESOLVED')}</span><span>${who}</span></p>
          <form class="rating" part="rating">
            <strong>${t('rateTitle')}</strong>
            <div class="stars">${[1, 2, 3, 4, 5].map((n) => `<button type="button" data-action="rate" data-score="${n}" aria-label="${t('rate', { n })}">${n}</button>`).join('')}</div>
            <label class="check"><input type="checkbox" name="wrong"> ${t('wrong')}</label>
            <textarea name="comment" maxlength="500" aria-label="${t('comment')}" placeholder="${t('comment')}"></textarea>
          </form>
          <div class="row"><button class="link" data-action="later">${t('later')}</button></div>${error}
          ${helpButton}`;
      }
      default:
        return '';
    }
  }

  #updateMain(phase, s) {
    const main = this.#regions.main;
    const set = (bind, text) => {
      const el = main.querySelector(`[data-bind="${bind}"]`);
      if (el && el.textContent !== text) el.textContent = text;
    };
    const r = s.state.request;
    const waited = this.#t('waited', { time: clock(waitedSeconds(s.state, Date.now())) });
    set('waited', waited);
    if (phase === 'sending') {
      set('headline', this.#t(s.status === 'online' ? 'sending' : 'sendingOffline'));
    } else if (phase === 'waiting' || phase === 'offered') {
      set('headline', this.#t(phase === 'waiting' ? 'waiting' : 'offered'));
      const n = r.position;
      set('position', n == null ? '' : n === 1 ? this.#t('next') : this.#t('position', { n, before: n - 1 }));
      set('estimate', r.estimatedWait == null ? '' : this.#t('estimate', { time: roughly(this.language, r.estimatedWait) }));
      for (const chip of main.querySelectorAll('[data-action="topic"]')) {
        chip.setAttribute('aria-pressed', String(chip.dataset.topic === r.topic));
      }
      main.querySelector('[data-action="urgent"]')?.setAttribute('aria-pressed', String(!!r.urgent));
      const note = main.querySelector('input[name="note"]');
      if (note && !note.value && r.note && note !== this.shadowRoot.activeElement) note.value = r.note;
      for (const b of main.querySelectorAll('[data-action="topic"], [data-action="urgent"], .note button')) {
        b.disabled = s.status !== 'online';
      }
    } else if (phase === 'claimed') {
      const name = r.specialistName ?? '';
      const seat = r.specialistSeat;
      const key = r.arrivedAt ? 'arrived' : seat ? 'claimedSeat' : 'claimed';
      set('headline', this.#t(key, { name, seat }));
      const log = main.querySelector('.log');
      const lines = s.state.chat;
      if (log && log.childElementCount !== lines.length) {
        const me = s.state.user?.id;
        log.innerHTML = lines
          .map((l) => `<li class="${l.from === me ? 'mine' : ''}"><span class="from">${esc(l.from === me ? this.#t('you') : l.fromName ?? l.from)}</span>${esc(l.text)}</li>`)
          .join('');
        log.scrollTop = log.scrollHeight;
      }
      for (const b of main.querySelectorAll('.say button')) b.disabled = s.status !== 'online';
    }
    for (const b of main.querySelectorAll('[data-action="cancel"], [data-action="rate"]')) {
      b.disabled = s.status !== 'online' && phase !== 'sending';
    }
  }

  #historyItem(r) {
    const t = (k, p) => esc(this.#t(k, p));
    const time = r.raisedAt ? new Date(r.raisedAt).toLocaleTimeString(this.language, { hour: '2-digit', minute: '2-digit' }) : '';
    let action = '';
    if (r.state === 'RESOLVED' && !r.rated) {
      action = `<button data-action="pick" data-id="${esc(r.id)}">${t('rateNow')}</button>`;
    } else if (r.state === 'RESOLVED' && r.flagged) {
      action = `<span>${t('flagged')}</span>`;
    } else if (r.state === 'RESOLVED') {
      action = `<span>${t('rated')}</span><button data-action="flag" data-id="${esc(r.id)}">${t('flag')}</button>`;
    }
    return `<li><time>${esc(time)}</time><span class="state">${t(`state_${r.state}`)}</span>
      ${r.topic ? `<span>${t(`topic_${r.topic}`)}</span>` : ''}
      ${r.specialistName ? `<span>${esc(r.specialistName)}</span>` : ''}${action}</li>`;
  }
}

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

function safeStorage(name) {
  try {
    return globalThis[name] ?? null;
  } catch {
    // storage blocked for third-party frames: the widget still works, it just forgets on reload
    return null;
  }
}

/** Registers the element once; loading the script twice (or from two URLs) is harmless. */
export function define(tag = 'handup-button', registry = globalThis.customElements) {
  if (registry && !registry.get(tag)) {
    registry.define(tag, class extends HandupButtonElement {});
  }
  return registry?.get(tag);
}

// <script type="module" src=".../handup-button.js?define=false"> to pick the tag name yourself
if (new URL(import.meta.url).searchParams.get('define') !== 'false') {
  define();
}
