namespace Baton.Core.Indicators;

/// <summary>
/// Sum of the last <c>period</c> values. The running total is recomputed from the window each time the
/// ring wraps, so rounding error cannot accumulate (amortised O(1), no allocation).
/// </summary>
internal sealed class RollingSum
{
    private readonly RingBuffer _window;

    public RollingSum(int period) => _window = new RingBuffer(period);

    public int Period => _window.Capacity;

    public bool IsFull => _window.IsFull;

    public double Sum { get; private set; }

    public double Mean => Sum / _window.Count;

    /// <summary>The value <paramref name="age"/> inputs ago (0 = newest).</summary>
    public double this[int age] => _window[age];

    public void Add(double value)
    {
        Sum += value - _window.Push(value);
        if (_window.Wrapped) Sum = _window.Sum();
    }

    public void Clear()
    {
        _window.Clear();
        Sum = 0;
    }
}
