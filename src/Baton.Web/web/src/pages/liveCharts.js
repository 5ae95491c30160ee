import { BaselineSeries, CandlestickSeries, createSeriesMarkers } from 'lightweight-charts';
import { h, makeChart, palette, money } from '../shared.js';
import { barAt } from '../../../../Baton.Runs/web/src/lib/charts.js';
import { price, quantity } from '../../../../Baton.Runs/web/src/lib/format.js';

/**
 * A live session's charts, fed as its updates come: equity (green above the starting capital, red below) and one
 * candlestick chart per symbol with its fills marked (entries as arrows the way of the position, exits as circles).
 * Times are Unix ms on the wire and seconds on the charts; a point older than the last one drawn is dropped (a chart
 * only grows to the right), a candle older than the last one redraws its symbol.
 */
export function liveEquity(host) {
  let chart = null;
  let series = null;
  let last = -Infinity;
  let start = null;
  const pending = [];
  return {
    mount() {
      chart = makeChart(host, 'Equity of the live session over time');
      series = chart.addSeries(BaselineSeries, {
        topLineColor: palette.gain, topFillColor1: palette.gainFill, topFillColor2: 'rgba(18, 128, 92, 0.02)',
        bottomLineColor: palette.loss, bottomFillColor1: 'rgba(200, 55, 45, 0.02)', bottomFillColor2: palette.lossFill,
        lineWidth: 2, priceLineVisible: false, priceFormat: { type: 'custom', formatter: (v) => money(v), minMove: 0.01 },
      });
      for (const p of pending.splice(0)) this.add(p[0], p[1]);
      if (start !== null) this.start(start);
    },
    start(capital) {
      start = capital;
      series?.applyOptions({ baseValue: { type: 'price', price: capital } });
    },
    reset() {
      last = -Infinity;
      host.dataset.points = '0';
      series?.setData([]);
    },
    add(ms, equity) {
      if (!series) { pending.push([ms, equity]); return; }
      const t = Math.floor(ms / 1000);
      if (t < last || !Number.isFinite(equity)) return;
      if (start === null) this.start(equity);
      series.update({ time: t, value: equity });
      if (last === -Infinity) chart.timeScale().fitContent();
      if (t > last) host.dataset.points = String(Number(host.dataset.points ?? 0) + 1);   // the same time again replaces its point
      last = t;
    },
  };
}

export function livePrices(container) {
  const symbols = new Map();
  const fills = [];
  const ensure = (symbol) => {
    if (symbols.has(symbol)) return symbols.get(symbol);
    const host = h('div', { class: 'chart chart-live-price', dataset: { symbol, bars: '0' } });
    container.append(h('figure', { class: 'price-block', dataset: { symbol } }, h('figcaption', {}, h('strong', { text: symbol })), host));
    const chart = makeChart(host, `${symbol} candles from prices:live with the session's fills marked`);
    const series = chart.addSeries(CandlestickSeries, {
      upColor: palette.gain, downColor: palette.loss, borderVisible: false, wickUpColor: palette.gain, wickDownColor: palette.loss,
      priceFormat: { type: 'custom', formatter: (v) => price(v), minMove: 1e-8 },
    });
    const s = { host, chart, series, bars: [], marks: createSeriesMarkers(series, [], { zOrder: 'top' }) };
    symbols.set(symbol, s);
    return s;
  };
  const mark = (s, symbol) => {
    const times = s.bars.map((b) => b.time);
    if (times.length === 0) return;
    s.marks.setMarkers(fills.filter((f) => f.symbol === symbol).map((f) => marker(times, f)));
  };
  return {
    symbols(list) { for (const symbol of list) ensure(symbol); },
    /** [ts, open, high, low, close] with ts in Unix ms (the candle's open time). */
    candle(symbol, [ts, open, high, low, close]) {
      const s = ensure(symbol);
      const bar = { time: Math.floor(ts / 1000), open, high, low, close };
      const lastBar = s.bars.at(-1);
      if (!lastBar || bar.time > lastBar.time) s.bars.push(bar);
      else if (bar.time === lastBar.time) s.bars[s.bars.length - 1] = bar;
      else {
        s.bars = [...s.bars.filter((b) => b.time !== bar.time), bar].sort((a, b) => a.time - b.time);
        s.series.setData(s.bars);
        mark(s, symbol);
        return;
      }
      s.series.update(bar);
      s.host.dataset.bars = String(s.bars.length);
      if (s.bars.length === 1 || !lastBar) s.chart.timeScale().fitContent();
      if (fills.some((f) => f.symbol === symbol)) mark(s, symbol);
    },
    fill(f) {
      fills.push(f);
      if (fills.length > 500) fills.shift();
      const s = ensure(f.symbol);
      mark(s, f.symbol);
    },
    reset() {
      fills.length = 0;
      for (const s of symbols.values()) {
        s.bars = [];
        s.series.setData([]);
        s.marks.setMarkers([]);
      }
    },
  };
}

function marker(times, f) {
  const bar = times[barAt(times, Math.floor(f.time / 1000))];
  const buy = f.side === 'buy';
  const id = `${String(f.intent ?? '').replace('_', ' ')} ${f.side} ${quantity(f.quantity)} @ ${price(f.price)}`;
  if (f.intent === 'entry') {
    return { time: bar, price: f.price, position: buy ? 'atPriceBottom' : 'atPriceTop', shape: buy ? 'arrowUp' : 'arrowDown', color: buy ? palette.gain : palette.loss, id };
  }
  return { time: bar, price: f.price, position: 'atPriceMiddle', shape: 'circle', color: palette.accent, id, size: 0.8 };
}
