// Approvals: the pending versions, and one request with the evidence an approver decides on (metrics against the
// champion, gate checks, training-data PSI against the champion's baseline, lineage) and the Approve / Reject form.
// After a decision the page re-reads the request and the execution, so the approver sees the workflow go on.

import { api, Problem, seg } from '../api.js';
import { announce, badge, emptyState, facts, h, jsonBlock, num, problemBox, section, table, when } from '../dom.js';

export async function approvalsPage(all) {
  const data = await api('/v1/approvals' + (all ? '?all=true' : ''));
  const rows = data.approvals || [];
  return h('div', {},
    h('h2', {}, all ? 'All approval requests' : 'Pending approvals'),
    h('p', { class: 'controls' }, all
      ? h('a', { href: '#/approvals' }, 'Show pending only')
      : h('a', { href: '#/approvals?all=true' }, 'Show every request, decided ones too')),
    rows.length === 0
      ? emptyState(all ? 'No approval requests yet' : 'Nothing waits for approval',
        'A training run that passes the evaluation gate asks for approval here (RequestApproval parks the workflow).')
      : table([
        { label: 'Request', value: a => h('a', { href: '#/approvals/' + seg(a.id), class: 'approval-link' }, a.id) },
        { label: 'State', value: a => badge(a.state) },
        { label: 'Trained by', value: a => a.initiator },
        { label: 'Requested', value: a => when(a.requestedAt) },
        { label: 'Expires', value: a => when(a.expiresAt) },
        { label: 'Decided by', value: a => a.decision ? `${a.decision.actor}: ${a.decision.comment}` : '' },
      ], rows, { label: 'Approval requests', rowAttrs: a => ({ 'data-approval': a.id }) }));
}

export async function approvalPage(id) {
  const data = await api('/v1/approvals/' + seg(id));
  const approval = data.approval;
  const evidence = data.evidence && !data.evidence.missing && !data.evidence.unreadable ? data.evidence : null;
  const candidate = await optional(() => api(`/v1/models/${seg(approval.model)}/versions/${seg(approval.version)}`));
  const championVersion = evidence && evidence.champion !== undefined ? evidence.champion
    : (await optional(() => api(`/v1/models/${seg(approval.model)}/deployment`)))?.deployment?.champion;
  const champion = championVersion && (!evidence || !evidence.championMetrics)
    ? await optional(() => api(`/v1/models/${seg(approval.model)}/versions/${seg(championVersion)}`)) : null;

  const metrics = (evidence && evidence.metrics) || candidate?.package?.metrics || null;
  const championMetrics = (evidence && evidence.championMetrics) || champion?.package?.metrics || null;
  const lineage = (evidence && evidence.lineage) || candidate?.package?.lineage || null;
  const executionPanel = h('div', { id: 'execution-after', 'aria-live': 'polite' });
  const page = h('div', { class: 'approval', 'data-state': approval.state },
    h('p', { class: 'crumbs' }, h('a', { href: '#/approvals' }, '← Pending approvals')),
    h('h2', {}, `Approval of ${approval.model} ${approval.version}`, ' ', badge(approval.state)),
    facts([
      ['Model', h('a', { href: '#/models/' + seg(approval.model) }, approval.model)],
      ['Version', h('a', { href: `#/models/${seg(approval.model)}/versions/${seg(approval.version)}` }, approval.version + ' (model card)')],
      ['Trained by', approval.initiator],
      ['Requested', when(approval.requestedAt)],
      ['Expires', when(approval.expiresAt)],
      ['Execution', approval.executionArn ? h('a', { href: '#/executions/' + seg(approval.executionArn) }, approval.executionArn) : null],
      ['Gate verdict', evidence && evidence.verdict ? badge(evidence.verdict) : null],
    ], 'Approval request'),
    data.evidence && (data.evidence.missing || data.evidence.unreadable)
      ? problemBox({ name: 'evidence-missing', title: 'Evidence is missing', detail: data.evidence.missing || data.evidence.unreadable },
        'Without evidence, do not approve: ask for the training to be evaluated again.') : null,
    evidence && evidence.reasons && evidence.reasons.length ? section('Gate reasons', h('ul', {}, evidence.reasons.map(r => h('li', {}, r)))) : null,
    section('Metrics vs champion', metricsTable(metrics, championMetrics, championVersion),
      evidence && evidence.note ? h('p', { class: 'muted' }, evidence.note) : null),
    evidence && evidence.checks ? section('Evaluation gate checks', checksTable(evidence.checks)) : null,
    section('Training-data PSI vs champion baseline', psiTable(evidence, championVersion)),
    section('Lineage', lineage ? lineageFacts(lineage) : emptyState('No lineage recorded', 'The package manifest carries it once the package exists.')),
    approval.state === 'PENDING' ? decisionForm(approval, executionPanel) : decisionFacts(approval),
    section('Execution', executionPanel),
    evidence ? h('details', { class: 'raw' }, h('summary', {}, 'Evidence document (raw)'), jsonBlock(evidence, 'Evidence document')) : null);
  showExecution(approval.executionArn, executionPanel);
  return page;
}

