using System.Runtime.CompilerServices;

namespace Baton.Core.Indicators;

/// <summary>
/// Least-squares line through the last <c>period</c> inputs, x = 0 for the oldest and period − 1 for the
/// current one. Outputs: <c>slope</c>, in input units per bar; <c>value</c>, the line's value at the
/// current bar (the "linear regression curve"). Warm-up: <c>period</c>. Plain and index-weighted running
/// sums, recomputed exactly when the ring wraps. Definitions: TA-Lib <c>LINEARREG_SLOPE</c> and
/// <c>LINEARREG</c>.
/// </summary>
public sealed class LinearRegression : SeriesIndicator
{
    private readonly RingBuffer _window;
    private readonly double _sumX;
    private readonly double _denominator;
    private double _sumY;
    private double _sumXY;

    public LinearRegression(int period) : base(period, 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        _window = new RingBuffer(period);
        double n = period;
        _sumX = n * (n - 1) / 2.0;
        _denominator = n * ((n - 1) * n * (2 * n - 1) / 6.0) - _sumX * _sumX;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Update(double value)
    {
        int n = _window.Capacity;
        bool full = _window.IsFull;
        double dropped = _window.Push(value);
        if (full)
        {
            // Every x drops by one: Σxy loses Σy of the survivors; the new value enters at x = n − 1.
            _sumY += value - dropped;
            _sumXY += (n - 1) * value - (_sumY - value);
        }
        else
        {
            _sumXY += (_window.Count - 1) * value;
            _sumY += value;
        }
        if (_window.Wrapped) Resum();
        if (!_window.IsFull) return;
        double slope = (n * _sumXY - _sumX * _sumY) / _denominator;
        Values[0] = slope;
        Values[1] = (_sumY - slope * _sumX) / n + slope * (n - 1);
    }

    private void Resum()
    {
        int n = _window.Count;
        double sumY = 0, sumXY = 0;
        for (int age = 0; age < n; age++)
        {
            double y = _window[age];
            sumY += y;
            sumXY += (n - 1 - age) * y;
        }
        _sumY = sumY;
        _sumXY = sumXY;
    }

    protected override void ResetState()
    {
        _window.Clear();
        _sumY = 0;
        _sumXY = 0;
    }
}
