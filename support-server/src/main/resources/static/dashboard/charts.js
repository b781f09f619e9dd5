// SVG charts drawn by the page: no library, no CDN. Each function fills an <svg> element.
const NS = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 220;
const PAD = { left: 44, right: 12, top: 14, bottom: 28 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(svg) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  return { x0: PAD.left, x1: W - PAD.right, y0: H - PAD.bottom, y1: PAD.top };
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function axis(svg, f, max, fmt) {
  for (let i = 0; i <= 4; i++) {
    const y = f.y0 - ((f.y0 - f.y1) * i) / 4;
    svg.append(el('line', { x1: f.x0, x2: f.x1, y1: y, y2: y, class: 'grid' }));
    svg.append(el('text', { x: f.x0 - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, fmt((max * i) / 4)));
  }
}

function xLabels(svg, f, labels, step) {
  const n = labels.length;
  const every = Math.max(1, Math.ceil(n / 12));
  labels.forEach((label, i) => {
    if (i % every) return;
    svg.append(el('text', { x: f.x0 + step * (i + 0.5), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, label));
  });
}

/** Bars (counts) with a line (a second measure on its own scale) over the same x labels. */
export function barsAndLine(svg, { labels, bars, line, barTitle, lineTitle, lineFormat }) {
  const f = frame(svg);
  const n = Math.max(labels.length, 1);
  const step = (f.x1 - f.x0) / n;
  // counts are whole: with small ones, a top divisible by the four grid steps keeps ticks whole
  const rawMax = niceMax(Math.max(0, ...bars.filter((v) => v != null)));
  const barMax = rawMax < 20 ? Math.ceil(rawMax / 4) * 4 : rawMax;
  const lineMax = niceMax(Math.max(0, ...line.filter((v) => v != null)));
  axis(svg, f, barMax, (v) => Math.round(v));
  bars.forEach((v, i) => {
    if (!v) return;
    const h = ((f.y0 - f.y1) * v) / barMax;
    const bar = el('rect', { x: f.x0 + step * i + step * 0.15, y: f.y0 - h, width: step * 0.7, height: h, class: 'bar' });
    bar.append(el('title', {}, `${labels[i]}: ${barTitle} ${v}`));
    svg.append(bar);
  });
  let d = '';
  line.forEach((v, i) => {
    if (v == null) return;
    const x = f.x0 + step * (i + 0.5);
    const y = f.y0 - ((f.y0 - f.y1) * v) / lineMax;
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    const dot = el('circle', { cx: x, cy: y, r: 3, class: 'dot' });
    dot.append(el('title', {}, `${labels[i]}: ${lineTitle} ${lineFormat(v)}`));
    svg.append(dot);
  });
  if (d) svg.insertBefore(el('path', { d, class: 'line' }), svg.querySelector('circle'));
  svg.append(el('text', { x: f.x1, y: f.y1 - 2, class: 'tick', 'text-anchor': 'end' }, `${lineTitle} max ${lineFormat(lineMax)}`));
  xLabels(svg, f, labels, step);
}

/**
 * An XmR control chart: the daily values, the centre line and the ±3σ limits; days outside the
 * limits are drawn as red squares with class "outside" and their date in data-date.
 */
export function controlChart(svg, chart, labels) {
  const f = frame(svg);
  const points = chart.points;
  const n = Math.max(points.length, 1);
  const step = (f.x1 - f.x0) / n;
  const values = points.map((p) => p.value).filter((v) => v != null);
  const max = niceMax(Math.max(0, chart.upper ?? 0, ...values));
  const fmt = (v) => `${v.toFixed(1)}`;
  axis(svg, f, max, fmt);
  const y = (v) => f.y0 - ((f.y0 - f.y1) * v) / max;
  const limit = (v, cls, text) => {
    if (v == null) return;
    svg.append(el('line', { x1: f.x0, x2: f.x1, y1: y(v), y2: y(v), class: cls }));
    svg.append(el('text', { x: f.x1, y: y(v) - 3, class: `tick ${cls}`, 'text-anchor': 'end' }, `${text} ${fmt(v)}`));
  };
  limit(chart.mean, 'centre', labels.mean);
  limit(chart.upper, 'limit', labels.upper);
  if (chart.lower > 0) limit(chart.lower, 'limit', labels.lower);
  let d = '';
  points.forEach((p, i) => {
    if (p.value == null) return;
    const x = f.x0 + step * (i + 0.5);
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (d) svg.append(el('path', { d, class: 'line' }));
  points.forEach((p, i) => {
    if (p.value == null) return;
    const x = f.x0 + step * (i + 0.5);
    const mark = p.outside
      ? el('rect', { x: x - 5, y: y(p.value) - 5, width: 10, height: 10, class: 'outside', 'data-date': p.date })
      : el('circle', { cx: x, cy: y(p.value), r: 3, class: 'dot', 'data-date': p.date });
    mark.append(el('title', {}, `${p.date}: ${fmt(p.value)} s${p.outside ? ` — ${labels.outside}` : ''}`));
    svg.append(mark);
  });
  xLabels(svg, f, points.map((p) => p.date.slice(5)), step);
}
