// Entry of the bundle: exposes the views as the global `BatonReport` and, in report.html, renders the run
// inlined in <script id="baton-run" type="application/json">.
import { renderReport } from './report.js';

export * from './report.js';

function start() {
  const data = document.getElementById('baton-run');
  const root = document.getElementById('report');
  if (!data || !root) return;
  try {
    renderReport(root, JSON.parse(data.textContent));
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    root.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: `The report could not be drawn: ${error.message}` }));
    document.documentElement.dataset.ready = 'error';
    throw error;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
