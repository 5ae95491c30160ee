using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// TRIX (Jack Hutson, 1983), percent: the one-bar rate of change of a triple-smoothed EMA,
/// 100 · (E3 / E3[1 ago] − 1), E3 = EMA(EMA(EMA(x))) with SMA-seeded EMAs of <c>period</c>. Warm-up:
/// 3 · period − 1. Definition: TA-Lib <c>TRIX</c>.
/// </summary>
public sealed class Trix : SeriesIndicator
{
    private readonly ExponentialMovingAverage _first;
    private readonly ExponentialMovingAverage _second;
    private readonly ExponentialMovingAverage _third;
    private double _previous = double.NaN;

    public Trix(int period) : base(3 * period - 1)
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
        if (!_third.IsReady) return;
        double current = _third.Value;
        if (!double.IsNaN(_previous)) Values[0] = _previous != 0.0 ? (current / _previous - 1.0) * 100.0 : 0.0;
        _previous = current;
    }

    protected override void ResetState()
    {
        _first.Reset();
        _second.Reset();
        _third.Reset();
        _previous = double.NaN;
    }
}
