namespace Baton.Core.Indicators;

/// <summary>
/// Wilder's smoothed moving average (also called SMMA or RMA), in the units of its input: the first value,
/// after <c>period</c> inputs, is their simple mean, then RMA = (RMA · (period − 1) + x) / period, an EMA
/// with k = 1 / period. Warm-up: <c>period</c>. Definition: J. Welles Wilder, <i>New Concepts in Technical
/// Trading Systems</i> (1978); the smoothing inside TA-Lib <c>RSI</c> and <c>ATR</c>.
/// </summary>
public sealed class WildersMovingAverage : SeriesIndicator
{
    private readonly int _period;
    private readonly double _periodValue;
    private readonly double _keep;
    private int _count;
    private double _seedSum;

    public WildersMovingAverage(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _periodValue = period;
        _keep = period - 1;
    }

    public int Period => _period;

    public override void Update(double value)
    {
        if (_count < _period)
        {
            _seedSum += value;
            if (++_count == _period) Values[0] = _seedSum / _period;
            return;
        }
        Values[0] = (Values[0] * _keep + value) / _periodValue;
    }

    protected override void ResetState()
    {
        _count = 0;
        _seedSum = 0;
    }
}
