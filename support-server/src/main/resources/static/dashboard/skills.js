// Skill checks on the dashboard: the managers' check editor and a specialist's skills with their
// status. Managers see the right answers; the API never sends them to specialists.

import { call } from '/ui/http.js';

const $ = (sel) => document.querySelector(sel);
let t = (key) => key;
let editing = null;

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const day = (iso) => (iso ? new Date(iso).toLocaleDateString() : '—');

function row(tr, ...texts) {
  for (const text of texts) {
    const td = document.createElement('td');
    if (text instanceof Node) td.append(text); else td.textContent = text;
    tr.append(td);
  }
  return tr;
}

function head(table, ...labels) {
  table.replaceChildren();
  const tr = table.createTHead().insertRow();
  for (const label of labels) {
    const th = document.createElement('th');
    th.textContent = label ? t(label) : '';
    tr.append(th);
  }
  return table.createTBody();
}

function badge(status) {
  const span = document.createElement('span');
  span.className = 'skill-status';
  span.dataset.status = status;
  span.textContent = t(`sk.status.${status}`);
  return span;
}

// ---- the managers' list and editor ------------------------------------------------------------

export async function loadChecks() {
  const table = $('#skill-checks');
  if (!table) return;
  const checks = await call('/api/skills/checks');
  const body = head(table, 'sk.topic', 'sk.checkTitle', 'sk.questions', 'sk.passMark', 'sk.holders', 'sk.version', 'sk.updated', '');
  for (const c of checks) {
    const tr = body.insertRow();
    tr.dataset.topic = c.topic;
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'link';
    edit.textContent = t('sk.edit');
    edit.addEventListener('click', () => openEditor(c.topic));
    row(tr, c.topic, c.title, String(c.questionCount), `${c.passMark}%`, `${c.valid} / ${c.specialists}`,
      String(c.version), `${when(c.updatedAt)} · ${c.authorName ?? ''}`, edit);
  }
  if (checks.length === 0) {
    const td = row(body.insertRow(), t('sk.none')).firstChild;
    td.colSpan = 8;
  }
}

async function openEditor(topic) {
  editing = topic ? await call(`/api/skills/checks/${encodeURIComponent(topic)}`) : null;
  const form = $('#skill-check-editor');
  form.hidden = false;
  form.topic.value = editing?.topic ?? '';
  form.topic.readOnly = Boolean(editing);
  form.title.value = editing?.title ?? '';
  form.passMark.value = editing?.passMark ?? 80;
  $('#skill-check-questions').replaceChildren();
  const questions = editing?.questions ?? [{ text: '', options: ['', ''], answer: 0 }];
  questions.forEach(addQuestion);
  $('#skill-check-delete').hidden = !editing;
  $('#skill-check-error').textContent = '';
  form.scrollIntoView({ block: 'nearest' });
}

function addQuestion(q = { text: '', options: ['', ''], answer: 0 }) {
  const li = document.createElement('li');
  const text = document.createElement('input');
  text.name = 'text';
  text.maxLength = 1000;
  text.placeholder = t('sk.question');
  text.value = q.text;
  const optionsLabel = document.createElement('label');
  optionsLabel.textContent = t('sk.options');
  const options = document.createElement('textarea');
  options.name = 'options';
  options.value = q.options.join('\n');
  optionsLabel.append(options);
  const rightLabel = document.createElement('label');
  rightLabel.textContent = `${t('sk.right')} `;
  const right = document.createElement('select');
  right.name = 'answer';
  rightLabel.append(right);
  const fill = () => {
    const chosen = right.value === '' ? q.answer : Number(right.value);
    const lines = options.value.split('\n');
    right.replaceChildren(...lines.map((line, i) => new Option(`${i + 1}. ${line}`, String(i))));
    right.value = String(Math.min(chosen, Math.max(0, lines.length - 1)));
  };
  options.addEventListener('input', fill);
  fill();
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link';
  remove.textContent = t('sk.remove');
  remove.addEventListener('click', () => li.remove());
  li.append(text, optionsLabel, rightLabel, remove);
  $('#skill-check-questions').append(li);
}

