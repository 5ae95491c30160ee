import { h, sweepViews, renderSweepHeader } from '../shared.js';
import { getJson, send, ApiError } from '../api.js';
import { slug } from './strategies.js';

/**
 * The research pages: a form that starts a sweep of one strategy (each parameter's values as `baton sweep --param`
 * takes them, a where, the objective, the search, trials, seed, jobs, data and window); a sweep's page (its progress
 * streamed, then the same views as its report.html, each trial with a Run button that backtests it as an ordinary
 * run); and the list of sweeps.
 */
export async function renderSweepForm(page, ctx, encoded) {
  const file = decodeURIComponent(encoded);
  const [strategies, choices, options] = await Promise.all([getJson('/api/strategies'), getJson('/api/data-choices'), getJson('/api/sweep-options')]);
  const s = strategies.find((x) => x.file === file && x.valid);
  if (!s) {
    page.append(h('h1', { text: 'Strategy not found' }), h('p', {}, `There is no valid strategy ${file}. `, h('a', { href: '#/', text: 'Strategies' })));
    return;
  }
  page.append(h('h1', { text: `Sweep ${s.name}` }),
    h('p', { class: 'lead', text: `${s.file} · Give values to the parameters to vary (5..50:5 is 5 to 50 in steps of 5; 1%,2%,3% a list); `
      + 'the others keep their value. Each trial is a backtest with those parameters.' }),
    sweepForm(s, choices, options));
}

