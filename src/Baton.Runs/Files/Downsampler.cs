namespace Baton.Runs.Files;

/// <summary>An item a <see cref="Downsampler{T}"/> can merge with its later neighbour.</summary>
internal interface IMergeable<T> where T : IMergeable<T>
{
    /// <summary>One item standing for <paramref name="earlier"/> followed by <paramref name="later"/>.</summary>
    static abstract T Merge(in T earlier, in T later);
}

/// <summary>
/// Keeps a chart-sized summary of a series of any length in bounded memory. Items are kept one by one until
/// there are more than <c>capacity</c>; then neighbours are merged in pairs, so each kept item stands for 2,
/// then 4, 8 ... consecutive items: the smallest power of two that keeps the series within <c>capacity</c>.
/// Groups are counted from the first item, so the result depends only on the items and the capacity.
/// </summary>
/// <typeparam name="T">The item (OHLC of a candle, say); a struct, so that <see cref="Add"/> merges in place with
/// no call through a delegate: it runs for every candle of a run.</typeparam>
internal sealed class Downsampler<T> where T : struct, IMergeable<T>
{
    private readonly T[] _items;
    private int _kept;
    private long _inLast;

    /// <param name="capacity">Most items kept; an even number of at least 2.</param>
    public Downsampler(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        if (capacity % 2 != 0) throw new ArgumentException("capacity must be even", nameof(capacity));
        _items = new T[capacity + 1];
    }

    /// <summary>How many added items each kept item stands for (1, 2, 4 ...); the last may stand for fewer.</summary>
    public long GroupSize { get; private set; } = 1;

    /// <summary>How many items were added.</summary>
    public long Count { get; private set; }

    /// <summary>The kept items, in order (a view that later additions change).</summary>
    public IReadOnlyList<T> Items => new ArraySegment<T>(_items, 0, _kept);

    /// <summary>How many more added items the last kept item stands for before <see cref="Add"/> keeps a new one
    /// (0 when nothing is kept yet).</summary>
    public long Room => _kept == 0 ? 0 : GroupSize - _inLast;

    /// <summary>The last kept item, for merging the next items into it in place; count them with <see cref="Merged"/>.
    /// Only while <see cref="Room"/> is above 0.</summary>
    public ref T Last => ref _items[_kept - 1];

    /// <summary>Counts <paramref name="items"/> added items that the caller merged into <see cref="Last"/>, in order,
    /// as <see cref="Add"/> would have: at most <see cref="Room"/>.</summary>
    public void Merged(long items)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(items, Room);
        _inLast += items;
        Count += items;
    }

    public void Add(in T item)
    {
        Count++;
        if (_inLast < GroupSize && _kept > 0)
        {
            ref T last = ref _items[_kept - 1];
            last = T.Merge(last, item);
            _inLast++;
            return;
        }
        _items[_kept++] = item;
        _inLast = 1;
        if (_kept == _items.Length) MergePairs();
    }

    private void MergePairs()
    {
        // every item but the last is a full group; with an odd count the last stays alone as a partial group
        int n = _kept, kept = 0;
        for (int i = 0; i < n; i += 2)
            _items[kept++] = i + 1 < n ? T.Merge(_items[i], _items[i + 1]) : _items[i];
        if (n % 2 == 0) _inLast += GroupSize;
        Array.Clear(_items, kept, n - kept);
        _kept = kept;
        GroupSize *= 2;
    }
}
