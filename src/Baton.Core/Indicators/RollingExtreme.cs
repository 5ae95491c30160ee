namespace Baton.Core.Indicators;

/// <summary>
/// Highest (or lowest) of the last <c>period</c> values, the current one included, with a monotonic deque
/// kept in preallocated arrays: amortised O(1) per value, no allocation. Among equal extremes the newest
/// wins, so <see cref="Age"/> counts bars since the most recent extreme (TA-Lib <c>AROON</c> does the same).
/// </summary>
internal sealed class RollingExtreme
{
    private readonly double[] _values;
    private readonly long[] _positions;
    private readonly bool _highest;
    private int _head;
    private int _length;
    private long _seen;

    public RollingExtreme(int period, bool highest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _values = new double[period];
        _positions = new long[period];
        _highest = highest;
    }

    public int Period => _values.Length;

    /// <summary>True once <c>period</c> values have been seen.</summary>
    public bool IsFull => _seen >= _values.Length;

    /// <summary>The extreme of the window (of the values seen so far while not full).</summary>
    public double Value => _values[_head];

    /// <summary>How many values ago the extreme was seen: 0 = the newest value.</summary>
    public int Age => (int)(_seen - 1 - _positions[_head]);

    public void Add(double value)
    {
        int capacity = _values.Length;
        if (_length > 0 && _positions[_head] <= _seen - capacity)
        {
            _head = (_head + 1) % capacity;
            _length--;
        }
        while (_length > 0 && Dominated(_values[(_head + _length - 1) % capacity], value)) _length--;
        int tail = (_head + _length) % capacity;
        _values[tail] = value;
        _positions[tail] = _seen;
        _length++;
        _seen++;
    }

    private bool Dominated(double kept, double incoming) => _highest ? kept <= incoming : kept >= incoming;

    public void Clear()
    {
        _head = 0;
        _length = 0;
        _seen = 0;
    }
}