async function optional(call) {
  try {
    return await call();
  } catch (e) {
    if (e instanceof Problem) {
      return null;
    }
    throw e;
  }
}

const METRICS = [
  ['auc', 'AUC', 'higher is better'],
  ['accuracy', 'Accuracy', 'higher is better'],
  ['logLoss', 'Log-loss', 'lower is better'],
  ['calibrationError', 'Calibration error', 'lower is better'],
  ['rows', 'Holdout rows', ''],
  ['positiveRate', 'Positive rate', ''],
];

function metricsTable(metrics, championMetrics, championVersion) {
  if (!metrics) {
    return emptyState('No metrics', 'Neither the evidence nor the package manifest holds holdout metrics.');
  }
  const rows = METRICS.filter(([key]) => metrics[key] !== undefined);
  return h('div', {},
    table([
      { label: 'Metric', value: ([, label, hint]) => h('span', { title: hint }, label) },
      { label: 'This version', value: ([key]) => num(metrics[key]), class: 'num' },
      { label: championVersion ? 'Champion ' + championVersion : 'Champion', value: ([key]) => championMetrics ? num(championMetrics[key]) : '—', class: 'num' },
      { label: 'Difference', value: ([key]) => championMetrics && typeof metrics[key] === 'number' ? signed(metrics[key] - championMetrics[key]) : '—', class: 'num' },
    ], rows, { label: 'Holdout metrics against the champion', rowAttrs: ([key]) => ({ 'data-metric': key }) }),
    championVersion ? null : h('p', { class: 'muted' }, 'No champion yet: this would be the first version to serve.'));
}

function checksTable(checks) {
  return table([
    { label: 'Check', value: c => c.name },
    { label: 'Value', value: c => num(c.value), class: 'num' },
    { label: 'Limit', value: c => num(c.limit), class: 'num' },
    { label: 'Result', value: c => badge(c.passed ? 'PASS' : 'FAIL') },
  ], checks, { label: 'Gate checks' });
}

function psiTable(evidence, championVersion) {
  const psi = evidence && evidence.trainingDataPsi;
  if (!psi || Object.keys(psi).length === 0) {
    return emptyState(championVersion ? 'No training-data PSI in the evidence' : 'No champion to compare with',
      championVersion ? 'The evaluation gate records it per feature when it compares with the champion\'s baseline.'
        : 'Training-data PSI compares a new version\'s training data with the champion\'s baseline.');
  }
  const limit = evidence.policy && evidence.policy.maxTrainingDataPsi;
  const max = Math.max(limit || 0.25, ...Object.values(psi)) || 1;
  return h('div', {},
    table([
      { label: 'Feature', value: ([f]) => f },
      { label: 'PSI', value: ([, v]) => num(v), class: 'num' },
      { label: 'Against the limit', value: ([, v]) => h('span', { class: 'meter' + (limit && v > limit ? ' over' : ''), role: 'img',
        'aria-label': `PSI ${num(v)}${limit ? ' of limit ' + num(limit) : ''}` }, h('span', { style: `width:${Math.min(100, (v / max) * 100).toFixed(1)}%` })) },
    ], Object.entries(psi), { label: 'Training-data PSI per feature', rowAttrs: ([f]) => ({ 'data-feature': f }) }),
    limit ? h('p', { class: 'muted' }, `Limit (evaluation.maxTrainingDataPsi): ${num(limit)}. Below 0.1 is usually read as no shift, above 0.25 as a large one.`) : null);
}

function lineageFacts(l) {
  return facts([
    ['Dataset', h('code', {}, l.datasetUri)],
    ['Dataset SHA-256', h('code', { class: 'clip' }, l.datasetSha256)],
    ['Rows', num(l.rows)],
    ['Code revision', l.codeRevision],
    ['Trainer image', l.trainerImage],
    ['Algorithm', l.algorithm],
    ['Seed', l.seed],
    ['Initiator', l.initiator],
    ['Parameters', l.parameters && Object.keys(l.parameters).length ? Object.entries(l.parameters).map(([k, v]) => `${k}=${v}`).join(', ') : null],
  ], 'Lineage');
}

