using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Triple exponential moving average (Mulloy, 1994), in the units of its input:
/// 3 · EMA1 − 3 · EMA2 + EMA3, each EMA(period) applied to the previous one and seeded with a simple mean.
/// Warm-up: 3 · period − 2. Matches TA-Lib <c>TEMA</c>.
/// </summary>
public sealed class TripleExponentialMovingAverage : SeriesIndicator
{
    private readonly ExponentialMovingAverage _first;
    private readonly ExponentialMovingAverage _second;
    private readonly ExponentialMovingAverage _third;

    public TripleExponentialMovingAverage(int period) : base(3 * period - 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _first = new ExponentialMovingAverage(period);
        _second = new ExponentialMovingAverage(period);
        _third = new ExponentialMovingAverage(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _first.Update(value);
        if (!_first.IsReady) return;
        _second.Update(_first.Value);
        if (!_second.IsReady) return;
        _third.Update(_second.Value);
        if (_third.IsReady) Values[0] = 3.0 * _first.Value - 3.0 * _second.Value + _third.Value;
    }

    protected override void ResetState()
    {
        _first.Reset();
        _second.Reset();
        _third.Reset();
    }
}
