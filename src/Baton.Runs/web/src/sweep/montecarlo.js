import { h, section, empty } from '../lib/dom.js';
import { money, percent } from '../lib/format.js';
import { keyValueTable } from '../lib/table.js';
import { s, scale, frame } from './svg.js';

const MARKS = [['p5', 'p5'], ['p25', 'p25'], ['p50', 'median'], ['p75', 'p75'], ['p95', 'p95']];

/**
 * Monte Carlo of the best trial's trades (robustness.json's monte_carlo): histograms of the final equity and of
 * the maximum drawdown over the paths, for the reshuffled and the bootstrapped sequences, percentiles marked.
 */
export function renderMonteCarlo(robustness) {
  const mc = robustness?.monte_carlo;
  if (!mc) {
    return section('montecarlo', 'Monte Carlo',
      empty(robustness ? 'The best trial made no trade, so there is no sequence to resample.' : 'No robustness.json in this folder.'));
  }
  const panel = (method, title, blurb) => h('div', { class: 'mc-method', dataset: { method } },
    h('h3', { text: title }), h('p', { class: 'legend', text: blurb }),
    h('div', { class: 'mc-charts' },
      histogram(mc[method]?.final_equity, `Final equity (${title.toLowerCase()})`, money, mc.initial_equity),
      histogram(mc[method]?.max_drawdown, `Max drawdown (${title.toLowerCase()})`, (v) => percent(v, 1))));
  return section('montecarlo', 'Monte Carlo of the best trial\'s trades',
    h('p', { class: 'legend', text: `${mc.paths} paths of ${mc.trades} trades from ${money(mc.initial_equity)}, seed ${mc.seed}.` }),
    panel('reshuffle', 'Reshuffled', 'The same trades in a random order: the final equity barely moves, the drawdown shows how much the order mattered.'),
    panel('bootstrap', 'Bootstrapped', 'Trades drawn with replacement: another history as likely as the one tested.'));
}

function histogram(dist, label, format, reference) {
  if (!dist?.histogram?.counts?.length) return h('figure', { class: 'histogram' }, empty(`${label}: no distribution.`));
  const { edges, counts } = dist.histogram;
  const { svg, plot } = frame(`${label}: median ${format(dist.p50)}, 5th to 95th percentile ${format(dist.p5)} to ${format(dist.p95)}`, 420, 200,
    { left: 12, right: 12, top: 18, bottom: 34 });
  const x = scale(edges[0], edges.at(-1), plot.left, plot.right);
  const top = Math.max(...counts, 1);
  const y = scale(0, top, plot.bottom, plot.top);
  counts.forEach((c, i) => svg.append(s('rect', {
    x: x(edges[i]), y: y(c), width: Math.max(0.5, x(edges[i + 1]) - x(edges[i]) - 1), height: plot.bottom - y(c), class: 'bar',
  }, s('title', { text: `${format(edges[i])} to ${format(edges[i + 1])}: ${c}` }))));
  for (const [key, name] of MARKS) {
    if (!Number.isFinite(dist[key])) continue;
    const px = x(dist[key]);
    svg.append(s('line', { x1: px, x2: px, y1: plot.top - 6, y2: plot.bottom, class: `mark mark-${key}` }),
      s('text', { x: px, y: plot.top - 8, class: 'tick', 'text-anchor': 'middle', text: name }));
  }
  if (Number.isFinite(reference)) {
    const px = x(reference);
    if (px >= plot.left && px <= plot.right) svg.append(s('line', { x1: px, x2: px, y1: plot.top, y2: plot.bottom, class: 'mark mark-start' }));
  }
  svg.append(s('text', { x: plot.left, y: plot.bottom + 16, class: 'tick', text: format(edges[0]) }),
    s('text', { x: plot.right, y: plot.bottom + 16, class: 'tick', 'text-anchor': 'end', text: format(edges.at(-1)) }));
  return h('figure', { class: 'histogram' }, svg,
    keyValueTable(label, [['5th percentile', format(dist.p5)], ['Median', format(dist.p50)], ['95th percentile', format(dist.p95)], ['Mean', format(dist.mean)]]));
}
