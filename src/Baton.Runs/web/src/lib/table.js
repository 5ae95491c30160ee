import { h } from './dom.js';

/**
 * A table that shows `pageSize` rows at a time with a pager, so a run with thousands of trades stays quick.
 * columns: [{ label, value: (row, index) => text, num?: bool, cls?: (row) => class name }]
 * Returns { element, setRows(rows) } so a view can filter the rows it shows.
 */
export function pagedTable({ caption, columns, rows, pageSize = 25, label }) {
  let current = rows;
  let page = 0;
  const body = h('tbody');
  const status = h('span', { class: 'pager-status', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'pager-prev', 'aria-label': `Previous page of ${label}`, text: '‹ Prev' });
  const next = h('button', { type: 'button', class: 'pager-next', 'aria-label': `Next page of ${label}`, text: 'Next ›' });
  const pager = h('div', { class: 'pager' }, prev, status, next);
  const table = h('table', { class: 'data' },
    caption ? h('caption', { text: caption }) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
    body);

  function render() {
    const pages = Math.max(1, Math.ceil(current.length / pageSize));
    page = Math.min(page, pages - 1);
    const start = page * pageSize;
    const slice = current.slice(start, start + pageSize);
    body.replaceChildren(...slice.map((row, i) => h('tr', {},
      columns.map((c) => h('td', {
        class: [c.num ? 'num' : '', c.cls ? c.cls(row) : ''].join(' ').trim() || null,
        text: c.value(row, start + i),
      })))));
    status.textContent = current.length === 0
      ? 'none'
      : `${start + 1}–${start + slice.length} of ${current.length}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    pager.hidden = pages <= 1;
  }

  prev.addEventListener('click', () => { page -= 1; render(); });
  next.addEventListener('click', () => { page += 1; render(); });
  render();

  const element = h('div', { class: 'table-block' }, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label }, table), pager);
  return {
    element,
    setRows(newRows) { current = newRows; page = 0; render(); },
  };
}

/** A two-column table of name/value pairs. */
export function keyValueTable(caption, pairs) {
  return h('table', { class: 'kv' },
    h('caption', { text: caption }),
    h('tbody', {}, pairs.map(([name, value, cls]) => h('tr', {},
      h('th', { scope: 'row', text: name }),
      h('td', { class: ['num', cls || ''].join(' ').trim(), text: value })))));
}
