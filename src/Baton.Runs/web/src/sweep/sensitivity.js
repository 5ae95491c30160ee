import { h, section, empty } from '../lib/dom.js';
import { along, isNum } from './model.js';
import { formatMetric } from './ranked.js';
import { s, scale, frame, yAxis, extent } from './svg.js';

/**
 * The objective along each parameter, the others at the best point: one small line chart per parameter with the
 * best value marked. The shape robustness.json gives (plateau, spike, slope, flat) is its caption when present.
 */
export function renderSensitivity(m, robustness) {
  if (!m.best) return section('sensitivity', 'Sensitivity', empty('No trial has a score.'));
  const given = new Map((robustness?.sensitivity ?? []).map((p) => [p.parameter, p]));
  const charts = m.names.map((name) => {
    const points = given.get(name)?.points?.map((p) => ({ value: String(p.value), score: isNum(p.score) ? p.score : null }))
      ?? along(m, name);
    const info = given.get(name);
    return h('figure', { class: 'sensitivity', dataset: { parameter: name } },
      chart(m, name, points, m.best.params[name]),
      h('figcaption', {}, `${name} (best ${m.best.params[name]})`,
        info ? ` · ${info.shape}${isNum(info.neighbour_drop) ? `, neighbours ${formatDrop(info.neighbour_drop)}` : ''}` : ''));
  });
  return section('sensitivity', `Sensitivity of ${m.objective} around the best`,
    h('p', { class: 'legend', text: 'Each parameter varied alone, the others at the best trial\'s values; gaps are points not run or without a score. '
      + 'A plateau around the best is reassuring; a spike suggests the best is luck.' }),
    h('div', { class: 'sensitivity-grid' }, charts));
}

function formatDrop(d) { return `${(d * 100).toFixed(1)}% lower`; }

function chart(m, name, points, best) {
  const { svg, plot } = frame(`${m.objective} along ${name}`, 360, 200);
  const [lo, hi] = extent(points.map((p) => p.score));
  const x = scale(0, Math.max(1, points.length - 1), plot.left, plot.right);
  const y = scale(lo, hi, plot.bottom, plot.top);
  yAxis(svg, plot, y, lo, hi, (v) => formatMetric(m.objective, v));
  let path = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.score === null) { pen = false; return; }
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`;
    pen = true;
  });
  svg.append(s('path', { d: path, class: 'line' }));
  const step = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    if (i % step === 0 || p.value === best) svg.append(s('text', { x: x(i), y: plot.bottom + 16, class: 'tick', 'text-anchor': 'middle', text: p.value }));
    if (p.score !== null) {
      svg.append(s('circle', { cx: x(i), cy: y(p.score), r: p.value === best ? 5 : 2.5, class: p.value === best ? 'best-point' : 'point' },
        s('title', { text: `${name} = ${p.value}: ${formatMetric(m.objective, p.score)}` })));
    }
  });
  return svg;
}
