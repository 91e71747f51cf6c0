// Charts as inline SVG: grouped histograms, line charts over windows or days, a state timeline and the traffic split.
// Each chart is an <svg role="img"> with a <title> and a <desc> that says in words what the picture shows.

const NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2563eb', '#d97706', '#059669', '#9333ea', '#dc2626', '#0891b2', '#4b5563', '#be185d', '#65a30d', '#7c3aed', '#ca8a04', '#0f766e'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) {
      continue;
    }
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function frame(width, height, title, desc, chartKind) {
  const svg = s('svg', { xmlns: NS, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart chart-' + chartKind,
    'data-chart': chartKind, 'aria-label': title });
  svg.appendChild(s('title', {}, title));
  svg.appendChild(s('desc', {}, desc));
  return svg;
}

function legend(svg, names, x, y) {
  names.forEach((name, i) => {
    const g = s('g', { class: 'legend-item', transform: `translate(${x + i * 80},${y})` },
      s('rect', { width: 12, height: 12, fill: PALETTE[i % PALETTE.length], rx: 2 }),
      s('text', { x: 16, y: 10, class: 'legend' }, name));
    svg.appendChild(g);
  });
}

export function color(i) {
  return PALETTE[i % PALETTE.length];
}

/**
 * Bars of several series over the same bins, as shares of each series' total (so a window of 600 rows compares
 * with a baseline of 40,000). series: [{name, counts}]; labels: one per bin.
 */
