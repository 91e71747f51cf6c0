// Models: every model with its deployment; one model with its versions, the traffic split and the audit trail; one
// version's model card from its package manifest (metrics, lineage, input contract, frozen baselines).

import { api, Problem, seg } from '../api.js';
import { badge, emptyState, facts, h, num, section, table, when } from '../dom.js';
import { histogram, trafficSplit } from '../charts.js';

export async function modelsPage() {
  const data = await api('/v1/models');
  const rows = data.models || [];
  return h('div', {},
    h('h2', {}, 'Models'),
    rows.length === 0
      ? emptyState('No registered models yet', 'Train one (./mlops train --model credit-risk) and its versions show here.')
      : table([
        { label: 'Model', value: m => h('a', { href: '#/models/' + seg(m.name), class: 'model-link' }, m.name) },
        { label: 'Versions', value: m => m.versions, class: 'num' },
        { label: 'Latest', value: m => h('span', {}, m.latest.version, ' ', badge(m.latest.status)) },
        { label: 'Champion', value: m => m.deployment.champion || '—' },
        { label: 'Challenger', value: m => m.deployment.challenger ? `${m.deployment.challenger} (${m.deployment.mode === 'SHADOW' ? 'shadow' : m.deployment.challengerWeight + '%'})` : '—' },
        { label: 'Drift', value: m => h('a', { href: '#/drift/' + seg(m.name) }, 'drift') },
        { label: 'KPIs', value: m => h('a', { href: '#/kpis/' + seg(m.name) }, 'KPIs') },
      ], rows, { label: 'Models', rowAttrs: m => ({ 'data-model': m.name }) }));
}

export async function modelPage(model) {
  const [versions, deployment, audit] = await Promise.all([
    api(`/v1/models/${seg(model)}/versions`),
    api(`/v1/models/${seg(model)}/deployment`),
    api(`/v1/models/${seg(model)}/audit?limit=200`),
  ]);
  const d = deployment.deployment;
  const role = v => v === d.champion ? 'champion' : v === d.challenger ? 'challenger' : '';
  const events = (audit.events || []).slice().reverse();
  return h('div', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/models' }, '← Models')),
    h('h2', {}, model),
    section('Deployment',
      facts([
        ['Champion', d.champion],
        ['Challenger', d.challenger],
        ['Challenger weight', d.challenger ? d.challengerWeight + '%' : null],
        ['Mode', d.mode],
        ['Revision', d.revision],
      ], 'Deployment'),
      trafficSplit({ champion: d.champion, challenger: d.challenger, weight: d.challengerWeight, mode: d.mode })),
    section('Versions', table([
      { label: 'Version', value: v => h('a', { href: `#/models/${seg(model)}/versions/${seg(v.version)}`, class: 'version-link' }, v.version) },
      { label: 'Status', value: v => badge(v.status) },
      { label: 'Serving', value: v => role(v.version) },
      { label: 'Registered', value: v => when(v.registeredAt) },
      { label: 'By', value: v => v.registeredBy },
      { label: 'Last change', value: v => v.history && v.history.length ? `${v.history[v.history.length - 1].actor}: ${v.history[v.history.length - 1].reason || ''}` : '' },
    ], versions.versions.slice().reverse(), { label: 'Versions of ' + model, rowAttrs: v => ({ 'data-version': v.version }) })),
    section('Audit trail', events.length === 0 ? emptyState('No audit events') : table([
      { label: 'When', value: e => when(e.at) },
      { label: 'Who', value: e => e.actor },
      { label: 'What', value: e => e.action },
      { label: 'Version', value: e => e.version || '' },
      { label: 'Why', value: e => e.reason || '' },
    ], events, { label: 'Audit trail of ' + model, rowAttrs: e => ({ 'data-action': e.action }) })));
}

