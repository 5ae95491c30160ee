using Baton.Core.Market;

namespace Baton.Core.Indicators;

/// <summary>
/// Wilder's smoothed directional movement and true range, shared by <see cref="AverageDirectionalIndex"/>,
/// <see cref="PlusDirectionalIndicator"/> and <see cref="MinusDirectionalIndicator"/>, TA-Lib flavour:
/// +DM = up-move when it is positive and larger than the down-move, −DM = down-move when positive and
/// larger than the up-move (a tie counts neither). +DM, −DM and TR are summed over bars 1..period−1, then
/// smoothed as S = S − S/period + x from bar <c>period</c>, where the directional indicators first exist.
/// </summary>
internal sealed class DirectionalMovement
{
    private readonly int _period;
    private int _count;
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private double _plus;
    private double _minus;
    private double _range;

    public DirectionalMovement(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        _period = period;
    }

    /// <summary>+DI in percent (0 when the smoothed true range is ~0); valid once Update returned true.</summary>
    public double PlusIndicator => Precision.IsZero(_range) ? 0.0 : 100.0 * (_plus / _range);

    /// <summary>−DI in percent (0 when the smoothed true range is ~0).</summary>
    public double MinusIndicator => Precision.IsZero(_range) ? 0.0 : 100.0 * (_minus / _range);

    /// <summary>False when the smoothed true range is ~0 (the bar carries no direction at all).</summary>
    public bool HasRange => !Precision.IsZero(_range);

    /// <summary>Feeds one bar; true once the smoothed values (and so ±DI) exist.</summary>
    public bool Update(in Candle candle)
    {
        if (_count == 0)
        {
            Remember(candle);
            _count = 1;
            return false;
        }
        double up = candle.High - _previousHigh;
        double down = _previousLow - candle.Low;
        double plus = up > 0 && up > down ? up : 0.0;
        double minus = down > 0 && up < down ? down : 0.0;
        double range = TrueRange.Of(candle.High, candle.Low, _previousClose);
        Remember(candle);
        if (_count < _period)
        {
            _plus += plus;
            _minus += minus;
            _range += range;
            _count++;
            return false;
        }
        _plus = _plus - _plus / _period + plus;
        _minus = _minus - _minus / _period + minus;
        _range = _range - _range / _period + range;
        return true;
    }

    private void Remember(in Candle candle)
    {
        _previousHigh = candle.High;
        _previousLow = candle.Low;
        _previousClose = candle.Close;
    }

    public void Clear()
    {
        _count = 0;
        _plus = 0;
        _minus = 0;
        _range = 0;
    }
}
