namespace Baton.Core.Market;

/// <summary>
/// Builds candles of a higher timeframe from base candles, causally: a higher candle is handed out only once
/// it has closed — when the base candle that ends its period arrives, or, if that one is missing from the
/// data, when the first base candle of a later period arrives. Periods are aligned on the Unix epoch in UTC
/// (a day starts at 00:00 UTC; a week on Thursday 1970-01-01, as epoch alignment gives). O(1), no allocation.
/// </summary>
public sealed class CandleResampler
{
    private readonly long _higher;
    private readonly long _baseLength;
    private bool _hasData;
    private Candle _building;

    /// <param name="baseTimeframe">The timeframe of the candles fed in.</param>
    /// <param name="higherTimeframe">A whole multiple of the base, larger than it.</param>
    public CandleResampler(Timeframe baseTimeframe, Timeframe higherTimeframe)
    {
        if (higherTimeframe.Milliseconds <= baseTimeframe.Milliseconds || higherTimeframe.Milliseconds % baseTimeframe.Milliseconds != 0)
            throw new ArgumentException($"{higherTimeframe} is not a whole multiple of {baseTimeframe}", nameof(higherTimeframe));
        _higher = higherTimeframe.Milliseconds;
        _baseLength = baseTimeframe.Milliseconds;
    }

    /// <summary>Base candles in one higher candle.</summary>
    public long Ratio => _higher / _baseLength;

    /// <summary>Adds a base candle. Returns how many higher candles closed (0, 1 or 2) and puts them in order in
    /// <paramref name="first"/> and <paramref name="second"/>.</summary>
    public int Add(in Candle candle, out Candle first, out Candle second)
    {
        first = second = default;
        int closed = 0;
        long period = FloorTo(candle.OpenTime, _higher);
        if (_hasData && period != _building.OpenTime)
        {
            first = _building;
            closed = 1;
            _hasData = false;
        }
        if (_hasData)
            _building = _building with
            {
                High = Math.Max(_building.High, candle.High),
                Low = Math.Min(_building.Low, candle.Low),
                Close = candle.Close,
                Volume = _building.Volume + candle.Volume,
            };
        else
        {
            _building = candle with { OpenTime = period };
            _hasData = true;
        }
        if (candle.OpenTime + _baseLength == period + _higher)
        {
            if (closed == 0) first = _building; else second = _building;
            closed++;
            _hasData = false;
        }
        return closed;
    }

    /// <summary>Hands out the higher candle still being built, if any: at the end of the data no later base candle will
    /// close it. False when none is open.</summary>
    public bool TryFlush(out Candle candle)
    {
        candle = _building;
        bool open = _hasData;
        _hasData = false;
        return open;
    }

    public void Reset() => _hasData = false;

    private static long FloorTo(long value, long step)
    {
        long q = value / step;
        if (value % step < 0) q--;
        return q * step;
    }
}
