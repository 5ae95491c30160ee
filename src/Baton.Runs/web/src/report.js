import { h } from './lib/dom.js';
import { renderHeader } from './views/header.js';
import { renderMetrics } from './views/metrics.js';
import { renderEquity } from './views/equity.js';
import { renderPrices } from './views/prices.js';
import { renderMonthly } from './views/monthly.js';
import { renderTrades, renderOrders } from './views/trades.js';
import { renderRisk } from './views/risk.js';

export { renderHeader, renderMetrics, renderEquity, renderPrices, renderMonthly, renderTrades, renderOrders, renderRisk };

/** The order of the report's views; the dashboard picks from the same list. */
export const views = [renderMetrics, renderEquity, renderPrices, renderMonthly, renderTrades, renderRisk, renderOrders];

/**
 * Renders a whole run (the JSON that Baton.Runs's RunData writes) into `root`: the header, then every view.
 * Views that draw charts do so once they are in the page (`mount`), so charts know their size.
 */
export function renderReport(root, run) {
  const sections = views.map((view) => view(run));
  root.replaceChildren(
    renderHeader(run),
    h('main', { class: 'views' }, sections),
    h('footer', { class: 'run-footer' },
      `Baton ${run.manifest?.engine_version ?? ''} · strategy ${run.manifest?.strategy ?? run.name} · `,
      'charts by ', h('a', { href: 'https://www.tradingview.com/', rel: 'noopener', text: 'TradingView Lightweight Charts™' }),
      ' (Apache-2.0, © TradingView, Inc.)'));
  for (const s of sections) s.mount?.();
  return sections;
}
