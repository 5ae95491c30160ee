// Entry of the sweep report's bundle: exposes the sweep views as the global `BatonSweep` and, in a sweep's
// report.html, renders the folder inlined in <script id="baton-sweep" type="application/json">.
import { renderSweep } from './sweep/index.js';

export * from './sweep/index.js';

function start() {
  const data = document.getElementById('baton-sweep');
  const root = document.getElementById('report');
  if (!data || !root) return;
  try {
    renderSweep(root, JSON.parse(data.textContent));
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    root.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: `The report could not be drawn: ${error.message}` }));
    document.documentElement.dataset.ready = 'error';
    throw error;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
