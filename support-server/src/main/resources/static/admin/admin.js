// The admin page: users, floors, live settings, roster CSV and the audit, over /api/admin/* with
// the session cookie. Every change is sent as JSON (or text/csv), which a page on another site
// cannot send with that cookie.
import { pickLanguage, storedLanguage, storeLanguage, translatePage } from '/ui/i18n.js';
import { splitList, translator } from './i18n.js';
import { mountDuty } from '/ui/duty.js';

const $ = (sel) => document.querySelector(sel);
let lang = pickLanguage(storedLanguage(localStorage), navigator.languages);
let t = translator(lang);
let session;
let users = [];
let settings = [];
let duty = null; // the duty roster section, once drawn
let editing = null; // the id being edited, or null for a new user

async function api(path, { method = 'GET', body, type = 'application/json' } = {}) {
  const options = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') {
    options.headers['Content-Type'] = type;
    options.body = body === undefined ? '{}' : (typeof body === 'string' ? body : JSON.stringify(body));
  }
  const response = await fetch(path, options);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    const error = new Error(json?.message || `${response.status} ${response.statusText}`);
    error.errors = json?.errors || [];
    error.status = response.status;
    throw error;
  }
  return json;
}

function status(text, isError = false) {
  const node = $('#status');
  node.textContent = text;
  node.classList.toggle('error', isError);
}

function td(row, text, className) {
  const cell = row.insertCell();
  cell.textContent = text ?? '';
  if (className) cell.className = className;
  return cell;
}

function button(label, action, id) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  b.dataset.id = id;
  return b;
}

// --- users ------------------------------------------------------------------------------------

function matches(user, filter) {
  if (!filter) return true;
  const hay = [user.id, user.name, user.floor, user.seat, user.email ?? '', ...user.roles, ...user.skills].join(' ').toLowerCase();
  return filter.toLowerCase().split(/\s+/).every((word) => hay.includes(word));
}

function drawUsers() {
  const body = $('#user-table tbody');
  body.replaceChildren();
  const filter = $('#user-filter').value.trim();
  for (const u of users.filter((x) => matches(x, filter))) {
    const row = body.insertRow();
    row.dataset.id = u.id;
    row.classList.toggle('disabled', u.disabled);
    td(row, u.id);
    td(row, u.name);
    td(row, u.roles.map((r) => t('role.' + r)).join(', '));
    td(row, u.floor);
    td(row, u.managerId);
    td(row, u.team);
    td(row, u.seat);
    td(row, u.skills.join('; '), 'skills');
    td(row, t(u.disabled ? 'status.disabled' : 'status.active'), 'status');
    const actions = td(row, '', 'actions');
    actions.append(button(t('users.editButton'), 'edit', u.id));
    actions.append(u.disabled ? button(t('users.enable'), 'enable', u.id)
      : button(t('users.disable'), 'disable', u.id));
  }
  $('#user-ids').replaceChildren(...users.map((u) => new Option(u.name, u.id)));
}

async function loadUsers() {
  users = await api('/api/admin/users');
  drawUsers();
}

function openEditor(user) {
  const form = $('#user-form');
  editing = user ? user.id : null;
  form.reset();
  $('#user-errors').replaceChildren();
  $('#user-form-title').textContent = user ? t('users.edit', { id: user.id }) : t('users.create');
  form.elements.id.disabled = Boolean(user);
  if (user) {
    for (const field of ['id', 'name', 'managerId', 'team', 'seat', 'floor', 'email']) {
      form.elements[field].value = user[field] ?? '';
    }
    form.elements.skills.value = user.skills.join('; ');
    for (const box of form.querySelectorAll('input[name=roles]')) {
      box.checked = user.roles.includes(box.value);
    }
  } else if (session) {
    form.elements.floor.value = users.find((u) => u.id === session.user.id)?.floor ?? '';
  }
  form.hidden = false;
  form.elements[user ? 'name' : 'id'].focus();
}

