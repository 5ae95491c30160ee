// The dashboard: one page, a route per view in the address's #fragment. Each page module renders into <main>
// and may leave a cleanup (closing its event streams) for when the user moves on.
import { h } from './shared.js';
import { renderStrategies } from './pages/strategies.js';
import { renderRun } from './pages/run.js';
import { renderHistory } from './pages/history.js';
import { renderCompare } from './pages/compare.js';
import { renderLive } from './pages/live.js';
import { renderSweepForm, renderSweepPage, renderSweeps } from './pages/sweep.js';
import { renderCluster } from './pages/cluster.js';
import { getJson } from './api.js';

const routes = [
  { name: 'strategies', nav: 'strategies', pattern: /^#?\/?$/, render: renderStrategies },
  { name: 'history', nav: 'history', pattern: /^#\/history$/, render: renderHistory },
  { name: 'run', nav: 'history', pattern: /^#\/runs\/([\w-]+)$/, render: renderRun },
  { name: 'compare', nav: 'history', pattern: /^#\/compare\/([\w-]+)\/([\w-]+)$/, render: renderCompare },
  { name: 'sweeps', nav: 'sweeps', pattern: /^#\/sweeps$/, render: renderSweeps },
  { name: 'sweep-new', nav: 'strategies', pattern: /^#\/sweeps\/new\/([^/]+)$/, render: renderSweepForm },
  { name: 'sweep', nav: 'sweeps', pattern: /^#\/sweeps\/([\w-]+)$/, render: renderSweepPage },
  { name: 'live', nav: 'live', pattern: /^#\/live(?:\/([\w-]+))?$/, render: renderLive },
  { name: 'cluster', nav: 'cluster', pattern: /^#\/cluster$/, render: renderCluster },
];

let current = null;
let first = true;

/**
 * Shows the page the address names. Each visit renders into a fresh #page element, so a page still loading when the
 * user moves on (its requests answered later) draws into the one it was given, no longer in the document, and never
 * into the next page; its cleanups run when it is left, or at once if it registers them after.
 */
async function route() {
  if (current) {
    current.left = true;
    for (const c of current.cleanups) c();
  }
  const visit = { cleanups: [], left: false };
  current = visit;
  const old = document.getElementById('page');
  const page = old.cloneNode(false);
  old.replaceWith(page);
  const hash = window.location.hash || '#/';
  const found = routes.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m);
  const root = document.documentElement;
  root.dataset.ready = 'false';
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (found && a.dataset.nav === found.r.nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!found) {
    page.append(h('h1', { text: 'Not found' }), h('p', {}, 'No page at this address. ', h('a', { href: '#/', text: 'Strategies' })));
    root.dataset.page = 'none';
    root.dataset.ready = 'true';
    return;
  }
  root.dataset.page = found.r.name;
  const ctx = { onLeave: (fn) => { if (visit.left) fn(); else visit.cleanups.push(fn); } };
  try {
    await found.r.render(page, ctx, ...found.m.slice(1));
  } catch (error) {
    page.append(h('p', { class: 'error', role: 'alert', text: `This page could not be shown: ${error.message}` }));
  }
  if (visit.left) return;
  document.title = `${page.querySelector('h1')?.textContent ?? 'Baton'} · Baton dashboard`;
  // after moving to another page, screen readers start from its content
  if (!first) page.focus();
  first = false;
  root.dataset.ready = 'true';
}

function start() {
  window.addEventListener('hashchange', route);
  route();
  // the Cluster link only when the server watches a cluster (baton serve --cluster)
  getJson('/api/cluster/options').then((o) => {
    const link = document.querySelector('[data-cluster-link]');
    if (link) link.hidden = !o.available;
  }).catch(() => {});
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
