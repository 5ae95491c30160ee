using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Highest high of the last <c>period</c> bars, the current bar included, in price units (the upper
/// Donchian band). Warm-up: <c>period</c>. Matches TA-Lib <c>MAX</c> applied to highs.
/// </summary>
public sealed class HighestHigh : Indicator
{
    private readonly RollingExtreme _window;

    public HighestHigh(int period) : base(period)
    {
        _window = new RollingExtreme(period, highest: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _window.Add(candle.High);
        if (_window.IsFull) Values[0] = _window.Value;
    }

    protected override void ResetState() => _window.Clear();
}
