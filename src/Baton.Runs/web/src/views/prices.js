import { CandlestickSeries, createSeriesMarkers } from 'lightweight-charts';
import { h, section, empty } from '../lib/dom.js';
import { barAt, makeChart, palette } from '../lib/charts.js';
import { price, quantity, time } from '../lib/format.js';

/** Short marker labels of the fill intents written by the engine. */
const INTENT_LABEL = {
  entry: '',
  signal_exit: 'signal',
  stop_loss: 'stop',
  take_profit: 'target',
  trailing_stop: 'trail',
  risk_breach: 'risk',
  end_of_data: 'end',
};

/** Above this many fills on one chart, markers carry no text (they would hide the candles). */
const MAX_LABELLED_MARKERS = 80;

/**
 * One candlestick chart per symbol with a marker at every fill: entries as arrows pointing the way of the
 * position (up for a long, down for a short), exits as circles, each at its fill price on the bar it filled in.
 */
export function renderPrices(run) {
  const prices = run.prices ?? [];
  if (prices.length === 0) {
    return section('prices', 'Prices and trades', empty('No candles were recorded for this run (candles.csv is missing).'));
  }
  const charts = [];
  const blocks = prices.map((p) => {
    const fills = (run.fills ?? []).filter((f) => f.symbol === p.symbol);
    const host = h('div', { class: 'chart chart-price', dataset: { symbol: p.symbol } });
    const note = p.group > 1 ? ` · each bar merges ${p.group} candles` : '';
    const block = h('figure', { class: 'price-block', dataset: { symbol: p.symbol, fills: String(fills.length) } },
      h('figcaption', {}, h('strong', { text: p.symbol }), ` · ${p.time.length.toLocaleString('en-US')} bars · ${fills.length} fills${note}`),
      host);
    charts.push(() => {
      const chart = makeChart(host, `${p.symbol} candles from ${time(p.time[0])} to ${time(p.time.at(-1))} with ${fills.length} fills marked`);
      const series = chart.addSeries(CandlestickSeries, {
        upColor: palette.gain,
        downColor: palette.loss,
        borderVisible: false,
        wickUpColor: palette.gain,
        wickDownColor: palette.loss,
        priceFormat: { type: 'custom', formatter: (v) => price(v), minMove: 1e-8 },
      });
      series.setData(p.time.map((t, i) => ({ time: t, open: p.open[i], high: p.high[i], low: p.low[i], close: p.close[i] })));
      createSeriesMarkers(series, markers(p.time, fills), { zOrder: 'top' });
      chart.timeScale().fitContent();
      return chart;
    });
    return block;
  });
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'mark mark-long', text: '▲' }), 'long entry ',
    h('span', { class: 'mark mark-short', text: '▼' }), 'short entry ',
    h('span', { class: 'mark mark-exit', text: '●' }), 'exit (stop, target, trail, signal, risk, end)');
  const sec = section('prices', prices.length > 1 ? 'Prices and trades per symbol' : 'Price and trades', legend, blocks);
  // charts are made once the section is in the page, so they know their width
  sec.mount = () => { sec.charts = charts.map((make) => make()); };
  return sec;
}

function markers(times, fills) {
  // entries are told apart by arrow and colour; exits carry their reason while there are few enough
  const labelled = fills.length <= MAX_LABELLED_MARKERS;
  const list = fills.map((f) => {
    const bar = times[barAt(times, f.time)];
    const buy = f.side === 'buy';
    const title = `${f.intent.replace('_', ' ')} ${f.side} ${quantity(f.quantity)} @ ${price(f.price)}`;
    if (f.intent === 'entry') {
      return {
        time: bar, price: f.price, position: buy ? 'atPriceBottom' : 'atPriceTop',
        shape: buy ? 'arrowUp' : 'arrowDown', color: buy ? palette.gain : palette.loss,
        id: title,
      };
    }
    return {
      time: bar, price: f.price, position: 'atPriceMiddle', shape: 'circle', color: palette.accent,
      text: labelled ? INTENT_LABEL[f.intent] ?? f.intent : '', id: title, size: 0.8,
    };
  });
  return list.sort((a, b) => a.time - b.time);
}
