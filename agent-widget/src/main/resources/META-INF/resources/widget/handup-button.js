// <handup-button>: thin over session.js and model.js; attributes in, composed handup:* events out.

import { clock, pickLanguage, roughly, translate } from './i18n.js';
import { TOPICS, matchesShortcut, phaseOf, ratingTarget, waitedSeconds } from './model.js';
import { Session, keep, renewDelay, socketUrl } from './session.js';
import { css } from './styles.js';

const DEFAULT_SERVER = new URL('..', import.meta.url).href;

export class HandupButtonElement extends HTMLElement {
	static observedAttributes = ['server', 'token', 'expires-at', 'lang', 'shortcut'];

	#session = null;
	#tick = null;
	#renewTimer = null;
	#keys = {}; // the shape each region was built for
	#flash = null;
	#error = null;
	#flagging = null; // id of the request whose "turned out wrong" form is open
	#selfToken = null; // {token, expiresAt} of our own sign-in, not the page's
	#onKey = (e) => this.#session && matchesShortcut(e, this.shortcut) && (e.preventDefault(), this.raise());
	#onOnline = () => this.#session?.retryNow();

	constructor() {
		super();
		const root = this.attachShadow({ mode: 'open' });
		root.innerHTML = `<style>${css}</style><div class="card" part="card">
			<div class="conn" part="connection" role="status" aria-live="polite"><span class="dot"></span><span class="conn-text"></span><span class="who"></span></div>
			<div class="main"></div>
			<details class="history" part="history" hidden><summary></summary><ul></ul></details></div>`;
		root.addEventListener('click', (e) => this.#click(e));
		root.addEventListener('submit', (e) => this.#submit(e));
		root.addEventListener('handup:found', (e) => this.cancel({ reason: 'self_served', entryId: e.detail.entryId }));
	}

	get server() { return this.getAttribute('server') || DEFAULT_SERVER; }
	get token() { return this.getAttribute('token') || ''; }
	get shortcut() { return this.getAttribute('shortcut') ?? 'Alt+Shift+H'; }
	get language() { return pickLanguage(this.getAttribute('lang'), globalThis.navigator?.languages ?? []); }
	/** The open request (or the one to rate). */
	get request() { return this.#session?.state.request ?? null; }
	get phase() { return this.#session ? phaseOf(this.#session.state) : 'signin'; }

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
		this.#stop();
	}

	attributeChangedCallback(name, oldValue, newValue) {
		if (!this.isConnected || oldValue === newValue) return;
		if (name === 'token' && this.#session && newValue) {
			this.#session.setToken(newValue); // renewed: the open socket stays
			this.#scheduleRenewal();
		} else if (name === 'server' || name === 'token') {
			this.#start();
		} else if (name === 'expires-at') {
			this.#scheduleRenewal();
		} else {
			this.#keys = {};
			this.#render();
		}
	}

	/** The one click, also for the page: the client key, or null if one is on its way. */
	raise() { return this.#session?.raise() ?? null; }
	cancel(why) { return this.#act(this.#session?.cancel(why)); }

	#stop() {
		this.#session?.stop();
		this.#session = null;
	}

	#start() {
		this.#stop();
		const token = this.token || this.#storedToken()?.token;
		if (token) {
			this.#session = new Session({
				url: socketUrl(this.server),
				token,
				WebSocket: globalThis.WebSocket,
				storage: 'localStorage',
				storageKey: `handup:pending:${new URL(this.server).origin}`,
				onChange: () => this.#render(),
				onEvent: (name, detail) => this.#emit(name, detail),
			}).start();
			this.#scheduleRenewal();
		}
		this.#render();
	}

	#scheduleRenewal() {
		clearTimeout(this.#renewTimer);
		const expiresAt = this.getAttribute('expires-at') || this.#storedToken()?.expiresAt;
		const delay = renewDelay(expiresAt, Date.now());
		// the page renews its token (a new attribute); we renew our own
		if (delay !== null) this.#renewTimer = setTimeout(() => (this.getAttribute('token') ? this.#emit('token-expiring', { expiresAt }) : this.#refresh()), Math.min(delay, 2 ** 31 - 1));
	}

	async #refresh() {
		const r = await fetch(this.#api('refresh'), { method: 'POST', headers: { Authorization: `Bearer ${this.#storedToken()?.token}` } }).catch(() => null);
		if (!r?.ok) return this.#emit('token-expiring', {}); // the page may renew it
		this.#storeToken(await r.json());
		this.#session?.setToken(this.#selfToken.token);
		this.#scheduleRenewal();
	}

	#api(path) { return new URL(`api/auth/${path}`, this.server.replace(/\/?$/, '/')); }

	#emit(name, detail) {
		if (name === 'token-expired' && !this.token) this.#storeToken(null);
		this.dispatchEvent(new CustomEvent(`handup:${name}`, { detail, bubbles: true, composed: true }));
	}

