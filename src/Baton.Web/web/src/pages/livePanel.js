import { h, time } from '../shared.js';
import { send } from '../api.js';
import { liveEquity, livePrices } from './liveCharts.js';

const HISTORY_ROWS = 200;

/**
 * One live session on the Live page: its portfolio, equity chart, price charts with its fills, trade history, event log
 * and stop button, fed by the session's server-sent events (`/api/live/ID/events`). A session seen on events:live first
 * gets a `history` (what the server kept of it), then `portfolio_update`, `order`, `fill`, `risk_event`, `log`,
 * `state_changed`, `stopped`, `session` (its announcement) and `candle` (prices:live) as they come.
 */
export function livePanel(session, ctx) {
  const id = session.id;
  const heading = `live-${id}`;
  const lead = h('p', { class: 'lead' });
  const banner = h('div', { class: 'stopped-banner', role: 'alert', hidden: true });
  const stop = h('button', { type: 'button', class: 'danger stop', text: 'Stop trading', 'aria-describedby': heading });
  const portfolio = h('dl', { class: 'live-portfolio', 'aria-label': `Portfolio of ${session.strategy}` });
  const lists = h('div', { class: 'live-lists' });
  const equityHost = h('div', { class: 'chart chart-live-equity' });
  const priceHost = h('div', { class: 'live-prices' });
  const trades = h('tbody');
  const feed = h('ol', { class: 'log-lines' });
  const equity = liveEquity(equityHost);
  const prices = livePrices(priceHost);
  let stopped = false;
  let meta = { ...session };

  const describe = (s) => {
    meta = { ...meta, ...s };
    const facts = [stopped ? 'Stopped' : meta.state, (meta.symbols ?? []).join(', '), meta.timeframe, meta.source === 'events:live' ? 'own process' : meta.source];
    lead.textContent = `${meta.strategy} · ${facts.filter(Boolean).join(' · ')}`;
  };
  const showStopped = (reason, at) => {
    stopped = true;
    describe({});
    banner.hidden = false;
    banner.replaceChildren(h('strong', { text: 'Trading stopped' }), at ? ` at ${time(at / 1000)} UTC` : '', `: ${reason}`);
    stop.disabled = true;
  };
  const logLine = (type, t, data) => feed.prepend(h('li', { dataset: { type }, text: `${time(t / 1000)} ${type} ${summary(type, data)}` }));
  const addFill = (t, data) => {
    const f = { ...data, time: data.time ?? t };
    prices.fill(f);
    trades.prepend(h('tr', {}, [time(f.time / 1000), f.symbol, f.side, f.quantity, f.price, f.fee, label(String(f.intent ?? ''))]
      .map((v) => h('td', { text: v === undefined || v === null ? '' : String(v) }))));
    while (trades.childElementCount > HISTORY_ROWS) trades.lastElementChild.remove();
    el.dataset.fills = String(Number(el.dataset.fills) + 1);
  };
  const showPortfolio = (t, data) => {
    portfolio.replaceChildren(...Object.entries(data).filter(([, v]) => typeof v !== 'object')
      .flatMap(([k, v]) => [h('dt', { text: label(k) }), h('dd', { text: scalar(k, v) })]));
    lists.replaceChildren(...Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, rows]) => listTable(label(k), rows)));
    if (typeof data.state === 'string' && data.state && !stopped) describe({ state: title(data.state) });
    equity.add(data.time ?? t, data.equity);
  };
  const announce = (a) => {
    if (Array.isArray(a.symbols)) prices.symbols(a.symbols);
    if (typeof a.initial_capital === 'number') equity.start(a.initial_capital);
    describe({ symbols: a.symbols ?? meta.symbols, timeframe: a.timeframe ?? meta.timeframe });
  };
  const history = (d) => {
    equity.reset();
    prices.reset();
    trades.replaceChildren();
    feed.replaceChildren();
    el.dataset.fills = '0';
    announce(d.session ?? {});
    for (const [symbol, bars] of Object.entries(d.candles ?? {})) for (const bar of bars) prices.candle(symbol, bar);
    for (const [t, e] of d.equity ?? []) equity.add(t, e);
    for (const f of d.fills ?? []) addFill(f.time, f);
    for (const e of d.events ?? []) logLine(e.type, e.time, e.data);
    if (d.state === 'Stopped') showStopped(d.stop_reason ?? 'stopped');
  };

  const el = h('section', { class: 'view live-session', dataset: { session: id, strategy: session.strategy, fills: '0' }, 'aria-labelledby': heading },
    h('h2', { id: heading, text: session.strategy }), lead, banner,
    h('div', { class: 'toolbar' }, stop),
    h('h3', { text: 'Portfolio' }), portfolio, lists,
    h('h3', { text: 'Equity' }), equityHost,
    h('h3', { text: 'Prices and fills' }), priceHost,
    h('h3', { text: 'Trade history' }),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': `Trade history of ${session.strategy}`, tabindex: '0' },
      h('table', { class: 'data live-trades' }, h('caption', { text: 'Fills, newest first' }),
        h('thead', {}, h('tr', {}, ['time', 'symbol', 'side', 'quantity', 'price', 'fee', 'intent'].map((c) => h('th', { scope: 'col', text: c })))),
        trades)),
    h('h3', { text: 'Orders, fills and risk events' }),
    h('div', { class: 'log-scroll', role: 'log', tabindex: '0', 'aria-label': `Live events of ${session.strategy}` }, feed));
  describe(session);
  if (session.state === 'Stopped') showStopped(session.stop_reason ?? 'stopped');
  stop.addEventListener('click', async () => {
    if (!window.confirm(`Stop trading in ${meta.strategy}? No new orders will be placed.`)) return;
    const r = await send('POST', `/api/live/${id}/stop`, { reason: 'stopped from the dashboard' });
    if (!r.ok) window.alert(`The session could not be stopped: ${r.body?.error ?? r.status}`);
    else el.dataset.stopSent = 'true';
  });

  const mount = () => {
    equity.mount();
    prices.symbols(session.symbols ?? []);
    const events = new EventSource(`/api/live/${id}/events`);
    ctx.onLeave(() => events.close());
    const on = (type, fn) => events.addEventListener(type, (e) => {
      const { time: t, data } = JSON.parse(e.data);
      fn(t, data);
    });
    on('history', (t, d) => history(d));
    on('session', (t, d) => announce(d));
    on('portfolio_update', showPortfolio);
    on('candle', (t, d) => prices.candle(d.symbol, d.bar));
    on('fill', (t, d) => { addFill(t, d); logLine('fill', t, d); });
    for (const type of ['order', 'risk_event', 'log', 'state_changed']) on(type, (t, d) => logLine(type, t, d));
    on('stopped', (t, d) => { showStopped(d.reason ?? 'stopped', t); logLine('stopped', t, d); });
  };
  return { el, mount, describe };
}

