// KPIs: the newest KPI report of a model (the pipeline's KpiReport: captured predictions joined by prediction id to
// their feedback), per version and day: a line per version for each KPI, the per-day table and the totals per version.

import { api, Problem, seg } from '../api.js';
import { emptyState, facts, h, num, section, table, when } from '../dom.js';
import { lineChart } from '../charts.js';
import { modelPicker } from './drift.js';

/** The KPIs in the order they are charted and tabulated; other numeric fields follow in the table. */
const KPIS = [
  ['auc', 'AUC', x => x.toFixed(4)],
  ['accuracy', 'Accuracy', x => x.toFixed(4)],
  ['value', 'Business value', x => compact(x)],
  ['valuePerLabel', 'Value per labelled prediction', x => x.toFixed(1)],
  ['labelled', 'Labelled predictions', x => compact(x)],
  ['predictions', 'Predictions', x => compact(x)],
];
const CHARTED = ['auc', 'accuracy', 'value', 'labelled'];

export async function kpisPage(model) {
  const picker = await modelPicker('kpis', model);
  const chosen = model || picker.names[0];
  if (!chosen) {
    return h('div', {}, h('h2', {}, 'KPIs'), emptyState('No registered models yet', 'KPIs need a serving model and feedback on its predictions.'));
  }
  let data;
  try {
    data = await api(`/v1/models/${seg(chosen)}/kpis`);
  } catch (e) {
    if (e instanceof Problem && e.status === 404) {
      return h('div', {}, h('h2', {}, 'KPIs: ' + chosen), picker.control,
        emptyState('No KPI report for ' + chosen + ' yet',
          'KPIs need ground truth: send outcomes with POST /v1/feedback (prediction ids and true labels); the KPI report then joins them to '
          + 'the captured predictions per version and day. ' + (e.detail || '')));
    }
    throw e;
  }
  const report = data.report || {};
  const rows = dayRows(report);
  if (rows.length === 0) {
    return h('div', {}, h('h2', {}, 'KPIs: ' + chosen), picker.control,
      emptyState('The KPI report has no rows', 'Report ' + data.key + ' has no predictions in its period.'));
  }
  const days = [...new Set(rows.map(r => r.day))].sort();
  const versions = [...new Set(rows.map(r => r.version))].sort((a, b) => Number(a.substring(1)) - Number(b.substring(1)));
  const numeric = [...new Set(rows.flatMap(r => Object.keys(r).filter(k => typeof r[k] === 'number')))];
  const known = KPIS.filter(([k]) => numeric.includes(k));
  const columns = [...known.map(([k, label]) => ({ key: k, label })), ...numeric.filter(k => !KPIS.some(([x]) => x === k)).map(k => ({ key: k, label: k }))];
  const cells = cols => cols.map(c => ({ label: c.label, value: r => num(r[c.key]), class: 'num' }));
  const totals = Array.isArray(report.byVersion) ? report.byVersion : [];
  return h('div', {},
    h('h2', {}, 'KPIs: ' + chosen),
    picker.control,
    facts([
      ['Report', h('code', {}, data.key)],
      ['Period', report.from || report.to ? `${when(report.from)} to ${when(report.to)}` : null],
      ['Feedback without a prediction in the period', report.unmatchedFeedback === undefined ? null : num(report.unmatchedFeedback)],
    ], 'KPI report'),
    section('Per version and day', h('div', { class: 'charts' }, known.filter(([k]) => CHARTED.includes(k)).map(([metric, label, format]) => lineChart({
      title: label,
      xLabels: days.map(d => d.substring(5)),
      series: versions.map(v => ({ name: v, values: days.map(d => {
        const row = rows.find(r => r.day === d && r.version === v);
        return row && typeof row[metric] === 'number' ? row[metric] : null;
      }) })),
      yFormat: format,
    }))),
    h('p', { class: 'muted' }, 'Accuracy and AUC are of the labelled predictions only; the business value sums the model.json kpi value of each '
      + 'labelled prediction\'s confusion cell at the 0.5 threshold. Empty points: no labels that day.')),
    totals.length ? section('Per version, whole period', table([
      { label: 'Version', value: r => r.version },
      ...cells(columns),
    ], totals, { label: 'KPIs per version', rowAttrs: r => ({ 'data-total': r.version }) })) : null,
    section('Per day', table([
      { label: 'Day', value: r => r.day },
      { label: 'Version', value: r => r.version },
      ...cells(columns),
    ], rows, { label: 'KPIs per version and day', rowAttrs: r => ({ 'data-version': r.version, 'data-date': r.day }) })));
}

/** The report's per-day rows: KpiReport's {@code byDay}; also {@code rows} or {@code days} with {@code date}. */
function dayRows(report) {
  const rows = report.byDay || report.rows || report.days || [];
  return Array.isArray(rows)
    ? rows.map(r => ({ ...r, day: r.day || r.date })).filter(r => r.day && r.day !== 'all' && r.version)
    : [];
}

function compact(x) {
  return Math.abs(x) >= 1000 ? (x / 1000).toFixed(1) + 'k' : x.toFixed(0);
}
