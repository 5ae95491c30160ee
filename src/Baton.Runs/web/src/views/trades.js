import { h, section, empty } from '../lib/dom.js';
import { pagedTable } from '../lib/table.js';
import { allMidnight, money, percent, price, quantity, signClass, time } from '../lib/format.js';

/** Closed round trips, newest last, 25 to a page. */
export function renderTrades(run) {
  const trades = run.trades ?? [];
  if (trades.length === 0) return section('trades', 'Trades', empty('No trade was closed.'));
  const dates = allMidnight(trades.flatMap((t) => [t.entry_time, t.exit_time]));
  const table = pagedTable({
    label: 'Trades',
    rows: trades,
    columns: [
      { label: '#', value: (_, i) => String(i + 1), num: true },
      { label: 'Symbol', value: (t) => t.symbol },
      { label: 'Side', value: (t) => t.side, cls: (t) => `side-${t.side}` },
      { label: 'Qty', value: (t) => quantity(t.quantity), num: true },
      { label: 'Entry', value: (t) => time(t.entry_time, dates) },
      { label: 'Entry price', value: (t) => price(t.entry_price), num: true },
      { label: 'Exit', value: (t) => time(t.exit_time, dates) },
      { label: 'Exit price', value: (t) => price(t.exit_price), num: true },
      { label: 'Fees', value: (t) => money(t.fees), num: true },
      { label: 'P&L', value: (t) => money(t.pnl), num: true, cls: (t) => signClass(t.pnl) },
      { label: 'Return', value: (t) => percent(t.return), num: true, cls: (t) => signClass(t.return) },
      { label: 'Exit reason', value: (t) => t.exit_reason.replaceAll('_', ' ') },
    ],
  });
  return section('trades', 'Trades', truncation(run.trade_count, trades.length, 'trades.csv'), table.element);
}

/** Every order with its final state and the states it went through. */
export function renderOrders(run) {
  const orders = run.orders ?? [];
  if (orders.length === 0) return section('orders', 'Orders', empty('No order was created.'));
  const table = pagedTable({
    label: 'Orders',
    pageSize: 15,
    rows: orders,
    columns: [
      { label: 'Id', value: (o) => String(o.id), num: true },
      { label: 'Symbol', value: (o) => o.symbol },
      { label: 'Side', value: (o) => o.side, cls: (o) => `side-${o.side}` },
      { label: 'Intent', value: (o) => o.intent.replaceAll('_', ' ') },
      { label: 'Qty', value: (o) => quantity(o.quantity), num: true },
      { label: 'Filled', value: (o) => quantity(o.filled_quantity), num: true },
      { label: 'Avg price', value: (o) => (o.filled_quantity > 0 ? price(o.average_price) : '–'), num: true },
      { label: 'Fees', value: (o) => money(o.fees), num: true },
      { label: 'Created', value: (o) => time(o.created_at) },
      { label: 'State', value: (o) => o.state.replaceAll('_', ' '), cls: (o) => `order-${o.state}` },
      { label: 'History', value: (o) => o.history.map((s) => s.state.replaceAll('_', ' ') + (s.reason ? ` (${s.reason})` : '')).join(' → ') },
    ],
  });
  return section('orders', 'Orders', truncation(run.order_count, orders.length, 'orders.csv'), table.element);
}

export function truncation(total, shown, file) {
  return total > shown
    ? h('p', { class: 'note', text: `The first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} are shown; ${file} has them all.` })
    : null;
}
