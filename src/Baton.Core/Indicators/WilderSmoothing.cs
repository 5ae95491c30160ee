using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Wilder's smoothing as a value kept inside its owner (<see cref="WildersMovingAverage"/> keeps one, RSI two), so a hot
/// update touches no other object and no output array: the simple mean of the first <c>period</c> inputs, then
/// (average · (period − 1) + x) / period.
/// </summary>
internal struct WilderSmoothing(int period)
{
    private readonly int _period = period;
    private readonly double _periodValue = period;
    private readonly double _keep = period - 1;
    private int _count;
    private double _sum;

    /// <summary>The average; meaningful once <see cref="IsReady"/>.</summary>
    public double Value;

    public readonly bool IsReady => _count == _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double value)
    {
        if (_count == _period)
        {
            Value = (Value * _keep + value) / _periodValue;
            return;
        }
        _sum += value;
        if (++_count == _period) Value = _sum / _period;
    }

    public void Reset()
    {
        _count = 0;
        _sum = 0;
        Value = 0;
    }
}
