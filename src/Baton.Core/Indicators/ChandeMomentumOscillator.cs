using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Chande momentum oscillator, −100..100 (Tushar Chande and Stanley Kroll, <i>The New Technical Trader</i>,
/// 1994): 100 · (U − D) / (U + D), U and D the SUMS of the up and down changes over the last <c>period</c>
/// changes; 0 when both are 0. Warm-up: <c>period + 1</c>. This is the published definition; TA-Lib's
/// <c>CMO</c> instead Wilder-smooths U and D like its RSI, and differs.
/// </summary>
public sealed class ChandeMomentumOscillator : SeriesIndicator
{
    private readonly RollingSum _up;
    private readonly RollingSum _down;
    private double _previous;
    private bool _hasPrevious;

    public ChandeMomentumOscillator(int period) : base(period + 1)
    {
        _up = new RollingSum(period);
        _down = new RollingSum(period);
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
        _up.Add(change > 0 ? change : 0.0);
        _down.Add(change < 0 ? -change : 0.0);
        if (!_up.IsFull) return;
        double total = _up.Sum + _down.Sum;
        Values[0] = total > 0 ? 100.0 * ((_up.Sum - _down.Sum) / total) : 0.0;
    }

    protected override void ResetState()
    {
        _up.Clear();
        _down.Clear();
        _previous = 0;
        _hasPrevious = false;
    }
}
