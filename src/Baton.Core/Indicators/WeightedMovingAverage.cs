using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Linearly weighted moving average, in the units of its input: weights 1..period, the newest input
/// weighing <c>period</c>, divided by period · (period + 1) / 2. Warm-up: <c>period</c>. Keeps the plain
/// and the weighted running sums, both recomputed exactly when the ring wraps. Matches TA-Lib <c>WMA</c>.
/// </summary>
public sealed class WeightedMovingAverage : SeriesIndicator
{
    private readonly RingBuffer _window;
    private readonly double _divisor;
    private double _sum;
    private double _weightedSum;

    public WeightedMovingAverage(int period) : base(period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RingBuffer(period);
        _divisor = period * (period + 1.0) / 2.0;
    }

    public int Period => _window.Capacity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        int n = _window.Capacity;
        bool full = _window.IsFull;
        double dropped = _window.Push(value);
        if (full)
        {
            // Every weight drops by one (subtract the old sum), the oldest leaves, the new value weighs n.
            _weightedSum += n * value - _sum;
            _sum += value - dropped;
        }
        else
        {
            _weightedSum += _window.Count * value;
            _sum += value;
        }
        if (_window.Wrapped) Resum();
        if (_window.IsFull) Values[0] = _weightedSum / _divisor;
    }

    private void Resum()
    {
        int n = _window.Count;
        double sum = 0, weighted = 0;
        for (int age = 0; age < n; age++)
        {
            double x = _window[age];
            sum += x;
            weighted += (n - age) * x;
        }
        _sum = sum;
        _weightedSum = weighted;
    }

    protected override void ResetState()
    {
        _window.Clear();
        _sum = 0;
        _weightedSum = 0;
    }
}