const label = (key) => key.replaceAll('_', ' ');
/** `position_open` -> `PositionOpen`, as the server lists the states. */
const title = (snake) => snake.split('_').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const money = new Set(['equity', 'cash', 'realized_pnl']);
const price = (v) => (typeof v === 'number' ? v.toFixed(2) : String(v));
const opt = (v, text) => (v === undefined || v === null ? '' : text);

/** A portfolio figure as people read it: money to the cent, drawdown in percent, the time in UTC. */
function scalar(key, v) {
  if (typeof v !== 'number') return String(v);
  if (key === 'time') return `${time(v / 1000)} UTC`;
  if (key === 'drawdown') return `${(v * 100).toFixed(2)} %`;
  return money.has(key) ? v.toFixed(2) : String(v);
}

/** One line per event, as the CLI prints them; anything unexpected as its JSON. */
function summary(type, d) {
  switch (type) {
    case 'order':
      return `${opt(d.order_id, `#${d.order_id} `)}${d.side} ${d.quantity} ${d.symbol}${opt(d.intent, ` (${label(String(d.intent))})`)}: ` +
        `${label(String(d.state))}${opt(d.reason, ` - ${d.reason}`)}`;
    case 'fill':
      return `${opt(d.order_id, `#${d.order_id} `)}${d.side} ${d.quantity} ${d.symbol} @ ${price(d.price)}` +
        `${opt(d.fee, `, fee ${price(d.fee)}`)}${opt(d.intent, ` (${label(String(d.intent))})`)}`;
    case 'risk_event':
      return `${d.verdict} ${d.symbol}: ${d.check}: ${d.reason} (requested ${d.requested_quantity}, approved ${d.approved_quantity})`;
    case 'log':
      return `${d.level}: ${d.message}`;
    case 'state_changed':
      return `${d.from} -> ${d.to}${opt(d.reason, `: ${d.reason}`)}`;
    case 'stopped':
      return d.reason ?? '';
    default:
      return JSON.stringify(d);
  }
}

function listTable(name, rows) {
  if (rows.length === 0) return h('p', { class: 'empty', dataset: { list: name }, text: `No ${name}.` });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': name, tabindex: '0', dataset: { list: name } },
    h('table', { class: 'data' },
      h('caption', { text: name[0].toUpperCase() + name.slice(1) }),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', text: label(c) })))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { text: r?.[c] === undefined ? '' : String(r[c]) })))))));
}
