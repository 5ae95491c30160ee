using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;

namespace Baton.Engine.Tests.Data;

public sealed class CsvCandleSourceErrorTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume\n";
    private const string Row2 = "2020-01-02,100,101.5,99,100.5,10\n";
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("2020-01-03,100,99.2,101.5,100.5,10", "high", "expected high >= low (101.5), got 99.2")]
    [InlineData("2020-01-03,0,101.5,99,100.5,10", "open", "expected open > 0, got 0")]
    [InlineData("2020-01-03,100,101.5,99,102,10", "close", "expected close within [low, high] = [99, 101.5], got 102")]
    [InlineData("2020-01-03,98,101.5,99,100.5,10", "open", "expected open within [low, high] = [99, 101.5], got 98")]
    [InlineData("2020-01-03,100,101.5,99,100.5,-1", "volume", "expected volume >= 0, got -1")]
    [InlineData("2020-01-03,NaN,101.5,99,100.5,10", "open", "expected a finite number, got NaN")]
    [InlineData("2020-01-03,100,Infinity,99,100.5,10", "high", "expected a finite number, got Infinity")]
    [InlineData("2020-01-03,100,101.5,-99,100.5,10", "low", "expected low > 0, got -99")]
    [InlineData("2020-01-03,100,101.5,99,1O0.5,10", "close", "expected a number, got \"1O0.5\"")]
    [InlineData("2020-01-03,100,101.5,99,,10", "close", "expected a number, got an empty field")]
    [InlineData("2020-01-03,100,101.5,99,100.5", "columns", "expected 6 columns (timestamp,open,high,low,close,volume), got 5")]
    [InlineData("2020-01-03,100,101.5,99,100.5,10,7", "columns", "expected 6 columns (timestamp,open,high,low,close,volume), got 7")]
    [InlineData("2020-13-03,100,101.5,99,100.5,10", "timestamp", "expected an ISO-8601 date or date-time, or an integer epoch, got \"2020-13-03\"")]
    [InlineData("2020-01-02,100,101.5,99,100.5,10", "timestamp",
        "expected a time after the previous candle (2020-01-02T00:00:00Z), got 2020-01-02T00:00:00Z (duplicate)")]
    [InlineData("2020-01-01,100,101.5,99,100.5,10", "timestamp",
        "expected a time after the previous candle (2020-01-02T00:00:00Z), got 2020-01-01T00:00:00Z (out of order)")]
    public async Task Bad_row_names_file_line_and_field(string badRow, string field, string problem)
    {
        string path = _files.Write("btc.csv", Header + Row2 + "\n" + badRow + "\n" + Row2);
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}:4:{field}: {problem}", error.Message);
        Assert.Equal((path, 4L, field), (error.DataSource, error.Row, error.Field));
    }

    [Fact]
    public async Task Missing_column_is_reported_at_row_1_with_the_columns_found()
    {
        string path = _files.Write("a.csv", "Date,Open,Low,Close,Volume\n2020-01-02,1,1,1,1\n");
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}:1:high: expected a column named high, found columns: Date, Open, Low, Close, Volume", error.Message);
    }

    [Fact]
    public async Task Missing_timestamp_column_lists_its_aliases()
    {
        string path = _files.Write("a.csv", "when,open,high,low,close,volume\n");
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}:1:timestamp: expected a column named timestamp (or time, date, datetime, ts), " +
            "found columns: when, open, high, low, close, volume", error.Message);
    }

    [Fact]
    public async Task Two_timestamp_columns_are_rejected()
    {
        string path = _files.Write("a.csv", "date,time,open,high,low,close,volume\n");
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}:1:timestamp: expected one timestamp column, got two (date and time)", error.Message);
    }

    [Theory]
    [InlineData("", "got an empty file")]
    [InlineData("\uFEFF", "got an empty file")]
    [InlineData("\n2020-01-02,1,1,1,1,1\n", "got an empty line")]
    public async Task Empty_file_is_rejected(string text, string ending)
    {
        string path = _files.Write("empty.csv", text);
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}:1:header: expected a header line like timestamp,open,high,low,close,volume, {ending}", error.Message);
    }

    [Fact]
    public async Task Missing_file_names_the_full_path()
    {
        string path = _files.PathOf("nope/absent.csv");
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["X"]));
        Assert.Equal($"{path}: file: expected a CSV file at {path}, but there is none", error.Message);
    }

    [Fact]
    public async Task Symbol_absent_from_a_long_format_file_lists_the_symbols_present()
    {
        string path = _files.Write("long.csv", "symbol,timestamp,open,high,low,close,volume\n" +
            "BBB,2020-01-01,1,1,1,1,1\nAAA,2020-01-01,1,1,1,1,1\nBBB,2020-01-02,1,1,1,1,1\n");
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["AAA", "ZZZ"]));
        Assert.Equal($"{path}: symbol: expected rows for symbol ZZZ, found only AAA, BBB", error.Message);
    }

    [Fact]
    public async Task Several_symbols_need_a_symbol_column()
    {
        string path = _files.Write("one.csv", Header + Row2);
        var error = await Assert.ThrowsAsync<CandleDataException>(
            () => new CsvCandleSource(path).OpenAsync(["A", "B"], Timeframe.OneDay, TimeRange.All, CancellationToken.None).AsTask());
        Assert.Equal($"{path}:1:symbol: expected a symbol column to serve 2 symbols (A, B), " +
            "found columns: timestamp, open, high, low, close, volume", error.Message);
    }

    [Fact]
    public async Task Long_format_checks_order_per_symbol()
    {
        string path = _files.Write("long.csv", "symbol,timestamp,open,high,low,close,volume\n" +
            "AAA,2020-01-02,1,1,1,1,1\nBBB,2020-01-01,1,1,1,1,1\nAAA,2020-01-02,1,1,1,1,1\n");
        var lists = await DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["BBB"]);
        Assert.Single(lists[0]);
        var error = await Assert.ThrowsAsync<CandleDataException>(() => DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["AAA"]));
        Assert.Equal($"{path}:4:timestamp: expected a time after the previous candle of AAA (2020-01-02T00:00:00Z), " +
            "got 2020-01-02T00:00:00Z (duplicate)", error.Message);
    }
}
