namespace Baton.Core.Indicators;

/// <summary>
/// Mean and population variance of the last <c>period</c> values. Updates slide Welford's recurrence
/// (add the new value, remove the oldest) and are recomputed exactly, two-pass, each time the ring wraps,
/// so error cannot accumulate (amortised O(1), no allocation).
/// </summary>
internal sealed class RollingMoments
{
    private readonly RingBuffer _window;
    private double _mean;
    private double _m2;

    public RollingMoments(int period) => _window = new RingBuffer(period);

    public bool IsFull => _window.IsFull;

    public double Mean => _mean;

    /// <summary>Population variance (divides by the count); 0 below TA-Lib's 1e-14 threshold.</summary>
    public double Variance
    {
        get
        {
            double variance = _m2 / _window.Count;
            return variance < Precision.Epsilon ? 0.0 : variance;
        }
    }

    public double StandardDeviation => Math.Sqrt(Variance);

    public void Add(double value)
    {
        bool sliding = _window.IsFull;
        double dropped = _window.Push(value);
        if (sliding)
        {
            double oldMean = _mean;
            _mean += (value - dropped) / _window.Count;
            _m2 += (value - dropped) * (value - _mean + dropped - oldMean);
        }
        else
        {
            double delta = value - _mean;
            _mean += delta / _window.Count;
            _m2 += delta * (value - _mean);
        }
        if (_window.Wrapped) Recompute();
    }

    private void Recompute()
    {
        int n = _window.Count;
        _mean = _window.Sum() / n;
        double m2 = 0;
        for (int age = 0; age < n; age++)
        {
            double d = _window[age] - _mean;
            m2 += d * d;
        }
        _m2 = m2;
    }

    public void Clear()
    {
        _window.Clear();
        _mean = 0;
        _m2 = 0;
    }
}
