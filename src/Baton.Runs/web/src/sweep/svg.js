// Small SVG charts for the sweep views: no charting library needed for lines, bars and marks.

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element; attrs as attributes, `text` as its text. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v; else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

/** A linear scale from [d0, d1] to [r0, r1] (a flat domain maps to the middle). */
export function scale(d0, d1, r0, r1) {
  const span = d1 - d0;
  return (v) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** A chart frame of the given size: { svg, plot: {left, top, right, bottom} } with a label for screen readers. */
export function frame(label, width = 520, height = 220, pad = { left: 56, right: 12, top: 12, bottom: 34 }) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'svg-chart', role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' });
  return { svg, plot: { left: pad.left, top: pad.top, right: width - pad.right, bottom: height - pad.bottom } };
}

/** Horizontal grid lines and labels for a value axis. */
export function yAxis(svg, plot, y, lo, hi, format, ticks = 4) {
  if (lo === hi) ticks = 0;   // one value: one line
  for (let i = 0; i <= ticks; i++) {
    const v = lo + ((hi - lo) * i) / ticks;
    const py = y(v);
    svg.append(s('line', { x1: plot.left, x2: plot.right, y1: py, y2: py, class: 'grid' }),
      s('text', { x: plot.left - 6, y: py + 4, class: 'tick', 'text-anchor': 'end', text: format(v) }));
  }
}

/** Extent of the finite numbers of `values` ([0, 1] when there are none). */
export function extent(values) {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
}
