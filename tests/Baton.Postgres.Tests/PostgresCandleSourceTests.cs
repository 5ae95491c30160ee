using Baton.Core.Market;
using Baton.Engine.Data;
using Npgsql;

namespace Baton.Postgres.Tests;

public class PostgresCandleSourceTests
{
    private static readonly Timeframe Hour = new(Timeframe.Hour);

    [Fact]
    public async Task Imported_candles_read_back_per_symbol_in_time_order_to_the_same_bits()
    {
        await using var db = new TestDatabase();
        var expected = await db.FillAsync(["AAA", "BBB"], 3000, Hour);
        var actual = await TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA", "BBB"], Hour);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_range_restricts_the_query()
    {
        await using var db = new TestDatabase();
        var all = (await db.FillAsync(["AAA"], 500, Hour))[0];
        var range = new TimeRange(all[100].OpenTime, all[199].OpenTime);
        var read = await TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Hour, range);
        Assert.Equal(all.GetRange(100, 100), read[0]);
    }

    [Fact]
    public async Task Importing_the_same_rows_again_adds_no_duplicates()
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA", "BBB"], 1000, Hour);
        await db.FillAsync(["AAA", "BBB"], 1200, Hour);
        Assert.Equal(2400, await db.CountAsync());
    }

    [Fact]
    public async Task A_symbol_or_timeframe_not_in_the_table_lists_what_is_there()
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA", "BBB"], 10, Hour);
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Timeframe.OneDay));
        Assert.Equal("symbol", e.Field);
        Assert.Contains("expected rows for symbol AAA and timeframe 1d", e.Message);
        Assert.Contains("AAA has timeframes 1h", e.Message);
    }

    [Fact]
    public async Task A_wrong_schema_names_the_column_and_its_type()
    {
        await using var db = new TestDatabase();
        await db.ExecuteAsync($"CREATE TABLE {db.Table} (symbol text, timeframe text, ts timestamptz, open float8, high float8, low float8, close float8, volume text)");
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Hour));
        Assert.Equal("volume", e.Field);
        Assert.Contains("expected column volume of table " + db.Table + " to be double precision, got text", e.Message);
        Assert.DoesNotContain(db.Password, e.Message);
    }

    [Fact]
    public async Task A_missing_table_says_to_run_init()
    {
        await using var db = new TestDatabase();
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Hour));
        Assert.Contains("baton data init", e.Message);
        Assert.StartsWith(db.Uri.Redacted, e.Message);
    }

    [Fact]
    public async Task A_bad_row_in_the_table_names_source_symbol_row_and_field()
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA"], 50, Hour);
        await db.ExecuteAsync($"UPDATE {db.Table} SET high = low / 2 WHERE ts = (SELECT ts FROM {db.Table} ORDER BY ts OFFSET 9 LIMIT 1)");
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(db.Uri), ["AAA"], Hour));
        Assert.Equal(10, e.Row);
        Assert.Equal("high", e.Field);
        Assert.StartsWith($"{db.Uri.Redacted} [AAA 1h]:10:high: expected high >= low", e.Message);
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_clear_redacted_error()
    {
        await using var db = new TestDatabase();
        var server = new Uri(db.Server);
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var down = PostgresUri.Parse($"postgresql://{server.UserInfo}@127.0.0.1:{port}/db");
        var e = await Assert.ThrowsAsync<CandleDataException>(() => TestDatabase.ReadAllAsync(new PostgresCandleSource(down), ["AAA"], Hour));
        Assert.Equal("connection", e.Field);
        Assert.StartsWith($"postgresql://baton:***@127.0.0.1:{port}/db: connection: could not connect", e.Message);
        Assert.DoesNotContain(db.Password, e.ToString());
    }

    [Fact]
    public async Task A_connection_killed_mid_read_gives_a_clear_error_naming_the_source_and_row()
    {
        await using var db = new TestDatabase();
        await db.FillAsync(["AAA"], 300_000, new Timeframe(Timeframe.Minute));
        var streams = await new PostgresCandleSource(db.Uri).OpenAsync(["AAA"], new Timeframe(Timeframe.Minute), TimeRange.All, CancellationToken.None);
        await using var stream = streams[0];
        var buffer = new Candle[1000];
        Assert.Equal(1000, await stream.ReadAsync(buffer, CancellationToken.None));

        await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
            $"WHERE application_name = 'baton' AND query LIKE '%{db.Table}%' AND pid <> pg_backend_pid()");
        var e = await Assert.ThrowsAsync<CandleDataException>(async () =>
        {
            while (await stream.ReadAsync(buffer, CancellationToken.None) > 0)
            {
            }
        });
        Assert.Equal("connection", e.Field);
        Assert.True(e.Row > 1000, e.Message);
        Assert.StartsWith(db.Uri.Redacted, e.Message);
        Assert.Contains("lost the connection while reading AAA", e.Message);
        Assert.DoesNotContain(db.Password, e.ToString());
    }
}
