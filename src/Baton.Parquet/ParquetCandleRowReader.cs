using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Strategy;

namespace Baton.Parquet;

/// <summary>Every row of a Parquet candle file in file order (for import, conversion and inspection), not
/// validated. Without a symbol column every row belongs to the symbol the caller names.</summary>
public sealed class ParquetCandleRowReader : ICandleRowReader
{
    private readonly ParquetBatchReader _reader;
    private readonly string[] _single;
    private int _position;

    private ParquetCandleRowReader(ParquetBatchReader reader, string defaultSymbol)
    {
        _reader = reader;
        _single = [defaultSymbol];
    }

    public string Source => _reader.Source;

    public bool HasSymbolColumn => _reader.Layout.SymbolColumn >= 0;

    public IReadOnlyList<string> Symbols => HasSymbolColumn ? _reader.Symbols.Names : _single;

    public double Progress => _reader.TotalRows == 0 ? 1 : (double)(_reader.RowsPassed - _reader.Count + _position) / _reader.TotalRows;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="CandleDataException"/> for a missing file, a file
    /// that is not Parquet or a missing or mistyped column.</summary>
    public static ParquetCandleRowReader Open(string path, string defaultSymbol, DataColumns? columns = null) =>
        new(ParquetBatchReader.Open(path, columns ?? DataColumns.Default, TimeRange.All, null), defaultSymbol);

    public ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        int written = 0;
        while (written < batch.Capacity)
        {
            if (_position == _reader.Count)
            {
                if (!_reader.ReadBatch()) break;
                _position = 0;
            }
            int n = Math.Min(batch.Capacity - written, _reader.Count - _position);
            Copy(batch, written, n);
            written += n;
            _position += n;
        }
        return ValueTask.FromResult(written);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Copy(CandleRowBatch batch, int at, int count)
    {
        var r = _reader;
        for (int k = 0; k < count; k++)
        {
            int i = _position + k;
            batch.Candles[at + k] = new Candle(r.Times[i], r.Opens[i], r.Highs[i], r.Lows[i], r.Closes[i], r.Volumes[i]);
            batch.SymbolIds[at + k] = r.SymbolIds[i];
            batch.Rows[at + k] = r.FirstRow + i;
        }
    }
}
