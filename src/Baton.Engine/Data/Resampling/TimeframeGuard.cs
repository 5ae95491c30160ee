using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Engine.Data.Resampling;

/// <summary>
/// Holds every source a run reads to the strategy's timeframe, so a run never trades candles of another length
/// with its times shifted. Per symbol, the step between consecutive candles must be a whole multiple of the
/// timeframe (a missing candle, a weekend, a holiday are gaps, and allowed); a step smaller than the timeframe (finer
/// data) or between two multiples (off the timeframe's grid) stops the run with the candle, its time and the step seen.
/// Coarser data (every step larger than the timeframe: daily candles under a <c>1h</c> strategy, monthly ones under
/// <c>1d</c>) is refused when the stream ends, since only then is it known that no step was one timeframe long.
/// Every candle's close (open + timeframe) must also be a representable time (at most 9999-12-31T23:59:59.999Z).
/// <para>With <c>resample</c>, finer data is turned into candles of the timeframe instead (<see cref="ResamplingStream"/>).
/// The checks cost a subtraction and two comparisons per candle, on the reading side of the run.</para>
/// </summary>
public sealed class TimeframeGuard(ICandleSource inner, bool resample) : ICandleSource
{
    /// <summary>The last open time whose candle, of <paramref name="timeframe"/>, closes at a representable time.</summary>
    public static long LastOpen(Timeframe timeframe) => CandleTimestamp.MaxTime - timeframe.Milliseconds;

    /// <inheritdoc />
    public string Description => inner.Description;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
        CancellationToken cancellationToken)
    {
        var streams = await inner.OpenAsync(symbols, timeframe, range, cancellationToken).ConfigureAwait(false);
        var guarded = new ICandleStream[streams.Count];
        for (int i = 0; i < guarded.Length; i++)
        {
            guarded[i] = resample
                ? new ResamplingStream(streams[i], timeframe, Description)
                : new CheckedStream(streams[i], timeframe, Description);
        }
        return guarded;
    }

    /// <summary>Passes candles through, checking each step against the timeframe.</summary>
    private sealed class CheckedStream(ICandleStream inner, Timeframe timeframe, string source) : ICandleStream
    {
        private readonly long _length = timeframe.Milliseconds;
        private readonly long _lastOpen = LastOpen(timeframe);
        private long _previous = long.MinValue;
        private long _smallest = long.MaxValue;
        private long _smallestAt;
        private long _gaps;
        private long _count;

        public string Symbol => inner.Symbol;

        public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (_count > 1 && _gaps == _count - 1) throw Coarser();   // every step a gap: none one timeframe long
                return 0;
            }
            Check(buffer.Span[..n]);
            return n;
        }

        private void Check(ReadOnlySpan<Candle> candles)
        {
            long previous = _previous;
            for (int i = 0; i < candles.Length; i++)
            {
                long t = candles[i].OpenTime;
                long step = t - previous;
                if (step != _length || t > _lastOpen) Unusual(t, step, previous, _count + i + 1);
                previous = t;
            }
            _previous = previous;
            _count += candles.Length;
        }

        /// <summary>A step other than one timeframe (a gap, or wrong), or the first candle: checked here, off the common path.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Unusual(long time, long step, long previous, long candle)
        {
            if (time > _lastOpen) throw TooLate(source, Symbol, time, candle, timeframe);
            if (previous == long.MinValue) return;
            if (step < _length || step % _length != 0)
            {
                string what = step < _length ? "the data is finer than the strategy" : "not on the timeframe's grid";
                throw new CandleDataException(source, 0, "timestamp", $"{Symbol} candle {candle} at {CandleTimestamp.Format(time)}: "
                    + $"candles {Step(step)} apart, the strategy's timeframe is {timeframe} ({what}; "
                    + "use resample: true in data: or --resample to build candles of the timeframe from finer data)");
            }
            _gaps++;
            if (step < _smallest) (_smallest, _smallestAt) = (step, candle);
        }

        private CandleDataException Coarser() => new(source, 0, "timestamp",
            $"{Symbol}: candles at least {Step(_smallest)} apart (first at candle {_smallestAt}), never one timeframe apart; "
            + $"the strategy's timeframe is {timeframe} (the data is coarser than the strategy)");

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    internal static CandleDataException TooLate(string source, string symbol, long time, long candle, Timeframe timeframe) =>
        new(source, 0, "timestamp", $"{symbol} candle {candle} at {CandleTimestamp.Format(time)}: its close (open + {timeframe}) "
            + "is past 9999-12-31T23:59:59Z, the last representable time");

    /// <summary>A step in milliseconds as a bar length (<c>1h</c>, <c>90m</c>, <c>1500ms</c>).</summary>
    internal static string Step(long milliseconds) => milliseconds % 1000 == 0 && milliseconds > 0
        ? new Timeframe(milliseconds).ToString()
        : milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";
}
