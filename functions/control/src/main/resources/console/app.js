// The console shell: sign-in, hash routes, and one render function per page. Pages get the route's parameters and
// return a node; a refused call (401, 403, ...) renders the problem instead of the page.

import { api, Problem, setToken, token } from './api.js';
import { announce, h, refusal } from './dom.js';
import { executionsPage, executionPage } from './pages/executions.js';
import { approvalsPage, approvalPage } from './pages/approvals.js';
import { modelsPage, modelPage, versionPage } from './pages/models.js';
import { driftPage } from './pages/drift.js';
import { kpisPage } from './pages/kpis.js';

const ROUTES = [
  { re: /^\/executions\/(.+)$/, page: 'executions', render: m => executionPage(decodeURIComponent(m[1])) },
  { re: /^\/executions$/, page: 'executions', render: (m, q) => executionsPage(q.get('stateMachine') || 'training-pipeline') },
  { re: /^\/approvals\/([^/]+)$/, page: 'approvals', render: m => approvalPage(decodeURIComponent(m[1])) },
  { re: /^\/approvals$/, page: 'approvals', render: (m, q) => approvalsPage(q.get('all') === 'true') },
  { re: /^\/models\/([^/]+)\/versions\/([^/]+)$/, page: 'models', render: m => versionPage(decodeURIComponent(m[1]), decodeURIComponent(m[2])) },
  { re: /^\/models\/([^/]+)$/, page: 'models', render: m => modelPage(decodeURIComponent(m[1])) },
  { re: /^\/models$/, page: 'models', render: () => modelsPage() },
  { re: /^\/drift(?:\/([^/]+))?$/, page: 'drift', render: (m, q) => driftPage(m[1] ? decodeURIComponent(m[1]) : null, q.get('report')) },
  { re: /^\/kpis(?:\/([^/]+))?$/, page: 'kpis', render: m => kpisPage(m[1] ? decodeURIComponent(m[1]) : null) },
];

const view = document.getElementById('view');
let renderCount = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/executions';
  const [path, query] = raw.split('?');
  return { path, query: new URLSearchParams(query || '') };
}

async function render() {
  const { path, query } = parseHash();
  const route = ROUTES.find(r => r.re.test(path));
  const mine = ++renderCount;
  document.querySelectorAll('#nav a').forEach(a => {
    if (route && a.dataset.page === route.page) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  view.setAttribute('aria-busy', 'true');
  view.dataset.page = route ? route.page : 'unknown';
  view.dataset.ready = 'false';
  let content;
  if (!route) {
    content = h('div', {}, h('h2', {}, 'No such page'), h('p', {}, 'Choose a page above.'));
  } else if (!token()) {
    content = h('div', { class: 'welcome' }, h('h2', {}, 'Sign in'),
      h('p', {}, 'Paste a bearer token in the box at the top right. Locally the tokens are in $MLOPS_HOME/tokens.json ',
        '(one per role: approver, operator, data-scientist, analyst); in AWS use your identity provider\'s access token.'));
  } else {
    try {
      content = await route.render(route.re.exec(path), query);
    } catch (e) {
      content = e instanceof Problem ? refusal(e) : refusal(new Problem(0, 'The page failed', String(e && e.stack || e), 'console'));
      if (!(e instanceof Problem)) {
        console.error(e);
      }
    }
  }
  if (mine !== renderCount) {
    return; // a newer navigation started while this one waited for the API
  }
  view.replaceChildren(content);
  view.setAttribute('aria-busy', 'false');
  view.dataset.ready = 'true';
  const heading = view.querySelector('h2');
  document.title = (heading ? heading.textContent + ' · ' : '') + 'MLOps console';
}


async function showSession() {
  const signedIn = !!token();
  document.getElementById('signin').hidden = signedIn;
  document.getElementById('signedin').hidden = !signedIn;
  if (signedIn) {
    try {
      const me = await api('/v1/me');
      document.getElementById('whoami').textContent = `${me.name} (${me.roles.join(', ')})`;
    } catch (e) {
      document.getElementById('whoami').textContent = e instanceof Problem && e.status === 401 ? 'Token not accepted' : 'Signed in';
    }
  }
}

document.getElementById('signin').addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('token');
  setToken(input.value.trim());
  input.value = '';
  await showSession();
  announce('Signed in');
  await render();
  view.focus();
});

document.getElementById('signout').addEventListener('click', async () => {
  setToken(null);
  await showSession();
  announce('Signed out');
  await render();
  document.getElementById('token').focus();
});

window.addEventListener('hashchange', async () => {
  await render();
  view.focus();
});

showSession();
render();
