using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Williams %R (Larry Williams, 1973), −100..0: −100 · (HH − close) / (HH − LL) over the last
/// <c>period</c> bars including the current one; 0 when HH = LL. Warm-up: <c>period</c>. Matches TA-Lib
/// <c>WILLR</c>, including its evaluation order (a close at the low can give −100 minus one ulp).
/// </summary>
public sealed class WilliamsPercentRange : Indicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;

    public WilliamsPercentRange(int period) : base(period)
    {
        _highest = new RollingExtreme(period, highest: true);
        _lowest = new RollingExtreme(period, highest: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _highest.Add(candle.High);
        _lowest.Add(candle.Low);
        if (!_highest.IsFull) return;
        double range = (_highest.Value - _lowest.Value) / -100.0;
        Values[0] = range != 0.0 ? (_highest.Value - candle.Close) / range : 0.0;
    }

    protected override void ResetState()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
