import { h } from '../lib/dom.js';
import { time } from '../lib/format.js';

/** The run's name, window, final state and parameters (as resolved, from the manifest); a stopped run says why, prominently. */
export function renderHeader(run) {
  const s = run.summary ?? {};
  const m = run.manifest ?? {};
  const stopped = (run.stops ?? [])[0];
  const state = s.final_state ?? 'unknown';
  return h('header', { class: 'run-header', dataset: { view: 'header' } },
    h('div', { class: 'title-row' },
      h('h1', { text: run.name || s.strategy || 'Backtest' }),
      h('span', { class: `state state-${state.toLowerCase()}`, text: state })),
    h('p', { class: 'subtitle' },
      [s.from && s.to ? `${s.from.replace('T', ' ').replace(':00Z', ' UTC')} → ${s.to.replace('T', ' ').replace(':00Z', ' UTC')}` : null,
        run.symbols?.length ? run.symbols.join(', ') : null,
        m.data || null].filter(Boolean).join(' · ')),
    parameterList(m.parameters),
    stopped ? h('p', { class: 'stopped-banner', role: 'alert' },
      h('strong', { text: 'Trading stopped ' }), `at ${time(stopped.time)} UTC: ${stopped.reason}`) : null);
}

/** The resolved parameters, `name = value`, in name order; nothing when the run had none. */
function parameterList(parameters) {
  const entries = Object.entries(parameters ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return null;
  return h('dl', { class: 'parameters', dataset: { view: 'parameters' }, 'aria-label': 'Parameters' },
    entries.map(([k, v]) => h('div', { class: 'parameter' }, h('dt', { text: k }), h('dd', { text: String(v) }))));
}
