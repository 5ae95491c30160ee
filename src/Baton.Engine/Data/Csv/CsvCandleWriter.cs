using System.Globalization;
using System.Text;
using Baton.Core.Market;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Merging;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Writes candles as CSV that <see cref="CsvCandleSource"/> reads back to the same bits:
/// <c>timestamp,open,high,low,close,volume</c> for one symbol, <c>symbol,timestamp,open,...</c> (long format,
/// rows in merged time order, ties by symbol index) for several. Numbers are invariant text that parses
/// back to the same bits (plain decimals for tick-grid prices, shortest round-trip otherwise); timestamps ISO-8601 UTC (<c>2020-01-01T00:00:00Z</c>), or dates (<c>2020-01-01</c>) when the
/// timeframe is a whole number of days and the candles start at midnight (should a later candle not be
/// at midnight, it is written in full; both forms read back identically).
/// <para>Atomic: the file is written to a temporary file in the same folder, flushed to disk, then moved
/// over <c>path</c>; on failure the temporary file is deleted and any previous file is left untouched.</para>
/// </summary>
public static class CsvCandleWriter
{
    private const int BufferSize = 1 << 16;
    private const int MaxRowBytes = 512;
    private const int BatchSize = 4096;

    /// <summary>Writes every candle of <paramref name="streams"/> (one per symbol, named by
    /// <see cref="ICandleStream.Symbol"/>) to <paramref name="path"/>, and disposes the streams.
    /// Returns the number of candle rows written.</summary>
    public static async Task<long> WriteAsync(string path, IReadOnlyList<ICandleStream> streams, Timeframe timeframe,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var rows = new MergedCandleRows(streams, path);
        await using var _ = rows.ConfigureAwait(false);
        return await WriteAsync(path, rows, timeframe, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every row of <paramref name="rows"/> in its order to <paramref name="path"/>, with a symbol
    /// column when the rows have one. With a null <paramref name="timeframe"/> every time is written in full.
    /// Returns the number of candle rows written. Does not validate (see <see cref="CandleRowChecker"/>).</summary>
    public static async Task<long> WriteAsync(string path, ICandleRowReader rows, Timeframe? timeframe,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long count;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            await using (file.ConfigureAwait(false))
            {
                count = await WriteRowsAsync(file, rows, timeframe, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
            return count;
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }

    private static async Task<long> WriteRowsAsync(FileStream file, ICandleRowReader rows, Timeframe? timeframe,
        CancellationToken cancellationToken)
    {
        var batch = new CandleRowBatch(BatchSize);
        var symbols = new List<byte[]>();
        var output = new byte[BufferSize + MaxRowBytes];
        bool longFormat = rows.HasSymbolColumn;
        int used = WriteHeader(output, longFormat);
        bool? dateOnly = timeframe is { } tf && tf.Milliseconds % Timeframe.Day == 0 ? null : false;
        long written = 0;
        int count;
        while ((count = await rows.ReadAsync(batch, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                var candle = batch.Candles[i];
                dateOnly ??= CandleTimestamp.IsMidnight(candle.OpenTime);
                byte[]? symbol = null;
                if (longFormat)
                {
                    int id = batch.SymbolIds[i];
                    while (symbols.Count <= id) symbols.Add(SymbolBytes(rows.Symbols[symbols.Count]));
                    symbol = symbols[id];
                }
                used += WriteRow(output.AsSpan(used), symbol, candle, dateOnly.Value);
                if (used >= BufferSize)
                {
                    await file.WriteAsync(output.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                }
            }
            written += count;
        }
        await file.WriteAsync(output.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static byte[] SymbolBytes(string symbol)
    {
        var bytes = Encoding.UTF8.GetBytes(symbol);
        if (bytes.Length is 0 or > MaxRowBytes / 2 || symbol.AsSpan().IndexOfAny(",\"\r\n") >= 0 || symbol.Trim().Length != symbol.Length)
        {
            throw new ArgumentException(
                $"Symbol \"{symbol}\" cannot be written to CSV: expected 1 to {MaxRowBytes / 2} bytes with no comma, quote, line break or surrounding space.",
                nameof(symbol));
        }
        return bytes;
    }

    private static int WriteHeader(Span<byte> output, bool longFormat)
    {
        var header = longFormat ? "symbol,timestamp,open,high,low,close,volume\n"u8 : "timestamp,open,high,low,close,volume\n"u8;
        header.CopyTo(output);
        return header.Length;
    }

    private static int WriteRow(Span<byte> output, byte[]? symbol, in Candle candle, bool dateOnly)
    {
        int at = 0;
        if (symbol is not null)
        {
            symbol.CopyTo(output);
            at = symbol.Length;
            output[at++] = (byte)',';
        }
        at += CandleTimestamp.Format(candle.OpenTime, dateOnly, output[at..]);
        at += WriteNumber(output[at..], candle.Open);
        at += WriteNumber(output[at..], candle.High);
        at += WriteNumber(output[at..], candle.Low);
        at += WriteNumber(output[at..], candle.Close);
        at += WriteNumber(output[at..], candle.Volume);
        output[at++] = (byte)'\n';
        return at;
    }

    /// <summary>Writes <c>,</c> and text that parses back to <paramref name="value"/>.</summary>
    private static int WriteNumber(Span<byte> output, double value)
    {
        output[0] = (byte)',';
        return CsvNumber.Format(value, output[1..]) + 1;
    }
}