async function saveUser(event) {
  event.preventDefault();
  const form = $('#user-form');
  const value = (name) => form.elements[name].value.trim() || null;
  const body = {
    id: editing ?? value('id'),
    name: value('name'),
    roles: [...form.querySelectorAll('input[name=roles]:checked')].map((b) => b.value),
    managerId: value('managerId'),
    team: value('team'),
    seat: value('seat'),
    floor: value('floor'),
    skills: splitList(form.elements.skills.value),
    // empty, not null: a blank field removes the address, a missing one keeps it
    email: form.elements.email.value.trim(),
    password: form.elements.password.value || null,
  };
  try {
    if (editing) {
      await api(`/api/admin/users/${encodeURIComponent(editing)}`, { method: 'PUT', body });
      status(t('users.updated', { id: editing }));
    } else {
      await api('/api/admin/users', { method: 'POST', body });
      status(t('users.created', { id: body.id }));
    }
    form.hidden = true;
    await Promise.all([loadUsers(), loadFloors(), loadAudit()]);
  } catch (e) {
    const list = $('#user-errors');
    list.replaceChildren(...(e.errors.length ? e.errors.map((p) => p.reason) : [e.message])
      .map((reason) => Object.assign(document.createElement('li'), { textContent: reason })));
  }
}

async function userAction(event) {
  const b = event.target.closest('button[data-action]');
  if (!b) return;
  const id = b.dataset.id;
  const user = users.find((u) => u.id === id);
  try {
    if (b.dataset.action === 'edit') {
      openEditor(user);
      return;
    }
    if (b.dataset.action === 'disable') {
      if (!window.confirm(t('users.confirmDisable', { id }))) return;
      await api(`/api/admin/users/${encodeURIComponent(id)}/disable`, { method: 'POST' });
      status(t('users.disabled', { id }));
    } else {
      await api(`/api/admin/users/${encodeURIComponent(id)}/enable`, { method: 'POST' });
      status(t('users.enabled', { id }));
    }
    await Promise.all([loadUsers(), loadFloors(), loadAudit()]);
  } catch (e) {
    status(t('failed', { message: e.message }), true);
  }
}

// --- floors -----------------------------------------------------------------------------------

async function loadFloors() {
  const floors = await api('/api/admin/floors');
  const body = $('#floor-table tbody');
  body.replaceChildren();
  for (const f of floors) {
    const row = body.insertRow();
    row.dataset.floor = f.name;
    for (const v of [f.name, f.users, f.agents, f.specialists, f.disabled]) td(row, String(v));
  }
  $('#floor-names').replaceChildren(...floors.map((f) => new Option(f.name, f.name)));
}

// --- settings ---------------------------------------------------------------------------------

function drawSettings() {
  const box = $('#settings-fields');
  box.replaceChildren();
  for (const s of settings) {
    const label = document.createElement('label');
    const name = document.createElement('span');
    name.textContent = t('setting.' + s.key);
    if (s.changed) name.classList.add('changed');
    const input = document.createElement('input');
    input.name = s.key;
    input.value = s.changed ? s.value : '';
    input.placeholder = s.defaultValue;
    input.title = t('settings.default', { value: s.defaultValue });
    const hint = document.createElement('small');
    hint.textContent = t('settings.default', { value: s.defaultValue });
    label.append(name, input, hint);
    box.append(label);
  }
}

async function loadSettings() {
  settings = await api('/api/admin/settings');
  drawSettings();
}

async function saveSettings(event) {
  event.preventDefault();
  const body = {};
  for (const s of settings) {
    const value = $('#settings-form').elements[s.key].value.trim();
    if (value !== (s.changed ? s.value : '')) body[s.key] = value || null;
  }
  try {
    settings = await api('/api/admin/settings', { method: 'PUT', body });
    $('#settings-errors').replaceChildren();
    drawSettings();
    status(t('saved'));
    await loadAudit();
  } catch (e) {
    $('#settings-errors').replaceChildren(
      ...e.message.split('; ').map((m) => Object.assign(document.createElement('li'), { textContent: m })));
  }
}

