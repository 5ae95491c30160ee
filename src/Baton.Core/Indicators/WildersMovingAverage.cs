using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Wilder's smoothed moving average (also called SMMA or RMA), in the units of its input: the first value,
/// after <c>period</c> inputs, is their simple mean, then RMA = (RMA · (period − 1) + x) / period, an EMA
/// with k = 1 / period. Warm-up: <c>period</c>. Definition: J. Welles Wilder, <i>New Concepts in Technical
/// Trading Systems</i> (1978); the smoothing inside TA-Lib <c>RSI</c> and <c>ATR</c>.
/// </summary>
public sealed class WildersMovingAverage : SeriesIndicator
{
    private WilderSmoothing _average;   // the arithmetic, shared with RSI

    public WildersMovingAverage(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _average = new WilderSmoothing(period);
    }

    public int Period { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _average.Update(value);
        if (_average.IsReady) Values[0] = _average.Value;
    }

    protected override void ResetState() => _average.Reset();
}
