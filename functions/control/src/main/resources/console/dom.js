// Small DOM helpers: elements are built with h(), never from HTML strings, so data from the API is always text.

/** Creates an element: h('a', {href: '#/x', class: 'k'}, 'text', child, [more]). Null children are skipped. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.substring(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** An explanation instead of a chart or table when there is nothing to show yet. */
export function emptyState(title, text) {
  return h('div', { class: 'empty', 'data-empty': 'true' }, h('p', { class: 'empty-title' }, title), text ? h('p', {}, text) : null);
}

/** A refusal or failure, titled with the problem's title so a reader sees at once what went wrong. */
export function problemBox(problem, hint) {
  const kind = problem.name || 'error';
  return h('div', { class: 'problem problem-' + kind, role: 'alert', 'data-problem': kind },
    h('p', { class: 'problem-title' }, problem.title || 'Error'),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    hint ? h('p', { class: 'problem-hint' }, hint) : null);
}

/** What a page says when the API refused or failed it. */
export function refusal(problem) {
  if (problem.status === 401) {
    return problemBox(problem, 'Sign in with a token (top right) to see this page.');
  }
  if (problem.status === 403) {
    return problemBox(problem, 'Your roles do not include this page; ask for the role named above, or use another page.');
  }
  return problemBox(problem);
}

/** A two-column definition table from [label, value] pairs; values may be nodes. */
export function facts(pairs, label) {
  return h('table', { class: 'facts', 'aria-label': label || null },
    h('tbody', {}, pairs.filter(p => p).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v === null || v === undefined || v === '' ? '—' : v)))));
}

/** A data table: columns [{label, value: row => text|node, class?}]. */
export function table(columns, rows, { label, rowAttrs } = {}) {
  return h('table', { class: 'data', 'aria-label': label || null },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class || null }, c.label)))),
    h('tbody', {}, rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map(c => h('td', { class: c.class || null }, c.value(r)))))));
}

/** A JSON document (text or value), pretty-printed in a scrollable block. */
export function jsonBlock(value, label) {
  let text = value;
  if (typeof value === 'string') {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch (e) {
      text = value;
    }
  } else {
    text = JSON.stringify(value, null, 2);
  }
  return h('pre', { class: 'json', tabindex: '0', 'aria-label': label || 'JSON document' }, text === undefined ? 'null' : text);
}

/** A status badge (APPROVED, RUNNING, DRIFT, ...). */
export function badge(text) {
  const value = text === null || text === undefined ? 'NONE' : String(text);
  return h('span', { class: 'badge badge-' + value.toLowerCase().replace(/[^a-z0-9]+/g, '-') }, value);
}

export function num(value, digits = 4) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) {
    return '—';
  }
  const n = Number(value);
  return Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(digits);
}

export function when(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
}

export function section(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h3', {}, title), children);
}

/** Announces a short message in the page's live region, for screen readers and sighted users alike. */
export function announce(text) {
  const region = document.getElementById('status');
  if (region) {
    region.textContent = text;
  }
}
