using Baton.Core.Market;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Candles from a CSV file with a header line naming <c>timestamp,open,high,low,close,volume</c> in any order
/// (names case-insensitive; <c>time</c>, <c>date</c>, <c>datetime</c>, <c>ts</c> also mean timestamp; other
/// columns are ignored) and optionally <c>symbol</c>. Timestamps are read by <see cref="CandleTimestamp"/>.
/// <para>Without a symbol column the file holds one symbol's candles and serves whichever single symbol is
/// asked for (the strategy's symbol list decides, not the file name); asking it for several is an error.
/// With a symbol column (long format) every requested symbol gets its own stream that reads the file and
/// keeps its own rows (symbols compared exactly, case-sensitive); a symbol with no row in the file throws on
/// that stream's first read, listing the symbols the file holds.</para>
/// <para>Streamed: each stream reads through a 256 KiB buffer and parses numbers from bytes into the caller's
/// candle buffer, so memory stays bounded whatever the file size. Blank lines are skipped; fields may be
/// wrapped in spaces or double quotes but may not contain commas. Row numbers in errors are 1-based file
/// lines, the header being line 1. The timeframe is not checked against the file.</para>
/// </summary>
public sealed class CsvCandleSource : ICandleSource
{
    private readonly string _path;

    /// <param name="path">The CSV file; messages name it as given here.</param>
    public CsvCandleSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>The file path as given.</summary>
    public string Path => _path;

    /// <inheritdoc />
    public string Description => $"csv {_path}";

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
                var stream = await CsvCandleStream.OpenAsync(_path, _path, symbol, range, cancellationToken).ConfigureAwait(false);
                streams.Add(stream);
                if (!stream.IsLongFormat && symbols.Count > 1)
                {
                    throw new CandleDataException(_path, 1, "symbol",
                        $"expected a symbol column to serve {symbols.Count} symbols ({string.Join(", ", symbols)}), " +
                        $"found columns: {stream.ColumnList}");
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
