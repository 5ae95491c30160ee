using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Baton.Engine.Data.Merging;
using Baton.Engine.Data.Synthetic;
using Npgsql;

namespace Baton.Postgres.Tests;

/// <summary>
/// The real server the test script starts (<c>BATON_TEST_PG</c>); each test owns a table of its own, dropped at
/// the end. Without the variable the test fails (not skips), so a run proves the PostgreSQL tests ran.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public TestDatabase()
    {
        string? server = Environment.GetEnvironmentVariable("BATON_TEST_PG");
        if (string.IsNullOrEmpty(server))
            Assert.Fail("BATON_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        Server = server!;
        Table = "t_" + Guid.NewGuid().ToString("N")[..16];
        Uri = PostgresUri.Parse($"{Server}?table={Table}");
        Password = new Uri(Server).UserInfo.Split(':')[1];
    }

    public string Server { get; }
    public string Table { get; }
    public PostgresUri Uri { get; }
    public string UriText => $"{Server}?table={Table}";
    public string Password { get; }

    public async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(Uri.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Uri.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates the table and imports synthetic candles of <paramref name="symbols"/>.</summary>
    public async Task<List<Candle>[]> FillAsync(IReadOnlyList<string> symbols, int bars, Timeframe timeframe)
    {
        await CandleTable.CreateAsync(Uri, CancellationToken.None);
        var source = new SyntheticCandleSource(new Baton.Engine.Strategy.DataSpec { Bars = bars, Seed = 3 });
        var streams = await source.OpenAsync(symbols, timeframe, TimeRange.All, CancellationToken.None);
        await using var rows = new CheckedCandleRows(new MergedCandleRows(streams, "synthetic"));
        await PostgresCandleImporter.ImportAsync(Uri, rows, timeframe, null, null, CancellationToken.None);
        return await ReadAllAsync(new SyntheticCandleSource(new Baton.Engine.Strategy.DataSpec { Bars = bars, Seed = 3 }), symbols, timeframe);
    }

    public static async Task<List<Candle>[]> ReadAllAsync(ICandleSource source, IReadOnlyList<string> symbols, Timeframe timeframe,
        TimeRange? range = null)
    {
        var streams = await source.OpenAsync(symbols, timeframe, range ?? TimeRange.All, CancellationToken.None);
        var result = new List<Candle>[streams.Count];
        for (int i = 0; i < streams.Count; i++)
        {
            await using var stream = streams[i];
            result[i] = [];
            var buffer = new Candle[777];
            int n;
            while ((n = await stream.ReadAsync(buffer, CancellationToken.None)) > 0) result[i].AddRange(buffer.AsSpan(0, n));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP TABLE IF EXISTS {Table}");
        }
        catch (NpgsqlException)
        {
            // the server may have been stopped by the test
        }
    }
}
