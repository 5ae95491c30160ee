using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Lowest low of the last <c>period</c> bars, the current bar included, in price units (the lower
/// Donchian band). Warm-up: <c>period</c>. Matches TA-Lib <c>MIN</c> applied to lows.
/// </summary>
public sealed class LowestLow : Indicator
{
    private readonly RollingExtreme _window;

    public LowestLow(int period) : base(period)
    {
        _window = new RollingExtreme(period, highest: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _window.Add(candle.Low);
        if (_window.IsFull) Values[0] = _window.Value;
    }

    protected override void ResetState() => _window.Clear();
}
