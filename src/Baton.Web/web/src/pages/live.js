import { h, time } from '../shared.js';
import { getJson, send } from '../api.js';

/**
 * Live sessions through the server's live feed (ILiveFeed): pick a session, watch its updates as they come, stop
 * it (after confirming). With no live engine attached the page says so; nothing is simulated.
 */
export async function renderLive(page, ctx, id) {
  const info = await getJson('/api/live');
  page.append(h('h1', { text: 'Live' }));
  if (!info.available) {
    page.append(h('p', { class: 'notice', role: 'status', dataset: { live: 'unavailable' } },
      'No live trading engine is attached to this server, so there is no session to watch. ',
      'Live sessions will appear here once the live engine is connected.'));
    return;
  }
  if (!id) {
    page.append(info.sessions.length === 0
      ? h('p', { class: 'empty', text: 'No live session is running.' })
      : h('ul', { class: 'cards', 'aria-label': 'Live sessions' }, info.sessions.map((s) => h('li', {},
        h('a', { class: 'card', href: `#/live/${s.id}` }, h('strong', { text: s.strategy }), ` · ${s.state}`)))));
    return;
  }
  const session = info.sessions.find((s) => s.id === id);
  const banner = h('div', { class: 'stopped-banner', role: 'alert', hidden: true });
  const portfolio = h('dl', { class: 'live-portfolio', 'aria-label': 'Portfolio' });
  const lists = h('div', { class: 'live-lists' });
  const feed = h('ol', { class: 'log-lines' });
  const stop = h('button', { type: 'button', class: 'danger stop', text: 'Stop trading' });
  const lead = h('p', { class: 'lead', text: `${session?.strategy ?? id} · ${session?.state ?? ''}` });
  const showStopped = (reason, at) => {
    lead.textContent = `${session?.strategy ?? id} · Stopped`;
    banner.hidden = false;
    banner.replaceChildren(h('strong', { text: 'Trading stopped' }), at ? ` at ${time(at / 1000)} UTC` : '', `: ${reason}`);
    stop.disabled = true;
  };
  page.append(lead, banner,
    h('div', { class: 'toolbar' }, stop),
    h('section', { class: 'view', 'aria-labelledby': 'live-portfolio' }, h('h2', { id: 'live-portfolio', text: 'Portfolio' }), portfolio, lists),
    h('section', { class: 'view', 'aria-labelledby': 'live-events' }, h('h2', { id: 'live-events', text: 'Orders, fills and risk events' }),
      h('div', { class: 'log-scroll', role: 'log', tabindex: '0', 'aria-label': 'Live events' }, feed)));
  if (session?.state === 'Stopped') showStopped(session.stop_reason ?? 'stopped');
  stop.addEventListener('click', async () => {
    if (!window.confirm('Stop trading in this session? No new orders will be placed.')) return;
    const r = await send('POST', `/api/live/${id}/stop`, { reason: 'stopped from the dashboard' });
    if (!r.ok) window.alert(`The session could not be stopped: ${r.body?.error ?? r.status}`);
  });
  const events = new EventSource(`/api/live/${id}/events`);
  ctx.onLeave(() => events.close());
  events.addEventListener('portfolio_update', (e) => {
    const { data } = JSON.parse(e.data);
    portfolio.replaceChildren(...Object.entries(data).filter(([, v]) => typeof v !== 'object')
      .flatMap(([k, v]) => [h('dt', { text: label(k) }), h('dd', { text: scalar(k, v) })]));
    // lists such as positions and working orders, one table each, columns from their rows' fields
    lists.replaceChildren(...Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, rows]) => listTable(label(k), rows)));
  });
  for (const type of ['order', 'fill', 'risk_event', 'log']) {
    events.addEventListener(type, (e) => {
      const { time: t, data } = JSON.parse(e.data);
      feed.prepend(h('li', { dataset: { type }, text: `${time(t / 1000)} ${type} ${summary(type, data)}` }));
    });
  }
  events.addEventListener('stopped', (e) => {
    const { time: t, data } = JSON.parse(e.data);
    showStopped(data.reason ?? 'stopped', t);
  });
}

const label = (key) => key.replaceAll('_', ' ');

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
