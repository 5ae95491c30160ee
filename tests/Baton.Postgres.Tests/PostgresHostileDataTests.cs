using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Resampling;

namespace Baton.Postgres.Tests;

/// <summary>Issue 17 against a real PostgreSQL table: times a candle cannot carry (past 9999, infinity) and rows of
/// another timeframe stop the read naming the table, symbol, row and field.</summary>
public class PostgresHostileDataTests
{
    private static readonly Timeframe Hour = new(Timeframe.Hour);

    [Theory]
    [InlineData("'10000-01-01T00:00:00Z'")]
    [InlineData("'infinity'")]
    public async Task A_time_past_9999_names_its_row_and_field(string ts)
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA"], 5, Hour);
        await db.ExecuteAsync($"INSERT INTO {db.Table} VALUES ('AAA', '1h', {ts}, 10, 11, 9, 10.5, 100)");
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Hour));
        Assert.StartsWith($"{db.Uri.Redacted} [AAA 1h]:6:ts: expected a time from 0001-01-01 to 9999-12-31", e.Message);
    }

    [Fact]
    public async Task Rows_one_hour_apart_under_a_4h_strategy_are_refused_by_the_run_guard()
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA"], 5, Hour);
        await db.ExecuteAsync($"UPDATE {db.Table} SET timeframe = '4h'");   // mislabelled: hourly rows stored as 4h
        var source = new TimeframeGuard(new PostgresCandleSource(db.Uri), resample: false);
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(source, ["AAA"], new Timeframe(4 * Timeframe.Hour)));
        Assert.Contains("AAA candle 2 at", e.Message, StringComparison.Ordinal);
        Assert.Contains("candles 1h apart, the strategy's timeframe is 4h", e.Message, StringComparison.Ordinal);
    }
}
