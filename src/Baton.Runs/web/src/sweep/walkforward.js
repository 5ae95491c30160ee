import { h, section, empty } from '../lib/dom.js';
import { money, percent, ratio } from '../lib/format.js';
import { s, scale, frame, yAxis, extent } from './svg.js';

/**
 * A walk-forward (walkforward.json): the stitched out-of-sample equity with each test window shaded and numbered,
 * then the windows: their ranges, the parameters chosen on the training part, and in- and out-of-sample results.
 */
export function renderWalkForward(wf) {
  if (!wf) return null;
  const windows = wf.windows ?? [];
  const oos = wf.out_of_sample ?? {};
  return section('walkforward', 'Walk-forward',
    h('p', { class: 'legend', text: `${windows.length} windows: train ${wf.train}, test ${wf.test}, step ${wf.step}${wf.anchored ? ', anchored' : ''}; `
      + `chosen by ${wf.objective}. Efficiency (out-of-sample over in-sample, annualised): ${ratio(wf.efficiency)}. `
      + `Out of sample: total return ${percent(oos.total_return)}, Sharpe ${ratio(oos.sharpe)}, max drawdown ${percent(oos.max_drawdown)}, ${oos.trades ?? 0} trades.` }),
    equity(wf.equity ?? [], windows),
    windowsTable(windows));
}

function equity(points, windows) {
  if (points.length === 0) return empty('No out-of-sample equity was recorded.');
  const times = points.map((p) => Date.parse(p.time));
  const { svg, plot } = frame(`Out-of-sample equity from ${money(points[0].equity)} to ${money(points.at(-1).equity)} over ${windows.length} windows`, 900, 260,
    { left: 80, right: 12, top: 20, bottom: 30 });
  const x = scale(times[0], times.at(-1), plot.left, plot.right);
  const [lo, hi] = extent(points.map((p) => p.equity));
  const y = scale(lo, hi, plot.bottom, plot.top);
  windows.forEach((w, i) => {
    const x0 = Math.max(plot.left, x(Date.parse(w.test_from)));
    const x1 = Math.min(plot.right, x(Date.parse(w.test_to)));
    svg.append(s('rect', { x: x0, y: plot.top, width: Math.max(0, x1 - x0), height: plot.bottom - plot.top, class: `window-band ${i % 2 ? 'odd' : 'even'}` },
      s('title', { text: `window ${w.index}: test ${w.test_from} to ${w.test_to}` })),
    s('text', { x: (x0 + x1) / 2, y: plot.top - 6, class: 'tick window-label', 'text-anchor': 'middle', text: String(w.index) }));
  });
  yAxis(svg, plot, y, lo, hi, money);
  svg.append(s('path', { class: 'line', d: points.map((p, i) => `${i ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(p.equity).toFixed(1)}`).join('') }));
  svg.append(s('text', { x: plot.left, y: plot.bottom + 18, class: 'tick', text: points[0].time.slice(0, 10) }),
    s('text', { x: plot.right, y: plot.bottom + 18, class: 'tick', 'text-anchor': 'end', text: points.at(-1).time.slice(0, 10) }));
  return h('figure', { class: 'wf-equity' }, svg);
}

function windowsTable(windows) {
  const stat = (st, key, f) => f(st?.[key]);
  const rows = windows.map((w) => h('tr', { dataset: { window: w.index } },
    h('td', { class: 'num', text: String(w.index) }),
    h('td', { text: `${w.train_from.slice(0, 10)} → ${w.train_to.slice(0, 10)}` }),
    h('td', { text: `${w.test_from.slice(0, 10)} → ${w.test_to.slice(0, 10)}` }),
    h('td', { class: 'num', text: String(w.trials ?? '–') }),
    h('td', { text: Object.entries(w.chosen ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || '–' }),
    h('td', { class: 'num', text: stat(w.in_sample, 'score', ratio) }),
    h('td', { class: 'num', text: stat(w.out_of_sample, 'score', ratio) }),
    h('td', { class: 'num', text: stat(w.out_of_sample, 'total_return', percent) }),
    h('td', { class: 'num', text: stat(w.out_of_sample, 'sharpe', ratio) }),
    h('td', { class: 'num', text: stat(w.out_of_sample, 'max_drawdown', percent) }),
    h('td', { class: 'num', text: String(w.out_of_sample?.trades ?? '–') })));
  const heads = ['Window', 'Train', 'Test', 'Trials', 'Chosen', 'Score in', 'Score out', 'Return out', 'Sharpe out', 'Max DD out', 'Trades out'];
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Walk-forward windows' },
    h('table', { class: 'data windows' }, h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col', text: t })))), h('tbody', {}, rows)));
}
