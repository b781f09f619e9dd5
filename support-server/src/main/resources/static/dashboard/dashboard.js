// The supervision dashboard: reads /api/reports/* with the session cookie and draws it.
// Managers see everything; leads only their team's aggregates and coaching prompts.
import { TEXT, pickLanguage } from './i18n.js';
import { barsAndLine, controlChart } from './charts.js';
import { drawSpecialistSkills, loadChecks, setupSkillChecks } from './skills.js';
import { mountDuty } from '/ui/duty.js';

let lang = pickLanguage();
let session;
let range = {};
let specialistRows = [];
let sort = { key: 'ratingRank', dir: 1 };
let duty = null; // the duty roster section, for those who may change it

const $ = (sel) => document.querySelector(sel);
const t = (key) => TEXT[lang][key] ?? TEXT.en[key] ?? key;

export const fmt = {
  seconds: (v) => (v == null ? '—' : `${v.toFixed(1)} s`),
  percent: (v) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`),
  rating: (v) => (v == null ? '—' : v.toFixed(2)),
  count: (v) => (v == null ? '—' : String(v)),
};

async function api(path, options) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).message; } catch { /* not JSON */ }
    throw new Error(`${response.status} ${message}`);
  }
  return response.json();
}

function query(extra = {}) {
  return new URLSearchParams({ from: range.from, to: range.to, ...extra }).toString();
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-tip]').forEach((node) => { node.title = t(node.dataset.tip); });
  $('#lang').value = lang;
}

function cell(row, text, attrs = {}) {
  const td = document.createElement('td');
  td.textContent = text;
  for (const [k, v] of Object.entries(attrs)) td.setAttribute(k, v);
  row.append(td);
  return td;
}

function table(node, columns, rows, render) {
  node.replaceChildren();
  const head = node.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = t(c.label);
    if (c.tip) th.title = t(c.tip);
    if (c.key) th.dataset.key = c.key;
    head.append(th);
  }
  const body = node.createTBody();
  for (const r of rows) render(body.insertRow(), r);
  return head;
}

function tile(metric, label, value, text, sub, tip, state) {
  const div = document.createElement('div');
  div.className = `tile${state ? ` ${state}` : ''}`;
  div.dataset.metric = metric;
  div.dataset.value = value == null ? '' : String(value);
  div.title = t(tip);
  div.innerHTML = '<div class="label"></div><div class="value"></div><div class="sub"></div>';
  div.querySelector('.label').textContent = t(label);
  div.querySelector('.value').textContent = text;
  div.querySelector('.sub').textContent = sub || '';
  return div;
}

function drawSummary(s) {
  const target = s.serviceLevelTargetSeconds;
  const share = session.serviceLevelShare;
  const slState = s.serviceLevel == null ? '' : s.serviceLevel >= share ? 'good' : 'bad';
  $('#tiles').replaceChildren(
    tile('raised', 'raised', s.raised, fmt.count(s.raised), '', 'raised.tip'),
    tile('serviceLevel', 'serviceLevel', s.serviceLevel, fmt.percent(s.serviceLevel),
      `${t('target')} ${fmt.percent(share)} ≤ ${target} s`, 'serviceLevel.tip', slState),
    tile('waitMeanSeconds', 'waitMean', s.waitMeanSeconds, fmt.seconds(s.waitMeanSeconds), '', 'waitMean.tip'),
    tile('waitP50Seconds', 'waitP50', s.waitP50Seconds, fmt.seconds(s.waitP50Seconds), '', 'waitP50.tip'),
    tile('waitP90Seconds', 'waitP90', s.waitP90Seconds, fmt.seconds(s.waitP90Seconds), '', 'waitP90.tip'),
    tile('waitP99Seconds', 'waitP99', s.waitP99Seconds, fmt.seconds(s.waitP99Seconds), '', 'waitP99.tip'),
    tile('handleP50Seconds', 'handleP50', s.handleP50Seconds, fmt.seconds(s.handleP50Seconds),
      `${t('handleMean')} ${fmt.seconds(s.handleMeanSeconds)}`, 'handleP50.tip'),
    tile('abandonRate', 'abandonRate', s.abandonRate, fmt.percent(s.abandonRate), '', 'abandonRate.tip'),
    tile('selfServed', 'selfServed', s.selfServed, fmt.count(s.selfServed ?? 0), '', 'selfServed.tip'),
    tile('ratingMean', 'rating', s.ratingMean, fmt.rating(s.ratingMean), `n = ${s.ratingCount}`, 'rating.tip'),
    tile('wrongFlags', 'wrongFlags', s.wrongFlags, fmt.count(s.wrongFlags), '', 'wrongFlags.tip'),
    tile('confirmedWrongRate', 'confirmedWrongRate', s.confirmedWrongRate, fmt.percent(s.confirmedWrongRate),
      `${t('confirmedWrong')} ${s.confirmedWrong}`, 'confirmedWrongRate.tip'),
  );
}

function drawDaily(daily, barsSvg, controlSvg, note) {
  barsAndLine(barsSvg, {
    labels: daily.days.map((d) => d.date.slice(5)),
    bars: daily.days.map((d) => d.figures.raised),
    line: daily.days.map((d) => d.figures.waitMeanSeconds),
    barTitle: t('raised'), lineTitle: t('waitMean'), lineFormat: fmt.seconds,
  });
  controlChart(controlSvg, daily.waitControl, { mean: t('mean'), upper: t('upper'), lower: t('lower'), outside: t('outside') });
  if (note) {
    const c = daily.waitControl;
    const out = c.points.filter((p) => p.outside).map((p) => p.date);
    note.textContent = c.upper == null ? '' :
      `${t('mean')} ${fmt.seconds(c.mean)} · σ ${fmt.seconds(c.sigma)} · ${t('upper')} ${fmt.seconds(c.upper)} · ${t('lower')} ${fmt.seconds(c.lower)} · ${t('outsideDays')}: ${out.length ? out.join(', ') : t('none')}`;
  }
}

function drawHourly(h) {
  barsAndLine($('#by-hour'), {
    labels: h.hours.map((x) => String(x.hour).padStart(2, '0')),
    bars: h.hours.map((x) => x.perDay),
    line: h.hours.map((x) => x.waitMeanSeconds),
    barTitle: t('perDay'), lineTitle: t('waitMean'), lineFormat: fmt.seconds,
  });
  const rows = h.hours.filter((x) => x.raised > 0 || x.available > 0);
  table($('#staffing'), [
    { label: 'hour' }, { label: 'perDay' }, { label: 'handleMean', tip: 'handleMean.tip' },
    { label: 'serviceLevel', tip: 'serviceLevel.tip' }, { label: 'required', tip: 'required.tip' },
    { label: 'available', tip: 'available.tip' },
  ], rows, (tr, x) => {
    cell(tr, `${String(x.hour).padStart(2, '0')}:00`);
    cell(tr, x.perDay.toFixed(2));
    cell(tr, fmt.seconds(x.handleMeanSeconds));
    cell(tr, fmt.percent(x.serviceLevel));
    cell(tr, String(x.required));
    cell(tr, x.available.toFixed(2), x.available < x.required ? { class: 'short' } : {});
  });
}

function drawTopics(report) {
  table($('#topics'), [
    { label: 'topic' }, { label: 'raised' }, { label: 'share' }, { label: 'waitP50', tip: 'waitP50.tip' },
    { label: 'rating', tip: 'rating.tip' }, { label: 'wrongFlags', tip: 'wrongFlags.tip' },
  ], report.topics, (tr, x) => {
    cell(tr, x.topic || t('noTopic'));
    cell(tr, String(x.raised));
    cell(tr, fmt.percent(x.share));
    cell(tr, fmt.seconds(x.waitP50Seconds));
    cell(tr, `${fmt.rating(x.ratingMean)} (${x.ratingCount})`);
    cell(tr, String(x.wrongFlags));
  });
}

const SPECIALIST_COLUMNS = [
  { key: 'specialistName', label: 'specialist' },
  { key: 'handled', label: 'handled' },
  { key: 'waitP50Seconds', label: 'waitP50', tip: 'waitP50.tip' },
  { key: 'waitP90Seconds', label: 'waitP90', tip: 'waitP90.tip' },
  { key: 'walkP50Seconds', label: 'walkP50', tip: 'walkP50.tip' },
  { key: 'handleP50Seconds', label: 'handleP50', tip: 'handleP50.tip' },
  { key: 'ratingMean', label: 'rating', tip: 'rating.tip' },
  { key: 'ratingBayesian', label: 'bayes', tip: 'bayes.tip' },
  { key: 'ratingRank', label: 'rank', tip: 'bayes.tip' },
  { key: 'confirmedWrong', label: 'confirmed', tip: 'confirmedWrongRate.tip' },
  { key: 'offersLapsed', label: 'lapsed', tip: 'lapsed.tip' },
];

function drawSpecialists() {
  const rows = [...specialistRows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return (typeof x === 'string' ? x.localeCompare(y) : x - y) * sort.dir;
  });
  const head = table($('#specialists'), SPECIALIST_COLUMNS, rows, (tr, s) => {
    tr.dataset.specialist = s.specialistId;
    const name = document.createElement('button');
    name.className = 'link';
    name.textContent = s.specialistName || s.specialistId;
    name.addEventListener('click', () => openSpecialist(s));
    cell(tr, '').append(name);
    cell(tr, String(s.handled));
    cell(tr, fmt.seconds(s.waitP50Seconds));
    cell(tr, fmt.seconds(s.waitP90Seconds));
    cell(tr, fmt.seconds(s.walkP50Seconds));
    cell(tr, fmt.seconds(s.handleP50Seconds));
    cell(tr, `${fmt.rating(s.ratingMean)} (${s.ratingCount})`);
    cell(tr, fmt.rating(s.ratingBayesian));
    cell(tr, fmt.count(s.ratingRank));
    cell(tr, `${s.confirmedWrong} (${fmt.percent(s.confirmedWrongRate)})`);
    cell(tr, String(s.offersLapsed));
  });
  head.querySelectorAll('th').forEach((th) => {
    if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
    th.addEventListener('click', () => {
      sort = { key: th.dataset.key, dir: sort.key === th.dataset.key ? -sort.dir : 1 };
      drawSpecialists();
    });
  });
  const select = $('#rating-filter [name=specialist]');
  const chosen = select.value;
  select.replaceChildren(new Option(t('all'), ''), ...specialistRows.map((s) => new Option(s.specialistName || s.specialistId, s.specialistId)));
  select.value = chosen;
}

// ---- time on and off the floor --------------------------------------------------------------

export function hours(seconds) {
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

const FLOOR_TIME_COLUMNS = [
  { label: 'specialist' },
  { label: 'onFloor', tip: 'floorTime.tip' },
  { label: 'offFloor', tip: 'floorTime.tip' },
  { label: 'away', tip: 'floorTime.tip' },
  { label: 'onShare' },
  { label: 'floorTimeDays' },
];

async function loadFloorTime() {
  $('#floor-time-note').textContent = '';
  let report;
  try {
    report = await api(`/api/reports/floor-time?${query()}`);
  } catch (e) {
    // a range longer than floor time covers: the rest of the dashboard still shows
    $('#floor-time').replaceChildren();
    $('#floor-time-note').textContent = `${t('error')}: ${e.message}`;
    return;
  }
  const rows = report.specialists.filter((s) => s.onFloorSeconds + s.offFloorSeconds + s.awaySeconds > 0);
  table($('#floor-time'), FLOOR_TIME_COLUMNS, rows, (tr, s) => {
    tr.dataset.specialist = s.id;
    cell(tr, s.name || s.id);
    cell(tr, hours(s.onFloorSeconds), { 'data-kind': 'on' });
    cell(tr, hours(s.offFloorSeconds), { 'data-kind': 'off' });
    cell(tr, hours(s.awaySeconds), { 'data-kind': 'away' });
    const worked = s.onFloorSeconds + s.offFloorSeconds;
    cell(tr, worked ? fmt.percent(s.onFloorSeconds / worked) : '—');
    cell(tr, s.days.map((d) => `${d.day.slice(5)} ${hours(d.onFloorSeconds)}/${hours(d.offFloorSeconds)}`).join(' · '));
  });
  if (rows.length === 0) $('#floor-time-note').textContent = t('none');
}

async function openSpecialist(s) {
  const daily = await api(`/api/reports/daily?${query({ specialist: s.specialistId })}`);
  $('#specialist').hidden = false;
  $('#specialist-name').textContent = `${s.specialistName || s.specialistId} — ${t('byDay')} / ${t('control')}`;
  drawDaily(daily, $('#specialist-day'), $('#specialist-control'));
  await drawSpecialistSkills($('#specialist-skills'), s.specialistId);
  $('#specialist').scrollIntoView({ block: 'nearest' });
}

// the ratings come a page at a time, newest first; the cursor is the page's, as the API gave it
const RATINGS_PAGE = 50;
let ratingCursor = '';

async function loadRatings(cursor = ratingCursor) {
  ratingCursor = cursor || '';
  const form = new FormData($('#rating-filter'));
  const extra = { limit: RATINGS_PAGE };
  if (ratingCursor) extra.cursor = ratingCursor;
  if (form.get('specialist')) extra.specialist = form.get('specialist');
  if (form.get('score')) extra.score = form.get('score');
  if (form.get('wrong')) extra.wrong = 'true';
  if (form.get('comment')) extra.comment = 'true';
  const list = await api(`/api/reports/ratings?${query(extra)}`);
  table($('#ratings'), [
    { label: 'when' }, { label: 'specialist' }, { label: 'agent' }, { label: 'topic' }, { label: 'score' },
    { label: 'comment' }, { label: 'verdict' },
  ], list.ratings, (tr, r) => {
    cell(tr, new Date(r.raisedAt).toLocaleString(lang));
    cell(tr, r.specialistName || '', { class: 'text' });
    cell(tr, r.agentName || '', { class: 'text' });
    cell(tr, r.topic || t('noTopic'), { class: 'text' });
    cell(tr, `${r.score}${r.wrong || r.flagged ? ' ⚑' : ''}`);
    cell(tr, r.comment || '', { class: 'text' });
    cell(tr, r.reviewVerdict ? `${r.reviewVerdict}${r.correction ? `: ${r.correction}` : ''}` : '', { class: 'text' });
  });
  const pager = $('#ratings-pager');
  pager.hidden = list.total <= list.ratings.length && !list.previousCursor;
  $('#ratings-page').textContent = list.total === 0 ? ''
    : `${list.offset + 1}–${list.offset + list.ratings.length} ${t('of')} ${list.total}`;
  const previous = $('#ratings-previous');
  const next = $('#ratings-next');
  previous.disabled = list.previousCursor == null;
  next.disabled = list.nextCursor == null;
  previous.onclick = () => loadRatings(list.previousCursor);
  next.onclick = () => loadRatings(list.nextCursor);
}

async function loadReviews() {
  const queue = await api('/api/reports/reviews');
  const box = $('#reviews');
  box.replaceChildren();
  if (!queue.items.length) {
    box.textContent = t('emptyQueue');
    return;
  }
  for (const item of queue.items) {
    const div = document.createElement('div');
    div.className = 'review';
    div.dataset.request = item.requestId;
    const p = (label, text) => {
      const line = document.createElement('div');
      line.textContent = `${t(label)}: ${text ?? '—'}`;
      div.append(line);
    };
    p('specialist', item.specialistName);
    p('agent', item.agentName);
    p('topic', item.topic || t('noTopic'));
    p('answer', item.resolveNote);
    p('score', item.score);
    p('flagReason', item.flagReason || item.comment);
    const text = document.createElement('textarea');
    text.name = 'correction';
    text.placeholder = t('correction');
    text.setAttribute('aria-label', t('correction'));
    div.append(text);
    for (const [verdict, label] of [['CONFIRMED', 'confirm'], ['DISMISSED', 'dismiss']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t(label);
      b.addEventListener('click', async () => {
        await api(`/api/reports/reviews/${encodeURIComponent(item.requestId)}`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ verdict, correction: text.value }),
        });
        await Promise.all([loadReviews(), loadRatings()]);
      });
      div.append(b);
    }
    box.append(div);
  }
}

async function loadTeams() {
  const [teams, coaching] = await Promise.all([
    api(`/api/reports/team/summary?${query()}`),
    api(`/api/reports/team/coaching?week=${range.to}`),
  ]);
  const box = $('#teams');
  box.replaceChildren();
  const tbl = document.createElement('table');
  tbl.id = 'team-table';
  table(tbl, [{ label: 'agents' }, { label: 'agents' }, { label: 'raised' }, { label: 'resolved' }, { label: 'abandoned' }, { label: 'topics' }],
    teams.teams, (tr, x) => {
      tr.dataset.team = x.lead;
      cell(tr, x.leadName);
      cell(tr, String(x.agents));
      cell(tr, String(x.raised));
      cell(tr, String(x.resolved));
      cell(tr, String(x.abandoned));
      cell(tr, x.topics.map((c) => `${c.key || t('noTopic')} ${c.requests}`).join(' · '), { class: 'text' });
    });
  tbl.tHead.rows[0].cells[0].textContent = t('teams');
  box.append(tbl);

  const c = $('#coaching');
  c.replaceChildren();
  const head = document.createElement('p');
  head.className = 'note';
  head.textContent = `${t('weekOf')} ${coaching.weekFrom} – ${coaching.weekTo} · ${t('median')} ${coaching.floorMedian ?? '—'} · ${t('threshold')} ${coaching.threshold ?? '—'} (${coaching.multiple}×, ${t('minimum')} ${coaching.minimum})`;
  c.append(head);
  const ptbl = document.createElement('table');
  ptbl.id = 'prompts';
  table(ptbl, [{ label: 'agent' }, { label: 'requests' }, { label: 'topics' }], coaching.prompts, (tr, x) => {
    tr.dataset.agent = x.agentId;
    cell(tr, x.agentName);
    cell(tr, String(x.requests));
    cell(tr, x.topics.map((k) => `${k.key || t('noTopic')} ${k.requests}`).join(' · '), { class: 'text' });
  });
  c.append(ptbl);
}

async function load() {
  delete document.body.dataset.loaded;
  $('#status').textContent = t('loading');
  const url = new URL(location.href);
  url.searchParams.set('from', range.from);
  url.searchParams.set('to', range.to);
  history.replaceState(null, '', url);
  try {
    if (session.view === 'manager') {
      const [summary, daily, hourly, topics, specialists] = await Promise.all([
        api(`/api/reports/summary?${query()}`),
        api(`/api/reports/daily?${query()}`),
        api(`/api/reports/hourly?${query()}`),
        api(`/api/reports/topics?${query()}`),
        api(`/api/reports/specialists?${query()}`),
      ]);
      drawSummary(summary);
      drawDaily(daily, $('#by-day'), $('#control'), $('#control-note'));
      drawHourly(hourly);
      drawTopics(topics);
      specialistRows = specialists.specialists;
      drawSpecialists();
      await loadFloorTime();
      $('#export-requests').href = `/api/reports/export.csv?${query()}`;
      $('#export-specialists').href = `/api/reports/specialists.csv?${query()}`;
      // a new range starts on its newest ratings
      await Promise.all([loadReviews(), loadRatings(''), loadChecks()]);
    }
    await loadTeams();
    $('#status').textContent = '';
    document.body.dataset.loaded = `${range.from}/${range.to}`;
  } catch (e) {
    $('#status').textContent = `${t('error')}: ${e.message}`;
  }
}

function daysBefore(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

async function start() {
  translate();
  try {
    session = await api('/dashboard/session');
  } catch (e) {
    $('#status').textContent = t('forbidden');
    $('#lead').hidden = true;
    return;
  }
  $('#who').textContent = session.name;
  $('#manager').hidden = session.view !== 'manager';
  $('#lead-note').hidden = session.view !== 'lead';
  const params = new URLSearchParams(location.search);
  range = { from: params.get('from') || daysBefore(session.today, 29), to: params.get('to') || session.today };
  const form = $('#range');
  form.from.value = range.from;
  form.to.value = range.to;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    range = { from: form.from.value, to: form.to.value };
    load();
  });
  form.querySelectorAll('[data-days]').forEach((b) => b.addEventListener('click', () => {
    range = { from: daysBefore(session.today, Number(b.dataset.days) - 1), to: session.today };
    form.from.value = range.from;
    form.to.value = range.to;
    load();
  }));
  $('#lang').addEventListener('change', (e) => {
    lang = e.target.value;
    localStorage.setItem('handup.lang', lang);
    translate();
    duty?.redraw();
    load();
  });
  $('#rating-filter').addEventListener('submit', (e) => { e.preventDefault(); loadRatings(''); });
  $('#specialist-back').addEventListener('click', () => { $('#specialist').hidden = true; });
  setupSkillChecks(t);
  startDuty();
  await load();
}

/**
 * The duty roster of the manager's own floor, for the roles the server lets change it (a lead may
 * not even read it, so a lead's page neither shows nor asks for it).
 */
function startDuty() {
  if (!session.roles.some((r) => r === 'MANAGER' || r === 'ADMIN')) return;
  const section = $('#duty');
  section.hidden = false;
  const status = (text, isError = false) => {
    $('#status').textContent = isError ? `${t('error')}: ${text}` : text;
  };
  mountDuty(section, { lang: () => lang, today: session.today, status })
    .then((d) => { duty = d; })
    .catch((e) => status(e.message, true));
}

start();
