// The duty roster section, shared by the admin page and the managers' dashboard: each specialist
// of a floor with their shifts over /api/duty/*, one added or removed at a time or imported from
// CSV. It draws its own markup and strings into the element the page gives it; the server checks
// role and floor on every call. Times are typed in the browser's zone and sent as instants.
import { dutyTranslator, weekEnd } from './duty-i18n.js';
import { call } from './http.js';

const MARKUP = `
  <h2 data-duty-i18n="title"></h2>
  <p class="note" data-duty-i18n="note"></p>
  <form id="duty-range" class="toolbar">
    <label class="duty-floor"><span data-duty-i18n="floor"></span> <select name="floor"></select></label>
    <label><span data-duty-i18n="from"></span> <input type="date" name="from" required></label>
    <label><span data-duty-i18n="to"></span> <input type="date" name="to" required></label>
    <button type="submit" data-duty-i18n="show"></button>
  </form>
  <form id="duty-form" class="editor">
    <h3 data-duty-i18n="add"></h3>
    <div class="grid">
      <label><span data-duty-i18n="specialist"></span> <select name="specialist" required></select></label>
      <label><span data-duty-i18n="start"></span> <input type="datetime-local" name="start" required></label>
      <label><span data-duty-i18n="end"></span> <input type="datetime-local" name="end" required></label>
    </div>
    <ul id="duty-errors" class="errors"></ul>
    <div class="actions"><button type="submit" class="primary" data-duty-i18n="addButton"></button></div>
  </form>
  <table id="duty-table">
    <thead><tr>
      <th data-duty-i18n="specialist"></th><th data-duty-i18n="now"></th><th data-duty-i18n="shifts"></th>
    </tr></thead>
    <tbody></tbody>
  </table>
  <form id="duty-import" class="toolbar">
    <span class="note" data-duty-i18n="importNote"></span>
    <input type="file" id="duty-file" accept=".csv,text/csv" required>
    <button type="submit" data-duty-i18n="import"></button>
  </form>
  <p id="duty-result" class="note"></p>`;

/**
 * Draws the section into {@code container} and loads the roster.
 *
 * @param options.lang the page's language now (a function: the page may switch it)
 * @param options.today the floor's today, YYYY-MM-DD: the first of the seven days shown
 * @param options.floors floors to choose from (an administrator's); none hides the choice, and
 *     the server shows the caller's own floor
 * @param options.floor the floor chosen first
 * @param options.status shows a short message on the page (text, isError)
 * @param options.changed called after the roster changed (the admin page refreshes its audit)
 * @return {@code redraw()} for a change of language, and {@code load()}
 */
export async function mountDuty(container, {
  lang, today, floors = [], floor = '', status = () => {}, changed = async () => {},
}) {
  container.classList.add('duty-roster');
  container.innerHTML = MARKUP;
  const $ = (sel) => container.querySelector(sel);
  const t = (...args) => dutyTranslator(lang())(...args);
  let roster = null;

  function when(iso) {
    return new Date(iso).toLocaleString(lang(), {
      weekday: 'short', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
    });
  }

  function query() {
    const form = $('#duty-range');
    const params = { from: form.elements.from.value, to: form.elements.to.value };
    if (form.elements.floor.value) params.floor = form.elements.floor.value;
    return new URLSearchParams(params).toString();
  }

  async function load() {
    roster = await call(`/api/duty/roster?${query()}`);
    draw();
  }

  function draw() {
    if (!roster) return;
    const body = $('#duty-table tbody');
    body.replaceChildren();
    const select = $('#duty-form').elements.specialist;
    const chosen = select.value;
    select.replaceChildren(...roster.specialists.map((s) => new Option(`${s.name} (${s.id})`, s.id)));
    if (chosen) select.value = chosen;
    for (const s of roster.specialists) {
      const row = body.insertRow();
      row.dataset.id = s.id;
      row.insertCell().textContent = `${s.name} (${s.id})`;
      const now = row.insertCell();
      now.textContent = t(s.onDuty ? 'onDuty' : 'offDuty') + (s.rostered ? '' : ` · ${t('unrostered')}`);
      now.className = s.onDuty ? 'on-duty' : 'off-duty';
      const list = document.createElement('ul');
      list.className = 'shifts';
      for (const shift of s.shifts) {
        const li = document.createElement('li');
        li.dataset.shift = shift.id;
        li.textContent = `${when(shift.start)} – ${when(shift.end)}`;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '×';
        remove.title = t('remove');
        remove.dataset.specialist = s.id;
        remove.dataset.shift = shift.id;
        li.append(remove);
        list.append(li);
      }
      row.insertCell().append(list);
    }
  }

  function translate() {
    for (const el of container.querySelectorAll('[data-duty-i18n]')) {
      el.textContent = t(el.dataset.dutyI18n);
    }
  }

  async function addShift(event) {
    event.preventDefault();
    const form = $('#duty-form');
    const value = (name) => form.elements[name].value;
    const errors = $('#duty-errors');
    errors.replaceChildren();
    try {
      const start = new Date(value('start'));
      const end = new Date(value('end'));
      await call(`/api/duty/specialists/${encodeURIComponent(value('specialist'))}/shifts`, {
        method: 'POST',
        body: JSON.stringify({ start: start.toISOString(), end: end.toISOString() }),
      });
      status(t('added'));
      await Promise.all([load(), changed()]);
    } catch (e) {
      errors.append(Object.assign(document.createElement('li'), { textContent: e.message }));
    }
  }

  async function removeShift(event) {
    const b = event.target.closest('button[data-shift]');
    if (!b) return;
    try {
      await call(
        `/api/duty/specialists/${encodeURIComponent(b.dataset.specialist)}/shifts/${b.dataset.shift}`,
        { method: 'DELETE' },
      );
      status(t('removed'));
      await Promise.all([load(), changed()]);
    } catch (e) {
      status(t('failed', { message: e.message }), true);
    }
  }

  async function importShifts(event) {
    event.preventDefault();
    const file = $('#duty-file').files[0];
    if (!file) return;
    try {
      const result = await call('/api/duty/roster.csv', {
        method: 'POST', body: await file.text(), headers: { 'Content-Type': 'text/csv' },
      });
      $('#duty-result').textContent = t('imported', result);
      await Promise.all([load(), changed()]);
    } catch (e) {
      const lines = e.errors.map((p) => t('lineProblem', p));
      $('#duty-result').textContent = [t('rejected', { message: e.message }), ...lines].join(' ');
    }
  }

  const range = $('#duty-range');
  range.elements.floor.replaceChildren(...floors.map((f) => new Option(f, f)));
  range.elements.floor.value = floor;
  container.querySelector('.duty-floor').hidden = floors.length === 0;
  range.elements.from.value = today;
  range.elements.to.value = weekEnd(today);
  const reload = () => load().catch((x) => status(x.message, true));
  range.addEventListener('submit', (e) => {
    e.preventDefault();
    reload();
  });
  range.elements.floor.addEventListener('change', reload);
  $('#duty-form').addEventListener('submit', addShift);
  $('#duty-table').addEventListener('click', removeShift);
  $('#duty-import').addEventListener('submit', importShifts);
  translate();
  await load();
  return {
    load,
    redraw() {
      translate();
      draw();
    },
  };
}
