namespace Baton.Core.Indicators;

/// <summary>
/// The last <c>capacity</c> values of a series in a preallocated array. <see cref="this[int]"/> reads by
/// age: 0 is the newest value, <c>Count - 1</c> the oldest. O(1), no allocation after construction.
/// </summary>
internal sealed class RingBuffer
{
    private readonly double[] _items;
    private int _next;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new double[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _items.Length;

    /// <summary>The value <paramref name="age"/> inputs ago (0 = newest); requires age &lt; Count.</summary>
    public double this[int age]
    {
        get
        {
            int i = _next - 1 - age;
            return _items[i < 0 ? i + _items.Length : i];
        }
    }

    /// <summary>True when this push wrapped the write position back to the start of the array.</summary>
    public bool Wrapped => _next == 0 && Count > 0;

    /// <summary>Appends <paramref name="value"/>; when full, returns the value it overwrote, else 0.</summary>
    public double Push(double value)
    {
        double dropped = IsFull ? _items[_next] : 0.0;
        if (!IsFull) Count++;
        _items[_next] = value;
        if (++_next == _items.Length) _next = 0;
        return dropped;
    }

    /// <summary>Sum of the stored values, in storage order (used to re-sum running totals exactly).</summary>
    public double Sum()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++) sum += _items[i];
        return sum;
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }
}