function sweepForm(s, choices, options) {
  const id = `sweep-${slug(s.file)}`;
  const alert = h('div', { class: 'form-errors', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary', text: 'Start sweep', disabled: !options.available });
  const text = (name, label, attrs = {}) => field(`${id}-${name}`, label, h('input', { id: `${id}-${name}`, name, autocomplete: 'off', spellcheck: 'false', ...attrs }));
  const select = (name, label, values, selected) => field(`${id}-${name}`, label,
    h('select', { id: `${id}-${name}`, name }, values.map((v) => h('option', { value: v, text: v, selected: v === selected }))));
  const form = h('form', { class: 'run-form sweep-form', 'aria-label': `Sweep ${s.name}` },
    h('fieldset', { class: 'params' }, h('legend', { text: 'Parameters to vary' }),
      Object.entries(s.parameters ?? {}).map(([name, value]) => text(`values:${name}`, `${name} (now ${value})`, { placeholder: 'not varied', dataset: { parameter: name } }))),
    h('fieldset', { class: 'data' }, h('legend', { text: 'Search' }),
      text('where', 'Where (e.g. fast_period < slow_period)'),
      select('objective', 'Objective', options.objectives, 'sharpe'),
      select('search', 'Search', options.searches, 'grid'),
      text('trials', 'Trials (random, tpe)', { type: 'number', min: 1, max: options.max_trials }),
      text('seed', 'Seed', { type: 'number', value: 1 }),
      text('jobs', `Jobs (1–${options.cores})`, { type: 'number', min: 1, max: options.cores, value: Math.min(2, options.cores) })),
    h('fieldset', { class: 'data walkforward' }, h('legend', { text: 'Walk-forward (optional: leave Train empty for a sweep)' }),
      text('train', 'Train (e.g. 2M)'), text('test', 'Test (e.g. 1M)'), text('step', 'Step (default: test)'),
      field(`${id}-anchored`, 'Anchored (training from the start)', h('input', { id: `${id}-anchored`, name: 'anchored', type: 'checkbox' }))),
    h('fieldset', { class: 'data' }, h('legend', { text: 'Data' }),
      field(`${id}-data`, 'Source', h('select', { id: `${id}-data`, name: 'data' },
        h('option', { value: '', text: `The strategy's own (${s.data})` }), choices.map((c) => h('option', { value: c.id, text: c.label }))), true),
      text('from', 'From (UTC)', { type: 'date' }), text('to', 'To (UTC)', { type: 'date' })),
    h('div', { class: 'actions' }, button, options.available ? null : h('span', { class: 'hint', text: 'This server runs no sweeps.' })),
    alert);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const number = (name) => (data.get(name) ? Number(data.get(name)) : null);
    const parameters = [];
    for (const [key, value] of data) if (key.startsWith('values:') && String(value).trim()) parameters.push({ name: key.slice(7), values: String(value).trim() });
    button.disabled = true;
    alert.replaceChildren();
    try {
      const r = await send('POST', '/api/sweeps', {
        strategy: s.file, parameters, where: data.get('where') || null, objective: data.get('objective'), search: data.get('search'),
        trials: number('trials'), seed: number('seed'), jobs: number('jobs'), data: data.get('data') || null, from: data.get('from') || null, to: data.get('to') || null,
        train: data.get('train') || null, test: data.get('test') || null, step: data.get('step') || null, anchored: data.get('anchored') === 'on',
      });
      if (r.status === 202) { window.location.hash = `#/sweeps/${r.body.id}`; return; }
      alert.append(h('p', { text: `The sweep could not start: ${r.body?.error ?? r.status}` }));
    } catch (error) {
      alert.append(h('p', { text: `The sweep could not start: ${error.message}` }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function field(id, label, control, wide = false) {
  return h('div', { class: wide ? 'field field-wide' : 'field' }, h('label', { for: id, text: label }), control);
}

/** One sweep: its progress and log while it runs, then its views; a trial's Run button starts its backtest. */
export async function renderSweepPage(page, ctx, id) {
  let record;
  try {
    record = await getJson(`/api/sweeps/${id}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    page.append(h('h1', { text: 'Sweep not found' }), h('p', {}, `There is no sweep ${id}. `, h('a', { href: '#/sweeps', text: 'Sweeps' })));
    return;
  }
  const root = h('div', { class: 'sweep-page', dataset: { sweep: id, state: record.status } });
  const title = h('h1', { text: `${record.kind === 'walkforward' ? 'Walk-forward' : 'Sweep'} ${id}` });
  const progress = h('p', { class: 'progress', role: 'status', 'aria-live': 'polite', text: 'Waiting for the sweep…' });
  const cancel = h('button', { type: 'button', class: 'danger cancel', text: 'Cancel sweep', hidden: record.status !== 'running' });
  const lines = h('ol', { class: 'log-lines' });
  const log = h('section', { class: 'view run-log', 'aria-labelledby': `log-${id}` }, h('h2', { id: `log-${id}`, text: 'Progress' }), progress,
    h('div', { class: 'log-scroll', role: 'log', tabindex: '0', 'aria-label': 'Sweep log' }, lines));
  const opened = h('p', { class: 'opened', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  root.append(title, h('div', { class: 'toolbar' }, cancel), log, opened, results);
  page.append(root);
  cancel.addEventListener('click', async () => { cancel.disabled = true; await send('POST', `/api/sweeps/${id}/cancel`); });

  const finish = async (status, error) => {
    root.dataset.state = status;
    cancel.hidden = true;
    if (lines.childElementCount === 0) log.hidden = true;
    if (status !== 'succeeded') { results.replaceChildren(h('p', { class: 'error', role: 'alert', text: error || `The sweep ${status}.` })); return; }
    progress.textContent = 'Done. Results below.';
    const [doc, done] = await Promise.all([getJson(`/api/sweeps/${id}/data`), getJson(`/api/sweeps/${id}`)]);
    const views = sweepViews(doc, { onOpen: (row) => openTrial(done.origin, row, opened) });
    title.replaceWith(renderSweepHeader(doc));
    results.replaceChildren(h('div', { class: 'views' }, views),
      h('p', { class: 'run-links' }, h('a', { href: `/api/sweeps/${id}/report.html`, text: 'Open report.html', target: '_blank', rel: 'noopener' })));
    root.dataset.state = 'done';
  };
  const events = new EventSource(`/api/sweeps/${id}/events`);
  ctx.onLeave(() => events.close());
  events.addEventListener('open', () => lines.replaceChildren());
  events.addEventListener('log', (e) => {
    lines.append(h('li', { text: e.data }));
    if (/^(window \d+\/\d+: )?trials /.test(e.data)) progress.textContent = e.data;
    lines.parentElement.scrollTop = lines.parentElement.scrollHeight;
  });
  events.addEventListener('end', (e) => {
    events.close();
    const end = JSON.parse(e.data);
    finish(end.status, end.error).catch((error) => results.replaceChildren(h('p', { class: 'error', role: 'alert', text: `The results could not be shown: ${error.message}` })));
  });
}

/** A trial as an ordinary backtest: the sweep's strategy, data and window, with the trial's parameters set. */
async function openTrial(origin, row, note) {
  if (!origin) { note.textContent = 'This sweep does not say which strategy file and data it used; run the trial with baton backtest --set.'; return; }
  note.textContent = `Starting a backtest of trial ${row.trial}…`;
  const r = await send('POST', '/api/backtests', { strategy: origin.strategy, parameters: row.params, data: origin.data, from: origin.from, to: origin.to });
  if (r.status === 202) { window.location.hash = `#/runs/${r.body.id}`; return; }
  note.textContent = `The trial could not start: ${r.body?.error ?? r.body?.problems?.map((p) => p.text).join('; ') ?? r.status}`;
}

/** Every sweep of this server, newest first. */
export async function renderSweeps(page) {
  const sweeps = await getJson('/api/sweeps');
  page.append(h('h1', { text: 'Sweeps' }),
    h('p', { class: 'lead', text: sweeps.length === 0 ? 'No sweep yet: start one from a strategy\'s card.' : `${sweeps.length} sweeps, newest first.` }),
    h('ul', { class: 'sweep-list' }, sweeps.map((s) => h('li', { dataset: { sweep: s.id } },
      h('a', { href: `#/sweeps/${s.id}`, text: s.id }),
      ` · ${s.status}${s.strategy ? ` · ${s.strategy}` : ''}${s.parameters ? ` · ${s.parameters.join(' × ')}` : ''}${s.objective ? ` · ${s.objective}` : ''}`))));
}