export async function versionPage(model, version) {
  const data = await api(`/v1/models/${seg(model)}/versions/${seg(version)}`);
  const record = data.version;
  const p = data.package;
  const deployment = await api(`/v1/models/${seg(model)}/deployment`).catch(e => { if (e instanceof Problem) { return null; } throw e; });
  const d = deployment ? deployment.deployment : {};
  const serving = version === d.champion ? 'champion' : version === d.challenger ? `challenger (${d.mode === 'SHADOW' ? 'shadow' : d.challengerWeight + '%'})` : 'not serving';
  return h('div', { class: 'model-card' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/models/' + seg(model) }, '← ' + model)),
    h('h2', {}, `Model card: ${model} ${version}`, ' ', badge(record.status)),
    facts([
      ['Serving', serving],
      ['Registered', `${when(record.registeredAt)} by ${record.registeredBy}`],
      ['Package', h('code', {}, record.packagePrefix)],
      ['ONNX SHA-256', h('code', { class: 'clip' }, record.onnxSha256)],
      p ? ['ONNX size', num(p.onnxBytes) + ' bytes'] : null,
      p ? ['Created', when(p.createdAt)] : null,
    ], 'Version'),
    !p ? emptyState('No package manifest', 'The registry knows this version but its package.json is not in the store.') : [
      section('Holdout metrics', facts([
        ['AUC', num(p.metrics.auc)],
        ['Accuracy', num(p.metrics.accuracy)],
        ['Log-loss', num(p.metrics.logLoss)],
        ['Calibration error', num(p.metrics.calibrationError)],
        ['Holdout rows', num(p.metrics.rows)],
        ['Positive rate', num(p.metrics.positiveRate)],
      ], 'Holdout metrics')),
      section('Lineage', facts([
        ['Dataset', h('code', {}, p.lineage.datasetUri)],
        ['Dataset SHA-256', h('code', { class: 'clip' }, p.lineage.datasetSha256)],
        ['Rows', num(p.lineage.rows)],
        ['Algorithm', p.lineage.algorithm],
        ['Parameters', Object.entries(p.lineage.parameters || {}).map(([k, v]) => `${k}=${v}`).join(', ')],
        ['Seed', p.lineage.seed],
        ['Code revision', p.lineage.codeRevision],
        ['Trainer image', p.lineage.trainerImage],
        ['Initiator', p.lineage.initiator],
      ], 'Lineage')),
      section('Inputs', inputsTable(p)),
      section('Output', facts([
        ['Tensor', p.output.tensorName],
        ['Labels', (p.output.labels || []).join(', ')],
        ['Positive-class column', p.output.positiveColumn],
        ['Explanations', p.coefficients ? 'exact (linear coefficients in the package)' : 'none (not a linear model)'],
      ], 'Output')),
      section('Training baseline', h('p', { class: 'muted' }, `Frozen from ${num(p.baseline.rows)} training rows; drift checks count live traffic into these bins.`),
        h('div', { class: 'charts' },
          Object.entries(p.baseline.features).map(([name, hist]) => histogram({ title: name, labels: binLabels(hist), series: [{ name: 'training', counts: hist.counts }] })),
          histogram({ title: 'score (holdout)', labels: binLabels(p.baseline.score), series: [{ name: 'holdout', counts: p.baseline.score.counts }] }))),
    ],
    section('Status history', table([
      { label: 'When', value: c => when(c.at) },
      { label: 'From', value: c => c.from ? badge(c.from) : '' },
      { label: 'To', value: c => badge(c.to) },
      { label: 'By', value: c => c.actor },
      { label: 'Why', value: c => c.reason || '' },
    ], record.history || [], { label: 'Status history' })));
}

function inputsTable(p) {
  const features = p.input.features || [];
  return table([
    { label: 'Feature', value: f => h('code', {}, f.name) },
    { label: 'Type', value: f => f.type },
    { label: 'Allowed', value: f => f.type === 'categorical' ? (f.values || []).join(', ') : f.range ? `${f.range.min ?? '−∞'} … ${f.range.max ?? '∞'}` : '' },
    { label: 'Transform', value: f => f.transform || (f.type === 'categorical' ? 'one-hot' : '') },
    { label: 'Description', value: f => f.description || '' },
  ], features, { label: 'Input features', rowAttrs: f => ({ 'data-feature': f.name }) });
}

/** Bin labels of a frozen histogram: numeric bins by their upper edge, categorical by level plus the bin of unlisted values. */
export function binLabels(hist) {
  if (hist.levels) {
    return [...hist.levels, '(unlisted)'];
  }
  const edges = hist.edges || [];
  const short = v => Math.abs(v) >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k' : Number(v.toFixed(2)).toString();
  return edges.length === 0 ? ['all'] : [...edges.map(e => '≤' + short(e)), '>' + short(edges[edges.length - 1])];
}
