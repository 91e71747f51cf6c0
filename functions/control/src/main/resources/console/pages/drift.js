// Drift: the drift reports DriftCheck writes (reports/drift/{model}/...), PSI and KS per variable over the windows,
// one window's verdict and reasons, and per variable the champion's frozen baseline against the window's live counts.

import { api, Problem, seg } from '../api.js';
import { badge, emptyState, facts, h, num, section, table, when } from '../dom.js';
import { histogram, lineChart } from '../charts.js';
import { binLabels } from './models.js';

/** A model picker over GET /v1/models; navigates to {base}/{model}. */
export async function modelPicker(base, current, label) {
  const data = await api('/v1/models');
  const names = (data.models || []).map(m => m.name);
  const select = h('select', { id: 'model-picker', onchange: e => { location.hash = '#/' + base + '/' + seg(e.target.value); } },
    names.map(n => h('option', { value: n, selected: n === current }, n)));
  return { names, control: names.length ? h('p', { class: 'controls' }, h('label', { for: 'model-picker' }, label || 'Model '), select) : null };
}

export async function driftPage(model, reportKey) {
  const picker = await modelPicker('drift', model);
  const chosen = model || picker.names[0];
  if (!chosen) {
    return h('div', {}, h('h2', {}, 'Drift'), emptyState('No registered models yet', 'Drift is checked for a model\'s champion once one serves.'));
  }
  const data = await api(`/v1/models/${seg(chosen)}/drift?limit=30`);
  const reports = data.reports || [];
  if (reports.length === 0) {
    return h('div', {}, h('h2', {}, 'Drift: ' + chosen), picker.control,
      emptyState('No drift check has run for ' + chosen + ' yet',
        'The drift-check workflow (scheduled, or ./mlops drift) compares the champion\'s live traffic with its training baseline and writes a report under '
        + data.prefix + '.'));
  }
  const selected = reports.find(r => r.key === reportKey) || reports[0];
  const chronological = reports.slice().reverse();
  const names = [...new Set(chronological.flatMap(r => (r.report.variables || []).map(v => v.name)))];
  const xLabels = chronological.map(r => shortWindow(r.report));
  const policy = selected.report.policy || {};
  const series = metric => names.map(n => ({ name: n, values: chronological.map(r => {
    const v = (r.report.variables || []).find(x => x.name === n);
    return v && v[metric] !== null && v[metric] !== undefined ? Number(v[metric]) : null;
  }) })).filter(sr => sr.values.some(v => v !== null));
  const ksSeries = series('ks');
  return h('div', {},
    h('h2', {}, 'Drift: ' + chosen),
    picker.control,
    section('PSI and KS per window',
      h('div', { class: 'charts' },
        lineChart({ title: 'PSI per variable', zero: true, xLabels, series: series('psi'), threshold: policy.psiThreshold, thresholdLabel: policy.psiThreshold !== undefined ? 'PSI threshold ' + policy.psiThreshold : null }),
        ksSeries.length ? lineChart({ title: 'KS per numeric variable', zero: true, xLabels, series: ksSeries, threshold: policy.ksThreshold,
          thresholdLabel: policy.ksThreshold !== undefined ? 'KS threshold ' + policy.ksThreshold : null, yFormat: v => v.toFixed(3) }) : null)),
    section('Windows', table([
      { label: 'Window', value: r => h('a', { href: `#/drift/${seg(chosen)}?report=${seg(r.key)}`, class: 'report-link', 'aria-current': r === selected ? 'true' : null },
        when(r.report.window && r.report.window.to)) },
      { label: 'Champion', value: r => r.report.version || '—' },
      { label: 'Rows', value: r => num(r.report.rows), class: 'num' },
      { label: 'Verdict', value: r => badge(r.report.verdict) },
      { label: 'Beyond thresholds', value: r => (r.report.variables || []).filter(v => v.exceeded && v.exceeded.length).map(v => `${v.name} (${v.exceeded.join(', ')})`).join('; ') || 'none' },
    ], reports, { label: 'Drift windows', rowAttrs: r => ({ 'data-report': r.key, class: r === selected ? 'selected' : null }) })),
    await windowDetail(chosen, selected));
}

