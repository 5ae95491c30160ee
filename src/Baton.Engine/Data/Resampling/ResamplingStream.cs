using Baton.Core.Market;

namespace Baton.Engine.Data.Resampling;

/// <summary>
/// Turns a stream of finer candles into candles of the strategy's timeframe (<c>resample: true</c>, <c>--resample</c>)
/// with <see cref="CandleResampler"/>: periods aligned on the Unix epoch in UTC (a day from 00:00 UTC, a week from
/// Thursday), open of the first candle in the period, close of the last, extremes of all, volumes added. A period's
/// candle is handed out when a candle of a later period arrives or the data ends, so the data's own bar length never
/// needs to be known. The input must fit the periods: its bar length (the smallest step) must divide the timeframe and
/// every open time must be on the grain of its steps (hourly candles at :00 to 4h; not 3h candles, candles at :30, or
/// data coarser than the timeframe). A gap at the start can make the first steps look longer than the bars, so this is
/// known only when the stream ends, and is reported then (the run's files are discarded, as for any error).
/// </summary>
internal sealed class ResamplingStream(ICandleStream inner, Timeframe timeframe, string source) : ICandleStream
{
    private readonly CandleResampler _resampler = new(new Timeframe(1), timeframe);
    private readonly long _length = timeframe.Milliseconds;
    private readonly long _lastOpen = TimeframeGuard.LastOpen(timeframe);
    private Candle[] _input = [];
    private long _grain;
    private long _previous;
    private long _first;
    private long _smallest = long.MaxValue;
    private long _count;
    private long _emitted;
    private bool _ended;

    public string Symbol => inner.Symbol;

    public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
    {
        int written = 0;
        while (written == 0 && !_ended && buffer.Length > 0)
        {
            if (_input.Length != buffer.Length) _input = new Candle[buffer.Length];
            int n = await inner.ReadAsync(_input, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _ended = true;
                CheckEnd();
                if (_resampler.TryFlush(out var last)) buffer.Span[written++] = Emit(last);
                break;
            }
            written = Resample(_input.AsSpan(0, n), buffer.Span);
        }
        return written;
    }

    /// <summary>Each input closes at most the period before it and its own, and a closed period holds at least one input,
    /// so <paramref name="candles"/>.Length outputs at most.</summary>
    private int Resample(ReadOnlySpan<Candle> candles, Span<Candle> output)
    {
        int written = 0;
        foreach (ref readonly var candle in candles)
        {
            Check(candle.OpenTime);
            int closed = _resampler.Add(candle, out var first, out var second);
            if (closed > 0) output[written++] = Emit(first);
            if (closed > 1) output[written++] = Emit(second);
        }
        return written;
    }

    private void Check(long time)
    {
        _count++;
        if (_count == 1)
        {
            (_first, _previous, _grain) = (time, time, _length);
            return;
        }
        long step = time - _previous;
        _previous = time;
        if (step < _smallest) _smallest = step;
        if (step % _grain != 0) _grain = Gcd(_grain, step);
    }

    private void CheckEnd()
    {
        if (_count < 2) return;   // one candle: its length is unknown, any period can hold it
        if (_length % _smallest != 0)
        {
            string why = _smallest > _length ? "the data is coarser than the strategy" : "they do not divide it";
            throw new CandleDataException(source, 0, "timestamp", $"{Symbol}: candles at least {TimeframeGuard.Step(_smallest)} apart "
                + $"cannot be resampled to the strategy's timeframe {timeframe} ({why})");
        }
        if (_first % _grain != 0) throw OffGrid(_first, _smallest);
    }

    private Candle Emit(in Candle candle)
    {
        _emitted++;
        if (candle.OpenTime > _lastOpen) throw TimeframeGuard.TooLate(source, Symbol, candle.OpenTime, _emitted, timeframe);
        return candle;
    }

    private CandleDataException OffGrid(long time, long step) => new(source, 0, "timestamp",
        $"{Symbol} candle 1 at {CandleTimestamp.Format(time)}: candles {TimeframeGuard.Step(step)} apart starting there cannot be "
        + $"resampled to the strategy's timeframe {timeframe}: they straddle its periods, which are aligned on 1970-01-01T00:00:00Z");

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
