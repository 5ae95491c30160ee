import { h, section, empty } from '../lib/dom.js';
import { money, percent, ratio } from '../lib/format.js';
import { metric, isNum } from './model.js';

const PERCENT = new Set(['total_return', 'cagr', 'max_drawdown', 'annualized_volatility', 'exposure', 'trades.win_rate']);
const SHOWN = ['total_return', 'cagr', 'sharpe', 'sortino', 'max_drawdown', 'trades.trade_count', 'trades.win_rate', 'trades.profit_factor', 'final_equity'];

/** A metric's value as the run report spells it: fractions as percentages, money with two decimals. */
export function formatMetric(name, v) {
  if (!isNum(v)) return '–';
  if (PERCENT.has(name)) return percent(v);
  if (name === 'final_equity' || name.endsWith('equity') || name.endsWith('profit')) return money(v);
  return Number.isInteger(v) ? String(v) : ratio(v);
}

/**
 * The trials ranked by the objective (best first), sortable by any column, the first `top` rows with a button
 * that shows them all. options.onOpen(row): a "Run" button per trial (the dashboard opens it as a run).
 */
export function renderRanked(m, { top = 20, onOpen } = {}) {
  if (m.rows.length === 0) return section('ranked', 'Trials', empty('No trial was recorded.'));
  const shown = SHOWN.filter((n) => m.metrics.includes(n) && n !== m.objective);
  const columns = [
    { label: 'Rank', num: true, key: (r) => r.rank, text: (r) => String(r.rank) },
    { label: 'Trial', num: true, key: (r) => r.trial, text: (r) => String(r.trial) },
    ...m.names.map((n) => ({ label: n, key: (r) => sortable(r.params[n]), text: (r) => r.params[n] })),
    { label: m.objective, num: true, key: (r) => r.score, text: (r) => formatMetric(m.objective, r.score), cls: 'score' },
    ...shown.map((n) => ({ label: n.replace(/^trades\./, ''), num: true, key: (r) => metric(m, r, n), text: (r) => formatMetric(n, metric(m, r, n)) })),
    { label: 'Status', key: (r) => r.status, text: (r) => (r.status === 'ok' ? 'ok' : `failed: ${r.error ?? ''}`) },
  ];
  let order = { column: 0, descending: false };
  let all = m.rows.length <= top;
  const head = h('tr');
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'show-all', onclick: () => { all = !all; draw(); } });

  function sorted() {
    const c = columns[order.column];
    const rows = [...m.ranked];
    if (order.column === 0 && !order.descending) return rows;
    return rows.sort((a, b) => compareKeys(c.key(a), c.key(b), order.descending) || a.rank - b.rank);
  }

  function draw() {
    head.replaceChildren(...columns.map((c, i) => h('th', {
      scope: 'col', class: c.num ? 'num sortable' : 'sortable',
      'aria-sort': order.column === i ? (order.descending ? 'descending' : 'ascending') : null,
    }, h('button', { type: 'button', text: c.label + (order.column === i ? (order.descending ? ' ▾' : ' ▴') : ''), onclick: () => sortBy(i) })),
    onOpen ? h('th', { scope: 'col', text: '' }) : null));
    const rows = sorted();
    const visible = all ? rows : rows.slice(0, top);
    body.replaceChildren(...visible.map((r) => h('tr', { class: r.status === 'ok' ? null : 'failed', dataset: { trial: r.trial } },
      columns.map((c) => h('td', { class: [c.num ? 'num' : '', c.cls ?? ''].join(' ').trim() || null, text: c.text(r) })),
      onOpen ? h('td', {}, h('button', { type: 'button', class: 'open-trial', text: 'Run', title: `Run trial ${r.trial} as a backtest`, onclick: () => onOpen(r) })) : null)));
    more.hidden = m.rows.length <= top;
    more.textContent = all ? `Show the top ${top}` : `Show all ${m.rows.length} trials`;
  }

  function sortBy(i) {
    order = order.column === i ? { column: i, descending: !order.descending } : { column: i, descending: columns[i].num && i > 1 };
    draw();
  }

  draw();
  return section('ranked', `Trials ranked by ${m.objective}`,
    h('p', { class: 'legend', text: `${m.rows.length} trials; best first (failed and unscored trials last). Click a column to sort.` }),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Ranked trials' },
      h('table', { class: 'data ranked' }, h('thead', {}, head), body)),
    more);
}

/** Parameter texts sort as numbers when they are numbers ("2%" as 2). */
function sortable(text) {
  const n = Number.parseFloat(text);
  return Number.isFinite(n) && /^[-+]?[\d.]+(e[-+]?\d+)?%?$/i.test(text) ? n : text;
}

function compareKeys(a, b, descending) {
  const na = a === null || a === undefined;
  const nb = b === null || b === undefined;
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en');
  return descending ? -c : c;
}
