using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using ParquetSharp;

namespace Baton.Parquet.Tests;

public class ParquetRoundTripTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(4096, 10_000)]
    public async Task Written_candles_read_back_to_the_same_bits_for_every_symbol(int batch, int callerBatch)
    {
        using var files = new ParquetTestFiles();
        string[] symbols = ["AAA", "BBB", "CCC"];
        string path = await files.WriteSyntheticAsync("long.parquet", symbols, 2500, rowGroupSize: 977);
        var expected = await ParquetTestFiles.SyntheticAsync(symbols, 2500);
        var actual = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), symbols, batch: Math.Max(batch, callerBatch % 13));
        for (int s = 0; s < symbols.Length; s++) Assert.Equal(expected[s], actual[s]);
    }

    [Fact]
    public async Task A_one_symbol_file_has_no_symbol_column_and_serves_any_one_symbol()
    {
        using var files = new ParquetTestFiles();
        string path = await files.WriteSyntheticAsync("one.parquet", ["AAA"], 3000);
        using (var reader = new ParquetFileReader(path))
            Assert.DoesNotContain("symbol", Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i).Name));
        var expected = await ParquetTestFiles.SyntheticAsync(["AAA"], 3000);
        var actual = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["ANY"], batch: 333);
        Assert.Equal(expected[0], actual[0]);
    }

    [Fact]
    public async Task The_writer_uses_snappy_delta_timestamps_dictionary_prices_and_the_row_group_size()
    {
        using var files = new ParquetTestFiles();
        string path = await files.WriteSyntheticAsync("enc.parquet", ["A", "B"], 1500, rowGroupSize: 1000);
        using var reader = new ParquetFileReader(path);
        Assert.Equal(3, reader.FileMetaData.NumRowGroups);
        using var group = reader.RowGroup(0);
        Assert.Equal(1000, group.MetaData.NumRows);
        var schema = reader.FileMetaData.Schema;
        using var time = group.MetaData.GetColumnChunkMetaData(schema.ColumnIndex("timestamp"));
        Assert.Equal(Compression.Snappy, time.Compression);
        Assert.Contains(Encoding.DeltaBinaryPacked, time.Encodings);
        using var open = group.MetaData.GetColumnChunkMetaData(schema.ColumnIndex("open"));
        Assert.Contains(Encoding.RleDictionary, open.Encodings);
        using var logical = schema.Column(schema.ColumnIndex("timestamp")).LogicalType;
        Assert.Equal(TimeUnit.Millis, Assert.IsType<TimestampLogicalType>(logical).TimeUnit);
    }

    [Fact]
    public async Task Row_groups_outside_the_range_are_skipped_by_their_statistics()
    {
        using var files = new ParquetTestFiles();
        var good = (await ParquetTestFiles.SyntheticAsync(["X"], 3000))[0];
        var rows = good.ToList();
        rows[10] = rows[10] with { High = rows[10].Low / 2 }; // bad row in the first row group only
        string path = files.PathOf("skip.parquet");
        await using (var source = new ListRows(rows)) await ParquetCandleWriter.WriteAsync(path, source, CancellationToken.None, rowGroupSize: 500);

        var range = new TimeRange(good[2000].OpenTime, good[2100].OpenTime);
        var read = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["X"], range);
        Assert.Equal(good.GetRange(2000, 101), read[0]);

        var e = await Assert.ThrowsAsync<CandleDataException>(() => ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["X"]));
        Assert.Equal(11, e.Row);
        Assert.Equal("high", e.Field);
    }

    [Fact]
    public async Task A_folder_or_a_symbol_template_holds_one_file_per_symbol()
    {
        using var files = new ParquetTestFiles();
        var expected = await ParquetTestFiles.SyntheticAsync(["AAA", "BBB"], 400);
        for (int s = 0; s < 2; s++)
        {
            string name = s == 0 ? "AAA" : "BBB";
            await using var rows = new ListRows(expected[s]);
            await ParquetCandleWriter.WriteAsync(files.PathOf($"{name}.parquet"), rows, CancellationToken.None);
        }
        var fromFolder = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(files.Folder), ["AAA", "BBB"]);
        var fromTemplate = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(Path.Combine(files.Folder, "{symbol}.parquet")), ["AAA", "BBB"]);
        Assert.Equal(expected, fromFolder);
        Assert.Equal(expected, fromTemplate);
    }

    [Fact]
    public async Task Mapped_column_names_epoch_nanoseconds_and_float_columns_are_read()
    {
        using var files = new ParquetTestFiles();
        long[] ns = [1_600_000_000_000_000_000, 1_600_000_060_000_000_000];
        string path = files.WriteColumns("mapped.parquet",
            [new Column<string>("ticker"), new Column<long>("ts"), new Column<double>("o"), new Column<double>("h"),
             new Column<float>("l"), new Column<double>("c"), new Column<long>("vol")],
            g =>
            {
                ParquetTestFiles.Write(g, new[] { "Q", "Q" });
                ParquetTestFiles.Write(g, ns);
                ParquetTestFiles.Write(g, new[] { 10.0, 11.0 });
                ParquetTestFiles.Write(g, new[] { 12.0, 12.5 });
                ParquetTestFiles.Write(g, new[] { 9.5f, 10.5f });
                ParquetTestFiles.Write(g, new[] { 11.0, 12.0 });
                ParquetTestFiles.Write(g, new[] { 100L, 200L });
            });
        var columns = new DataColumns { Timestamp = "ts", Open = "o", High = "h", Low = "l", Close = "c", Volume = "vol", Symbol = "ticker" };
        var read = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path, columns), ["Q"]);
        Assert.Equal([new Candle(1_600_000_000_000, 10, 12, 9.5, 11, 100), new Candle(1_600_000_060_000, 11, 12.5, 10.5, 12, 200)], read[0]);
    }

    [Fact]
    public async Task Short_reads_at_page_boundaries_are_looped_over()
    {
        using var files = new ParquetTestFiles();
        var expected = (await ParquetTestFiles.SyntheticAsync(["X"], 20_000))[0];
        string path = files.WriteColumns("pages.parquet",
            [new Column<DateTime>("timestamp", LogicalType.Timestamp(true, TimeUnit.Micros)), new Column<double>("open"),
             new Column<double>("high"), new Column<double>("low"), new Column<double>("close"), new Column<double>("volume")],
            g =>
            {
                ParquetTestFiles.Write(g, expected.Select(c => DateTime.UnixEpoch.AddMilliseconds(c.OpenTime)).ToArray());
                ParquetTestFiles.Write(g, expected.Select(c => c.Open).ToArray());
                ParquetTestFiles.Write(g, expected.Select(c => c.High).ToArray());
                ParquetTestFiles.Write(g, expected.Select(c => c.Low).ToArray());
                ParquetTestFiles.Write(g, expected.Select(c => c.Close).ToArray());
                ParquetTestFiles.Write(g, expected.Select(c => c.Volume).ToArray());
            }, pageSize: 1000);
        var read = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["X"], batch: 10_000);
        Assert.Equal(expected, read[0]);
    }

    /// <summary>A list of one symbol's candles as rows (not validated), to write files with bad rows.</summary>
    private sealed class ListRows(List<Candle> candles) : ICandleRowReader
    {
        private int _next;
        public string Source => "list";
        public bool HasSymbolColumn => false;
        public IReadOnlyList<string> Symbols { get; } = ["X"];
        public double Progress => 0;

        public ValueTask<int> ReadAsync(CandleRowBatch batch, CancellationToken cancellationToken)
        {
            int n = Math.Min(batch.Capacity, candles.Count - _next);
            for (int i = 0; i < n; i++)
            {
                batch.Candles[i] = candles[_next];
                batch.Rows[i] = ++_next;
                batch.SymbolIds[i] = 0;
            }
            return ValueTask.FromResult(n);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
