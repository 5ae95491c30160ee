using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// True range (Wilder, 1978), in price units: max(high, previous close) − min(low, previous close). The
/// first bar has no previous close and no value. Warm-up: 2. Matches TA-Lib <c>TRANGE</c>.
/// </summary>
public sealed class TrueRange : Indicator
{
    private double _previousClose;
    private bool _hasPrevious;

    public TrueRange() : base(2)
    {
    }

    /// <summary>The true range of a bar given the previous bar's close (TA-Lib's evaluation order).</summary>
    public static double Of(double high, double low, double previousClose)
    {
        double range = high - low;
        double up = Math.Abs(previousClose - high);
        if (up > range) range = up;
        double down = Math.Abs(previousClose - low);
        return down > range ? down : range;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (_hasPrevious) Values[0] = Of(candle.High, candle.Low, _previousClose);
        _previousClose = candle.Close;
        _hasPrevious = true;
    }

    protected override void ResetState()
    {
        _previousClose = 0;
        _hasPrevious = false;
    }
}
