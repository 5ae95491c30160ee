using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Relative strength index, 0..100 (J. Welles Wilder, <i>New Concepts in Technical Trading Systems</i>, 1978):
/// 100 · G / (G + L), where G and L are Wilder averages (<see cref="WildersMovingAverage"/>) of the gains and
/// losses of successive inputs, seeded with simple means of the first <c>period</c> changes. 0 when there
/// are neither gains nor losses (TA-Lib's convention, not 50). Warm-up: <c>period + 1</c> (the first input
/// has no change). Matches TA-Lib <c>RSI</c>.
/// </summary>
public sealed class RelativeStrengthIndex : SeriesIndicator
{
    private WilderSmoothing _gains;     // inline state, not objects: two fewer indirections per update
    private WilderSmoothing _losses;
    private double _previous;
    private bool _hasPrevious;

    public RelativeStrengthIndex(int period) : base(period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _gains = new WilderSmoothing(period);
        _losses = new WilderSmoothing(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        double change = value - _previous;
        _previous = value;
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return;
        }
        _gains.Update(change > 0 ? change : 0.0);
        _losses.Update(change < 0 ? -change : 0.0);
        if (!_gains.IsReady) return;
        double total = _gains.Value + _losses.Value;
        Values[0] = Precision.IsZero(total) ? 0.0 : 100.0 * (_gains.Value / total);
    }

    protected override void ResetState()
    {
        _gains.Reset();
        _losses.Reset();
        _previous = 0;
        _hasPrevious = false;
    }
}
