// The board's knowledge base: entries matching the request in hand (with "Send answer", which says
// the answer in the chat and remembers the entry for the resolve), saving a resolved request as an
// entry, a search box, the corrections list, and an editor for any entry (new version, confirm).
// Everything goes through /api/knowledge; board.js hands in what it knows of the page.

const MATCHES = 5;

/**
 * @param {object} deps
 * @param {() => Function} deps.t the current translator
 * @param {() => object|null} deps.me the signed-in user
 * @param {() => string|null} deps.token a bearer token for the API
 * @param {(text: string) => Promise<void>} deps.say says a line in the chat of my request
 * @param {(id: string) => Array} deps.chatOf the chat lines of a request
 * @param {(text: string, error?: boolean) => void} deps.toast
 */
export function createKnowledge(deps) {
  const $ = (id) => document.getElementById(id);
  const part = (root, name) => root.querySelector(`[data-part="${name}"]`);
  const t = (...args) => deps.t()(...args);
  // the entry whose answer was sent for each request, remembered for the resolve
  const used = new Map();
  let shownFor = null;
  let matches = [];
  let results = null;
  let corrections = [];
  let editing = null;

  async function api(method, path, body) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    const token = deps.token();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw { code: json.code ?? String(response.status), message: json.message ?? response.statusText };
    }
    return json;
  }

  function search(q, topic, limit = MATCHES) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (q) {
      params.set('q', q);
    }
    if (topic) {
      params.set('topic', topic);
    }
    return api('GET', `/api/knowledge?${params}`).then((found) => found.entries);
  }

  // ---- entries as list items ------------------------------------------------------------------

  function item(entry, actions) {
    const li = document.createElement('li');
    li.className = 'kb-entry';
    li.dataset.id = entry.id;
    const q = document.createElement('strong');
    q.className = 'kb-q';
    q.textContent = entry.question;
    const a = document.createElement('p');
    a.className = 'kb-a';
    a.textContent = entry.answer;
    const meta = document.createElement('div');
    meta.className = 'kb-meta';
    const bits = [];
    if (entry.topic) {
      bits.push(entry.topic);
    }
    bits.push(t('kb.version', { version: entry.version }));
    bits.push(entry.confirmed
      ? t('kb.confirmedBy', { name: entry.confirmedByName ?? entry.confirmedBy })
      : t('kb.unconfirmed'));
    meta.textContent = bits.join(' · ');
    li.append(q, a, meta);
    if (entry.correction) {
      const warn = document.createElement('p');
      warn.className = 'kb-correction';
      warn.dataset.part = 'correction';
      warn.textContent = entry.correction.text
        ? t('kb.correction.text', { text: entry.correction.text })
        : t('kb.correction.open');
      li.append(warn);
    }
    const buttons = document.createElement('div');
    buttons.className = 'kb-actions';
    for (const [action, label, run] of actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = action;
      button.textContent = label;
      button.addEventListener('click', () => run(entry));
      buttons.append(button);
    }
    li.append(buttons);
    return li;
  }

  // ---- entries matching the request in hand -------------------------------------------------

  /** The request the specialist holds or is offered, or null: shows the entries matching it. */
  async function forRequest(r) {
    const panel = $('kb-matches');
    if (!r) {
      shownFor = null;
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const key = `${r.id}|${r.topic ?? ''}|${r.note ?? ''}`;
    if (key === shownFor) {
      return;
    }
    shownFor = key;
    part(panel, 'for').textContent = r.topic || r.note || '';
    try {
      let found = await search(r.note, r.topic);
      if (!found.length && r.note && r.topic) {
        // the right answer may sit under another topic
        found = await search(r.note, null);
      }
      if (shownFor === key) {
        matches = found;
        drawMatches(r);
      }
    } catch (error) {
      console.warn('Knowledge search failed', error);
    }
  }

  function drawMatches(r) {
    const panel = $('kb-matches');
    const mine = r.state === 'CLAIMED' && r.specialistId === deps.me()?.id;
    part(panel, 'empty').textContent = matches.length ? '' : t('kb.matches.none');
    part(panel, 'list').replaceChildren(
      ...matches.map((entry) => {
        const actions = [];
        if (mine) {
          actions.push(['kb-send', t('kb.send'), (e) => sendAnswer(r.id, e)]);
        }
        actions.push(['kb-edit', t('kb.edit'), (e) => openEditor(e.id)]);
        const li = item(entry, actions);
        if (used.get(r.id) === entry.id) {
          li.classList.add('used');
        }
        return li;
      }),
    );
  }

  async function sendAnswer(requestId, entry) {
    try {
      await deps.say(entry.answer);
      used.set(requestId, entry.id);
      drawSaveStep();
      for (const li of $('kb-matches').querySelectorAll('.kb-entry')) {
        li.classList.toggle('used', li.dataset.id === entry.id);
      }
      deps.toast(t('kb.sent'));
    } catch (error) {
      deps.toast(t('toast.failed', { message: error?.message ?? '?' }), true);
    }
  }

  // ---- the resolve step ------------------------------------------------------------------------

  let resolving = null;

  /** My request changed or is new: the save-as-entry step follows it. */
  function forMine(r) {
    resolving = r;
    drawSaveStep();
  }

  function drawSaveStep() {
    const form = document.querySelector('#mine-work [data-form=resolve]');
    if (!form || !resolving) {
      return;
    }
    const usedId = used.get(resolving.id);
    part(form, 'kb-save').hidden = Boolean(usedId);
    part(form, 'kb-used').textContent = usedId ? t('kb.used') : '';
    part(form, 'kb-save-fields').hidden = !form.elements.kbSave.checked;
  }

  /** Fills the entry's fields from what is known when the specialist ticks "save as entry". */
  function prefill(form) {
    if (!resolving) {
      return;
    }
    if (!form.elements.kbQuestion.value) {
      const fromAgent = deps.chatOf(resolving.id).find((line) => line.from === resolving.agentId);
      form.elements.kbQuestion.value = resolving.note || fromAgent?.text || '';
    }
    if (!form.elements.kbAnswer.value) {
      const mineLines = deps.chatOf(resolving.id).filter((line) => line.from === deps.me()?.id);
      form.elements.kbAnswer.value =
        form.elements.note.value.trim() || mineLines[mineLines.length - 1]?.text || '';
    }
  }

  /** What the resolve frame carries: the entry the answer came from, if one was sent. */
  function resolveFields(requestId) {
    const entryId = used.get(requestId);
    return entryId ? { entryId } : {};
  }

  /** After the resolve: saves the request as an entry when the specialist asked for it. */
  async function afterResolve(request, form) {
    used.delete(request.id);
    if (!form.elements.kbSave.checked) {
      return;
    }
    const question = form.elements.kbQuestion.value.trim();
    const answer = form.elements.kbAnswer.value.trim();
    try {
      const entry = await api('POST', '/api/knowledge', {
        requestId: request.id, topic: request.topic ?? null, question, answer,
      });
      deps.toast(t('kb.saved', { question: entry.question }));
    } catch (error) {
      deps.toast(t('toast.failed', { message: error?.message ?? '?' }), true);
    }
  }

  // ---- search, corrections, editor ----------------------------------------------------------

  async function refreshCorrections() {
    try {
      corrections = (await api('GET', '/api/knowledge/corrections')).entries;
    } catch {
      corrections = [];
    }
    drawPanel();
  }

  function drawPanel() {
    const panel = $('kb');
    const editAction = ['kb-edit', t('kb.edit'), (e) => openEditor(e.id)];
    part(panel, 'results').replaceChildren(...(results ?? []).map((e) => item(e, [editAction])));
    part(panel, 'results-empty').textContent = results && !results.length ? t('kb.search.none') : '';
    part(panel, 'corrections-count').textContent = String(corrections.length);
    part(panel, 'corrections').replaceChildren(...corrections.map((e) => item(e, [editAction])));
  }

  async function openEditor(id) {
    const dialog = $('kb-editor');
    const form = dialog.querySelector('form');
    form.reset();
    part(dialog, 'error').textContent = '';
    editing = null;
    if (id) {
      try {
        editing = await api('GET', `/api/knowledge/${encodeURIComponent(id)}`);
      } catch (error) {
        deps.toast(t('toast.failed', { message: error?.message ?? '?' }), true);
        return;
      }
      form.elements.topic.value = editing.topic ?? '';
      form.elements.question.value = editing.question;
      form.elements.answer.value = editing.answer;
    }
    drawEditor();
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function drawEditor() {
    const dialog = $('kb-editor');
    dialog.dataset.id = editing?.id ?? '';
    part(dialog, 'title').textContent = editing ? t('kb.editor.edit') : t('kb.editor.new');
    const me = deps.me();
    const manager = (me?.roles ?? []).includes('MANAGER');
    part(dialog, 'meta').textContent = editing
      ? [
        t('kb.owner', { name: editing.ownerName ?? editing.ownerId }),
        t('kb.version', { version: editing.version }),
        editing.confirmed
          ? t('kb.confirmedBy', { name: editing.confirmedByName ?? editing.confirmedBy })
          : t('kb.unconfirmed'),
      ].join(' · ')
      : '';
    part(dialog, 'correction').textContent = editing?.correction
      ? (editing.correction.text
        ? t('kb.correction.text', { text: editing.correction.text })
        : t('kb.correction.open')) + ' ' + t('kb.correction.closes')
      : '';
    const confirm = dialog.querySelector('[data-action=kb-confirm]');
    confirm.hidden = !editing || editing.confirmed || (editing.updatedBy === me?.id && !manager);
    part(dialog, 'versions').replaceChildren(
      ...(editing?.versions ?? []).map((v) => {
        const li = document.createElement('li');
        li.textContent = `${t('kb.version', { version: v.version })} · ${v.byName || v.by} · `
          + `${new Date(v.at).toLocaleString()} — ${v.answer}`;
        return li;
      }),
    );
  }

  async function saveEditor(event) {
    event.preventDefault();
    const dialog = $('kb-editor');
    const form = dialog.querySelector('form');
    const body = {
      topic: form.elements.topic.value.trim() || null,
      question: form.elements.question.value.trim(),
      answer: form.elements.answer.value.trim(),
    };
    try {
      const saved = editing
        ? await api('PUT', `/api/knowledge/${encodeURIComponent(editing.id)}`, {
          ...body, version: editing.version,
        })
        : await api('POST', '/api/knowledge', body);
      deps.toast(t('kb.saved', { question: saved.question }));
      dialog.close();
      shownFor = null;
      refreshCorrections();
    } catch (error) {
      part(dialog, 'error').textContent = error?.code === 'conflict'
        ? t('kb.conflict', { message: error.message })
        : error?.message ?? '?';
    }
  }

  async function confirmEditor() {
    const dialog = $('kb-editor');
    try {
      await api('POST', `/api/knowledge/${encodeURIComponent(editing.id)}/confirm`, {
        version: editing.version,
      });
      deps.toast(t('kb.confirmed'));
      await openEditor(editing.id);
    } catch (error) {
      part(dialog, 'error').textContent = error?.message ?? '?';
    }
  }

  function wire() {
    const panel = $('kb');
    panel.querySelector('[data-form=kb-search]').addEventListener('submit', async (event) => {
      event.preventDefault();
      const q = event.target.elements.q.value.trim();
      try {
        results = q ? await search(q, null, 20) : null;
      } catch (error) {
        deps.toast(t('toast.failed', { message: error?.message ?? '?' }), true);
      }
      drawPanel();
    });
    panel.querySelector('[data-action=kb-new]').addEventListener('click', () => openEditor(null));
    const dialog = $('kb-editor');
    dialog.querySelector('form').addEventListener('submit', saveEditor);
    dialog.querySelector('[data-action=kb-confirm]').addEventListener('click', confirmEditor);
    dialog.querySelector('[data-action=kb-cancel]').addEventListener('click', () => dialog.close());
    const resolveForm = document.querySelector('#mine-work [data-form=resolve]');
    resolveForm.elements.kbSave.addEventListener('change', () => {
      if (resolveForm.elements.kbSave.checked) {
        prefill(resolveForm);
      }
      drawSaveStep();
    });
  }

  /** The language changed: draw again what is shown. */
  function redraw() {
    drawPanel();
    if (editing) {
      drawEditor();
    }
    shownFor = null;
  }

  wire();
  return {
    forRequest, forMine, resolveFields, afterResolve, refreshCorrections, redraw,
  };
}