async function windowDetail(model, selected) {
  const r = selected.report;
  const variables = r.variables || [];
  const baseline = r.version ? await baselineOf(model, r.version) : null;
  return section('Window ' + when(r.window && r.window.from) + ' to ' + when(r.window && r.window.to),
    facts([
      ['Verdict', badge(r.verdict)],
      ['Reasons', r.reasons && r.reasons.length ? h('ul', {}, r.reasons.map(x => h('li', {}, x))) : null],
      ['Champion', r.version],
      ['Rows in the window', num(r.rows)],
      ['Consecutive windows beyond thresholds', r.consecutive],
      ['Thresholds', r.policy ? `PSI > ${r.policy.psiThreshold}, KS > ${r.policy.ksThreshold}, min rows ${r.policy.minRows}, persistence ${r.policy.persistence}` : null],
      ['Report', h('code', {}, selected.key)],
    ], 'Drift window'),
    variables.length === 0 ? emptyState('No variables compared', 'The window had no rows of the champion (or too few): nothing to compare.') : [
      table([
        { label: 'Variable', value: v => v.name },
        { label: 'Kind', value: v => v.kind },
        { label: 'Rows', value: v => num(v.rows), class: 'num' },
        { label: 'Missing', value: v => num(v.missing), class: 'num' },
        { label: 'PSI', value: v => num(v.psi), class: 'num' },
        { label: 'KS', value: v => num(v.ks), class: 'num' },
        { label: 'Chi-square (V)', value: v => v.chiSquare === null || v.chiSquare === undefined ? '—' : `${num(v.chiSquare, 1)} (${num(v.cramersV, 3)})`, class: 'num' },
        { label: 'Verdict', value: v => v.exceeded && v.exceeded.length ? badge('DRIFT') : badge('OK') },
      ], variables, { label: 'Variables of this window', rowAttrs: v => ({ 'data-variable': v.name, class: v.exceeded && v.exceeded.length ? 'row-failed' : null }) }),
      h('h4', {}, 'Baseline vs live'),
      baseline ? h('div', { class: 'charts' }, variables.map(v => variableHistogram(v, r, baseline)))
        : emptyState('No baseline for ' + (r.version || 'this window'), 'The champion\'s package manifest is not readable, so its training bins cannot be drawn.'),
    ]);
}

async function baselineOf(model, version) {
  try {
    const data = await api(`/v1/models/${seg(model)}/versions/${seg(version)}`);
    return data.package ? data.package.baseline : null;
  } catch (e) {
    if (e instanceof Problem) {
      return null;
    }
    throw e;
  }
}

/** Live counts per bin, where the report carries them (per variable `counts`, or a `counts` map by name). */
function liveCounts(v, report) {
  if (Array.isArray(v.counts)) {
    return v.counts;
  }
  if (report.counts && Array.isArray(report.counts[v.name])) {
    return report.counts[v.name];
  }
  return null;
}

function variableHistogram(v, report, baseline) {
  const hist = v.name === 'score' && v.kind === 'score' ? baseline.score : baseline.features[v.name];
  if (!hist) {
    return h('div', { class: 'empty' }, `No baseline bins for ${v.name}`);
  }
  const live = liveCounts(v, report);
  const series = [{ name: 'baseline', counts: hist.counts }];
  if (live && live.length === hist.counts.length) {
    series.push({ name: 'live', counts: live });
  }
  const title = `${v.name}: PSI ${num(v.psi, 3)}` + (v.ks !== null && v.ks !== undefined ? `, KS ${num(v.ks, 3)}` : '');
  return h('figure', { class: 'variable', 'data-variable': v.name },
    histogram({ title, labels: binLabels(hist), series }),
    series.length === 1 ? h('figcaption', { class: 'muted' }, 'This report has no live bin counts; only the baseline is drawn.') : null);
}

function shortWindow(report) {
  const to = report.window && report.window.to;
  return to ? to.substring(5, 16).replace('T', ' ') : '?';
}
