import { h } from '../shared.js';
import { getJson, ApiError } from '../api.js';

const REFRESH_MS = 2000;

/**
 * The cluster of workers `baton serve --cluster` watches, as `baton cluster status` lists it: each worker (status,
 * cores, trials at once, trials done, the sweep and batch in hand) and each sweep in the cluster's store (trials done of
 * all with a bar, batches running and queued, the silo of its coordinator, the workers' refusals as warnings). Asked for
 * again every two seconds; a cluster that cannot be read shows why and is asked again. All text goes in as text.
 */
export async function renderCluster(page, ctx) {
  page.append(h('h1', { text: 'Cluster' }));
  const options = await getJson('/api/cluster/options');
  if (!options.available) {
    page.append(h('p', { class: 'notice', role: 'status', dataset: { cluster: 'unavailable' } },
      'No cluster is configured for this server. Start it with --cluster redis://HOST:PORT to watch the workers of that cluster.'));
    return;
  }
  const lead = h('p', { class: 'lead', text: `Workers and sweeps of the cluster at ${options.address}, refreshed every 2 s.` });
  const problem = h('p', { class: 'notice cluster-error', role: 'alert', hidden: true });
  const workers = h('tbody');
  const sweeps = h('tbody');
  const noSweep = h('p', { class: 'empty', text: 'No sweep in the cluster: run one with baton sweep … --cluster.' });
  const sweepTable = table('sweeps', 'The sweeps in the cluster\'s store', ['Sweep', 'Strategy', 'Trials done', 'Batches running', 'Batches queued', 'Coordinator'],
    [3, 4], sweeps);
  const root = h('div', { class: 'cluster-page', dataset: { state: 'loading' } },
    problem,
    h('section', { class: 'view', 'aria-labelledby': 'cluster-workers' }, h('h2', { id: 'cluster-workers', text: 'Workers' }),
      table('workers', 'The cluster\'s workers', ['Worker', 'Status', 'Cores', 'Jobs', 'Trials done', 'Working on'], [2, 3, 4], workers)),
    h('section', { class: 'view', 'aria-labelledby': 'cluster-sweeps' }, h('h2', { id: 'cluster-sweeps', text: 'Sweeps' }),
      sweepTable, noSweep));
  page.append(lead, root);
  let stopped = false;
  const refresh = async () => {
    try {
      const status = await getJson('/api/cluster');
      problem.hidden = true;
      workers.replaceChildren(...status.workers.map(workerRow));
      if (status.workers.length === 0) workers.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'No worker: start one with baton worker --cluster ….' })));
      sweeps.replaceChildren(...status.sweeps.map(sweepRows).flat());
      noSweep.hidden = status.sweeps.length > 0;
      sweepTable.hidden = status.sweeps.length === 0;
      root.dataset.state = 'ok';
    } catch (error) {
      problem.textContent = `The cluster could not be read: ${error instanceof ApiError ? error.message : error.message || error}. Trying again…`;
      problem.hidden = false;
      root.dataset.state = 'error';
    }
  };
  await refresh();
  const timer = window.setInterval(() => { if (!stopped) refresh(); }, REFRESH_MS);
  ctx.onLeave(() => { stopped = true; window.clearInterval(timer); });
}

function table(name, caption, columns, numeric, body) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', { class: `data cluster-${name}` },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map((c, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null, text: c })))),
      body));
}

/** A batch id (`FIRST+COUNT-HASH`) as people read it: `FIRST+COUNT`. */
export function batchName(unit) {
  return unit ? String(unit).replace(/-[0-9a-f]+$/, '') : '';
}

function workerRow(w) {
  const dead = w.status === 'dead';
  const doing = w.sweep ? `sweep ${w.sweep.slice(0, 12)} · batch ${batchName(w.batch)}` : (dead ? '–' : 'idle');
  return h('tr', { class: dead ? 'worker-dead' : null, dataset: { worker: w.name, status: w.status } },
    h('th', { scope: 'row' }, h('span', { text: w.name }), h('div', { class: 'file', text: w.address })),
    h('td', {}, h('span', { class: `state state-${dead ? 'failed' : w.status === 'active' ? 'succeeded' : 'running'}`, text: dead ? 'dead' : w.status })),
    h('td', { class: 'num', text: w.cores }),
    h('td', { class: 'num', text: w.jobs }),
    h('td', { class: 'num trials-done', text: w.trials_done }),
    h('td', { title: w.sweep ?? '', text: doing }));
}

function sweepRows(s) {
  const share = s.trials > 0 ? Math.min(1, s.done / s.trials) : 0;
  const percent = `${Math.floor(share * 100)}%`;
  const row = h('tr', { dataset: { sweep: s.sweep } },
    h('th', { scope: 'row', title: s.sweep, text: s.sweep.slice(0, 12) }),
    h('td', { text: s.strategy }),
    h('td', {},
      h('div', { class: 'sweep-done', text: `${s.done}/${s.trials} (${percent})` }),
      h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': s.trials, 'aria-valuenow': s.done, 'aria-label': `Trials done of sweep ${s.sweep.slice(0, 12)}` },
        h('span', { class: 'bar-fill', style: { width: percent } }))),
    h('td', { class: 'num', text: s.running }),
    h('td', { class: 'num', text: s.queued }),
    h('td', { class: 'file', text: s.coordinator }));
  if (!s.refusals?.length) return [row];
  return [row, h('tr', { class: 'refusals' }, h('td', { colspan: 6 },
    h('ul', { class: 'notice refusal-list', 'aria-label': `Refusals of sweep ${s.sweep.slice(0, 12)}` },
      s.refusals.map((r) => h('li', { text: `warning: ${r}` })))))];
}
