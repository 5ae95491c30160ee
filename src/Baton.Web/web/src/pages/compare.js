import { LineSeries } from 'lightweight-charts';
import { h, makeChart, palette, renderEquity, percent, ratio, money, time, signClass } from '../shared.js';
import { getJson } from '../api.js';

const COLOURS = [palette.accent, '#b4540a'];

/** Two runs side by side: their parameters (those that differ marked), their metrics in one table, their returns on
 * one chart, and each run's equity and drawdown view (the report's) next to the other's. */
export async function renderCompare(page, ctx, a, b) {
  const ids = [a, b];
  const [records, runs] = await Promise.all([
    Promise.all(ids.map((id) => getJson(`/api/runs/${id}`))),
    Promise.all(ids.map((id) => getJson(`/api/runs/${id}/data`))),
  ]);
  const names = records.map((r, i) => `${'AB'[i]}: ${r.strategy} (${time(r.started_at / 1000)})`);
  const overlay = h('div', { class: 'chart chart-compare' });
  const equities = runs.map((run) => renderEquity(run));
  page.append(
    h('h1', { text: 'Compare runs' }),
    h('p', { class: 'lead' }, names.map((n, i) => h('span', { class: 'run-name' },
      h('span', { class: 'swatch', style: { background: COLOURS[i] } }), h('a', { href: `#/runs/${ids[i]}`, text: n })))),
    parametersSection(records),
    h('section', { class: 'view', 'aria-labelledby': 'compare-metrics', dataset: { view: 'compare-metrics' } },
      h('h2', { id: 'compare-metrics', text: 'Metrics' }),
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Metrics of both runs', tabindex: '0' }, metricsTable(runs, records))),
    h('section', { class: 'view', 'aria-labelledby': 'compare-returns', dataset: { view: 'compare-returns' } },
      h('h2', { id: 'compare-returns', text: 'Return since start' }),
      h('p', { class: 'legend', text: 'Equity of each run as a return on its own starting equity, in percent.' }),
      overlay),
    h('div', { class: 'compare-grid' }, equities.map((view, i) => h('div', { class: 'compare-column', 'aria-label': names[i], role: 'group' },
      h('p', { class: 'column-title', text: names[i] }), view))));
  const chart = makeChart(overlay, `Return since start of ${names.join(' and ')}`);
  runs.forEach((run, i) => {
    const eq = run.equity;
    const start = run.metrics?.start_equity ?? eq.equity[0];
    const series = chart.addSeries(LineSeries, { color: COLOURS[i], lineWidth: 2, title: 'AB'[i], priceLineVisible: false,
      priceFormat: { type: 'custom', formatter: (v) => `${v.toFixed(1)}%`, minMove: 0.01 } });
    series.setData(eq.time.map((t, k) => ({ time: t, value: (eq.equity[k] / start - 1) * 100 })));
  });
  chart.timeScale().fitContent();
  for (const view of equities) view.mount?.();
  ctx.onLeave(() => chart.remove());
}

/** Each parameter of either run, A's value beside B's; a row whose values differ says so (not by colour alone). */
function parametersSection(records) {
  const params = records.map((r) => {
    try {
      return JSON.parse(r.parameters || '{}');
    } catch {
      return {};
    }
  });
  const rows = [['data', ...records.map((r) => r.data)]];
  const names = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
  for (const name of names) rows.push([name, ...params.map((p) => (name in p ? String(p[name]) : '–'))]);
  const differing = rows.filter(([, a, b]) => a !== b).length;
  return h('section', { class: 'view', 'aria-labelledby': 'compare-parameters', dataset: { view: 'compare-parameters' } },
    h('h2', { id: 'compare-parameters', text: 'Parameters' }),
    h('p', { class: 'legend', text: differing === 0 ? 'Both runs used the same parameters and data.' : `${differing} of ${rows.length} differ.` }),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Parameters of both runs', tabindex: '0' },
      h('table', { class: 'data parameters-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Parameter' }),
          records.map((r, i) => h('th', { scope: 'col', text: `${'AB'[i]}: ${r.strategy}` })), h('th', { scope: 'col', text: 'Same?' }))),
        h('tbody', {}, rows.map(([name, a, b]) => h('tr', { class: a !== b ? 'differs' : null, dataset: { parameter: name } },
          h('th', { scope: 'row', text: name }), h('td', { text: a }), h('td', { text: b }),
          h('td', { text: a !== b ? 'differs' : 'same' })))))));
}

function metricsTable(runs, records) {
  const rows = [
    ['Total return', (r) => r.metrics.total_return, percent],
    ['CAGR', (r) => r.metrics.cagr, percent],
    ['Volatility (ann.)', (r) => r.metrics.annualized_volatility, percent, false],
    ['Sharpe', (r) => r.metrics.sharpe, ratio],
    ['Sortino', (r) => r.metrics.sortino, ratio],
    ['Max drawdown', (r) => r.metrics.max_drawdown, percent],
    ['Trades', (r) => r.metrics.trades?.trade_count, (v) => String(v ?? '–'), false],
    ['Win rate', (r) => r.metrics.trades?.win_rate, percent, false],
    ['Profit factor', (r) => r.metrics.trades?.profit_factor, ratio, false],
    ['Final equity', (r) => r.summary.final_equity, money, false],
    ['Final state', (r) => r.summary.final_state, (v) => v ?? '–', false],
  ];
  return h('table', { class: 'data compare-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Metric' }),
      records.map((r, i) => h('th', { scope: 'col', class: 'num', text: `${'AB'[i]}: ${r.strategy}` })))),
    h('tbody', {}, rows.map(([label, get, format, coloured = true]) => h('tr', {},
      h('th', { scope: 'row', text: label }),
      runs.map((run) => h('td', { class: `num ${coloured ? signClass(get(run)) : ''}`, text: format(get(run)) }))))));
}
