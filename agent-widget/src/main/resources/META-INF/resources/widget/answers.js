// <handup-answers>: the knowledge base, searched while the agent waits. <handup-button> loads it
// only once the agent is waiting, so a CRM page's first download stays small; a page may also
// place it on its own. Attributes are the single source of truth: typing sets `query`.

import { pickLanguage, translate } from './i18n.js';

export const TEXT = {
	title: ['While you wait: is it answered already?', '等待时先看看：是否已有答案？'],
	search: ['Search answers', '搜索答案'],
	placeholder: ['e.g. refund, power cut, 电费', '例如：退款、停电、电费'],
	searching: ['Searching…', '正在搜索…'],
	none: ['No answer found yet — a specialist is coming', '暂无答案 — 支持专员马上就到'],
	failed: ['Search is not available: {message}', '暂时无法搜索：{message}'],
	confirmed: ['Confirmed by {name}', '已由 {name} 确认'],
	correcting: ['Being corrected — check with a specialist', '正在更正 — 请向支持专员确认'],
	found: ['This answers it — withdraw my request', '已找到答案 — 撤回求助'],
};

/** How long typing must pause before a search goes out. */
export const PAUSE_MS = 300;

/** The search URL for a query and a topic, or null when there is nothing to search for. */
export function searchUrl(server, query, topic, limit = 5) {
	const q = query.trim();
	if (!q && !topic) return null;
	const params = new URLSearchParams({ limit });
	if (q) params.set('q', q);
	if (topic) params.set('topic', topic);
	return new URL(`api/knowledge?${params}`, server.replace(/\/?$/, '/'));
}

// node's test runner has no DOM; the pure parts above are tested there
export class HandupAnswersElement extends (globalThis.HTMLElement ?? class {}) {
	static observedAttributes = ['server', 'token', 'lang', 'query', 'topic'];

	#timer = null;
	#inflight = null;
	#entries = [];
	#status = ''; // '', 'searching', 'none', or an error message

	constructor() {
		super();
		const root = this.attachShadow({ mode: 'open' });
		root.innerHTML = `<style>${css}</style><section part="answers"><strong></strong>
			<form role="search"><input name="q" type="search" maxlength="200" autocomplete="off"></form>
			<p class="status" role="status" aria-live="polite"></p><ul></ul></section>`;
		root.querySelector('form').addEventListener('submit', (e) => (e.preventDefault(), this.#search()));
		root.querySelector('input').addEventListener('input', (e) => this.setAttribute('query', e.target.value));
		root.addEventListener('click', (e) => {
			const id = e.target.closest('[data-found]')?.dataset.found;
			const entry = this.#entries.find((x) => x.id === id);
			if (entry) this.dispatchEvent(new CustomEvent('handup:found', { detail: { entryId: id, question: entry.question }, bubbles: true, composed: true }));
		});
	}

	// inside <handup-button> the card's lang holds, as lang does in HTML
	get language() { return pickLanguage(this.closest('[lang]')?.getAttribute('lang'), globalThis.navigator?.languages ?? []); }
	/** The entries of the last search, as the server sent them. */
	get entries() { return this.#entries; }

	connectedCallback() {
		this.#render();
		this.#later();
	}

	disconnectedCallback() {
		clearTimeout(this.#timer);
		this.#inflight?.abort();
	}

	attributeChangedCallback(name, oldValue, newValue) {
		if (oldValue === newValue || !this.isConnected) return;
		if (name === 'lang') this.#render();
		else this.#later();
	}

	#later() {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#search(), PAUSE_MS);
	}

	async #search() {
		clearTimeout(this.#timer);
		this.#inflight?.abort();
		const url = searchUrl(this.getAttribute('server') || new URL('..', import.meta.url).href, this.getAttribute('query') ?? '', this.getAttribute('topic'));
		if (!url) return this.#show([], '');
		const inflight = (this.#inflight = new AbortController());
		this.#show(this.#entries, 'searching');
		try {
			const response = await fetch(url, { headers: { Authorization: `Bearer ${this.getAttribute('token')}` }, signal: inflight.signal });
			const body = await response.json().catch(() => ({}));
			if (!response.ok) throw new Error(body.message ?? response.status);
			this.#show(body.entries ?? [], body.entries?.length ? '' : 'none');
		} catch (e) {
			if (!inflight.signal.aborted) this.#show([], e.message);
		}
	}

	#show(entries, status) {
		this.#entries = entries;
		this.#status = status;
		this.#render();
	}

	#render() {
		const t = (key, params) => esc(translate(this.language, key, params, TEXT));
		const root = this.shadowRoot;
		root.querySelector('strong').textContent = translate(this.language, 'title', {}, TEXT);
		const input = root.querySelector('input');
		input.setAttribute('aria-label', translate(this.language, 'search', {}, TEXT));
		input.placeholder = translate(this.language, 'placeholder', {}, TEXT);
		const query = this.getAttribute('query') ?? '';
		if (input.value !== query && input !== root.activeElement) input.value = query;
		const status = this.#status;
		root.querySelector('.status').textContent =
			status === 'searching' || status === 'none' ? translate(this.language, status, {}, TEXT) : status ? translate(this.language, 'failed', { message: status }, TEXT) : '';
		root.querySelector('ul').innerHTML = this.#entries
			.map((x) => `<li><details><summary>${esc(x.question)}</summary><p class="answer">${esc(x.answer)}</p>
				${x.correction ? `<p class="warn">${t('correcting')}</p>` : x.confirmedBy ? `<p class="by">${t('confirmed', { name: x.confirmedByName ?? x.confirmedBy })}</p>` : ''}
				<button type="button" data-found="${esc(x.id)}">${t('found')}</button></details></li>`)
			.join('');
	}
}

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const css = `
:host{display:block;margin-top:8px}
section{border-top:1px solid var(--line,#d0d7de);padding-top:8px}
strong{display:block;margin-bottom:4px}
input{width:100%;font:inherit;padding:6px 8px;border:1px solid var(--line,#d0d7de);border-radius:8px}
.status{color:var(--muted,#57606a);margin:4px 0;min-height:1em}
ul{list-style:none;margin:0;padding:0;max-height:16rem;overflow:auto}
li{border-bottom:1px solid var(--line,#d0d7de);padding:4px 0}
summary{cursor:pointer;font-weight:600}
.answer{white-space:pre-wrap;margin:4px 0}
.by{color:#1a7f37;font-size:12px;margin:0 0 4px}
.warn{color:#cf222e;font-size:12px;margin:0 0 4px}
button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid #1a7f37;background:#dafbe1;padding:4px 8px}
:focus-visible{outline:3px solid #0969da;outline-offset:1px}
`;

/** Once: safe to run twice. */
export function define(tag = 'handup-answers', registry = globalThis.customElements) {
	if (registry && !registry.get(tag)) registry.define(tag, class extends HandupAnswersElement {});
	return registry?.get(tag);
}

// answers.js?define=false to pick the tag name yourself
if (new URL(import.meta.url).searchParams.get('define') !== 'false') define();
