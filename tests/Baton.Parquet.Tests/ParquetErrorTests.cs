using Baton.Engine.Data;
using Baton.Engine.Strategy;
using ParquetSharp;

namespace Baton.Parquet.Tests;

public class ParquetErrorTests
{
    private static Task<CandleDataException> Fails(string path, string symbol = "X", DataColumns? columns = null) =>
        Assert.ThrowsAsync<CandleDataException>(() => ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path, columns), [symbol]));

    [Fact]
    public async Task A_missing_file_names_its_full_path()
    {
        using var files = new ParquetTestFiles();
        var e = await Fails(files.PathOf("nope.parquet"));
        Assert.Contains(files.PathOf("nope.parquet"), e.Message);
        Assert.Equal("file", e.Field);
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_says_so()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("text.parquet");
        await File.WriteAllTextAsync(path, "timestamp,open\n1,2\n");
        var e = await Fails(path);
        Assert.StartsWith($"{path}: file: expected a Parquet file", e.Message);
    }

    [Fact]
    public async Task A_missing_column_names_the_field_the_mapping_and_the_columns_found()
    {
        using var files = new ParquetTestFiles();
        string path = await files.WriteSyntheticAsync("c.parquet", ["X"], 10);
        var e = await Fails(path, columns: new DataColumns { Volume = "qty" });
        Assert.Equal($"{path}: volume: expected a column named qty (data.columns.volume), found columns: timestamp, open, high, low, close, volume", e.Message);
    }

    [Fact]
    public async Task A_mistyped_column_names_its_type()
    {
        using var files = new ParquetTestFiles();
        string path = files.WriteColumns("t.parquet",
            [new Column<string>("timestamp"), new Column<double>("open"), new Column<double>("high"), new Column<double>("low"),
             new Column<double>("close"), new Column<double>("volume")],
            g =>
            {
                ParquetTestFiles.Write(g, new[] { "2020-01-01" });
                for (int i = 0; i < 5; i++) ParquetTestFiles.Write(g, new[] { 1.0 });
            });
        var e = await Fails(path);
        Assert.Equal("timestamp", e.Field);
        Assert.Contains("got BYTEARRAY (STRING)", e.Message);
    }

    [Fact]
    public async Task A_null_value_names_its_row_and_field()
    {
        using var files = new ParquetTestFiles();
        string path = files.WriteColumns("n.parquet",
            [new Column<long>("timestamp"), new Column<double>("open"), new Column<double>("high"), new Column<double>("low"),
             new Column<double?>("close"), new Column<double>("volume")],
            g =>
            {
                ParquetTestFiles.Write(g, new[] { 1_600_000_000_000L, 1_600_000_060_000L, 1_600_000_120_000L });
                for (int i = 0; i < 3; i++) ParquetTestFiles.Write(g, new[] { 10.0, 10.0, 10.0 });
                ParquetTestFiles.Write(g, new double?[] { 10.0, 10.0, null });
                ParquetTestFiles.Write(g, new[] { 1.0, 1.0, 1.0 });
            });
        var e = await Fails(path);
        Assert.Equal($"{path}:3:close: expected a value, got null", e.Message);
    }

    [Fact]
    public async Task Nulls_in_two_fields_report_the_earlier_field_although_columns_decode_on_two_threads()
    {
        using var files = new ParquetTestFiles();
        string path = files.WriteColumns("nn.parquet",
            [new Column<long>("timestamp"), new Column<double?>("open"), new Column<double>("high"), new Column<double>("low"),
             new Column<double?>("close"), new Column<double>("volume")],
            g =>
            {
                ParquetTestFiles.Write(g, new[] { 1_600_000_000_000L, 1_600_000_060_000L, 1_600_000_120_000L });
                ParquetTestFiles.Write(g, new double?[] { 10.0, 10.0, null });
                for (int i = 0; i < 2; i++) ParquetTestFiles.Write(g, new[] { 10.0, 10.0, 10.0 });
                ParquetTestFiles.Write(g, new double?[] { 10.0, null, 10.0 });
                ParquetTestFiles.Write(g, new[] { 1.0, 1.0, 1.0 });
            });
        for (int run = 0; run < 20; run++)
        {
            var e = await Fails(path);
            Assert.Equal($"{path}:3:open: expected a value, got null", e.Message);
        }
    }

    [Fact]
    public async Task A_symbol_absent_from_a_long_file_lists_the_symbols_it_holds()
    {
        using var files = new ParquetTestFiles();
        string path = await files.WriteSyntheticAsync("l.parquet", ["BBB", "AAA"], 50);
        var e = await Fails(path, "ZZZ");
        Assert.Equal($"{path}: symbol: expected rows for symbol ZZZ, found only AAA, BBB", e.Message);
    }

    [Fact]
    public async Task Several_symbols_from_a_file_without_a_symbol_column_are_refused()
    {
        using var files = new ParquetTestFiles();
        string path = await files.WriteSyntheticAsync("one.parquet", ["X"], 5);
        var e = await Assert.ThrowsAsync<CandleDataException>(() => ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["A", "B"]));
        Assert.Contains("expected a column named symbol to serve 2 symbols", e.Message);
    }

    private static string WriteWithBadHigh(ParquetTestFiles files) => files.WriteColumns("bad.parquet",
        [new Column<long>("timestamp"), new Column<double>("open"), new Column<double>("high"), new Column<double>("low"),
         new Column<double>("close"), new Column<double>("volume")],
        g =>
        {
            ParquetTestFiles.Write(g, new[] { 1_600_000_000_000L, 1_600_000_060_000L, 1_600_000_120_000L, 1_600_000_180_000L });
            ParquetTestFiles.Write(g, new[] { 10.0, 10.0, 10.0, 10.0 });
            ParquetTestFiles.Write(g, new[] { 11.0, 11.0, 11.0, 8.5 });   // the 4th row's high is under its low
            ParquetTestFiles.Write(g, new[] { 9.0, 9.0, 9.0, 9.0 });
            ParquetTestFiles.Write(g, new[] { 10.5, 10.5, 10.5, 10.5 });
            ParquetTestFiles.Write(g, new[] { 1.0, 1.0, 1.0, 1.0 });
        });

    [Fact]
    public async Task A_bad_value_names_its_row_field_and_expectation()
    {
        using var files = new ParquetTestFiles();
        string path = WriteWithBadHigh(files);
        var e = await Fails(path);
        Assert.Equal($"{path}:4:high: expected high >= low (9), got 8.5", e.Message);
    }

    [Fact]
    public async Task Rows_after_the_end_of_the_range_are_not_read_so_a_bad_one_there_is_no_error()
    {
        using var files = new ParquetTestFiles();
        string path = WriteWithBadHigh(files);
        var range = new TimeRange(1_600_000_060_000L, 1_600_000_090_000L);   // the 2nd row only; the 3rd is past the end
        var read = await ParquetTestFiles.ReadAllAsync(new ParquetCandleSource(path), ["X"], range);
        Assert.Equal([1_600_000_060_000L], read[0].Select(c => c.OpenTime));
    }
}
