using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Parabolic stop-and-reverse (Wilder, 1978), in price units. Outputs: <c>value</c> = the SAR in force
/// for the current bar (computed from earlier bars, or the reversal level when this bar crossed it) and
/// <c>direction</c> = +1 long, −1 short. The first direction is short when the second bar's down-move
/// exceeds its up-move, else long; each new extreme point raises the acceleration by <c>acceleration</c>
/// up to <c>maximum</c>; the SAR never enters the last two bars' range. Warm-up: 2. Follows TA-Lib
/// <c>SAR</c>.
/// </summary>
public sealed class ParabolicSar : Indicator
{
    private readonly double _step;
    private readonly double _maximum;
    private int _count;
    private bool _long;
    private double _sar;
    private double _extreme;
    private double _factor;
    private double _previousHigh;
    private double _previousLow;

    public ParabolicSar(double acceleration, double maximum) : base(2, 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(acceleration);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, acceleration);
        _step = acceleration;
        _maximum = maximum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(in Candle candle)
    {
        if (_count == 0)
        {
            _count = 1;
            Remember(candle);
            return;
        }
        if (_count == 1) Start(candle);
        if (_long) StepLong(candle.High, candle.Low);
        else StepShort(candle.High, candle.Low);
        Remember(candle);
        Values[1] = _long ? 1.0 : -1.0;
    }

    private void Start(in Candle candle)
    {
        double up = candle.High - _previousHigh, down = _previousLow - candle.Low;
        _long = !(down > 0 && up < down);
        _sar = _long ? _previousLow : _previousHigh;
        _extreme = _long ? candle.High : candle.Low;
        _factor = _step;
        _count = 2;
        Remember(candle); // the first step treats the second bar as its own predecessor
    }

    private void StepLong(double high, double low)
    {
        if (low <= _sar)
        {
            _long = false;
            _sar = Math.Max(_extreme, Math.Max(_previousHigh, high));
            Values[0] = _sar;
            _factor = _step;
            _extreme = low;
            _sar = Math.Max(_sar + _factor * (_extreme - _sar), Math.Max(_previousHigh, high));
            return;
        }
        Values[0] = _sar;
        if (high > _extreme)
        {
            _extreme = high;
            _factor = Math.Min(_factor + _step, _maximum);
        }
        _sar = Math.Min(_sar + _factor * (_extreme - _sar), Math.Min(_previousLow, low));
    }

    private void StepShort(double high, double low)
    {
        if (high >= _sar)
        {
            _long = true;
            _sar = Math.Min(_extreme, Math.Min(_previousLow, low));
            Values[0] = _sar;
            _factor = _step;
            _extreme = high;
            _sar = Math.Min(_sar + _factor * (_extreme - _sar), Math.Min(_previousLow, low));
            return;
        }
        Values[0] = _sar;
        if (low < _extreme)
        {
            _extreme = low;
            _factor = Math.Min(_factor + _step, _maximum);
        }
        _sar = Math.Max(_sar + _factor * (_extreme - _sar), Math.Max(_previousHigh, high));
    }

    private void Remember(in Candle candle)
    {
        _previousHigh = candle.High;
        _previousLow = candle.Low;
    }

    protected override void ResetState()
    {
        _count = 0;
        _long = false;
        _sar = 0;
        _extreme = 0;
        _factor = 0;
        _previousHigh = 0;
        _previousLow = 0;
    }
}
