using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Aroon (Tushar Chande, 1995), 0..100. Over the last <c>period</c> + 1 bars (the current one included):
/// <c>up</c> = 100 · (period − bars since the highest high) / period, <c>down</c> the same for the lowest
/// low, <c>osc</c> = up − down (−100..100). On ties the most recent extreme counts. Warm-up:
/// <c>period + 1</c>. Definition: TA-Lib <c>AROON</c> and <c>AROONOSC</c>.
/// </summary>
public sealed class Aroon : Indicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private readonly double _factor;
    private readonly int _period;

    public Aroon(int period) : base(period + 1, 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _highest = new RollingExtreme(period + 1, highest: true);
        _lowest = new RollingExtreme(period + 1, highest: false);
        _period = period;
        _factor = 100.0 / period;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _highest.Add(candle.High);
        _lowest.Add(candle.Low);
        if (!_highest.IsFull) return;
        double up = _factor * (_period - _highest.Age);
        double down = _factor * (_period - _lowest.Age);
        Values[0] = up;
        Values[1] = down;
        Values[2] = up - down;
    }

    protected override void ResetState()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
