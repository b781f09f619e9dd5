// The board's "Skill checks" tab: where the specialist's skills stand (an expired or failed check
// is shown, never hidden) and taking a check. Graded on the server; the page never sees answers.

import { call } from '/ui/http.js';

const $ = (id) => document.getElementById(id);

let translate = (key) => key;
let language = () => 'en';
let onError = () => {};
let standing = null;
let taking = null;
let lastResult = null;

const day = (iso) => (iso ? new Date(iso).toLocaleDateString(language()) : '');

function showTab(name) {
  for (const button of $('tabs').querySelectorAll('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === name));
  }
  document.querySelector('main.layout').hidden = name !== 'board';
  $('skills-view').hidden = name !== 'skills';
  if (name === 'skills') {
    load();
  }
}

async function load() {
  try {
    standing = await call('/api/skills/me');
    draw();
  } catch (error) {
    onError(error);
  }
}

function draw() {
  const t = translate();
  if (!standing) {
    return;
  }
  $('skills-validity').textContent = t('skills.validity', {
    days: Math.round(standing.validityDays * 10) / 10,
  });
  const rows = standing.skills.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.topic = s.topic;
    tr.dataset.skill = String(s.skill);
    const topic = document.createElement('td');
    topic.textContent = s.skill ? s.topic : `${s.topic} ${t('skills.notMine')}`;
    const status = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = 'skill-status';
    badge.dataset.status = s.status;
    badge.textContent = t(`skills.status.${s.status}`);
    status.append(badge);
    const latest = document.createElement('td');
    if (s.latest) {
      latest.textContent = t('skills.result', { ...s.latest, date: day(s.latest.at) });
    }
    const until = document.createElement('td');
    until.textContent = s.status === 'valid' || s.status === 'expired' ? day(s.validUntil) : '';
    const action = document.createElement('td');
    if (s.check) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = 'take';
      button.textContent = t(s.latest ? 'skills.retake' : 'skills.take');
      button.addEventListener('click', () => open(s.topic));
      action.append(button);
    }
    tr.append(topic, status, latest, until, action);
    return tr;
  });
  $('skills-rows').replaceChildren(...rows);
  $('skills-empty').hidden = rows.length > 0;
  drawCheck();
  drawResult();
}

async function open(topic) {
  try {
    taking = await call(`/api/skills/checks/${encodeURIComponent(topic)}`);
    lastResult = null;
    drawResult();
    drawCheck();
    $('skills-take').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    onError(error);
  }
}

function drawCheck() {
  const t = translate();
  $('skills-take').hidden = !taking;
  if (!taking) {
    return;
  }
  $('skills-take-title').textContent = t('skills.takeTitle', taking);
  $('skills-take-hint').textContent = t('skills.takeHint', {
    count: taking.questions.length,
    passMark: taking.passMark,
  });
  const chosen = new FormData($('skills-form'));
  const items = taking.questions.map((q, i) => {
    const li = document.createElement('li');
    const text = document.createElement('p');
    text.textContent = q.text;
    const options = document.createElement('fieldset');
    q.options.forEach((option, j) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = `q${i}`;
      input.value = String(j);
      input.checked = chosen.get(`q${i}`) === String(j);
      const span = document.createElement('span');
      span.textContent = option;
      label.append(input, span);
      options.append(label);
    });
    li.append(text, options);
    return li;
  });
  $('skills-questions').replaceChildren(...items);
}

async function submit(event) {
  event.preventDefault();
  const t = translate();
  const form = new FormData($('skills-form'));
  const answers = taking.questions.map((q, i) => form.get(`q${i}`));
  if (answers.some((a) => a === null)) {
    onError(new Error(t('skills.unanswered')));
    return;
  }
  try {
    lastResult = await call(`/api/skills/checks/${encodeURIComponent(taking.topic)}/attempts`, {
      method: 'POST',
      body: JSON.stringify({ answers: answers.map(Number), version: taking.version }),
    });
    taking = null;
    await load();
  } catch (error) {
    onError(error);
  }
}

function drawResult() {
  const t = translate();
  const box = $('skills-result');
  box.hidden = !lastResult;
  if (!lastResult) {
    return;
  }
  const r = lastResult;
  box.dataset.passed = String(r.passed);
  const key = !r.passed ? 'skills.failed' : r.skill ? 'skills.passed' : 'skills.passedNotSkill';
  box.textContent = t(key, { ...r, until: day(r.validUntil) });
}

/** Wires the tab; translate() and language() give the board's current ones. */
export function setupSkills(options) {
  translate = options.translate;
  language = options.language;
  onError = options.onError;
  for (const button of $('tabs').querySelectorAll('[data-tab]')) {
    button.addEventListener('click', () => showTab(button.dataset.tab));
  }
  $('skills-form').addEventListener('submit', submit);
  $('skills-cancel').addEventListener('click', () => {
    taking = null;
    drawCheck();
  });
}

/** Back to the board, e.g. when an offer comes in. */
export function showBoardTab() {
  showTab('board');
}

/** Draws the tab again in the language just chosen. */
export function redrawSkills() {
  draw();
}
