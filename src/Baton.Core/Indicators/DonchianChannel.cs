using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Donchian channel (Richard Donchian), in price units. Outputs: <c>upper</c> = highest high, <c>lower</c> =
/// lowest low of the last <c>period</c> bars INCLUDING the current one, <c>middle</c> = their mean. A
/// breakout rule must compare the close with the previous bar's channel, since the current bar is inside
/// its own. Warm-up: <c>period</c>. Upper and lower match TA-Lib <c>MAX</c>(high) and <c>MIN</c>(low).
/// </summary>
public sealed class DonchianChannel : Indicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;

    public DonchianChannel(int period) : base(period, 3)
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
        Values[0] = _highest.Value;
        Values[1] = _lowest.Value;
        Values[2] = (_highest.Value + _lowest.Value) / 2.0;
    }

    protected override void ResetState()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
