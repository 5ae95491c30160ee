import { h } from '../shared.js';
import { getJson } from '../api.js';
import { livePanel } from './livePanel.js';

const REFRESH_MS = 2000;

/**
 * Live sessions through the server's live feed (ILiveFeed): the session `baton serve --live` runs in the server and,
 * with `--redis`, every session seen on events:live (running in its own process). `#/live` lists them and shows them
 * side by side; `#/live/ID` shows one. The list is asked for again every two seconds, so a session that starts while
 * the page is open appears. With no live engine attached the page says so; nothing is simulated.
 */
export async function renderLive(page, ctx, id) {
  const info = await getJson('/api/live');
  page.append(h('h1', { text: 'Live' }));
  if (!info.available) {
    page.append(h('p', { class: 'notice', role: 'status', dataset: { live: 'unavailable' } },
      'No live trading engine is attached to this server, so there is no session to watch. ',
      'Start the server with --live STRATEGY.yaml, or with --redis URL to watch the sessions running on that Redis.'));
    return;
  }
  const list = h('ul', { class: 'cards live-list', 'aria-label': 'Live sessions' });
  const none = h('p', { class: 'empty', role: 'status', text: 'No live session is running.' });
  const board = h('div', { class: id ? 'live-board single' : 'live-board' });
  page.append(none, list, board);
  const panels = new Map();
  const show = (sessions) => {
    none.hidden = sessions.length > 0;
    list.replaceChildren(...sessions.map((s) => h('li', {},
      h('a', { class: 'card', href: `#/live/${s.id}`, dataset: { session: s.id } }, h('strong', { text: s.strategy }), ` · ${s.state}`,
        s.source === 'events:live' ? ' · own process' : ''))));
    const wanted = id ? sessions.filter((s) => s.id === id) : sessions;
    if (id && wanted.length === 0 && !panels.has(id)) wanted.push({ id, strategy: id, state: '', symbols: [] });
    for (const s of wanted) {
      const known = panels.get(s.id);
      if (known) { known.describe(s); continue; }
      const panel = livePanel(s, ctx);
      panels.set(s.id, panel);
      board.append(panel.el);
      panel.mount();
    }
  };
  show(info.sessions);
  const timer = window.setInterval(() => getJson('/api/live').then((i) => show(i.sessions)).catch(() => {}), REFRESH_MS);
  ctx.onLeave(() => window.clearInterval(timer));
}
