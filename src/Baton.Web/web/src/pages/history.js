import { h, percent, ratio, money, time, signClass } from '../shared.js';
import { getJson, send } from '../api.js';

/** Every stored run, the latest first, with its parameters and why it stopped: open one, pick two to compare, delete
 * (after confirming; a run still queued or running is cancelled first). */
export async function renderHistory(page) {
  const runs = await getJson('/api/runs');
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const compare = h('button', { type: 'button', class: 'primary compare', disabled: true, text: 'Compare selected' });
  const hint = h('span', { class: 'hint', text: 'Select two runs to compare them.' });
  page.append(h('h1', { text: 'History' }), status);
  if (runs.length === 0) {
    page.append(h('p', { class: 'empty' }, 'No runs yet. Start one from ', h('a', { href: '#/', text: 'Strategies' }), '.'));
    return;
  }
  const selected = new Set();
  const update = () => {
    compare.disabled = selected.size !== 2;
    hint.textContent = selected.size === 2 ? 'Ready to compare.' : `Select two runs to compare them (${selected.size} selected).`;
  };
  compare.addEventListener('click', () => {
    const [a, b] = [...selected];
    window.location.hash = `#/compare/${a}/${b}`;
  });
  const body = h('tbody', {}, runs.map((r) => row(r, selected, update, status)));
  page.append(
    h('div', { class: 'toolbar' }, compare, hint),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Runs', tabindex: '0' },
      h('table', { class: 'data runs' },
        h('caption', { class: 'visually-hidden', text: 'Stored runs, the latest first' }),
        h('thead', {}, h('tr', {}, ['Compare', 'Strategy', 'Started (UTC)', 'Status', 'Return', 'Sharpe', 'Max drawdown', 'Trades', 'Final equity', 'Actions']
          .map((c, i) => h('th', { scope: 'col', class: i >= 4 && i <= 8 ? 'num' : null, text: c })))),
        body)));
}

function row(r, selected, update, status) {
  const label = `${r.strategy} ${time(r.started_at / 1000)}`;
  const box = h('input', { type: 'checkbox', 'aria-label': `Select ${label} for comparison`, disabled: r.status !== 'succeeded' });
  box.addEventListener('change', () => {
    if (box.checked) selected.add(r.id); else selected.delete(r.id);
    update();
  });
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${label}`, text: 'Delete' });
  const tr = h('tr', { dataset: { run: r.id } },
    h('td', {}, box),
    h('td', {}, h('a', { href: `#/runs/${r.id}`, text: r.strategy }), h('div', { class: 'file', text: r.strategy_file }),
      h('div', { class: 'file params', text: parameterText(r.parameters) })),
    h('td', { text: time(r.started_at / 1000) }),
    h('td', {}, h('span', { class: `state state-${r.status}`, text: r.status }),
      r.stop_reason ? h('div', { class: 'file stop-reason', text: `stopped: ${r.stop_reason}` }) : null),
    h('td', { class: `num ${signClass(r.total_return)}`, text: percent(r.total_return) }),
    h('td', { class: 'num', text: ratio(r.sharpe) }),
    h('td', { class: 'num loss', text: percent(r.max_drawdown) }),
    h('td', { class: 'num', text: r.trades ?? '–' }),
    h('td', { class: 'num', text: money(r.final_equity) }),
    h('td', {}, remove));
  remove.addEventListener('click', async () => {
    if (!window.confirm(`Delete the run ${label} and its files? This cannot be undone.`)) return;
    const result = await send('DELETE', `/api/runs/${r.id}`);
    if (result.status === 204 || result.status === 404) {
      selected.delete(r.id);
      tr.remove();
      update();
      status.textContent = `Deleted ${label}.`;
    } else {
      status.textContent = `Could not delete ${label}: ${result.body?.error ?? result.status}`;
      window.alert(status.textContent);
    }
  });
  return tr;
}

/** `a=1, b=2` from the run's parameters (a JSON object). */
export function parameterText(json) {
  try {
    const entries = Object.entries(JSON.parse(json || '{}'));
    return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'no parameters';
  } catch {
    return '';
  }
}
