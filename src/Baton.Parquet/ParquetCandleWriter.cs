using Baton.Engine.Data;
using ParquetSharp;

namespace Baton.Parquet;

/// <summary>
/// Writes candles as Parquet that <see cref="ParquetCandleSource"/> reads back to the same bits: columns
/// <c>symbol</c> (string, only when the rows have a symbol column), <c>timestamp</c> (INT64 TIMESTAMP(MILLIS,
/// UTC), delta-encoded), <c>open high low close volume</c> (DOUBLE, dictionary-encoded while the dictionary
/// stays small, as Parquet writers do), Snappy-compressed, in row groups of <see cref="DefaultRowGroupSize"/>
/// rows with min/max statistics (so readers can skip groups by time or symbol). Rows are written in the order
/// given; memory holds one row group of values.
/// <para>Atomic: the file is written to a temporary file in the same folder, then moved over the path; on
/// failure the temporary file is deleted and any previous file is left untouched.</para>
/// </summary>
public static class ParquetCandleWriter
{
    /// <summary>Rows per row group (Parquet writers use 128 K to 1 M).</summary>
    public const int DefaultRowGroupSize = 1 << 18;

    private static readonly string[] NumberNames = ["open", "high", "low", "close", "volume"];

    /// <summary>Writes every row of <paramref name="rows"/> to <paramref name="path"/>; returns the number written.</summary>
    /// <param name="rowGroupSize">Rows per row group; smaller only in tests.</param>
    public static async Task<long> WriteAsync(string path, ICandleRowReader rows, CancellationToken cancellationToken,
        int rowGroupSize = DefaultRowGroupSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long written = await WriteFileAsync(temporary, rows, rowGroupSize, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, fullPath, overwrite: true);
            return written;
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }

    private static async Task<long> WriteFileAsync(string path, ICandleRowReader rows, int rowGroupSize, CancellationToken cancellationToken)
    {
        bool withSymbol = rows.HasSymbolColumn;
        using var properties = Properties(withSymbol);
        var columns = Columns(withSymbol);
        using var writer = new ParquetFileWriter(path, columns, properties);
        var group = new RowGroupBuffer(Math.Min(rowGroupSize, 1 << 20), withSymbol);
        var batch = new CandleRowBatch();
        long total = 0;
        int count;
        while ((count = await rows.ReadAsync(batch, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                group.Add(batch.Candles[i], withSymbol ? rows.Symbols[batch.SymbolIds[i]] : null);
                if (group.Count == rowGroupSize) group.Flush(writer);
            }
            total += count;
        }
        if (group.Count > 0) group.Flush(writer);
        writer.Close();
        return total;
    }

    private static Column[] Columns(bool withSymbol)
    {
        var list = new List<Column>();
        if (withSymbol) list.Add(new Column<string>("symbol", LogicalType.String()));
        list.Add(new Column<DateTime>("timestamp", LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Millis)));
        foreach (string name in NumberNames) list.Add(new Column<double>(name));
        return [.. list];
    }

    private static WriterProperties Properties(bool withSymbol)
    {
        using var builder = new WriterPropertiesBuilder();
        builder.Compression(Compression.Snappy).EnableStatistics()
            .DisableDictionary("timestamp").Encoding("timestamp", Encoding.DeltaBinaryPacked);
        foreach (string name in NumberNames) builder.EnableDictionary(name);
        if (withSymbol) builder.EnableDictionary("symbol");
        return builder.Build();
    }

    /// <summary>One row group's values, column by column, flushed when full.</summary>
    private sealed class RowGroupBuffer(int capacity, bool withSymbol)
    {
        private readonly string[] _symbols = withSymbol ? new string[capacity] : [];
        private readonly long[] _times = new long[capacity];
        private readonly double[][] _numbers = [new double[capacity], new double[capacity], new double[capacity], new double[capacity], new double[capacity]];

        public int Count { get; private set; }

        public void Add(in Baton.Core.Market.Candle candle, string? symbol)
        {
            int i = Count++;
            if (symbol is not null) _symbols[i] = symbol;
            _times[i] = candle.OpenTime;
            _numbers[0][i] = candle.Open;
            _numbers[1][i] = candle.High;
            _numbers[2][i] = candle.Low;
            _numbers[3][i] = candle.Close;
            _numbers[4][i] = candle.Volume;
        }

        public void Flush(ParquetFileWriter writer)
        {
            using var group = writer.AppendRowGroup();
            if (withSymbol)
            {
                using var column = group.NextColumn();
                using var symbols = column.LogicalWriter<string>();
                symbols.WriteBatch(_symbols, 0, Count);
            }
            using (var times = (ColumnWriter<long>)group.NextColumn()) times.WriteBatch(_times.AsSpan(0, Count));
            foreach (var values in _numbers)
            {
                using var column = (ColumnWriter<double>)group.NextColumn();
                column.WriteBatch(values.AsSpan(0, Count));
            }
            Count = 0;
        }
    }
}
