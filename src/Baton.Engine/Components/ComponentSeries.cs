using Baton.Engine.Strategy;

namespace Baton.Engine.Components;

/// <summary>
/// What one component said about one symbol: rows stamped with a time (Unix ms UTC), applied to the symbol's
/// slots in order by a cursor, so the per-candle cost is O(1) amortised and nothing is looked up by name.
/// <para>The causal rule: a row stamped <c>ts</c> is applied at the first candle of the symbol whose open time is
/// at or after <c>ts</c>, and so is usable from that candle's close on. A value stamped at a candle's open time is
/// read at that candle's close, never earlier; one stamped between two candles waits for the later one.</para>
/// <para>Indicator rows hold the declared outputs (NaN for <c>null</c>); the latest applied row stays in the slots
/// until the next one (as-of join). Signal rows hold (name index or −1, direction −1/0/+1, strength); signal slots
/// are reset to 0 on every candle and set by the events applied at it.</para>
/// </summary>
public sealed class ComponentSeries
{
    private const int SignalRowWidth = 3;
    private readonly bool _signal;
    private readonly int _rowWidth;
    private readonly int _firstSlot;
    private readonly int _slotCount;
    private long[] _times = new long[16];
    private double[] _rows;
    private int _count;
    private int _cursor;
    private bool _dead;

    public ComponentSeries(CompiledComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _signal = component.Spec.Kind == ComponentKind.Signal;
        _rowWidth = _signal ? SignalRowWidth : component.Spec.ValueNames.Count;
        _firstSlot = component.FirstSlot;
        _slotCount = component.Width;
        _rows = new double[16 * _rowWidth];
    }

    /// <summary>A series that writes NaN into the component's slots at every candle: a component that failed
    /// while running live, whose earlier values must not stay in use.</summary>
    public static ComponentSeries Dead(CompiledComponent component) => new(component) { _dead = true };

    /// <summary>Rows held.</summary>
    public int Count => _count;

    public long TimeAt(int row) => _times[row];

    /// <summary>Indicator: the outputs. Signal: name index (−1 = the component's id), direction, strength.</summary>
    public ReadOnlySpan<double> RowAt(int row) => _rows.AsSpan(row * _rowWidth, _rowWidth);

    /// <summary>Adds an indicator row: one value per declared output, NaN for not ready.</summary>
    public void AddValues(long time, ReadOnlySpan<double> values)
    {
        if (_signal || values.Length != _rowWidth) throw new ArgumentException($"expected {_rowWidth} indicator values", nameof(values));
        values.CopyTo(NewRow(time));
    }

    /// <summary>Adds a signal event: <paramref name="name"/> indexes the declared names (−1 for the id itself).</summary>
    public void AddEvent(long time, int name, int direction, double strength)
    {
        if (!_signal) throw new InvalidOperationException("an indicator series takes values, not events");
        var row = NewRow(time);
        row[0] = name;
        row[1] = Math.Sign(direction);
        row[2] = strength;
    }

    /// <summary>Orders the rows by time, keeping the order of rows with equal times (the later line wins).</summary>
    public void SortByTime()
    {
        bool sorted = true;
        for (int i = 1; i < _count && sorted; i++) sorted = _times[i - 1] <= _times[i];
        if (sorted) return;
        var order = new int[_count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var times = _times;
        Array.Sort(order, (a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));
        var newTimes = new long[_times.Length];
        var newRows = new double[_rows.Length];
        for (int i = 0; i < order.Length; i++)
        {
            newTimes[i] = _times[order[i]];
            Array.Copy(_rows, order[i] * _rowWidth, newRows, i * _rowWidth, _rowWidth);
        }
        _times = newTimes;
        _rows = newRows;
    }

    /// <summary>Starts applying from the first row again (a second run over the same outputs).</summary>
    public void Rewind() => _cursor = 0;

    /// <summary>Live: forgets the rows already applied (they are never read again) and sizes the buffers to what is left
    /// (a power of two, at least 16), so a series fed for months holds only what is still due. Not for a series that will
    /// be <see cref="Rewind"/>ed.</summary>
    public void DropApplied()
    {
        int left = _count - _cursor;
        int capacity = Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)left));
        if (_cursor == 0 && capacity == _times.Length) return;
        var times = new long[capacity];
        var rows = new double[capacity * _rowWidth];
        Array.Copy(_times, _cursor, times, 0, left);
        Array.Copy(_rows, _cursor * _rowWidth, rows, 0, left * _rowWidth);
        (_times, _rows, _count, _cursor) = (times, rows, left, 0);
    }

    /// <summary>Writes into <paramref name="slots"/> what is due at the candle opening at <paramref name="openTime"/>:
    /// every row stamped at or before it that has not been applied yet.</summary>
    public void Apply(long openTime, double[] slots)
    {
        if (_dead) Array.Fill(slots, double.NaN, _firstSlot, _slotCount);
        else if (_signal) ApplyEvents(openTime, slots);
        else ApplyValues(openTime, slots);
    }

    private void ApplyValues(long openTime, double[] slots)
    {
        int c = _cursor;
        if (c >= _count || _times[c] > openTime) return;
        while (c + 1 < _count && _times[c + 1] <= openTime) c++;
        Array.Copy(_rows, c * _rowWidth, slots, _firstSlot, _rowWidth);
        _cursor = c + 1;
    }

    private void ApplyEvents(long openTime, double[] slots)
    {
        int first = _firstSlot;
        Array.Clear(slots, first, _slotCount);
        int c = _cursor;
        for (; c < _count && _times[c] <= openTime; c++)
        {
            int at = c * SignalRowWidth;
            double direction = _rows[at + 1];
            slots[first] = 1;
            if (direction > 0) slots[first + 1] = 1;
            else if (direction < 0) slots[first + 2] = 1;
            slots[first + 3] = direction;
            slots[first + 4] = _rows[at + 2];
            int name = (int)_rows[at];
            if (name >= 0) slots[first + 5 + name] = 1;
        }
        _cursor = c;
    }

    private Span<double> NewRow(long time)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, _count * 2);
            Array.Resize(ref _rows, _count * 2 * _rowWidth);
        }
        _times[_count] = time;
        return _rows.AsSpan(_count++ * _rowWidth, _rowWidth);
    }
}
