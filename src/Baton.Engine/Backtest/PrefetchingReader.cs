using Baton.Core.Market;
using Baton.Engine.Data;

namespace Baton.Engine.Backtest;

/// <summary>
/// Reads the merged candles one batch ahead on another thread: while the engine walks one batch, the next is
/// read (parsed, validated, merged) into a second pair of buffers, so reading and trading overlap on two cores.
/// Batches come out in the same order and with the same contents as from the merger itself; a read error
/// surfaces when its batch is taken. At most one read runs at a time, so the sources need not be thread-safe.
/// </summary>
internal sealed class PrefetchingReader(CandleMerger merger, int batchSize) : IAsyncDisposable
{
    private readonly Batch[] _batches = [new(batchSize), new(batchSize)];
    private int _next;
    private Task<int>? _pending;

    /// <summary>The next batch (empty at the end); valid until the following call.</summary>
    public async Task<(Candle[] Candles, int[] Symbols, int Count)> NextAsync(CancellationToken cancellationToken)
    {
        _pending ??= Start(_batches[_next], cancellationToken);
        int n = await _pending.ConfigureAwait(false);
        var batch = _batches[_next];
        _next ^= 1;
        _pending = n > 0 ? Start(_batches[_next], cancellationToken) : null;
        return (batch.Candles, batch.Symbols, n);
    }

    private Task<int> Start(Batch into, CancellationToken cancellationToken) =>
        Task.Run(() => merger.ReadAsync(into.Candles, into.Symbols, cancellationToken).AsTask(), cancellationToken);

    /// <summary>Waits for a read still running (its error no longer matters), then closes the streams.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending is not null)
        {
            try
            {
                await _pending.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The run already ended (finished, failed or cancelled); this read's outcome is not needed.
            }
        }
        await merger.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Batch(int size)
    {
        public Candle[] Candles { get; } = new Candle[size];
        public int[] Symbols { get; } = new int[size];
    }
}
