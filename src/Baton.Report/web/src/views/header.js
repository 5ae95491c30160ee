import { h } from '../lib/dom.js';
import { time } from '../lib/format.js';

/** The run's name, window and final state; a stopped run says why, prominently. */
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
    stopped ? h('p', { class: 'stopped-banner', role: 'alert' },
      h('strong', { text: 'Trading stopped ' }), `at ${time(stopped.time)} UTC: ${stopped.reason}`) : null);
}