export function histogram({ title, labels, series }) {
  const width = 520;
  const height = 230;
  const left = 44;
  const bottom = 52;
  const top = 30;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const shares = series.map(x => {
    const total = x.counts.reduce((a, b) => a + Number(b || 0), 0);
    return x.counts.map(c => (total > 0 ? Number(c || 0) / total : 0));
  });
  const max = Math.max(0.01, ...shares.flat());
  const desc = series.map((x, i) => `${x.name}: ` + labels.map((l, j) => `${l} ${(shares[i][j] * 100).toFixed(1)}%`).join(', ')).join('. ');
  const svg = frame(width, height, title, desc, 'histogram');
  svg.appendChild(s('text', { x: 4, y: 14, class: 'chart-title' }, title));
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    const y = top + plotH - (v / max) * plotH;
    svg.appendChild(s('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'grid' }));
    svg.appendChild(s('text', { x: left - 4, y: y + 4, class: 'tick', 'text-anchor': 'end' }, (v * 100).toFixed(0) + '%'));
  }
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  labels.forEach((label, j) => {
    series.forEach((x, i) => {
      const hgt = (shares[i][j] / max) * plotH;
      const rect = s('rect', { x: left + j * groupW + groupW * 0.1 + i * barW, y: top + plotH - hgt, width: barW - 1, height: Math.max(0, hgt),
        fill: color(i), class: 'bar', 'data-series': x.name });
      rect.appendChild(s('title', {}, `${x.name}, ${label}: ${(shares[i][j] * 100).toFixed(1)}% (${x.counts[j]})`));
      svg.appendChild(rect);
    });
    const lx = left + j * groupW + groupW / 2;
    svg.appendChild(s('text', { x: lx, y: top + plotH + 12, class: 'tick', 'text-anchor': 'end',
      transform: `rotate(-35 ${lx} ${top + plotH + 12})` }, String(label)));
  });
  legend(svg, series.map(x => x.name), width - 10 - series.length * 80, 4);
  return svg;
}

/** Lines over categories (windows, days): series [{name, values}] with null for no value; optional threshold. */
export function lineChart({ title, xLabels, series, threshold, thresholdLabel, zero = false, yFormat = v => v.toFixed(2) }) {
  const width = 560;
  const height = 240;
  const left = 50;
  const right = 12;
  const top = 30;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = series.flatMap(x => x.values).filter(v => v !== null && v !== undefined && !Number.isNaN(v));
  if (threshold !== undefined && threshold !== null) {
    values.push(threshold);
  }
  let min = zero ? Math.min(0, ...values) : Math.min(...values);
  let max = Math.max(...values);
  if (!(max > min)) {
    max = min + (Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1);
  }
  if (!zero) {
    const pad = (max - min) * 0.08;
    min -= pad;
    max += pad;
  }
  const y = v => top + plotH - ((v - min) / (max - min)) * plotH;
  const x = i => left + (xLabels.length <= 1 ? plotW / 2 : (i * plotW) / (xLabels.length - 1));
  const desc = series.map(sr => `${sr.name}: ` + sr.values.map((v, i) => `${xLabels[i]} ${v === null || v === undefined ? 'none' : yFormat(v)}`).join(', ')).join('. ');
  const svg = frame(width, height, title, desc, 'line');
  svg.appendChild(s('text', { x: left, y: 14, class: 'chart-title' }, title));
  for (let t = 0; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    svg.appendChild(s('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.appendChild(s('text', { x: left - 4, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, yFormat(v)));
  }
  if (threshold !== undefined && threshold !== null) {
    svg.appendChild(s('line', { x1: left, x2: width - right, y1: y(threshold), y2: y(threshold), class: 'threshold' }));
    svg.appendChild(s('text', { x: width - right, y: y(threshold) - 4, class: 'tick threshold-label', 'text-anchor': 'end' },
      thresholdLabel || 'threshold ' + yFormat(threshold)));
  }
  const step = Math.max(1, Math.ceil(xLabels.length / 8));
  xLabels.forEach((label, i) => {
    if (i % step === 0 || i === xLabels.length - 1) {
      const anchor = xLabels.length > 1 && i === 0 ? 'start' : xLabels.length > 1 && i === xLabels.length - 1 ? 'end' : 'middle';
      svg.appendChild(s('text', { x: x(i), y: top + plotH + 16, class: 'tick', 'text-anchor': anchor }, String(label)));
    }
  });
  series.forEach((sr, k) => {
    let d = '';
    sr.values.forEach((v, i) => {
      if (v === null || v === undefined || Number.isNaN(v)) {
        return;
      }
      d += (d === '' ? 'M' : 'L') + x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
    });
    if (d) {
      svg.appendChild(s('path', { d, class: 'series', stroke: color(k), fill: 'none', 'data-series': sr.name }));
    }
    sr.values.forEach((v, i) => {
      if (v !== null && v !== undefined && !Number.isNaN(v)) {
        const dot = s('circle', { cx: x(i), cy: y(v), r: 3, fill: color(k) });
        dot.appendChild(s('title', {}, `${sr.name}, ${xLabels[i]}: ${yFormat(v)}`));
        svg.appendChild(dot);
      }
    });
  });
  // The legend is HTML below the picture: it wraps, however many variables there are.
  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  figure.dataset.title = title;
  figure.appendChild(svg);
  const items = document.createElement('ul');
  items.className = 'legend-list';
  items.setAttribute('aria-hidden', 'true');
  series.forEach((sr, k) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color(k);
    li.append(swatch, sr.name);
    items.appendChild(li);
  });
  figure.appendChild(items);
  return figure;
}

/**
 * The state timeline of an execution: one row per state visit, from entered to exited (or to now while running).
 * rows: [{state, start, end, outcome: 'ok'|'failed'|'running'}].
 */
export function timeline({ title, rows, t0, t1 }) {
  const width = 720;
  const rowH = 22;
  const left = 170;
  const top = 24;
  const height = top + rows.length * rowH + 26;
  const span = Math.max(1, t1 - t0);
  const x = t => left + ((t - t0) / span) * (width - left - 10);
  const desc = rows.map(r => `${r.state}: ${r.outcome}, ${((r.end - r.start) / 1000).toFixed(1)} s`).join('; ');
  const svg = frame(width, height, title, desc, 'timeline');
  svg.appendChild(s('text', { x: 4, y: 14, class: 'chart-title' }, title));
  rows.forEach((r, i) => {
    const yy = top + i * rowH;
    svg.appendChild(s('text', { x: left - 6, y: yy + 15, class: 'tick', 'text-anchor': 'end' }, r.state));
    const bar = s('rect', { x: x(r.start), y: yy + 3, width: Math.max(3, x(r.end) - x(r.start)), height: rowH - 6, rx: 3,
      class: 'step step-' + r.outcome, 'data-state': r.state });
    bar.appendChild(s('title', {}, `${r.state}: ${r.outcome}, ${new Date(r.start).toISOString()} to ${new Date(r.end).toISOString()}`));
    svg.appendChild(bar);
  });
  const axisY = top + rows.length * rowH + 14;
  svg.appendChild(s('text', { x: left, y: axisY, class: 'tick' }, new Date(t0).toISOString().substring(11, 19)));
  svg.appendChild(s('text', { x: width - 10, y: axisY, class: 'tick', 'text-anchor': 'end' },
    new Date(t1).toISOString().substring(11, 19) + ` (+${((t1 - t0) / 1000).toFixed(1)} s)`));
  return svg;
}

/** The traffic split of a deployment: champion and challenger shares on one bar; SHADOW mirrors, never splits. */
export function trafficSplit({ champion, challenger, weight, mode }) {
  const width = 520;
  const height = 78;
  const w = challenger && mode !== 'SHADOW' ? Math.max(0, Math.min(100, Number(weight) || 0)) : 0;
  const title = 'Traffic split';
  const desc = !champion ? 'No champion: nothing serves yet.'
    : mode === 'SHADOW' && challenger ? `${champion} answers 100%; ${challenger} scores a shadow copy of every request.`
      : `${champion} ${100 - w}%` + (challenger ? `, ${challenger} ${w}%` : '');
  const svg = frame(width, height, title, desc, 'split');
  const barW = width - 20;
  const champW = (barW * (100 - w)) / 100;
  svg.appendChild(s('rect', { x: 10, y: 20, width: champW, height: 26, fill: color(0), class: 'split-champion' }));
  if (w > 0) {
    svg.appendChild(s('rect', { x: 10 + champW, y: 20, width: barW - champW, height: 26, fill: color(1), class: 'split-challenger' }));
  }
  svg.appendChild(s('text', { x: 14, y: 14, class: 'tick' }, champion ? `champion ${champion}: ${100 - w}%` : 'no champion'));
  if (challenger) {
    svg.appendChild(s('text', { x: width - 10, y: 14, class: 'tick', 'text-anchor': 'end' },
      mode === 'SHADOW' ? `challenger ${challenger}: shadow (0% answered)` : `challenger ${challenger}: ${w}%`));
  }
  if (mode === 'SHADOW' && challenger) {
    svg.appendChild(s('rect', { x: 10, y: 52, width: barW, height: 8, fill: color(1), opacity: 0.5, class: 'split-shadow' }));
    svg.appendChild(s('text', { x: 14, y: 74, class: 'tick' }, 'shadow: every request is also scored by the challenger'));
  } else {
    svg.appendChild(s('text', { x: 14, y: 66, class: 'tick' }, `mode ${mode || 'CANARY'}`));
  }
  return svg;
}
