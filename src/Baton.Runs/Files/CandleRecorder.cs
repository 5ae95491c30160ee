using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Runs.Folder;

namespace Baton.Runs.Files;

/// <summary>A bar of the price chart: one candle, or several consecutive candles merged (<see cref="Candles"/>).</summary>
internal readonly record struct ChartBar(Candle Candle, long Candles) : IMergeable<ChartBar>
{
    /// <summary>Open of the earlier, close of the later, the extremes of both, volumes added.</summary>
    public static ChartBar Merge(in ChartBar a, in ChartBar b) => new(
        new Candle(a.Candle.OpenTime, a.Candle.Open, Math.Max(a.Candle.High, b.Candle.High), Math.Min(a.Candle.Low, b.Candle.Low),
            b.Candle.Close, a.Candle.Volume + b.Candle.Volume),
        a.Candles + b.Candles);

    /// <summary>Merges <paramref name="later"/> candles, in order, into <paramref name="bar"/>: the same bar as merging
    /// them one by one. Compiled fully optimised at once (it runs per batch of candles, and its ahead-of-time code could
    /// not inline the candle's properties, which live in another assembly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Extend(ref ChartBar bar, ReadOnlySpan<Candle> later)
    {
        if (later.IsEmpty) return;
        var c = bar.Candle;
        double high = c.High, low = c.Low, volume = c.Volume;
        foreach (ref readonly var next in later)
        {
            high = Math.Max(high, next.High);
            low = Math.Min(low, next.Low);
            volume += next.Volume;
        }
        bar = new ChartBar(new Candle(c.OpenTime, c.Open, high, low, later[^1].Close, volume), bar.Candles + later.Length);
    }
}

/// <summary>
/// Wraps a candle source and keeps, per symbol, the candles the run read, for the report's price charts:
/// every candle while a symbol has at most <see cref="MaxBarsPerSymbol"/>, else consecutive candles merged
/// in groups of 2, 4, 8 ... (see <see cref="Downsampler{T}"/>), so memory stays bounded on any run. Used only
/// when a run writes files: the engine's loop never sees it.
/// </summary>
internal sealed class CandleRecorder(ICandleSource inner) : ICandleSource
{
    /// <summary>Most chart bars kept per symbol.</summary>
    public const int MaxBarsPerSymbol = 5000;

    private readonly List<(string Symbol, Downsampler<ChartBar> Bars)> _symbols = [];

    public string Description => inner.Description;

    public async ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
        CancellationToken cancellationToken)
    {
        var streams = await inner.OpenAsync(symbols, timeframe, range, cancellationToken).ConfigureAwait(false);
        var recorded = new ICandleStream[streams.Count];
        for (int i = 0; i < streams.Count; i++)
        {
            var bars = new Downsampler<ChartBar>(MaxBarsPerSymbol);
            _symbols.Add((streams[i].Symbol, bars));
            recorded[i] = new RecordingStream(streams[i], bars);
        }
        return recorded;
    }

    /// <summary>Writes <c>candles.csv</c>: <c>symbol,time,open,high,low,close,volume,candles</c>, symbols in the
    /// strategy's order, each in time order; <c>time</c> is the open time of the bar's first candle.</summary>
    public void Write(string path) =>
        AtomicFile.Write(path, w =>
        {
            w.Write("symbol,time,open,high,low,close,volume,candles\n");
            foreach (var (symbol, bars) in _symbols)
                foreach (var bar in bars.Items)
                {
                    var c = bar.Candle;
                    w.Write(string.Join(',', ResultWriter.Csv(symbol), Formats.Time(c.OpenTime), Formats.Number(c.Open),
                        Formats.Number(c.High), Formats.Number(c.Low), Formats.Number(c.Close), Formats.Number(c.Volume),
                        bar.Candles.ToString(CultureInfo.InvariantCulture)));
                    w.Write('\n');
                }
        });

    private sealed class RecordingStream(ICandleStream inner, Downsampler<ChartBar> bars) : ICandleStream
    {
        public string Symbol => inner.Symbol;

        public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Record(buffer.Span[..n]);
            return n;
        }

        private void Record(ReadOnlySpan<Candle> candles)
        {
            while (!candles.IsEmpty)
            {
                long room = bars.Room;   // candles the last bar still stands for
                if (room == 0)
                {
                    bars.Add(new ChartBar(candles[0], 1));
                    candles = candles[1..];
                    continue;
                }
                int take = (int)Math.Min(room, candles.Length);
                ChartBar.Extend(ref bars.Last, candles[..take]);
                bars.Merged(take);
                candles = candles[take..];
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
