using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Engine.Data.Merging;

/// <summary>
/// Merges several symbols' <see cref="ICandleStream"/>s into one sequence ordered by open time, with a fixed
/// tie-break: at equal open time the lower symbol index (the stream's place in the list) comes first. So a
/// backtest over several symbols sees bars in one deterministic order.
/// <para>Each stream is read in batches into its own reused buffer and the streams' next candles sit in a
/// binary min-heap, so each candle costs O(log k) comparisons and no allocation. A single stream is passed
/// straight through into the caller's buffer with no comparisons at all. The merger owns the streams:
/// disposing it disposes them.</para>
/// </summary>
internal sealed class CandleMerger : IAsyncDisposable
{
    /// <summary>Candles read from a stream at a time when merging several.</summary>
    public const int DefaultBatchSize = 4096;

    private readonly ICandleStream[] _streams;
    private readonly Candle[][] _buffers;
    private readonly int[] _counts;
    private readonly int[] _positions;
    private readonly int[] _heap;
    private int _heapSize;
    private bool _started;

    /// <param name="streams">One stream per symbol; the index in this list is the symbol index reported.</param>
    /// <param name="batchSize">Candles per stream read when merging several streams.</param>
    public CandleMerger(IReadOnlyList<ICandleStream> streams, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _streams = [.. streams];
        int k = _streams.Length;
        _buffers = new Candle[k > 1 ? k : 0][];
        for (int i = 0; i < _buffers.Length; i++) _buffers[i] = new Candle[batchSize];
        _counts = new int[k];
        _positions = new int[k];
        _heap = new int[k];
    }

    /// <summary>Number of streams (symbols) merged.</summary>
    public int StreamCount => _streams.Length;

    /// <summary>Fills <paramref name="candles"/> and, at the same positions, <paramref name="symbolIndexes"/> with
    /// the next candles in merged order; returns how many were written, 0 at the end of every stream.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbolIndexes"/> is shorter than <paramref name="candles"/>.</exception>
    public ValueTask<int> ReadAsync(Memory<Candle> candles, Memory<int> symbolIndexes, CancellationToken cancellationToken)
    {
        if (symbolIndexes.Length < candles.Length)
            throw new ArgumentException("symbolIndexes must be at least as long as candles.", nameof(symbolIndexes));
        return _streams.Length switch
        {
            0 => ValueTask.FromResult(0),
            1 => ReadSingleAsync(candles, symbolIndexes, cancellationToken),
            _ => ReadMergedAsync(candles, symbolIndexes, cancellationToken),
        };
    }

    /// <summary>Disposes every stream.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var stream in _streams) await stream.DisposeAsync().ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadSingleAsync(Memory<Candle> candles, Memory<int> symbolIndexes, CancellationToken cancellationToken)
    {
        int count = await _streams[0].ReadAsync(candles, cancellationToken).ConfigureAwait(false);
        symbolIndexes.Span[..count].Clear();
        return count;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadMergedAsync(Memory<Candle> candles, Memory<int> symbolIndexes, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            for (int i = 0; i < _streams.Length; i++)
            {
                await RefillAsync(i, cancellationToken).ConfigureAwait(false);
                if (_counts[i] > 0) Push(i);
            }
            _started = true;
        }
        int written = 0;
        while (true)
        {
            int drained = Drain(candles.Span, symbolIndexes.Span, ref written);
            if (drained < 0) return written;
            await RefillAsync(drained, cancellationToken).ConfigureAwait(false);
            if (_counts[drained] == 0) PopRoot();
            else SiftDown(0);
        }
    }

    /// <summary>Copies candles in heap order until the output is full or the heap is empty (returns -1), or
    /// until the root stream's buffer runs dry (returns that stream, still at the root, to be refilled).</summary>
    private int Drain(Span<Candle> candles, Span<int> symbolIndexes, ref int written)
    {
        while (written < candles.Length && _heapSize > 0)
        {
            int stream = _heap[0];
            candles[written] = _buffers[stream][_positions[stream]];
            symbolIndexes[written] = stream;
            written++;
            if (++_positions[stream] == _counts[stream]) return stream;
            SiftDown(0);
        }
        return -1;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RefillAsync(int stream, CancellationToken cancellationToken)
    {
        _positions[stream] = 0;
        _counts[stream] = await _streams[stream].ReadAsync(_buffers[stream], cancellationToken).ConfigureAwait(false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(int a, int b)
    {
        long timeA = _buffers[a][_positions[a]].OpenTime;
        long timeB = _buffers[b][_positions[b]].OpenTime;
        return timeA < timeB || (timeA == timeB && a < b);
    }

    private void Push(int stream)
    {
        int child = _heapSize++;
        _heap[child] = stream;
        while (child > 0)
        {
            int parent = (child - 1) / 2;
            if (!Before(_heap[child], _heap[parent])) break;
            (_heap[child], _heap[parent]) = (_heap[parent], _heap[child]);
            child = parent;
        }
    }

    private void PopRoot()
    {
        _heap[0] = _heap[--_heapSize];
        if (_heapSize > 0) SiftDown(0);
    }

    private void SiftDown(int parent)
    {
        int item = _heap[parent];
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= _heapSize) break;
            if (child + 1 < _heapSize && Before(_heap[child + 1], _heap[child])) child++;
            if (!Before(_heap[child], item)) break;
            _heap[parent] = _heap[child];
            parent = child;
        }
        _heap[parent] = item;
    }
}
