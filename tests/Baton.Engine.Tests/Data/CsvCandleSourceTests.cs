using System.Globalization;
using System.Text;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;

namespace Baton.Engine.Tests.Data;

public sealed class CsvCandleSourceTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Reads_synthetic_5000_reference_file()
    {
        var candles = (await DataTestFiles.ReadAllAsync(new CsvCandleSource(DataTestFiles.SharedData("synthetic_5000.csv")), ["SYN"]))[0];
        Assert.Equal(5000, candles.Count);
        Assert.Equal(new Candle(DataTestFiles.Ms("2000-01-03"), 100.69, 102.15, 100.07, 101.44, 1050953), candles[0]);
        Assert.Equal(new Candle(DataTestFiles.Ms("2019-03-01"), 100.81, 102.01, 99.43, 99.94, 2427105), candles[^1]);
    }

    [Fact]
    public async Task Reads_real_daily_reference_file()
    {
        var candles = (await DataTestFiles.ReadAllAsync(new CsvCandleSource(DataTestFiles.SharedData("real_daily.csv")), ["ORCL"], batch: 333))[0];
        Assert.Equal(5036, candles.Count);
        Assert.Equal(new Candle(DataTestFiles.Ms("1995-01-03"), 2.179012, 2.191358, 2.117284, 2.117284, 36301200), candles[0]);
        Assert.Equal(new Candle(DataTestFiles.Ms("2014-12-31"), 45.450001, 45.560001, 44.970001, 44.970001, 13269200), candles[^1]);
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_with_aliases_case_and_extra_columns()
    {
        var candles = await _files.ReadCsvAsync("Volume,CLOSE,adj close,Low,High,Open,Date\r\n10,100.5,1,99,101,100,2020-01-02\r\n");
        Assert.Equal([new Candle(DataTestFiles.Ms("2020-01-02"), 100, 101, 99, 100.5, 10)], candles);
    }

    [Theory]
    [InlineData("timestamp", "2020-01-02T00:00:00Z")]
    [InlineData("time", "2020-01-02 00:00:00")]
    [InlineData("datetime", "2020-01-02T01:00:00+01:00")]
    [InlineData("ts", "1577923200")]
    [InlineData("ts", "1577923200000")]
    [InlineData("ts", "1577923200000000")]
    [InlineData("ts", "1577923200000000000")]
    public async Task Reads_iso_and_epoch_timestamps(string column, string time)
    {
        var candles = await _files.ReadCsvAsync($"{column},open,high,low,close,volume\n{time},1,2,0.5,1.5,3\n");
        Assert.Equal(DataTestFiles.Ms("2020-01-02"), Assert.Single(candles).OpenTime);
    }

    [Fact]
    public async Task Tolerates_bom_blank_lines_quotes_spaces_and_no_final_line_break()
    {
        var candles = await _files.ReadCsvAsync("\uFEFFtimestamp, open ,high,low,close,volume\n\n" +
            "\"2020-01-02\", 1 ,2,0.5,1.5,3\n   \n2020-01-03,1,2,0.5,1.5,1e3");
        Assert.Equal(2, candles.Count);
        Assert.Equal(1000, candles[1].Volume);
    }

    [Fact]
    public async Task Serves_whatever_single_symbol_is_asked_for_without_a_symbol_column()
    {
        var stream = Assert.Single(await new CsvCandleSource(_files.Write("btc.csv", "timestamp,open,high,low,close,volume\n"))
            .OpenAsync(["ETHUSDT"], Timeframe.OneDay, TimeRange.All, CancellationToken.None));
        await using (stream)
        {
            Assert.Equal("ETHUSDT", stream.Symbol);
            Assert.Empty(await DataTestFiles.ReadAllAsync(stream));
        }
    }

    [Fact]
    public async Task Long_format_gives_each_symbol_its_own_rows()
    {
        string path = _files.Write("long.csv", "symbol,timestamp,open,high,low,close,volume\n" +
            "AAA,2020-01-01,1,2,0.5,1.5,1\nBBB,2020-01-01,10,20,5,15,2\nAAA,2020-01-02,1,2,0.5,1.5,3\n" +
            "BBB,2020-01-02,10,20,5,15,4\nCCC,2020-01-01,1,1,1,1,1\n");
        var lists = await DataTestFiles.ReadAllAsync(new CsvCandleSource(path), ["BBB", "AAA"]);
        Assert.Equal([2.0, 4.0], lists[0].Select(c => c.Volume));
        Assert.Equal([1.0, 3.0], lists[1].Select(c => c.Volume));
        Assert.All(lists[0], c => Assert.Equal(10, c.Open));
    }

    [Fact]
    public async Task Time_range_keeps_only_rows_inside_it()
    {
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int day = 1; day <= 9; day++) text.Append(CultureInfo.InvariantCulture, $"2020-01-0{day},1,2,0.5,1.5,{day}\n");
        var range = new TimeRange(DataTestFiles.Ms("2020-01-03"), DataTestFiles.Ms("2020-01-05"));
        var candles = (await DataTestFiles.ReadAllAsync(new CsvCandleSource(_files.Write("r.csv", text.ToString())), ["X"], range))[0];
        Assert.Equal([3.0, 4.0, 5.0], candles.Select(c => c.Volume));
    }

    [Fact]
    public async Task Numbers_parse_to_the_same_bits_as_double_Parse()
    {
        var random = new Random(7);
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        var expected = new List<double>();
        for (int i = 0; i < 3000; i++)
        {
            string number = RandomNumberText(random);
            expected.Add(double.Parse(number, CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $"{1000 + i},1,2,0.5,1.5,{number}\n");
        }
        var candles = await _files.ReadCsvAsync(text.ToString());
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), candles.Select(c => BitConverter.DoubleToInt64Bits(c.Volume)));
    }

    [Fact]
    public async Task Small_batches_and_long_files_cross_buffer_boundaries()
    {
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 30_000; i++) text.Append(CultureInfo.InvariantCulture, $"{1_600_000_000 + i * 60},100.25,101.5,99.75,100.5,{i}\n");
        var candles = (await DataTestFiles.ReadAllAsync(new CsvCandleSource(_files.Write("big.csv", text.ToString())), ["X"], batch: 7))[0];
        Assert.Equal(30_000, candles.Count);
        Assert.Equal(Enumerable.Range(0, 30_000).Select(i => (double)i), candles.Select(c => c.Volume));
    }

    [Fact]
    public async Task Cancelled_read_throws()
    {
        string path = _files.Write("c.csv", "timestamp,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,3\n");
        var streams = await new CsvCandleSource(path).OpenAsync(["X"], Timeframe.OneDay, TimeRange.All, CancellationToken.None);
        await using var stream = streams[0];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => stream.ReadAsync(new Candle[10], new CancellationToken(canceled: true)).AsTask());
    }

    private static string RandomNumberText(Random random) => random.Next(6) switch
    {
        0 => random.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
        1 => (random.Next(100_000) / 100.0).ToString(CultureInfo.InvariantCulture),
        2 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e-3).ToString("R", CultureInfo.InvariantCulture),
        4 => "0." + new string('7', random.Next(1, 30)),
        _ => random.Next(1, 99_999).ToString(CultureInfo.InvariantCulture) + "." + random.NextInt64().ToString(CultureInfo.InvariantCulture).TrimStart('-'),
    };
}
