using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Midpoint of the last <c>period</c> inputs, in their units: (highest + lowest) / 2, the current input
/// included. Warm-up: <c>period</c>. Definition: TA-Lib <c>MIDPOINT</c>.
/// </summary>
public sealed class MidPoint : SeriesIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;

    public MidPoint(int period) : base(period)
    {
        _highest = new RollingExtreme(period, highest: true);
        _lowest = new RollingExtreme(period, highest: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        _highest.Add(value);
        _lowest.Add(value);
        if (_highest.IsFull) Values[0] = (_highest.Value + _lowest.Value) / 2.0;
    }

    protected override void ResetState()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
