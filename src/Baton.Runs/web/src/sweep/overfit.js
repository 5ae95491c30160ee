import { h, section, empty } from '../lib/dom.js';
import { percent, ratio } from '../lib/format.js';
import { keyValueTable } from '../lib/table.js';
import { isNum } from './model.js';

/** The deflated Sharpe ratio and the probability of backtest overfitting, each with what it means. */
export function renderOverfitting(robustness) {
  if (!robustness) return section('overfitting', 'Is the best luck?', empty('No robustness.json in this folder.'));
  const d = robustness.deflated_sharpe;
  const p = robustness.pbo;
  return section('overfitting', 'Is the best luck?', h('div', { class: 'overfit' }, dsr(d), pbo(p)));
}

function dsr(d) {
  if (!d) return h('div', {}, empty('No deflated Sharpe ratio.'));
  const verdict = !isNum(d.probability) ? '' : d.probability >= 0.95
    ? ' That is above 95%: the best Sharpe ratio is unlikely to be only the luck of trying many.'
    : ' That is below 95%: the best Sharpe ratio may well be the luck of trying many.';
  return h('div', { class: 'dsr' },
    h('h3', { text: 'Deflated Sharpe ratio' }),
    h('p', { class: 'meaning', text: `The probability that the best trial's true Sharpe ratio is above zero, given that ${d.trials} trials were tried `
      + `and its ${d.returns} returns are not normal: ${percent(d.probability, 1)}.${verdict} (Bailey and López de Prado, 2014.)` }),
    keyValueTable('Deflated Sharpe ratio', [
      ['Probability (DSR)', percent(d.probability, 1)],
      ['Sharpe of the best (annualised)', ratio(d.sharpe)],
      ['Expected max Sharpe of N (per period)', isNum(d.expected_max_sharpe) ? d.expected_max_sharpe.toFixed(4) : '–'],
      ['Variance of Sharpe across trials', isNum(d.sharpe_variance) ? d.sharpe_variance.toExponential(3) : '–'],
      ['Trials', String(d.trials ?? '–')],
      ['Returns', String(d.returns ?? '–')],
      ['Skewness', ratio(d.skewness)],
      ['Kurtosis', ratio(d.kurtosis)],
    ]));
}

function pbo(p) {
  if (!p) return h('div', { class: 'pbo' }, h('h3', { text: 'Probability of backtest overfitting' }), empty('Needs at least two trials.'));
  const deg = p.degradation ?? {};
  return h('div', { class: 'pbo' },
    h('h3', { text: 'Probability of backtest overfitting' }),
    h('p', { class: 'meaning', text: `How often the trial best in one half of the data ranks below the median in the other half, over all `
      + `${p.combinations} ways of splitting ${p.blocks} blocks in two (CSCV): ${percent(p.probability, 1)}. Near 0 the choice holds out of sample; `
      + 'at 50% or more picking the best is no better than picking at random. (Bailey, Borwein, López de Prado and Zhu, 2017.)' }),
    keyValueTable('Probability of backtest overfitting', [
      ['PBO', percent(p.probability, 1)],
      ['Blocks', String(p.blocks ?? '–')],
      ['Combinations', String(p.combinations ?? '–')],
      ['Out-of-sample vs in-sample slope', ratio(deg.slope)],
      ['R²', ratio(deg.r2)],
      ['Probability of an out-of-sample loss', percent(deg.probability_of_loss, 1)],
    ]));
}
