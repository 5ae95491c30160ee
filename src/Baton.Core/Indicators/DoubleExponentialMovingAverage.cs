using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Double exponential moving average (Mulloy, 1994), in the units of its input: 2 · EMA1 − EMA2, where
/// EMA1 = EMA(period) of the input and EMA2 = EMA(period) of EMA1, each seeded with a simple mean.
/// Warm-up: 2 · period − 1. Matches TA-Lib <c>DEMA</c>.
/// </summary>
public sealed class DoubleExponentialMovingAverage : SeriesIndicator
{
    private readonly ExponentialMovingAverage _first;
    private readonly ExponentialMovingAverage _second;

    public DoubleExponentialMovingAverage(int period) : base(2 * period - 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _first = new ExponentialMovingAverage(period);
        _second = new ExponentialMovingAverage(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _first.Update(value);
        if (!_first.IsReady) return;
        _second.Update(_first.Value);
        if (_second.IsReady) Values[0] = 2.0 * _first.Value - _second.Value;
    }

    protected override void ResetState()
    {
        _first.Reset();
        _second.Reset();
    }
}
