using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Average true range (Wilder, 1978), in price units: a Wilder average (<see cref="WildersMovingAverage"/>)
/// of <see cref="TrueRange"/>, which starts at the second bar; the first value is the mean of the first
/// <c>period</c> true ranges. Warm-up: <c>period + 1</c>. Matches TA-Lib <c>ATR</c>.
/// </summary>
public sealed class AverageTrueRange : Indicator
{
    private readonly WildersMovingAverage _average;
    private double _previousClose;
    private bool _hasPrevious;

    public AverageTrueRange(int period) : base(period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _average = new WildersMovingAverage(period);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (_hasPrevious)
        {
            _average.Update(TrueRange.Of(candle.High, candle.Low, _previousClose));
            Values[0] = _average.Value;
        }
        _previousClose = candle.Close;
        _hasPrevious = true;
    }

    protected override void ResetState()
    {
        _average.Reset();
        _previousClose = 0;
        _hasPrevious = false;
    }
}
