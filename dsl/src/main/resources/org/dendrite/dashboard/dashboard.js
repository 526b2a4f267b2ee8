// Dendrite's dashboard: polls runs.json every second and draws each run's curves as inline SVG.
// Everything is built with DOM calls and textContent (no innerHTML): names and summaries are data.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
let lastText = null;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(v) {
  if (v === null || v === undefined) return '–';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toPrecision(4);
}

// A line chart: series = [{name, xs, ys}], ys may hold nulls (gaps). Each polyline carries its
// points, full precision, in data-points ("x:y x:y ..."), for tests and for copying.
function chart(id, title, xlabel, series) {
  const W = 360, H = 220, L = 52, R = 10, T = 10, B = 30;
  const xs = [], ys = [];
  series.forEach(s => s.xs.forEach((x, i) => { if (s.ys[i] !== null) { xs.push(x); ys.push(s.ys[i]); } }));
  const fig = el('figure', {id: id});
  fig.appendChild(el('figcaption', {}, title));
  const svg = svgEl('svg', {class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, 'data-title': title});
  fig.appendChild(svg);
  if (xs.length === 0) {
    svg.appendChild(svgEl('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle'}, 'no values yet'));
    return fig;
  }
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { const d = Math.abs(y0) * 0.05 || 1; y0 -= d; y1 += d; }
  const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
  const px = x => L + (x - x0) / (x1 - x0) * (W - L - R);
  const py = y => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  // axes, grid and ticks
  svg.appendChild(svgEl('line', {x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#999'}));
  svg.appendChild(svgEl('line', {x1: L, y1: T, x2: L, y2: H - B, stroke: '#999'}));
  for (let i = 0; i <= 4; i++) {
    const y = y0 + (y1 - y0) * i / 4;
    svg.appendChild(svgEl('line', {x1: L, y1: py(y), x2: W - R, y2: py(y), stroke: '#eee'}));
    svg.appendChild(svgEl('text', {x: L - 4, y: py(y) + 3, 'text-anchor': 'end'}, fmt(y)));
  }
  const integral = series.every(s => s.xs.every(Number.isInteger));
  for (let i = 0; i <= 4; i++) {
    let x = x0 + (x1 - x0) * i / 4;
    if (integral) x = Math.round(x);
    svg.appendChild(svgEl('text', {x: px(x), y: H - B + 14, 'text-anchor': 'middle'}, String(x)));
  }
  svg.appendChild(svgEl('text', {x: (L + W - R) / 2, y: H - 3, 'text-anchor': 'middle'}, xlabel));
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const pts = [], data = [];
    s.xs.forEach((x, i) => {
      if (s.ys[i] === null) return;
      pts.push(`${px(x).toFixed(1)},${py(s.ys[i]).toFixed(1)}`);
      data.push(`${x}:${s.ys[i]}`);
    });
    svg.appendChild(svgEl('polyline', {
      points: pts.join(' '), fill: 'none', stroke: colour, 'stroke-width': 1.5,
      'stroke-dasharray': s.name.startsWith('val_') ? '5,3' : 'none',
      'data-name': s.name, 'data-points': data.join(' ')}));
    if (pts.length <= 60) {
      pts.forEach(p => { const [cx, cy] = p.split(','); svg.appendChild(svgEl('circle', {cx, cy, r: 2, fill: colour})); });
    }
  });
  const legend = el('div', {class: 'legend'});
  series.forEach((s, k) => {
    const item = el('span');
    item.appendChild(el('i', {class: 'c' + (k % COLOURS.length)}));
    item.appendChild(document.createTextNode(s.name));
    legend.appendChild(item);
  });
  fig.appendChild(legend);
  return fig;
}