// --- roster -----------------------------------------------------------------------------------

async function importRoster(event) {
  event.preventDefault();
  const file = $('#roster-file').files[0];
  if (!file) return;
  const table = $('#roster-errors');
  const body = table.tBodies[0];
  body.replaceChildren();
  table.hidden = true;
  try {
    const result = await api('/api/admin/roster.csv', { method: 'POST', body: await file.text(), type: 'text/csv' });
    $('#roster-result').textContent = t('roster.imported', result);
    await Promise.all([loadUsers(), loadFloors(), loadAudit()]);
  } catch (e) {
    $('#roster-result').textContent = t('roster.rejected', { message: e.message });
    for (const p of e.errors) {
      const row = body.insertRow();
      td(row, String(p.line));
      td(row, p.id);
      td(row, p.reason);
    }
    table.hidden = e.errors.length === 0;
  }
}

// --- audit ------------------------------------------------------------------------------------

function auditQuery() {
  const form = $('#audit-form');
  return new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value }).toString();
}

async function loadAudit() {
  const query = auditQuery();
  $('#audit-export').href = `/api/admin/audit.csv?${query}`;
  const audit = await api(`/api/admin/audit?${query}&limit=500`);
  const body = $('#audit-table tbody');
  body.replaceChildren();
  if (audit.lines.length === 0) {
    const row = body.insertRow();
    const cell = td(row, t('audit.empty'));
    cell.colSpan = 6;
  }
  for (const line of audit.lines) {
    const row = body.insertRow();
    row.dataset.action = line.action;
    row.dataset.target = line.target;
    td(row, new Date(line.at).toLocaleString(lang));
    td(row, line.actor);
    td(row, line.action);
    td(row, line.target);
    td(row, line.detail);
    td(row, line.address);
  }
}

// --- page -------------------------------------------------------------------------------------

function translate() {
  t = translator(lang);
  document.documentElement.lang = lang;
  document.title = `Handup — ${t('title')}`;
  translatePage(document, t);
  $('#lang').value = lang;
  drawUsers();
  drawSettings();
  duty?.redraw();
}

async function start() {
  translate();
  status(t('loading'));
  session = await api('/admin/session');
  $('#who').textContent = `${session.user.name} (${session.user.id})`;
  const csrf = $('#sign-out input[type=hidden]');
  csrf.name = session.csrf.parameterName;
  csrf.value = session.csrf.token;
  const today = new Date(`${session.today}T00:00:00Z`);
  const weekAgo = new Date(today.getTime() - 6 * 86400000);
  $('#audit-form').elements.from.value = weekAgo.toISOString().slice(0, 10);
  $('#audit-form').elements.to.value = session.today;
  await Promise.all([loadUsers(), loadFloors(), loadSettings(), loadAudit()]);
  duty = await mountDuty($('#duty'), {
    lang: () => lang,
    today: session.today,
    floors: [...$('#floor-names').options].map((o) => o.value),
    floor: users.find((u) => u.id === session.user.id)?.floor ?? '',
    status,
    changed: loadAudit,
  });
  status('');
  document.body.dataset.ready = 'true';
}

$('#lang').addEventListener('change', () => {
  lang = $('#lang').value;
  storeLanguage(localStorage, lang);
  translate();
  loadAudit().catch(() => {});
});
$('#user-filter').addEventListener('input', drawUsers);
$('#user-new').addEventListener('click', () => openEditor(null));
$('#user-cancel').addEventListener('click', () => { $('#user-form').hidden = true; });
$('#user-form').addEventListener('submit', saveUser);
$('#user-table').addEventListener('click', userAction);
$('#settings-form').addEventListener('submit', saveSettings);
$('#roster-form').addEventListener('submit', importRoster);
$('#audit-form').addEventListener('submit', (e) => { e.preventDefault(); loadAudit().catch((x) => status(x.message, true)); });

start().catch((e) => status(t('failed', { message: e.message }), true));
