using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Exponential moving average, in the units of its input. k = 2 / (period + 1); the first value, after
/// <c>period</c> inputs, is the simple mean of those inputs, then EMA = k · x + (1 − k) · EMA. Warm-up:
/// <c>period</c>. Matches TA-Lib <c>EMA</c> (TA_COMPATIBILITY_DEFAULT, SMA seed).
/// </summary>
public sealed class ExponentialMovingAverage : SeriesIndicator
{
    private readonly int _period;
    private readonly double _k, _decay;
    private int _count;
    private double _seedSum;

    public ExponentialMovingAverage(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _k = 2.0 / (period + 1);
        _decay = 1 - _k;
    }

    public int Period => _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        if (_count < _period)
        {
            _seedSum += value;
            if (++_count == _period) Values[0] = _seedSum / _period;
            return;
        }
        // k·x + (1 − k)·EMA: the product k·x does not wait for the previous EMA, so the chain from one update to
        // the next is a single fused multiply-add.
        Values[0] = Math.FusedMultiplyAdd(Values[0], _decay, value * _k);
    }

    protected override void ResetState()
    {
        _count = 0;
        _seedSum = 0;
    }
}
