using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Average directional index (Wilder, 1978), 0..100, with its directional indicators. Outputs: <c>adx</c>,
/// <c>plus_di</c>, <c>minus_di</c> (percent). DX = 100 · |+DI − −DI| / (+DI + −DI); the first ADX is the mean
/// of the first <c>period</c> DX values, then ADX = (ADX · (period − 1) + DX) / period; a bar whose smoothed
/// true range or DI sum is ~0 leaves ADX unchanged. Warm-up: 2 · period (28 for 14); plus_di and minus_di
/// from period + 1. Smoothing and seeding as in <see cref="DirectionalMovement"/>. Matches TA-Lib
/// <c>ADX</c>, <c>PLUS_DI</c> and <c>MINUS_DI</c>.
/// </summary>
public sealed class AverageDirectionalIndex : Indicator
{
    private readonly DirectionalMovement _movement;
    private readonly int _period;
    private int _dxCount;
    private double _dxSum;

    public AverageDirectionalIndex(int period) : base(2 * period, 3)
    {
        _movement = new DirectionalMovement(period);
        _period = period;
        SetOutputWarmUpPeriod(1, period + 1);
        SetOutputWarmUpPeriod(2, period + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (!_movement.Update(candle)) return;
        double plus = _movement.PlusIndicator;
        double minus = _movement.MinusIndicator;
        Values[1] = plus;
        Values[2] = minus;
        double sum = plus + minus;
        bool hasDx = _movement.HasRange && !Precision.IsZero(sum);
        double dx = hasDx ? 100.0 * (Math.Abs(minus - plus) / sum) : 0.0;
        if (_dxCount < _period)
        {
            _dxSum += dx;
            if (++_dxCount == _period) Values[0] = _dxSum / _period;
            return;
        }
        if (hasDx) Values[0] = (Values[0] * (_period - 1) + dx) / _period;
    }

    protected override void ResetState()
    {
        _movement.Clear();
        _dxCount = 0;
        _dxSum = 0;
    }
}
