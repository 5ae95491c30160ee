using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// SuperTrend (Olivier Seban), a trailing stop in price units. Basic bands are hl2 ± multiplier · ATR(period)
/// (<see cref="AverageTrueRange"/>, TA-Lib seeding). The lower band cannot fall while the previous close is
/// at or above the previous lower band; the upper band cannot rise while the previous close is at or below
/// the previous upper band. A downtrend turns up when the close exceeds the current upper band; an uptrend
/// turns down when the close falls below the current lower band; the first bar is a downtrend. Outputs:
/// <c>value</c> = the lower band in an uptrend, the upper band in a downtrend; <c>direction</c> = +1 (up) or
/// −1 (down). Warm-up: <c>period + 1</c> (the ATR's). Rules as TradingView's <c>ta.supertrend</c>, whose
/// direction has the opposite sign (−1 = up there).
/// </summary>
public sealed class SuperTrend : Indicator
{
    private readonly AverageTrueRange _atr;
    private readonly double _multiplier;
    private double _lower;
    private double _upper;
    private double _previousClose;
    private int _direction;

    public SuperTrend(int period, double multiplier) : base(period + 1, 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(multiplier);
        _atr = new AverageTrueRange(period);
        _multiplier = multiplier;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _atr.Update(candle);
        if (_atr.IsReady) Step(candle);
        _previousClose = candle.Close;
    }

    private void Step(in Candle candle)
    {
        double mid = candle.Hl2;
        double width = _multiplier * _atr.Value;
        double lower = mid - width, upper = mid + width;
        if (_direction == 0)
        {
            _direction = -1;
        }
        else
        {
            if (lower <= _lower && _previousClose >= _lower) lower = _lower;
            if (upper >= _upper && _previousClose <= _upper) upper = _upper;
            if (_direction < 0) _direction = candle.Close > upper ? 1 : -1;
            else _direction = candle.Close < lower ? -1 : 1;
        }
        _lower = lower;
        _upper = upper;
        Values[0] = _direction > 0 ? lower : upper;
        Values[1] = _direction;
    }

    protected override void ResetState()
    {
        _atr.Reset();
        _lower = 0;
        _upper = 0;
        _previousClose = 0;
        _direction = 0;
    }
}
