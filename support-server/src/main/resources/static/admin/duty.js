// The admin page's duty roster section: each specialist's shifts of a floor over /api/duty/*, one
// added or removed at a time or imported from CSV. Times are typed in the browser's zone and sent
// as instants.
const $ = (sel) => document.querySelector(sel);

let ctx; // { api, t, lang, status, loadAudit }
let roster = null;

function when(iso) {
  return new Date(iso).toLocaleString(ctx.lang(), {
    weekday: 'short', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}

function query() {
  const form = $('#duty-range');
  const params = { from: form.elements.from.value, to: form.elements.to.value };
  if (form.elements.floor.value) params.floor = form.elements.floor.value;
  return new URLSearchParams(params).toString();
}

export async function loadDuty() {
  roster = await ctx.api(`/api/duty/roster?${query()}`);
  drawDuty();
}

export function drawDuty() {
  if (!roster) return;
  const { t } = ctx;
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
    now.textContent = t(s.onDuty ? 'duty.onDuty' : 'duty.offDuty')
      + (s.rostered ? '' : ` · ${t('duty.unrostered')}`);
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
      remove.title = t('duty.remove');
      remove.dataset.specialist = s.id;
      remove.dataset.shift = shift.id;
      li.append(remove);
      list.append(li);
    }
    row.insertCell().append(list);
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
    await ctx.api(`/api/duty/specialists/${encodeURIComponent(value('specialist'))}/shifts`, {
      method: 'POST',
      body: { start: start.toISOString(), end: end.toISOString() },
    });
    ctx.status(ctx.t('duty.added'));
    await Promise.all([loadDuty(), ctx.loadAudit()]);
  } catch (e) {
    errors.append(Object.assign(document.createElement('li'), { textContent: e.message }));
  }
}

async function removeShift(event) {
  const b = event.target.closest('button[data-shift]');
  if (!b) return;
  try {
    await ctx.api(
      `/api/duty/specialists/${encodeURIComponent(b.dataset.specialist)}/shifts/${b.dataset.shift}`,
      { method: 'DELETE' },
    );
    ctx.status(ctx.t('duty.removed'));
    await Promise.all([loadDuty(), ctx.loadAudit()]);
  } catch (e) {
    ctx.status(ctx.t('failed', { message: e.message }), true);
  }
}

async function importShifts(event) {
  event.preventDefault();
  const file = $('#duty-file').files[0];
  if (!file) return;
  try {
    const result = await ctx.api('/api/duty/roster.csv', {
      method: 'POST', body: await file.text(), type: 'text/csv',
    });
    $('#duty-result').textContent = ctx.t('duty.imported', result);
    await Promise.all([loadDuty(), ctx.loadAudit()]);
  } catch (e) {
    const lines = e.errors.map((p) => ctx.t('duty.lineProblem', p));
    $('#duty-result').textContent = [ctx.t('roster.rejected', { message: e.message }), ...lines].join(' ');
  }
}

/** Wires the section; {@code floors} and {@code today} (YYYY-MM-DD) come from the page. */
export async function startDuty(context, { floors, floor, today }) {
  ctx = context;
  const range = $('#duty-range');
  range.elements.floor.replaceChildren(...floors.map((f) => new Option(f, f)));
  range.elements.floor.value = floor;
  range.elements.from.value = today;
  const week = new Date(`${today}T00:00:00Z`);
  week.setUTCDate(week.getUTCDate() + 6);
  range.elements.to.value = week.toISOString().slice(0, 10);
  range.addEventListener('submit', (e) => {
    e.preventDefault();
    loadDuty().catch((x) => ctx.status(x.message, true));
  });
  range.elements.floor.addEventListener('change', () => loadDuty().catch((x) => ctx.status(x.message, true)));
  $('#duty-form').addEventListener('submit', addShift);
  $('#duty-table').addEventListener('click', removeShift);
  $('#duty-import').addEventListener('submit', importShifts);
  await loadDuty();
}
