using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Merging;

namespace Baton.Engine.Backtest;

/// <summary>
/// Reads the merged candles ahead on another thread: one reading loop fills up to <c>depth</c> batches while the
/// engine walks earlier ones, so reading and trading overlap on two cores and a slow stretch of reading (a new
/// Parquet row group, a network read) is absorbed by the batches already waiting. Batches come out in the same
/// order and with the same contents as from the merger itself; a read error surfaces when the batch it stopped
/// is taken. Only the reading loop touches the merger, so the sources need not be thread-safe.
/// </summary>
internal sealed class PrefetchingReader : IAsyncDisposable
{
    private readonly CandleMerger _merger;
    private readonly Channel<Batch> _filled;
    private readonly Channel<Batch> _free;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stack<Batch> _done = new();
    private readonly int _depth;
    private Task? _reading;
    private Batch? _taken;

    /// <param name="depth">Batches read ahead at most (at least 2).</param>
    public PrefetchingReader(CandleMerger merger, int batchSize, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 2);
        _merger = merger;
        _depth = depth;
        var options = new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true };
        _filled = Channel.CreateBounded<Batch>(options);
        _free = Channel.CreateBounded<Batch>(options);
        for (int i = 0; i < depth; i++) _free.Writer.TryWrite(new Batch(batchSize));
    }

    /// <summary>The next batch (empty at the end); valid until the following call.</summary>
    public async ValueTask<(Candle[] Candles, int[] Symbols, int Count)> NextAsync(CancellationToken cancellationToken)
    {
        // Checked here too: a batch already waiting is taken without waiting, where the token would not be seen.
        cancellationToken.ThrowIfCancellationRequested();
        _reading ??= Task.Run(ReadAllAsync, CancellationToken.None);
        if (_taken is not null) _done.Push(_taken);   // the engine is done with it
        // Done batches go back to the reading loop half a ring at a time, so that it wakes up to read several in a row
        // rather than one per batch; and all of them before waiting, so that neither side waits for the other.
        if (!_filled.Reader.TryRead(out var batch) || _done.Count >= _depth / 2)
        {
            while (_done.TryPop(out var done)) _free.Writer.TryWrite(done);
            batch ??= await _filled.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        _taken = batch;
        batch.Error?.Throw();
        return (batch.Candles, batch.Symbols, batch.Count);
    }

    private async Task ReadAllAsync()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                var batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                try
                {
                    batch.Count = await _merger.ReadAsync(batch.Candles, batch.Symbols, token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    batch.Count = 0;
                    batch.Error = ExceptionDispatchInfo.Capture(e);
                }
                await _filled.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                if (batch.Count == 0) return;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed before the end: nobody takes further batches.
        }
    }

    /// <summary>Stops the reading loop, waits for it (a read in progress finishes first), then closes the streams.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reading is not null) await _reading.ConfigureAwait(false);
        _stop.Dispose();
        await _merger.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Batch(int size)
    {
        public Candle[] Candles { get; } = new Candle[size];
        public int[] Symbols { get; } = new int[size];
        public int Count { get; set; }
        public ExceptionDispatchInfo? Error { get; set; }
    }
}
