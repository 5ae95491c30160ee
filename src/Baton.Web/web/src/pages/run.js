import { h, views, renderHeader, time } from '../shared.js';
import { getJson, send, ApiError } from '../api.js';
import { parameterText } from './history.js';

/**
 * One backtest: while it waits or runs, its progress and log lines as the server streams them and a Cancel button;
 * when it ends, the same views as report.html (the report's own modules, parameters and stop reason included), drawn
 * from the run's files.
 */
export async function renderRun(page, ctx, id) {
  let record;
  try {
    record = await getJson(`/api/runs/${id}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    page.append(h('h1', { text: 'Run not found' }), h('p', {}, `There is no run ${id}. `, h('a', { href: '#/history', text: 'History' })));
    return;
  }
  const root = h('div', { class: 'run-page', dataset: { run: id, state: record.status } });
  const header = h('header', { class: 'run-header' },
    h('div', { class: 'title-row' }, h('h1', { text: record.strategy }), h('span', { class: `state state-${record.status}`, text: record.status })),
    h('p', { class: 'subtitle', text: `Started ${time(record.started_at / 1000)} UTC · ${record.data} · ${parameterText(record.parameters)}` }),
    record.stop_reason ? h('p', { class: 'stopped-banner', role: 'alert' }, h('strong', { text: 'Trading stopped: ' }), record.stop_reason) : null);
  const cancel = h('button', { type: 'button', class: 'danger cancel', text: 'Cancel run', hidden: !['queued', 'running'].includes(record.status) });
  const cancelNote = h('span', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const progress = h('p', { class: 'progress', role: 'status', 'aria-live': 'polite', text: 'Waiting for the run…' });
  const lines = h('ol', { class: 'log-lines' });
  const log = h('section', { class: 'view run-log', 'aria-labelledby': `log-${id}` },
    h('h2', { id: `log-${id}`, text: 'Log' }),
    progress,
    h('div', { class: 'log-scroll', role: 'log', tabindex: '0', 'aria-label': 'Backtest log' }, lines));
  const results = h('div', { class: 'results' });
  root.append(header, h('div', { class: 'toolbar' }, cancel, cancelNote), log, results);
  cancel.addEventListener('click', async () => {
    if (!window.confirm('Cancel this run? Its files are removed; its entry stays in the history as cancelled.')) return;
    cancel.disabled = true;
    const r = await send('POST', `/api/runs/${id}/cancel`);
    cancelNote.textContent = r.ok ? 'Cancelling…' : `The run could not be cancelled: ${r.body?.error ?? r.status}`;
    if (!r.ok) cancel.disabled = false;
  });
  page.append(root);

  const finish = async (status, error) => {
    root.dataset.state = status;
    cancel.hidden = true;
    cancelNote.textContent = '';
    // a run of an earlier server process has no log left
    if (lines.childElementCount === 0) log.hidden = true;
    if (status !== 'succeeded') {
      progress.textContent = status === 'failed' ? 'The backtest failed.' : `The backtest was ${status}.`;
      results.replaceChildren(h('p', { class: 'error', role: 'alert', text: error || record.error || `The run ${status}.` }));
      return;
    }
    progress.textContent = 'Done. Results below.';
    const run = await getJson(`/api/runs/${id}/data`);
    header.replaceWith(renderHeader(run));
    const sections = views.map((view) => view(run));
    results.replaceChildren(h('div', { class: 'views' }, sections),
      h('p', { class: 'run-links' }, h('a', { href: `/api/runs/${id}/report.html`, text: 'Open report.html', target: '_blank', rel: 'noopener' })));
    for (const s of sections) s.mount?.();
    root.dataset.state = 'done';
  };

  const events = new EventSource(`/api/backtests/${id}/events`);
  ctx.onLeave(() => events.close());
  events.addEventListener('progress', (e) => {
    progress.textContent = `${JSON.parse(e.data).candles.toLocaleString('en-US')} candles processed`;
  });
  events.addEventListener('log', (e) => {
    lines.append(h('li', { text: e.data }));
    lines.parentElement.scrollTop = lines.parentElement.scrollHeight;
  });
  events.addEventListener('end', (e) => {
    events.close();
    const end = JSON.parse(e.data);
    finish(end.status, end.error).catch(showError(results));
  });
  // every (re)connection replays the log from its start
  events.addEventListener('open', () => lines.replaceChildren());
  events.addEventListener('error', () => {
    if (events.readyState !== EventSource.CLOSED) return; // reconnecting by itself
    // the server went away: show what the history has
    getJson(`/api/runs/${id}`).then((r) => (r.status === 'running' || r.status === 'queued'
      ? results.replaceChildren(h('p', { class: 'error', role: 'alert', text: 'The connection to this run was lost; reload the page to try again.' }))
      : finish(r.status, r.error))).catch(showError(results));
  });
}

function showError(target) {
  return (error) => target.replaceChildren(h('p', { class: 'error', role: 'alert', text: `The results could not be shown: ${error.message}` }));
}
