import { h, section, empty } from '../lib/dom.js';
import { MONTHS, percent } from '../lib/format.js';

/**
 * Returns per calendar month (UTC) in a year × month table, each cell shaded green or red by its size
 * relative to the largest month, with the year's return in the last column.
 */
export function renderMonthly(run) {
  const months = run.monthly_returns ?? [];
  if (months.length === 0) return section('monthly', 'Monthly returns', empty('No month of equity was recorded.'));
  const byYear = new Map();
  for (const m of months) {
    if (!byYear.has(m.year)) byYear.set(m.year, new Array(12).fill(null));
    byYear.get(m.year)[m.month - 1] = m.return;
  }
  const yearly = new Map((run.yearly_returns ?? []).map((y) => [y.year, y.return]));
  const scale = months.reduce((max, m) => Math.max(max, Math.abs(m.return)), 0) || 1;
  const yearScale = [...yearly.values()].reduce((max, r) => Math.max(max, Math.abs(r)), 0) || 1;
  const rows = [...byYear.keys()].sort((a, b) => a - b).map((year) => h('tr', {},
    h('th', { scope: 'row', text: String(year) }),
    byYear.get(year).map((r, i) => cell(r, scale, `${MONTHS[i]} ${year}`)),
    cell(yearly.get(year) ?? null, yearScale, `${year}`, 'year')));
  const table = h('table', { class: 'heat' },
    h('caption', { class: 'visually-hidden', text: 'Monthly returns' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Year' }), MONTHS.map((m) => h('th', { scope: 'col', text: m })),
      h('th', { scope: 'col', class: 'year', text: 'Year' }))),
    h('tbody', {}, rows));
  return section('monthly', 'Monthly returns',
    h('p', { class: 'legend', text: 'Each month from the last equity of the month before (calendar months, UTC); the year in the last column.' }),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Monthly returns' }, table));
}

function cell(r, scale, label, extra = '') {
  if (r === null || r === undefined) return h('td', { class: `empty-cell ${extra}`.trim(), 'aria-label': `${label}: no data` });
  if (r === 0) return h('td', { class: `num zero ${extra}`.trim(), title: `${label}: 0.00%`, text: percent(r, 1) });
  const strength = Math.min(1, Math.abs(r) / scale);
  const alpha = (0.1 + 0.75 * strength).toFixed(3);
  const background = r >= 0 ? `rgba(18, 128, 92, ${alpha})` : `rgba(200, 55, 45, ${alpha})`;
  return h('td', {
    class: `num ${strength > 0.55 ? 'strong' : ''} ${extra}`.trim(),
    style: { background },
    title: `${label}: ${percent(r)}`,
    text: percent(r, 1),
  });
}
