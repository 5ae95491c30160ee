namespace Baton.Engine.Reporting;

/// <summary>
/// Keeps a chart-sized summary of a series of any length in bounded memory. Items are kept one by one until
/// there are more than <c>capacity</c>; then neighbours are merged in pairs, so each kept item stands for 2,
/// then 4, 8 ... consecutive items: the smallest power of two that keeps the series within <c>capacity</c>.
/// Groups are counted from the first item, so the result depends only on the items and the capacity.
/// </summary>
/// <typeparam name="T">The item; <c>merge(earlier, later)</c> combines two neighbours (OHLC of two candles, say).</typeparam>
public sealed class Downsampler<T>
{
    private readonly List<T> _items;
    private readonly int _capacity;
    private readonly Func<T, T, T> _merge;
    private long _inLast;

    /// <param name="capacity">Most items kept; an even number of at least 2.</param>
    public Downsampler(int capacity, Func<T, T, T> merge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        if (capacity % 2 != 0) throw new ArgumentException("capacity must be even", nameof(capacity));
        _capacity = capacity;
        _merge = merge;
        _items = new List<T>(Math.Min(capacity, 1024) + 1);
    }

    /// <summary>How many added items each kept item stands for (1, 2, 4 ...); the last may stand for fewer.</summary>
    public long GroupSize { get; private set; } = 1;

    /// <summary>How many items were added.</summary>
    public long Count { get; private set; }

    /// <summary>The kept items, in order.</summary>
    public IReadOnlyList<T> Items => _items;

    public void Add(T item)
    {
        Count++;
        if (_items.Count > 0 && _inLast < GroupSize)
        {
            _items[^1] = _merge(_items[^1], item);
            _inLast++;
            return;
        }
        _items.Add(item);
        _inLast = 1;
        if (_items.Count > _capacity) MergePairs();
    }

    private void MergePairs()
    {
        // every item but the last is a full group; with an odd count the last stays alone as a partial group
        int n = _items.Count, kept = 0;
        for (int i = 0; i < n; i += 2)
            _items[kept++] = i + 1 < n ? _merge(_items[i], _items[i + 1]) : _items[i];
        if (n % 2 == 0) _inLast += GroupSize;
        _items.RemoveRange(kept, n - kept);
        GroupSize *= 2;
    }
}