function decisionFacts(approval) {
  const d = approval.decision;
  return section('Decision', d ? facts([
    ['Outcome', badge(approval.state)],
    ['By', d.actor],
    ['When', when(d.at)],
    ['Comment', d.comment],
  ], 'Decision') : emptyState('No decision', approval.state === 'EXPIRED' ? 'The request expired before anyone decided.' : null));
}

function decisionForm(approval, executionPanel) {
  const comment = h('textarea', { id: 'decision-comment', name: 'comment', rows: 3, required: true,
    placeholder: 'Why: what you checked, what convinced you' });
  const result = h('div', { id: 'decision-result', 'aria-live': 'assertive' });
  const approveButton = h('button', { type: 'submit', id: 'approve', value: 'approve', class: 'primary' }, 'Approve');
  const rejectButton = h('button', { type: 'submit', id: 'reject', value: 'reject', class: 'danger' }, 'Reject');
  const form = h('form', { id: 'decision', class: 'card decision', 'aria-label': 'Decision' },
    h('h3', {}, 'Decision'),
    h('label', { for: 'decision-comment' }, 'Comment (required, kept in the audit trail)'),
    comment,
    h('p', { class: 'buttons' }, approveButton, ' ', rejectButton),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const action = event.submitter ? event.submitter.value : 'approve';
    if (!comment.value.trim()) {
      result.replaceChildren(problemBox({ name: 'invalid-request', title: 'A comment is required', detail: 'Say why you decide so.' }));
      comment.focus();
      return;
    }
    approveButton.disabled = true;
    rejectButton.disabled = true;
    try {
      const reply = await api(`/v1/approvals/${seg(approval.id)}/${action}`, { method: 'POST', body: { comment: comment.value.trim() } });
      const a = reply.approval;
      result.replaceChildren(h('div', { class: 'success', role: 'status', 'data-decision': a.state },
        h('p', { class: 'success-title' }, `${a.state === 'APPROVED' ? 'Approved' : 'Rejected'} by ${a.decision.actor}`),
        h('p', {}, reply.repeated ? 'This decision had already been recorded; it stands as first made.' : 'Recorded in the registry and the audit trail.'),
        h('p', {}, reply.resumed ? 'The workflow was resumed.' : 'The workflow was not waiting any more; the decision stands.')));
      announce(`${approval.id} ${a.state.toLowerCase()}`);
      comment.disabled = true;
      const badgeEl = document.querySelector('.approval h2 .badge');
      if (badgeEl) {
        badgeEl.replaceWith(badge(a.state));
      }
      await showVersionStatus(approval, result);
      await showExecution(approval.executionArn, executionPanel);
      // The engine goes on asynchronously after the callback: read the execution again a little later, twice.
      for (const delay of [1500, 4000]) {
        setTimeout(() => {
          if (executionPanel.isConnected) {
            showExecution(approval.executionArn, executionPanel).catch(e => console.warn('execution re-read failed', e));
          }
        }, delay);
      }
    } catch (e) {
      if (!(e instanceof Problem)) {
        throw e;
      }
      result.replaceChildren(problemBox(e, e.name === 'self-approval'
        ? 'Another approver has to decide on this version.' : null));
      approveButton.disabled = false;
      rejectButton.disabled = false;
      announce(e.title);
    }
  });
  return form;
}

async function showVersionStatus(approval, into) {
  const v = await optional(() => api(`/v1/models/${seg(approval.model)}/versions/${seg(approval.version)}`));
  if (v) {
    into.appendChild(h('p', { id: 'version-status' }, `Registry: ${approval.model} ${approval.version} is now `, badge(v.version.status)));
  }
}

/** The execution behind the request, read again after each decision so its new status shows. */
async function showExecution(arn, panel) {
  if (!arn) {
    panel.replaceChildren(emptyState('No execution recorded for this request'));
    return;
  }
  try {
    const data = await api('/v1/executions/' + seg(arn) + '?limit=100');
    const s = data.execution.summary;
    const recent = (data.history || []).slice(-4);
    panel.replaceChildren(
      h('p', { id: 'execution-status', 'data-status': s.status }, 'Execution ', h('a', { href: '#/executions/' + seg(arn) }, s.name), ' is ', badge(s.status),
        ' (read ', new Date().toISOString().substring(11, 19), ' UTC)'),
      recent.length ? h('ul', { class: 'recent-events' }, recent.map(e => h('li', {}, when(e.at), ' ', e.type, e.state ? ' · ' + e.state : ''))) : null);
  } catch (e) {
    if (!(e instanceof Problem)) {
      throw e;
    }
    panel.replaceChildren(e.status === 404 ? emptyState('The engine does not know this execution', e.detail) : problemBox(e));
  }
}

function signed(v) {
  return (v > 0 ? '+' : '') + num(v);
}
