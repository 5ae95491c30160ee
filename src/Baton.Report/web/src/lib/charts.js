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
 * A chart that fills its container (which sets the height in CSS) and follows its size. Times are Unix seconds
 * shown in UTC. `label` describes the chart for screen readers.
 */
export function makeChart(container, label, options = {}) {
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  return createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#ffffff' },
      textColor: palette.muted,
      fontSize: 11,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      panes: { separatorColor: palette.border, enableResize: false },
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border, timeVisible: true, secondsVisible: false },
    crosshair: { mode: 0 },
    localization: { locale: 'en-US' },
    ...options,
  });
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