function formBody(form) {
  const questions = [...$('#skill-check-questions').children].map((li) => ({
    text: li.querySelector('[name=text]').value,
    options: li.querySelector('[name=options]').value.split('\n').map((o) => o.trim()).filter((o) => o !== ''),
    answer: Number(li.querySelector('[name=answer]').value),
  }));
  const body = { title: form.title.value, passMark: Number(form.passMark.value), questions };
  if (editing) body.version = editing.version;
  return body;
}

async function save(event) {
  event.preventDefault();
  const form = $('#skill-check-editor');
  try {
    editing = await call(`/api/skills/checks/${encodeURIComponent(form.topic.value.trim())}`, {
      method: 'PUT',
      body: JSON.stringify(formBody(form)),
    });
    $('#skill-check-error').textContent = t('sk.saved');
    $('#skill-check-error').classList.add('saved');
    form.topic.readOnly = true;
    $('#skill-check-delete').hidden = false;
    await loadChecks();
  } catch (e) {
    $('#skill-check-error').textContent = e.message;
    $('#skill-check-error').classList.remove('saved');
  }
}

async function remove() {
  if (!editing || !confirm(t('sk.confirmDelete'))) return;
  try {
    await call(`/api/skills/checks/${encodeURIComponent(editing.topic)}?version=${editing.version}`, { method: 'DELETE' });
    editing = null;
    $('#skill-check-editor').hidden = true;
    await loadChecks();
  } catch (e) {
    $('#skill-check-error').textContent = e.message;
  }
}

/** Wires the editor; translate is the dashboard's own (it follows the chosen language). */
export function setupSkillChecks(translate) {
  t = translate;
  $('#skill-check-new').addEventListener('click', () => openEditor(null));
  $('#skill-check-add').addEventListener('click', () => addQuestion());
  $('#skill-check-editor').addEventListener('submit', save);
  $('#skill-check-delete').addEventListener('click', remove);
  $('#skill-check-close').addEventListener('click', () => { $('#skill-check-editor').hidden = true; });
}

// ---- one specialist ---------------------------------------------------------------------------

/** A specialist's skills with their status (expired ones shown), then their latest results. */
export async function drawSpecialistSkills(container, specialistId) {
  container.replaceChildren();
  let standing;
  try {
    standing = await call(`/api/skills/specialists/${encodeURIComponent(specialistId)}`);
  } catch (e) {
    container.textContent = e.message;
    return;
  }
  if (standing.skills.length === 0) {
    container.textContent = t('sk.noSkills');
    return;
  }
  const table = document.createElement('table');
  table.id = 'specialist-skill-table';
  const body = head(table, 'sk.topic', 'sk.status', 'sk.latest', 'sk.validUntil');
  for (const s of standing.skills) {
    const tr = body.insertRow();
    tr.dataset.topic = s.topic;
    tr.dataset.status = s.status;
    const latest = s.latest
      ? `${t(s.latest.passed ? 'sk.passed' : 'sk.failed')} ${s.latest.score}% · ${when(s.latest.at)}`
      : '—';
    row(tr, s.skill ? s.topic : `${s.topic} (${t('sk.notSkill')})`, badge(s.status), latest,
      s.latest?.passed ? day(s.validUntil) : '—');
  }
  const history = document.createElement('table');
  const hbody = head(history, 'sk.history', 'sk.latest', 'sk.version');
  for (const r of standing.history) {
    row(hbody.insertRow(), `${r.topic} · ${when(r.at)}`,
      `${t(r.passed ? 'sk.passed' : 'sk.failed')} ${r.score}% (${r.correct}/${r.total})`, String(r.version));
  }
  container.append(table, history);
}