function renderRun(run) {
  const sec = el('section', {class: 'run', id: `run-${run.id}`, 'data-status': run.status, 'data-epochs': run.epochs.length});
  const h = el('h2', {}, run.name);
  const last = run.epochs.length ? run.epochs[run.epochs.length - 1].epoch : 0;
  h.appendChild(el('small', {}, `${run.status} · epoch ${last} of ${run.epochsAsked}`));
  sec.appendChild(h);

  // the last epoch's numbers, each cell's full-precision value in data-value
  const table = el('table', {class: 'last'});
  const head = el('tr'), row = el('tr');
  const cells = [['epoch', last]];
  if (run.epochs.length) {
    const e = run.epochs[run.epochs.length - 1];
    run.metrics.forEach(m => { if (m in e.logs) cells.push([m, e.logs[m]]); });
    cells.push(['lr', e.lr], ['seconds', e.seconds]);
  }
  cells.forEach(([name, v]) => {
    head.appendChild(el('th', {}, name));
    row.appendChild(el('td', {id: `run-${run.id}-last-${name}`, 'data-value': String(v)}, name === 'epoch' ? String(v) : fmt(v)));
  });
  table.appendChild(head);
  table.appendChild(row);
  sec.appendChild(table);

  const charts = el('div', {class: 'charts'});
  const epochs = run.epochs.map(e => e.epoch);
  const trainNames = run.metrics.filter(m => !m.startsWith('val_'));
  trainNames.forEach(m => {
    const names = [m].concat(run.metrics.includes('val_' + m) ? ['val_' + m] : []);
    const series = names.map(n => ({
      name: n,
      xs: epochs,
      ys: run.epochs.map(e => (n in e.logs ? e.logs[n] : null))
    }));
    charts.appendChild(chart(`run-${run.id}-chart-${m}`, m + ' per epoch', 'epoch', series));
  });
  if (run.batches.length) {
    charts.appendChild(chart(`run-${run.id}-chart-batch-loss`,
      'loss per batch' + (run.batchStride > 1 ? ` (every ${run.batchStride}th of ${run.batchCount})` : ''),
      'batch', [{name: 'batch loss', xs: run.batches.map(b => b[0]), ys: run.batches.map(b => b[2])}]));
  }
  const mag = run.magnitudes;
  if (mag && mag.steps.length && mag.layers.length) {
    const steps = mag.steps.map(r => r[0]);
    const ratio = (w, u) => (w > 0 && u > 0 ? Math.log10(u / w) : null);
    charts.appendChild(chart(`run-${run.id}-chart-update-ratio`, 'log10(mean |update| / mean |weight|) per layer',
      'batch', mag.layers.map((name, i) => ({name, xs: steps, ys: mag.steps.map(r => ratio(r[2][i], r[3][i]))}))));
    charts.appendChild(chart(`run-${run.id}-chart-weights`, 'mean |weight| per layer', 'batch',
      mag.layers.map((name, i) => ({name, xs: steps, ys: mag.steps.map(r => r[2][i])}))));
    charts.appendChild(chart(`run-${run.id}-chart-gradients`, 'mean |gradient| per layer (before the optimiser)',
      'batch', mag.layers.map((name, i) => ({name, xs: steps, ys: mag.steps.map(r => (r[4] ? r[4][i] : null))}))));
  }
  charts.appendChild(chart(`run-${run.id}-chart-lr`, 'learning rate', 'epoch',
    [{name: 'lr', xs: epochs, ys: run.epochs.map(e => e.lr)}]));
  charts.appendChild(chart(`run-${run.id}-chart-seconds`, 'seconds per epoch', 'epoch',
    [{name: 'seconds', xs: epochs, ys: run.epochs.map(e => e.seconds)}]));
  sec.appendChild(charts);

  if (run.summary) {
    const d = el('details');
    d.appendChild(el('summary', {}, 'model summary'));
    d.appendChild(el('pre', {}, run.summary));
    sec.appendChild(d);
  }
  return sec;
}

// Every run's values of each metric on one chart per metric, shown while the "compare runs" box is
// ticked (kept in the address as #compare, so a reload or a link keeps it).
function renderCompare(runs) {
  const sec = el('section', {class: 'run', id: 'compare'});
  sec.appendChild(el('h2', {}, 'all runs compared'));
  const charts = el('div', {class: 'charts'});
  const names = [];
  runs.forEach(r => r.metrics.forEach(m => { if (!names.includes(m)) names.push(m); }));
  names.forEach(m => {
    const series = runs.filter(r => r.metrics.includes(m)).map(r => ({
      name: r.name,
      xs: r.epochs.filter(e => m in e.logs).map(e => e.epoch),
      ys: r.epochs.filter(e => m in e.logs).map(e => e.logs[m])
    }));
    charts.appendChild(chart(`compare-chart-${m}`, m + ' per epoch, every run', 'epoch', series));
  });
  sec.appendChild(charts);
  return sec;
}

let lastData = null;

function comparing() {
  return location.hash === '#compare';
}

function render(data) {
  lastData = data;
  const box = document.getElementById('compare-toggle');
  if (box) box.checked = comparing();
  const main = document.getElementById('runs');
  const open = new Set([...main.querySelectorAll('details[open]')].map(d => d.parentElement.id));
  const sections = data.runs.slice().reverse().map(renderRun);
  if (comparing() && data.runs.length) sections.unshift(renderCompare(data.runs));
  main.replaceChildren(...sections);
  open.forEach(id => { const d = document.querySelector(`#${id} details`); if (d) d.open = true; });
  const running = data.runs.filter(r => r.status === 'running').length;
  document.getElementById('status').textContent =
    `${data.runs.length} run${data.runs.length === 1 ? '' : 's'}, ${running} running · updated ${new Date().toLocaleTimeString()}`;
}

async function poll() {
  try {
    const response = await fetch('runs.json', {cache: 'no-store'});
    const text = await response.text();
    if (text !== lastText) {
      lastText = text;
      render(JSON.parse(text));
    }
  } catch (e) {
    document.getElementById('status').textContent = 'not reachable (training JVM ended?) · ' + e;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('compare-toggle');
  box.checked = comparing();
  box.addEventListener('change', () => {
    history.replaceState(null, '', box.checked ? '#compare' : location.pathname);
    if (lastData) render(lastData);
  });
});

poll();
setInterval(poll, 1000);
