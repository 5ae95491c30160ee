using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Merging;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Parquet;
using ParquetSharp;

namespace Baton.Parquet.Tests;

/// <summary>A temporary folder per test, synthetic candles, and helpers to write and read Parquet files.</summary>
public sealed class ParquetTestFiles : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "baton-parquet-tests", Guid.NewGuid().ToString("N"));

    public ParquetTestFiles() => Directory.CreateDirectory(Folder);

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    public static DataSpec Walk(int bars, int seed = 7) => new() { Bars = bars, Seed = seed, StartPrice = 100, Volatility = 0.01 };

    public static async Task<List<Candle>[]> SyntheticAsync(IReadOnlyList<string> symbols, int bars, Timeframe? timeframe = null)
    {
        var source = new SyntheticCandleSource(Walk(bars));
        return await ReadAllAsync(source, symbols, timeframe: timeframe);
    }

    /// <summary>Writes synthetic candles of <paramref name="symbols"/> (merged by time) with the real writer.</summary>
    public async Task<string> WriteSyntheticAsync(string name, IReadOnlyList<string> symbols, int bars, int rowGroupSize = 1000)
    {
        var source = new SyntheticCandleSource(Walk(bars));
        var streams = await source.OpenAsync(symbols, Timeframe.OneDay, TimeRange.All, CancellationToken.None);
        await using var rows = new MergedCandleRows(streams, "synthetic");
        string path = PathOf(name);
        await ParquetCandleWriter.WriteAsync(path, rows, CancellationToken.None, rowGroupSize);
        return path;
    }

    public static async Task<List<Candle>[]> ReadAllAsync(ICandleSource source, IReadOnlyList<string> symbols,
        TimeRange? range = null, int batch = 1000, Timeframe? timeframe = null)
    {
        var streams = await source.OpenAsync(symbols, timeframe ?? Timeframe.OneDay, range ?? TimeRange.All, CancellationToken.None);
        var result = new List<Candle>[streams.Count];
        for (int i = 0; i < streams.Count; i++)
        {
            await using var stream = streams[i];
            result[i] = [];
            var buffer = new Candle[batch];
            int n;
            while ((n = await stream.ReadAsync(buffer, CancellationToken.None)) > 0) result[i].AddRange(buffer.AsSpan(0, n));
        }
        return result;
    }

    /// <summary>Writes a one-row-group file with any columns, straight through ParquetSharp.</summary>
    public string WriteColumns(string name, Column[] columns, Action<RowGroupWriter> write, long pageSize = 1 << 20)
    {
        string path = PathOf(name);
        using var builder = new WriterPropertiesBuilder();
        using var properties = builder.DataPagesize(pageSize).WriteBatchSize(64).DisableDictionary().Build();
        using var writer = new ParquetFileWriter(path, columns, properties);
        using (var group = writer.AppendRowGroup()) write(group);
        writer.Close();
        return path;
    }

    public static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var column = group.NextColumn();
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(values);
    }
}
