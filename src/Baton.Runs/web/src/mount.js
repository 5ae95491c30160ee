// Draws a page's data once the document is ready: the JSON inlined in <script id=DATA_ID type="application/json">
// rendered into #report by RENDER; a failure is shown in the page and marked on <html data-ready="error">.
export function mountWhenReady(dataId, render) {
  function start() {
    const data = document.getElementById(dataId);
    const root = document.getElementById('report');
    if (!data || !root) return;
    try {
      render(root, JSON.parse(data.textContent));
      document.documentElement.dataset.ready = 'true';
    } catch (error) {
      root.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: `The report could not be drawn: ${error.message}` }));
      document.documentElement.dataset.ready = 'error';
      throw error;
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
