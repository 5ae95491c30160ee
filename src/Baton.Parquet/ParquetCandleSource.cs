using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Strategy;

namespace Baton.Parquet;

/// <summary>
/// Candles from Parquet files, streamed row group by row group in batches into reused buffers, so memory stays
/// bounded whatever the file size. The path is one of:
/// <list type="bullet">
/// <item>a file with a symbol column (long format): each requested symbol gets its own stream over the file,
/// skipping row groups whose symbol statistics rule it out;</item>
/// <item>a file without one: it holds one symbol and serves whichever single symbol is asked for;</item>
/// <item>a folder, read as <c>FOLDER/SYMBOL.parquet</c>, or a path with <c>{symbol}</c> in it
/// (<c>data/{symbol}_1h.parquet</c>): one file per symbol.</item>
/// </list>
/// Column names come from <see cref="DataColumns"/> (exact, then case-insensitive). Row groups whose timestamp
/// statistics lie outside the requested range are skipped unread. Row numbers in errors are 1-based over the
/// whole file. The timeframe is not checked against the file.
/// </summary>
public sealed class ParquetCandleSource : ICandleSource
{
    private readonly string _path;
    private readonly DataColumns _columns;

    /// <param name="path">A file, a folder of SYMBOL.parquet files, or a path containing <c>{symbol}</c>.</param>
    /// <param name="columns">Column names when they differ from the defaults.</param>
    public ParquetCandleSource(string path, DataColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _columns = columns ?? DataColumns.Default;
    }

    /// <inheritdoc />
    public string Description => $"parquet {_path}";

    /// <summary>True when the path names one file per symbol (a folder or a <c>{symbol}</c> template).</summary>
    public bool IsPerSymbol => _path.Contains("{symbol}", StringComparison.Ordinal) || Directory.Exists(_path);

    /// <summary>The file holding <paramref name="symbol"/>'s candles.</summary>
    public string PathFor(string symbol)
    {
        if (_path.Contains("{symbol}", StringComparison.Ordinal)) return _path.Replace("{symbol}", symbol, StringComparison.Ordinal);
        return Directory.Exists(_path) ? Path.Combine(_path, symbol + ".parquet") : _path;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe,
        TimeRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var streams = new List<ICandleStream>(symbols.Count);
        try
        {
            foreach (string symbol in symbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reader = ParquetBatchReader.Open(PathFor(symbol), _columns, range, symbol);
                var stream = new ParquetCandleStream(reader, symbol, range, _columns);
                streams.Add(stream);
                if (!stream.IsLongFormat && !IsPerSymbol && symbols.Count > 1)
                {
                    throw new CandleDataException(_path, 0, "symbol",
                        $"expected a column named {_columns.Symbol} to serve {symbols.Count} symbols ({string.Join(", ", symbols)}), " +
                        $"found columns: {reader.Layout.ColumnList}");
                }
            }
            return streams;
        }
        catch
        {
            foreach (var stream in streams) await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
