using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Keltner channel, in price units (Linda Raschke's modern form of Chester Keltner's 1960 channel).
/// Outputs: <c>upper</c> = middle + multiplier · ATR(atr_period), <c>middle</c> = EMA(period) of the typical
/// price (high + low + close) / 3, <c>lower</c> = middle − multiplier · ATR. EMA and ATR are as
/// <see cref="ExponentialMovingAverage"/> and <see cref="AverageTrueRange"/> (TA-Lib seeding). Warm-up:
/// max(period, atr_period + 1).
/// </summary>
public sealed class KeltnerChannel : Indicator
{
    private readonly ExponentialMovingAverage _middle;
    private readonly AverageTrueRange _atr;
    private readonly double _multiplier;

    public KeltnerChannel(int period, double multiplier, int atrPeriod) : base(Math.Max(period, atrPeriod + 1), 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(multiplier);
        _middle = new ExponentialMovingAverage(period);
        _atr = new AverageTrueRange(atrPeriod);
        _multiplier = multiplier;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        _middle.Update(candle.Hlc3);
        _atr.Update(candle);
        if (!_middle.IsReady || !_atr.IsReady) return;
        double width = _multiplier * _atr.Value;
        Values[0] = _middle.Value + width;
        Values[1] = _middle.Value;
        Values[2] = _middle.Value - width;
    }

    protected override void ResetState()
    {
        _middle.Reset();
        _atr.Reset();
    }
}