	#storedToken() {
		const t = this.#selfToken ?? keep('sessionStorage', this.#tokenKey());
		return Date.parse(t?.expiresAt) > Date.now() ? t : null;
	}

	/** Per tab: a reload keeps the sign-in, closing the tab ends it. */
	#storeToken(t) {
		keep('sessionStorage', this.#tokenKey(), (this.#selfToken = t));
	}

	#tokenKey() { return `handup:token:${this.server}`; }

	async #signIn(form) {
		try {
			const response = await fetch(this.#api('token'), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ username: form.username.value.trim(), password: form.password.value }),
			});
			if (!response.ok) throw new Error(this.#t('signInFailed'));
			const { token, expiresAt, user } = await response.json();
			this.#storeToken({ token, expiresAt });
			this.#error = null;
			this.#emit('signed-in', { user, expiresAt });
			this.#start();
		} catch (e) {
			this.#fail(e);
		}
	}

	#act(promise) {
		this.#error = null;
		return promise?.then(() => this.#render(), (e) => this.#fail(e));
	}
	#fail(e) {
		this.#error = e.message ?? String(e);
		this.#render();
	}

	#click(e) {
		const button = e.target.closest('[data-action]');
		if (!button || button.disabled) return;
		const s = this.#session;
		const { action, id, topic, score } = button.dataset;
		const form = this.shadowRoot.querySelector('.rating');
		({
			raise: () => this.raise(),
			cancel: () => this.cancel(),
			topic: () => this.#act(s.amend({ topic: s.state.request?.topic === topic ? '' : topic })),
			urgent: () => this.#act(s.amend({ urgent: !s.state.request?.urgent })),
			rate: () => this.#act(s.rate(ratingTarget(s.state).id, +score, { wrong: form.wrong.checked || undefined, comment: form.comment.value.trim() || undefined })),
			later: () => s.rateLater(),
			pick: () => s.pickForRating(id),
			flag: () => {
				this.#flagging = id;
				this.#render();
				this.shadowRoot.querySelector('.flag input').focus();
			},
			'sign-out': () => {
				this.#storeToken(null);
				this.#start();
			},
		})[action]?.();
	}

	#submit(e) {
		e.preventDefault();
		const form = e.target;
		const s = this.#session;
		const value = (name) => form[name].value.trim();
		if (form.matches('.signin')) {
			this.#signIn(form);
		} else if (form.matches('.note')) {
			this.#act(s.amend({ note: value('note') }).then(() => {
				this.#flash = 'saved';
				setTimeout(() => ((this.#flash = null), this.#render()), 2000);
			}));
		} else if (form.matches('.say') && value('text')) {
			this.#act(s.say(value('text')).then(() => (form.text.value = '')));
		} else if (form.matches('.flag')) {
			this.#act(s.flag(form.dataset.id, value('reason')).then(() => (this.#flagging = null)));
		}
	}

	// ---- regions rebuild only when their shape changes: typing is never lost

	#t(key, params) { return translate(this.language, key, params); }
	#h = (key, params) => esc(this.#t(key, params)); // for HTML

	#render() {
		const s = this.#session;
		const phase = this.phase;
		const root = this.shadowRoot;
		const card = root.querySelector('.card');
		card.dataset.phase = phase;
		card.setAttribute('lang', this.language);

		const conn = root.querySelector('.conn');
		conn.dataset.status = s?.status ?? 'signed-out';
		conn.hidden = !s;
		conn.querySelector('.conn-text').textContent = s ? this.#connectionText(s) : '';
		conn.querySelector('.who').textContent = s?.state.user?.name ?? '';

		// an offer or a network blip must not wipe what is being typed
		const view = !s || s.status === 'unauthenticated' ? 'signin' : phase === 'offered' ? 'waiting' : phase;
		const main = root.querySelector('.main');
		if (this.#rebuild('main', [view, this.language, s?.state.request?.id, s?.state.rating, this.#error, this.#flash])) {
			main.innerHTML = this.#mainHtml(view);
		}
		if (view !== 'signin') this.#update(main, phase, s);

		const today = s?.state.today ?? [];
		const history = root.querySelector('.history');
		if (this.#rebuild('history', [this.language, this.#flagging, ...today.map((r) => [r.id, r.state, r.rated, r.flagged])])) {
			history.hidden = !today.length;
			history.querySelector('summary').textContent = this.#t('today', { n: today.length });
			history.querySelector('ul').innerHTML = today.map((r) => this.#historyItem(r)).join('');
		}
	}

	#rebuild(region, shape) {
		const key = JSON.stringify(shape);
		return this.#keys[region] !== key && !!(this.#keys[region] = key);
	}

	#connectionText(s) {
		const key = { offline: 'conn_offline', unauthenticated: 'conn_expired', online: 'conn_online' }[s.status];
		return this.#t(key ?? 'conn_connecting', { s: Math.max(0, Math.ceil((s.retryAt - Date.now()) / 1000)) || 0 });
	}

	#mainHtml(view) {
		const t = this.#h;
		const r = this.request;
		const error = this.#error ? `<p class="error" role="alert">${t('error', { message: this.#error })}</p>` : '';
		const head = (badge, text = '<span data-bind="headline"></span>') =>
			`<p class="headline"><span class="badge" data-bind="badge">${t(badge)}</span>${text}</p>`;
		const facts = `<p class="facts"><span data-bind="waited"></span><span data-bind="position"></span><span data-bind="estimate"></span></p>`;
		const cancel = row(button('cancel', t('cancel'), 'cancel'));
		const shortcut = this.shortcut === 'none' ? '' : this.shortcut;
		const help = `<button class="help" part="button" data-action="raise" aria-keyshortcuts="${esc(shortcut)}">${t('needHelp')}</button>${
			shortcut ? `<span class="hint">${t('shortcutHint', { shortcut })}</span>` : ''}`;
		switch (view) {
			case 'signin':
				return `<form class="signin" part="signin"><strong>${t('signIn')}</strong>
					${field('username', t('username'), 'autocomplete="username" required')}
					${field('password', t('password'), 'type="password" autocomplete="current-password" required')}
					<button>${t('signInButton')}</button>${this.#error ? `<p class="error" role="alert">${esc(this.#error)}</p>` : ''}</form>`;
			case 'idle':
				return `${help}${error}
					${this.getAttribute('token') ? '' : row(button('sign-out', t('signOut'), 'link'))}`;
			case 'thanks':
				return `<p class="headline">${t('thanks')}</p>${help}${error}`;
			case 'sending':
				return head('state_QUEUED') + facts + cancel + error;
			case 'waiting':
				import('./answers.js');
				return `${head('state_QUEUED')}${facts}<div class="details"><span>${t('addDetails')}</span>
					<div class="row" role="group" aria-label="${t('topic')}">${TOPICS.map((topic) =>
						`<button class="chip" data-action="topic" data-topic="${topic}">${t(`topic_${topic}`)}</button>`).join('')}
					${button('urgent', t('urgent'), 'urgent')}</div>
					<form class="inline note">${field('note', t('note'), 'maxlength="500"', t('notePlaceholder'))}<button>${t(this.#flash || 'save')}</button></form>
					</div><handup-answers part="answers" server="${esc(this.server)}" token="${esc(this.#session.token)}" topic="${esc(r.topic)}" query="${esc(r.note)}"></handup-answers>${cancel}${error}`;
			case 'claimed':
				return `${head('state_CLAIMED')}${facts}<section part="chat" aria-label="${t('chat', { name: r.specialistName ?? '' })}">
					<ul class="log" aria-live="polite"></ul>
					<form class="inline say">${field('text', t('chatPlaceholder'), 'maxlength="2000" autocomplete="off"')}<button>${t('send')}</button></form>
					</section>${error}`;
			case 'rate': {
				const target = ratingTarget(this.#session.state);
				return `${head('state_RESOLVED', `<span>${target?.specialistName ? t('resolved', { name: target.specialistName }) : t('resolvedNoName')}</span>`)}
					<form class="rating" part="rating"><strong>${t('rateTitle')}</strong>
					<div class="stars">${[1, 2, 3, 4, 5].map((n) => `<button type="button" data-action="rate" data-score="${n}" aria-label="${t('rate', { n })}">${n}</button>`).join('')}</div>
					<label class="check"><input type="checkbox" name="wrong"> ${t('wrong')}</label>
					<textarea name="comment" maxlength="500" aria-label="${t('comment')}" placeholder="${t('comment')}"></textarea></form>
					${row(button('later', t('later'), 'link'))}${error}${help}`;
			}
			default:
				return '';
		}
	}

	/** The live parts: texts, pressed and disabled states. */
	#update(main, phase, s) {
		const set = (bind, text) => {
			const el = main.querySelector(`[data-bind="${bind}"]`);
			if (el && el.textContent !== text) el.textContent = text; // no flicker
		};
		const all = (selector, f) => main.querySelectorAll(selector).forEach(f);
		const r = s.state.request;
		const online = s.status === 'online';
		set('waited', this.#t('waited', { time: clock(waitedSeconds(s.state, Date.now())) }));
		if (phase === 'sending') {
			set('headline', this.#t(online ? 'sending' : 'sendingOffline'));
		} else if (phase === 'waiting' || phase === 'offered') {
			set('badge', this.#t(phase === 'waiting' ? 'state_QUEUED' : 'state_OFFERED'));
			set('headline', this.#t(phase));
			const n = r.position;
			set('position', n == null ? '' : this.#t(n === 1 ? 'next' : 'position', { n, before: n - 1 }));
			set('estimate', r.estimatedWait == null ? '' : this.#t('estimate', { time: roughly(this.language, r.estimatedWait) }));
			all('.chip', (chip) => chip.setAttribute('aria-pressed', chip.dataset.topic === r.topic));
			main.querySelector('.urgent').setAttribute('aria-pressed', !!r.urgent);
			const note = main.querySelector('[name="note"]');
			if (!note.value && r.note && note !== this.shadowRoot.activeElement) note.value = r.note;
			all('.chip, .urgent, .note button', (b) => (b.disabled = !online));
		} else if (phase === 'claimed') {
			const key = r.arrivedAt ? 'arrived' : r.specialistSeat ? 'claimedSeat' : 'claimed';
			set('headline', this.#t(key, { name: r.specialistName ?? '', seat: r.specialistSeat }));
			const log = main.querySelector('.log');
			const lines = s.state.chat;
			if (log.childElementCount !== lines.length) {
				const me = s.state.user?.id;
				log.innerHTML = lines.map((l) => `<li class="${l.from === me ? 'mine' : ''}"><span class="from">${
					esc(l.from === me ? this.#t('you') : l.fromName ?? l.from)}</span>${esc(l.text)}</li>`).join('');
				log.scrollTop = log.scrollHeight;
			}
			all('.say button', (b) => (b.disabled = !online));
		}
		all('.cancel, [data-action="rate"]', (b) => (b.disabled = !online && phase !== 'sending'));
	}

	#historyItem(r) {
		const t = this.#h;
		const id = esc(r.id);
		const time = r.raisedAt ? new Date(r.raisedAt).toLocaleTimeString(this.language, { hour: '2-digit', minute: '2-digit' }) : '';
		let action = '';
		if (r.state === 'RESOLVED') {
			if (!r.rated) action = button('pick', t('rateNow'), '', id);
			else if (r.flagged) action = `<span>${t('flagged')}</span>`;
			else if (this.#flagging === r.id) {
				action = `<form class="inline flag" data-id="${id}">${field('reason', t('flagReason'), 'maxlength="500"')}<button>${t('flagSend')}</button></form>`;
			} else action = `<span>${t('rated')}</span>${button('flag', t('flag'), '', id)}`;
		}
		return `<li><time>${esc(time)}</time><span class="state">${t(`state_${r.state}`)}</span>${
			r.topic ? `<span>${t(`topic_${r.topic}`)}</span>` : ''}${r.specialistName ? `<span>${esc(r.specialistName)}</span>` : ''}${action}</li>`;
	}
}

const button = (action, label, cls = '', id = '') => `<button class="${cls}" data-action="${action}" data-id="${id}">${label}</button>`;
const row = (html) => `<div class="row">${html}</div>`;
/** An input named by its label (also its placeholder unless given one). */
const field = (name, label, attributes, placeholder = label) => `<input name="${name}" aria-label="${label}" placeholder="${placeholder}" ${attributes}>`;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Once: loading the script twice (or from two URLs) is safe. */
export function define(tag = 'handup-button', registry = globalThis.customElements) {
	if (registry && !registry.get(tag)) registry.define(tag, class extends HandupButtonElement {});
	return registry?.get(tag);
}

// handup-button.js?define=false to pick the tag name yourself
if (new URL(import.meta.url).searchParams.get('define') !== 'false') define();
