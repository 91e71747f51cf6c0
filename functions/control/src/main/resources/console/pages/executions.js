// Executions: the newest runs of a state machine, and one run with its state timeline, the input and output of each
// state, and its failure with the cause.

import { api, seg } from '../api.js';
import { badge, emptyState, facts, h, jsonBlock, problemBox, section, table, when } from '../dom.js';
import { timeline } from '../charts.js';

const MACHINES = ['training-pipeline', 'drift-check'];

export async function executionsPage(stateMachine) {
  const data = await api('/v1/executions?stateMachine=' + seg(stateMachine) + '&limit=50');
  const picker = h('select', { id: 'state-machine', onchange: e => { location.hash = '#/executions?stateMachine=' + seg(e.target.value); } },
    MACHINES.map(m => h('option', { value: m, selected: m === stateMachine }, m)));
  const rows = data.executions || [];
  return h('div', {},
    h('h2', {}, 'Executions'),
    h('p', { class: 'controls' }, h('label', { for: 'state-machine' }, 'State machine '), picker),
    rows.length === 0
      ? emptyState('No executions of ' + stateMachine + ' yet',
        'Start a training (POST /v1/models/{model}/trainings, or ./mlops train) and it shows here. '
        + 'A control API started without an engine lists nothing.')
      : table([
        { label: 'Execution', value: e => h('a', { href: '#/executions/' + seg(e.executionArn), class: 'execution-link' }, e.name) },
        { label: 'Status', value: e => badge(e.status) },
        { label: 'Started', value: e => when(e.startedAt) },
        { label: 'Stopped', value: e => when(e.stoppedAt) },
        { label: 'Duration', value: e => duration(e.startedAt, e.stoppedAt) },
      ], rows, { label: 'Executions of ' + stateMachine, rowAttrs: e => ({ 'data-execution': e.name }) }));
}

export async function executionPage(arn) {
  const data = await api('/v1/executions/' + seg(arn) + '?limit=100');
  const { summary, input, output, error, cause } = data.execution;
  const history = data.history || [];
  const visits = stateVisits(history, summary);
  return h('div', { class: 'execution', 'data-status': summary.status },
    h('p', { class: 'crumbs' }, h('a', { href: '#/executions?stateMachine=' + seg(summary.stateMachine) }, '← Executions')),
    h('h2', {}, summary.name, ' ', badge(summary.status)),
    facts([
      ['State machine', summary.stateMachine],
      ['ARN', h('code', {}, summary.executionArn)],
      ['Started', when(summary.startedAt)],
      ['Stopped', when(summary.stoppedAt)],
      ['Duration', duration(summary.startedAt, summary.stoppedAt)],
    ], 'Execution summary'),
    error || cause ? failure('The execution failed', error, cause) : null,
    section('Timeline', visits.length === 0
      ? emptyState('No state has started yet', 'The history has no state events.')
      : timeline({ title: 'States of ' + summary.name, rows: visits, t0: visits.t0, t1: visits.t1 })),
    section('States', visits.length === 0 ? emptyState('No states') : h('div', { class: 'states' }, visits.map(stateDetails))),
    section('Input', input ? jsonBlock(input, 'Execution input') : emptyState('No input recorded')),
    section('Output', output ? jsonBlock(output, 'Execution output')
      : emptyState(summary.status === 'RUNNING' ? 'Still running' : 'No output', summary.status === 'RUNNING'
        ? 'A run waiting for approval stays RUNNING until an approver decides (Approvals page).' : null)),
    section('History events', history.length === 0 ? emptyState('No history events') : table([
      { label: '#', value: e => e.id, class: 'num' },
      { label: 'Time', value: e => when(e.at) },
      { label: 'Type', value: e => e.type },
      { label: 'State', value: e => e.state || '' },
      { label: 'Detail', value: e => e.detail ? h('code', { class: 'clip' }, e.detail) : '' },
    ], history, { label: 'History events', rowAttrs: e => ({ class: /Failed|TimedOut|Aborted/.test(e.type) ? 'row-failed' : null }) })));
}

function failure(title, error, cause) {
  return problemBox({ name: 'execution-failed', title: title + (error ? ': ' + error : ''), detail: prettyCause(cause) });
}

