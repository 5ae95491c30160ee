import { createChart, ColorType } from 'lightweight-charts';

/** Colours of the report, shared by the CSS (see report.css) and the charts. */
export const palette = {
  text: '#1f2933',
  muted: '#66788a',
  grid: '#eef1f4',
  border: '#d9e0e7',
  gain: '#12805c',
  loss: '#c8372d',
  gainFill: 'rgba(18, 128, 92, 0.18)',
  lossFill: 'rgba(200, 55, 45, 0.22)',
  accent: '#2f6fde',
  accentFill: 'rgba(47, 111, 222, 0.16)',
};

/**
 * A chart that fills its container (which sets the height in CSS), made once the container is in the page.
 * It is sized from the container at once, so `fitContent` sees the real width, and follows the container's
 * size (refitting the whole time range when the width changes). Times are Unix seconds shown in UTC.
 * `label` describes the chart for screen readers.
 */
export function makeChart(container, label, options = {}) {
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  const chart = createChart(container, {
    width: container.clientWidth,
    height: container.clientHeight,
    layout: {
      background: { type: ColorType.Solid, color: '#ffffff' },
      textColor: palette.muted,
      fontSize: 11,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      panes: { separatorColor: palette.border, enableResize: false },
      // the logo would hide the first trades; the page's footer links TradingView instead, as its licence allows
      attributionLogo: false,
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    rightPriceScale: { borderColor: palette.border },
    // a small minimum bar spacing lets fitContent show a whole run (up to 5,000 bars) on a phone
    timeScale: { borderColor: palette.border, timeVisible: true, secondsVisible: false, minBarSpacing: 0.01 },
    crosshair: { mode: 0 },
    localization: { locale: 'en-US' },
    ...options,
  });
  let width = container.clientWidth;
  new ResizeObserver(() => {
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w === 0 || h === 0) return;
    chart.resize(w, h);
    if (w !== width) chart.timeScale().fitContent();
    width = w;
  }).observe(container);
  return chart;
}

/** Index of the last element of the sorted `times` that is <= t (0 when t is before them all). */
export function barAt(times, t) {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}
