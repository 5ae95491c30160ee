using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Files;
using Baton.Engine.Strategy;
using Baton.Parquet;

namespace Baton.Cli.Commands;

/// <summary>Opens a CSV or Parquet file (by extension) as rows in file order, for import, convert and inspect.</summary>
internal static class DataFiles
{
    /// <param name="symbol">The symbol of every row when the file has no symbol column.</param>
    /// <param name="onBadRow">When given, unreadable CSV rows are reported here and skipped (inspect).</param>
    public static async ValueTask<ICandleRowReader> OpenRowsAsync(string path, string symbol, DataColumns? columns,
        Action<CandleDataException>? onBadRow, CancellationToken token)
    {
        if (IsParquetFile(path)) return ParquetCandleRowReader.Open(path, symbol, columns);
        if (columns is not null && columns != DataColumns.Default)
            throw new CliException("--columns applies to Parquet files; CSV headers are recognised by name");
        return await CsvCandleRowReader.OpenAsync(path, symbol, onBadRow, token).ConfigureAwait(false);
    }

    /// <summary>Refuses an <c>--out</c> file that is a folder, a FIFO, a device or a socket before anything is read
    /// or written (the written file is renamed over the path, which would replace <c>/dev/null</c> itself).</summary>
    public static void CheckOutput(string path)
    {
        if (InputFile.OutputProblem(path) is { } problem) throw new CliException($"--out {Excerpt.Of(path)}: {problem}");
    }

    public static bool IsParquetFile(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static bool IsCsvFile(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>timestamp=ts,volume=vol</c> into column names.</summary>
    public static DataColumns? Columns(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var columns = DataColumns.Default;
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string field = eq > 0 ? pair[..eq].Trim() : "", name = eq > 0 ? pair[(eq + 1)..].Trim() : "";
            if (name.Length == 0) throw new CliException($"--columns {pair}: expected field=name, as in timestamp=ts");
            columns = field switch
            {
                "timestamp" => columns with { Timestamp = name },
                "open" => columns with { Open = name },
                "high" => columns with { High = name },
                "low" => columns with { Low = name },
                "close" => columns with { Close = name },
                "volume" => columns with { Volume = name },
                "symbol" => columns with { Symbol = name },
                _ => throw new CliException($"--columns {pair}: unknown field '{field}' (known: timestamp, open, high, low, close, volume, symbol)"),
            };
        }
        return columns;
    }
}