function prettyCause(cause) {
  if (!cause) {
    return null;
  }
  try {
    const parsed = JSON.parse(cause);
    if (parsed && typeof parsed === 'object') {
      return parsed.errorMessage || parsed.message || parsed.comment ? (parsed.errorMessage || parsed.message || parsed.comment) + ' — ' + cause : cause;
    }
  } catch (e) {
    // not JSON: shown as is
  }
  return cause;
}

function parseDetail(detail) {
  if (!detail) {
    return {};
  }
  try {
    const value = JSON.parse(detail);
    return value && typeof value === 'object' ? value : { value };
  } catch (e) {
    return { text: detail };
  }
}

/** Pairs each state's Entered event with its Exited (or failure) event; visits still open run to the end. */
export function stateVisits(history, summary) {
  const visits = [];
  const open = [];
  let failedOpen = null;
  for (const e of history) {
    const at = Date.parse(e.at);
    const detail = parseDetail(e.detail);
    if (/StateEntered$/.test(e.type) && e.state) {
      const visit = { state: e.state, type: e.type.replace(/StateEntered$/, ''), start: at, end: null, outcome: 'running',
        input: detail.input, output: undefined, error: null, cause: null };
      visits.push(visit);
      open.push(visit);
    } else if (/StateExited$/.test(e.type) && e.state) {
      const i = findOpen(open, e.state);
      if (i >= 0) {
        const visit = open.splice(i, 1)[0];
        visit.end = at;
        visit.output = detail.output;
        if (visit.outcome === 'running') {
          visit.outcome = 'ok';
        }
      }
    } else if (/(Failed|TimedOut|Aborted)$/.test(e.type) && !/^Execution/.test(e.type)) {
      const visit = e.state ? open[findOpen(open, e.state)] : open[open.length - 1];
      if (visit) {
        visit.outcome = 'failed';
        visit.error = detail.error || e.type;
        visit.cause = detail.cause || null;
        failedOpen = visit;
      }
    } else if (/^Execution(Failed|TimedOut|Aborted)$/.test(e.type) && failedOpen === null && open.length > 0) {
      const visit = open[open.length - 1];
      visit.outcome = 'failed';
      visit.error = detail.error || e.type;
      visit.cause = detail.cause || null;
    }
  }
  const times = history.map(e => Date.parse(e.at)).filter(t => !Number.isNaN(t));
  const stopped = summary.stoppedAt ? Date.parse(summary.stoppedAt) : null;
  const last = Math.max(...times, stopped || 0, summary.status === 'RUNNING' ? Date.now() : 0);
  for (const v of visits) {
    if (v.end === null) {
      v.end = v.outcome === 'failed' ? (stopped || last) : last;
    }
  }
  visits.t0 = Math.min(...times, Date.parse(summary.startedAt));
  visits.t1 = Math.max(last, visits.t0 + 1);
  return visits;
}

function findOpen(open, state) {
  for (let i = open.length - 1; i >= 0; i--) {
    if (open[i].state === state) {
      return i;
    }
  }
  return -1;
}

function stateDetails(v, i) {
  return h('details', { class: 'state state-' + v.outcome, 'data-state': v.state, open: v.outcome === 'failed' ? true : null },
    h('summary', {}, badge(v.outcome === 'ok' ? 'SUCCEEDED' : v.outcome.toUpperCase()), ' ', h('strong', {}, v.state),
      v.type ? h('span', { class: 'muted' }, ' ', v.type) : null,
      h('span', { class: 'muted' }, ' · ', ((v.end - v.start) / 1000).toFixed(1), ' s')),
    v.outcome === 'failed' ? failure('State ' + v.state + ' failed', v.error, v.cause) : null,
    h('div', { class: 'io' },
      h('div', {}, h('h4', {}, 'Input'), v.input === undefined ? h('p', { class: 'muted' }, 'not recorded') : jsonBlock(v.input, 'Input of ' + v.state)),
      h('div', {}, h('h4', {}, 'Output'), v.output === undefined ? h('p', { class: 'muted' }, v.outcome === 'running' ? 'still running' : 'not recorded')
        : jsonBlock(v.output, 'Output of ' + v.state))));
}

function duration(start, stop) {
  if (!start) {
    return '—';
  }
  const ms = (stop ? Date.parse(stop) : Date.now()) - Date.parse(start);
  if (Number.isNaN(ms)) {
    return '—';
  }
  const sec = ms / 1000;
  return (sec < 120 ? sec.toFixed(1) + ' s' : (sec / 60).toFixed(1) + ' min') + (stop ? '' : ' so far');
}
