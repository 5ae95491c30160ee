import { AreaSeries, BaselineSeries, LineStyle } from 'lightweight-charts';
import { h, section, empty } from '../lib/dom.js';
import { makeChart, palette } from '../lib/charts.js';
import { money, percent } from '../lib/format.js';

/**
 * Equity over time (green above the starting equity, red below) with the drawdown from the high-water mark
 * underneath, on one time axis.
 */
export function renderEquity(run) {
  const eq = run.equity;
  if (!eq || eq.time.length === 0) return section('equity', 'Equity and drawdown', empty('No equity was recorded.'));
  const start = run.metrics?.start_equity ?? eq.equity[0];
  const note = eq.group > 1 ? `Each point stands for ${eq.group} timestamps (the last equity, the deepest drawdown).` : null;
  const host = h('div', { class: 'chart chart-equity' });
  const sec = section('equity', 'Equity and drawdown',
    h('p', { class: 'legend' },
      h('span', { class: 'swatch swatch-gain' }), 'equity above start ',
      h('span', { class: 'swatch swatch-loss' }), 'below start ',
      h('span', { class: 'swatch swatch-dd' }), 'drawdown from the high-water mark',
      note ? h('span', { class: 'note', text: ` · ${note}` }) : null),
    host);

  // the chart is made once the section is in the page, so it knows its width
  sec.mount = () => { sec.chart = draw(host, eq, start); };
  return sec;
}

function draw(host, eq, start) {
  const chart = makeChart(host, `Equity from ${money(start)} to ${money(eq.equity.at(-1))}; `
    + `deepest drawdown ${percent(eq.drawdown.reduce((a, b) => Math.min(a, b), 0))}`);
  const equity = chart.addSeries(BaselineSeries, {
    baseValue: { type: 'price', price: start },
    topLineColor: palette.gain,
    topFillColor1: palette.gainFill,
    topFillColor2: 'rgba(18, 128, 92, 0.02)',
    bottomLineColor: palette.loss,
    bottomFillColor1: 'rgba(200, 55, 45, 0.02)',
    bottomFillColor2: palette.lossFill,
    lineWidth: 2,
    priceFormat: { type: 'custom', formatter: (v) => money(v), minMove: 0.01 },
    priceLineVisible: false,
  });
  equity.setData(eq.time.map((t, i) => ({ time: t, value: eq.equity[i] })));
  equity.createPriceLine({ price: start, color: palette.muted, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false, title: 'start' });

  const drawdown = chart.addSeries(AreaSeries, {
    lineColor: palette.loss,
    topColor: 'rgba(200, 55, 45, 0.05)',
    bottomColor: palette.lossFill,
    invertFilledArea: true,
    lineWidth: 1,
    priceFormat: { type: 'custom', formatter: (v) => `${v.toFixed(1)}%`, minMove: 0.01 },
    priceLineVisible: false,
    lastValueVisible: false,
    // the underwater area always reaches up to 0 %
    autoscaleInfoProvider: (original) => {
      const range = original()?.priceRange;
      return range ? { priceRange: { minValue: range.minValue, maxValue: 0 } } : null;
    },
  }, 1);
  drawdown.setData(eq.time.map((t, i) => ({ time: t, value: eq.drawdown[i] * 100 })));
  const [top, bottom] = chart.panes();
  top.setStretchFactor(0.7);
  bottom.setStretchFactor(0.3);
  chart.timeScale().fitContent();
  return chart;
}
