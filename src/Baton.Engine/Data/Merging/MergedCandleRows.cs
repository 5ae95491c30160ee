namespace Baton.Engine.Data.Merging;

/// <summary>
/// Per-symbol <see cref="ICandleStream"/>s seen as one <see cref="ICandleRowReader"/>: rows in merged time order
/// (ties in stream order), symbol id = the stream's index, row = the running count. Owns the streams.
/// </summary>
public sealed class MergedCandleRows : ICandleRowReader
{
    private readonly CandleMerger _merger;
    private long _rows;

    /// <param name="source">How messages name where the streams come from.</param>
    public MergedCandleRows(IReadOnlyList<ICandleStream> streams, string source)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _merger = new CandleMerger(streams);
        Symbols = [.. streams.Select(s => s.Symbol)];
        Source = source;
    }

    public string Source { get; }

    /// <summary>True when there are several streams.</summary>
    public bool HasSymbolColumn => Symbols.Count > 1;

    public IReadOnlyList<string> Symbols { get; }

    public double Progress => 0;

    public async ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int count = await _merger.ReadAsync(batch.Candles, batch.SymbolIds, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < count; i++) batch.Rows[i] = ++_rows;
        return count;
    }

    public ValueTask DisposeAsync() => _merger.DisposeAsync();
}
