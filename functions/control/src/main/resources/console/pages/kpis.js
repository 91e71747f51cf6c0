// KPIs: the newest KPI report of a model (feedback joined to predictions), per version and day: a line per version
// for each KPI, and the table. Reads rows [{date, version, ...numbers}] from the report (see docs/control-api.md).

import { api, Problem, seg } from '../api.js';
import { emptyState, facts, h, num, section, table, when } from '../dom.js';
import { lineChart } from '../charts.js';
import { modelPicker } from './drift.js';

const PREFERRED = ['auc', 'accuracy', 'value', 'valuePerPrediction', 'labelled', 'predictions', 'positiveRate'];
const LABELS = {
  auc: 'AUC', accuracy: 'Accuracy', value: 'Business value', valuePerPrediction: 'Value per prediction', labelled: 'Labelled predictions',
  predictions: 'Predictions', positiveRate: 'Positive rate', logLoss: 'Log-loss',
};

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
  const rows = kpiRows(report);
  if (rows.length === 0) {
    return h('div', {}, h('h2', {}, 'KPIs: ' + chosen), picker.control,
      emptyState('The KPI report has no rows', 'Report ' + data.key + ' lists no version and day with feedback yet.'));
  }
  const days = [...new Set(rows.map(r => r.date))].sort();
  const versions = [...new Set(rows.map(r => r.version))].sort((a, b) => Number(a.substring(1)) - Number(b.substring(1)));
  const numeric = [...new Set(rows.flatMap(r => Object.keys(r).filter(k => typeof r[k] === 'number')))];
  const charted = PREFERRED.filter(k => numeric.includes(k)).slice(0, 4);
  const columns = ['date', 'version', ...PREFERRED.filter(k => numeric.includes(k)), ...numeric.filter(k => !PREFERRED.includes(k))];
  return h('div', {},
    h('h2', {}, 'KPIs: ' + chosen),
    picker.control,
    facts([
      ['Report', h('code', {}, data.key)],
      ['Generated', report.generatedAt ? when(report.generatedAt) : null],
      ['Value per outcome', report.policy ? Object.entries(report.policy).map(([k, v]) => `${k} ${v}`).join(', ') : null],
    ], 'KPI report'),
    section('Per version and day', h('div', { class: 'charts' }, charted.map(metric => lineChart({
      title: LABELS[metric] || metric,
      xLabels: days.map(d => d.substring(5)),
      series: versions.map(v => ({ name: v, values: days.map(d => {
        const row = rows.find(r => r.date === d && r.version === v);
        return row && typeof row[metric] === 'number' ? row[metric] : null;
      }) })),
      yFormat: metric === 'auc' || metric === 'accuracy' || metric === 'positiveRate' ? x => x.toFixed(3) : x => Math.abs(x) >= 1000 ? (x / 1000).toFixed(1) + 'k' : x.toFixed(0),
    })))),
    section('Table', table(columns.map(c => ({ label: LABELS[c] || c, value: r => typeof r[c] === 'number' ? num(r[c]) : (r[c] ?? '—'),
      class: c === 'date' || c === 'version' ? null : 'num' })), rows,
    { label: 'KPIs per version and day', rowAttrs: r => ({ 'data-version': r.version, 'data-date': r.date }) })));
}

/** The report's rows, whichever of the accepted names holds them, each with a date and a version. */
function kpiRows(report) {
  const rows = report.rows || report.days || report.kpis || [];
  return Array.isArray(rows) ? rows.filter(r => r && (r.date || r.day) && r.version).map(r => ({ ...r, date: r.date || r.day })) : [];
}
