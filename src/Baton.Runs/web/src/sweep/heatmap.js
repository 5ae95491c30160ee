import { h, section, empty } from '../lib/dom.js';
import { grid, isNum } from './model.js';
import { formatMetric } from './ranked.js';

/**
 * The objective over any two parameters (chosen in the page), the others held at the best point: one cell per
 * pair of values, coloured from the lowest score (red) to the highest (green); cells not run (outside --where, not
 * drawn by the search) or failed are marked as such; each cell's value and trial on hover (its title).
 */
export function renderHeatmap(m) {
  if (m.axes.length < 2) return section('heatmap', 'Heat map', empty('A heat map needs two parameters; this sweep has fewer.'));
  if (!m.best) return section('heatmap', 'Heat map', empty('No trial has a score.'));
  let x = m.axes[0].name;
  let y = m.axes[1].name;
  const host = h('div', { class: 'heatmap-host' });
  const pick = (label, get, set) => h('label', {}, `${label} `, h('select', {
    class: `heatmap-${label}`,
    onchange: (e) => { set(e.target.value); draw(); },
  }, m.axes.map((a) => h('option', { value: a.name, selected: a.name === get(), text: a.name }))));
  const fixed = h('p', { class: 'legend' });

  function draw() {
    if (x === y) { host.replaceChildren(empty('Choose two different parameters.')); return; }
    const g = grid(m, x, y);
    const others = m.names.filter((n) => n !== x && n !== y);
    fixed.textContent = others.length ? `Held at the best trial (${m.best.trial}): ${others.map((n) => `${n} = ${m.best.params[n]}`).join(', ')}.` : '';
    host.replaceChildren(table(m, g));
  }

  const sec = section('heatmap', `Heat map of ${m.objective}`,
    h('div', { class: 'heatmap-controls' }, pick('x', () => x, (v) => { x = v; }), pick('y', () => y, (v) => { y = v; })),
    fixed,
    h('p', { class: 'legend' }, h('span', { class: 'swatch heat-low' }), 'lowest ', h('span', { class: 'swatch heat-high' }), 'highest ',
      h('span', { class: 'swatch heat-none' }), 'not run or failed · hover a cell for its value'),
    host);
  draw();
  return sec;
}

function table(m, g) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `Heat map of ${m.objective}` },
    h('table', { class: 'heatmap' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'corner', text: `${g.y.name} ╲ ${g.x.name}` }),
        g.x.values.map((v) => h('th', { scope: 'col', text: v })))),
      h('tbody', {}, g.y.values.map((vy, j) => h('tr', {}, h('th', { scope: 'row', text: vy }),
        g.x.values.map((vx, i) => cell(m, g, g.cells[j][i], `${g.x.name} = ${vx}, ${g.y.name} = ${vy}`)))))));
}

function cell(m, g, row, where) {
  if (!row) return h('td', { class: 'cell not-run', title: `${where}: not run`, text: '' });
  if (row.status !== 'ok') return h('td', { class: 'cell failed', title: `${where}: trial ${row.trial} failed: ${row.error ?? ''}`, text: '×' });
  if (!isNum(row.score)) return h('td', { class: 'cell no-score', title: `${where}: trial ${row.trial}, ${m.objective} undefined`, text: '–' });
  const t = g.max === g.min ? 1 : (row.score - g.min) / (g.max - g.min);
  return h('td', {
    class: `cell scored${row === m.best ? ' best' : ''}`,
    style: { background: colour(t), color: t > 0.25 && t < 0.75 ? '#1f2933' : '#ffffff' },
    title: `${where}: ${m.objective} ${formatMetric(m.objective, row.score)} (trial ${row.trial})`,
    dataset: { score: String(row.score), trial: String(row.trial) },
    text: formatMetric(m.objective, row.score),
  });
}

/** 0 -> red, 0.5 -> pale yellow, 1 -> green. */
function colour(t) {
  const stops = [[200, 55, 45], [250, 235, 170], [18, 128, 92]];
  const [a, b, u] = t < 0.5 ? [stops[0], stops[1], t * 2] : [stops[1], stops[2], (t - 0.5) * 2];
  return `rgb(${a.map((c, k) => Math.round(c + (b[k] - c) * u)).join(', ')})`;
}
