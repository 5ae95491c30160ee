import { h, section } from '../lib/dom.js';
import { keyValueTable } from '../lib/table.js';
import { money, percent, ratio, signClass } from '../lib/format.js';

/** The headline numbers in three small tables: returns and risk, trades, the run itself. */
export function renderMetrics(run) {
  const m = run.metrics ?? {};
  const t = m.trades ?? {};
  const s = run.summary ?? {};
  const mf = run.manifest ?? {};
  const bars = (v) => (Number.isFinite(v) ? `${v} bars` : '–');
  const days = (v) => (Number.isFinite(v) ? `${v} days` : '–');
  const returns = [
    ['Total return', percent(m.total_return), signClass(m.total_return)],
    ['CAGR', percent(m.cagr), signClass(m.cagr)],
    ['Volatility (ann.)', percent(m.annualized_volatility)],
    ['Sharpe', ratio(m.sharpe), signClass(m.sharpe)],
    ['Sortino', ratio(m.sortino), signClass(m.sortino)],
    ['Calmar', ratio(m.calmar), signClass(m.calmar)],
    ['Max drawdown', percent(m.max_drawdown), signClass(m.max_drawdown)],
    ['Max drawdown duration', days(m.max_drawdown_duration_days)],
    ['Exposure', percent(m.exposure)],
    // the source's first word (inferred, strategy) fits a phone; the whole sentence is in metrics.json and the summary
    ['Periods per year', Number.isFinite(m.periods_per_year) ? `${m.periods_per_year} (${(m.periods_per_year_source ?? 'strategy').split(':')[0]})` : '–'],
  ];
  const trades = [
    ['Trades', String(t.trade_count ?? 0)],
    ['Win rate', percent(t.win_rate)],
    ['Profit factor', ratio(t.profit_factor)],
    ['Net profit', money(t.net_profit), signClass(t.net_profit)],
    ['Expectancy', money(t.expectancy), signClass(t.expectancy)],
    ['Average win', money(t.average_win), 'gain'],
    ['Average loss', money(t.average_loss), 'loss'],
    ['Largest win', money(t.largest_win), 'gain'],
    ['Largest loss', money(t.largest_loss), 'loss'],
  ];
  const runFacts = [
    ['Start equity', money(m.start_equity)],
    ['Final equity', money(s.final_equity ?? m.end_equity), signClass((s.final_equity ?? m.end_equity) - m.start_equity)],
    ['Candles', Number.isFinite(s.candles) ? s.candles.toLocaleString('en-US') : '–'],
    ['Warm-up', bars(s.warm_up_bars)],
    ['Orders', String(s.order_count ?? 0)],
    ['Final state', s.final_state ?? '–'],
    ['Engine', mf.engine_version ?? '–'],
    ['Seed', mf.seed ?? '–'],
    ['Fills SHA-256', mf.fills_sha256 ? `${mf.fills_sha256.slice(0, 12)}…` : '–'],
  ];
  return section('metrics', 'Metrics',
    h('div', { class: 'metric-tables' },
      keyValueTable('Returns and risk', returns),
      keyValueTable('Trades', trades),
      keyValueTable('Run', runFacts)));
}
