using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Hull moving average (Alan Hull, 2005), in the units of its input:
/// WMA(2 · WMA(x, ⌊period/2⌋) − WMA(x, period), ⌊√period⌋). Warm-up: period + ⌊√period⌋ − 1.
/// </summary>
public sealed class HullMovingAverage : SeriesIndicator
{
    private readonly WeightedMovingAverage _half;
    private readonly WeightedMovingAverage _full;
    private readonly WeightedMovingAverage _smooth;

    public HullMovingAverage(int period) : base(WarmUp(period))
    {
        _half = new WeightedMovingAverage(period / 2);
        _full = new WeightedMovingAverage(period);
        _smooth = new WeightedMovingAverage(SmoothingPeriod(period));
    }

    private static int SmoothingPeriod(int period) => (int)Math.Sqrt(period);

    private static int WarmUp(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        return period + SmoothingPeriod(period) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _half.Update(value);
        _full.Update(value);
        if (!_full.IsReady) return;
        _smooth.Update(2.0 * _half.Value - _full.Value);
        if (_smooth.IsReady) Values[0] = _smooth.Value;
    }

    protected override void ResetState()
    {
        _half.Reset();
        _full.Reset();
        _smooth.Reset();
    }
}
