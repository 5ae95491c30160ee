namespace Baton.Engine.Data.Checks;

/// <summary>An <see cref="ICandleRowReader"/> whose rows have passed <see cref="CandleRowChecker"/>: the first
/// bad row throws <see cref="CandleDataException"/> before anything downstream sees its batch.</summary>
public sealed class CheckedCandleRows(ICandleRowReader rows) : ICandleRowReader
{
    private readonly CandleRowChecker _checker = new(rows);

    public string Source => rows.Source;
    public bool HasSymbolColumn => rows.HasSymbolColumn;
    public IReadOnlyList<string> Symbols => rows.Symbols;
    public double Progress => rows.Progress;

    /// <summary>Smallest step between two candles of one symbol so far (see <see cref="CandleRowChecker.SmallestStep"/>).</summary>
    public long? SmallestStep => _checker.SmallestStep;

    public async ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken)
    {
        int count = await rows.ReadAsync(batch, cancellationToken).ConfigureAwait(false);
        _checker.Check(batch, count);
        return count;
    }

    public ValueTask DisposeAsync() => rows.DisposeAsync();
}
