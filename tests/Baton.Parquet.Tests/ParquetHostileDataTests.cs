using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Runs.Backtests;
using ParquetSharp;

namespace Baton.Parquet.Tests;

/// <summary>Issue 17 for Parquet files, written with ParquetSharp: times past 9999, data of another timeframe, an empty
/// file and a FIFO named .parquet each stop with the file, row or candle, and field.</summary>
public class ParquetHostileDataTests
{
    private const long Hour = 3_600_000;
    private const long Year10000 = 253_402_300_800_000;   // 10000-01-01T00:00:00Z in Unix ms

    /// <summary>Rows of valid prices at <paramref name="times"/> (Unix ms), the timestamp as TIMESTAMP(MILLIS, UTC).</summary>
    private static string WriteTimes(ParquetTestFiles files, string name, long[] times) => files.WriteColumns(name,
        [new Column<long>("timestamp", LogicalType.Timestamp(true, TimeUnit.Millis)), new Column<double>("open"), new Column<double>("high"),
         new Column<double>("low"), new Column<double>("close"), new Column<double>("volume")],
        g =>
        {
            ParquetTestFiles.Write(g, times);
            foreach (double v in new[] { 10.0, 11.0, 9.0, 10.5, 100.0 }) ParquetTestFiles.Write(g, Enumerable.Repeat(v, times.Length).ToArray());
        });

    private static StrategyDefinition Strategy(Timeframe timeframe, bool resample = false) => new()
    {
        Name = "t", Symbols = ["X"], Timeframe = timeframe, Data = new DataSpec { Source = DataSourceKind.Parquet, Resample = resample },
    };

    private static Task<BacktestResult> Run(string path, Timeframe timeframe, bool resample = false) =>
        BacktestRun.RunAsync(new BacktestSpec(Strategy(timeframe, resample), new ParquetCandleSource(path), TimeRange.All),
            null, CancellationToken.None);

    public static TheoryData<string, long[], long, string> Cases => new()
    {
        { "a time past 9999", [Year10000 - 2 * Hour, Year10000 + Hour], Hour, ":2:timestamp: expected a time from 0001-01-01 to 9999-12-31" },
        { "a close past 9999", [Year10000 - 2 * Hour, Year10000 - Hour], Hour, "X candle 2 at 9999-12-31T23:00:00Z: its close (open + 1h) is past" },
        { "hourly data under 4h", [0, Hour, 2 * Hour], 4 * Hour, "X candle 2 at 1970-01-01T01:00:00Z: candles 1h apart, the strategy's timeframe is 4h" },
        { "daily data under 1h", [0, 24 * Hour, 48 * Hour], Hour, "candles at least 1d apart" },
        { "no rows", [], Hour, "window: no candle of X from the start of the data to the end of the data" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_stops_the_run_naming_the_place(string name, long[] times, long timeframe, string expected)
    {
        using var files = new ParquetTestFiles();
        string path = WriteTimes(files, name.Replace(' ', '_') + ".parquet", times);
        var e = await Assert.ThrowsAsync<CandleDataException>(() => Run(path, new Timeframe(timeframe)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hourly_data_is_resampled_to_4h_when_asked()
    {
        using var files = new ParquetTestFiles();
        string path = WriteTimes(files, "h.parquet", [.. Enumerable.Range(0, 12).Select(i => i * Hour)]);
        var result = await Run(path, new Timeframe(4 * Hour), resample: true);
        Assert.Equal(3, result.Candles);
        Assert.Equal(8 * Hour, result.LastTime);
    }

    [Fact]
    public async Task A_fifo_named_parquet_is_refused_without_opening_it()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("pipe.parquet");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) await mkfifo.WaitForExitAsync();
        var e = await Assert.ThrowsAsync<CandleDataException>(() => Run(path, new Timeframe(Hour)));
        Assert.Contains("pipe.parquet is a named pipe (FIFO)", e.Message, StringComparison.Ordinal);
    }
}
