using Baton.Engine.History;
using Baton.Postgres;
using Baton.Sqlite;
using Npgsql;

namespace Baton.Web.Tests;

/// <summary>
/// The run history stores against one contract: SQLite in a temp file and PostgreSQL on the test script's server
/// (<c>BATON_TEST_PG</c>, in a table of the test's own; the test fails without it). And <c>baton serve --db
/// postgresql://…</c> never shows the password.
/// </summary>
public sealed class RunHistoryTests
{
    [Fact]
    public async Task Sqlite_history_keeps_lists_replaces_and_deletes_runs()
    {
        string file = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"), "history.db");
        await using (var history = new SqliteRunHistory(file)) await Contract(history);
        await using var reopened = new SqliteRunHistory(file);
        await reopened.InitializeAsync(default);
        Assert.Equal(RunStatus.Interrupted, (await reopened.GetAsync("20240102-000000-bbbbbb", default))!.Status);
        Assert.Equal(RunStatus.Interrupted, (await reopened.GetAsync("20240103-000000-cccccc", default))!.Status);
    }

    [Fact]
    public async Task Sqlite_history_of_an_older_version_gains_the_stop_reason_and_keeps_its_runs()
    {
        string file = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"), "history.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE runs (id TEXT PRIMARY KEY, strategy TEXT NOT NULL, strategy_file TEXT NOT NULL, started_at INTEGER NOT NULL,
                  finished_at INTEGER, status TEXT NOT NULL, data TEXT NOT NULL, parameters TEXT NOT NULL, total_return REAL, sharpe REAL,
                  max_drawdown REAL, trades INTEGER, final_equity REAL, final_state TEXT, error TEXT);
                INSERT INTO runs VALUES ('20240101-000000-aaaaaa', 'sma', 'sma.yaml', 1, 2, 'succeeded', 'synthetic', '{}', NULL, NULL, NULL, NULL, NULL, 'Stopped', NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }
        await using var history = new SqliteRunHistory(file);
        await history.InitializeAsync(default);
        await history.InitializeAsync(default);   // twice: the column is added once
        var old = (await history.GetAsync("20240101-000000-aaaaaa", default))!;
        Assert.Null(old.StopReason);
        await history.SaveAsync(old with { StopReason = "daily loss 3% reached" }, default);
        Assert.Equal("daily loss 3% reached", (await history.GetAsync(old.Id, default))!.StopReason);
    }

    [Fact]
    public async Task Postgres_history_keeps_lists_replaces_and_deletes_runs_and_hides_the_password()
    {
        string server = Server();
        string table = "runs_" + Guid.NewGuid().ToString("N")[..12];
        string password = new Uri(server).UserInfo.Split(':')[1];
        try
        {
            await using var history = new PostgresRunHistory(PostgresUri.Parse(server), table);
            Assert.DoesNotContain(password, history.Description, StringComparison.Ordinal);
            Assert.Contains("***", history.Description, StringComparison.Ordinal);
            await Contract(history);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(PostgresUri.Parse(server).ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Serve_with_a_postgres_history_never_shows_its_password()
    {
        string server = Server();
        string password = new Uri(server).UserInfo.Split(':')[1];
        await using var baton = await BatonServer.StartAsync(null, "--db", server);
        using var client = BatonServer.Client(baton.Address);
        string id = await BatonServer.BacktestAsync(client, "sma_crossover.yaml", []);
        string info = await client.GetStringAsync("/api/info");
        string runs = await client.GetStringAsync("/api/runs");
        Assert.Contains(id, runs, StringComparison.Ordinal);
        Assert.Contains("***", info, StringComparison.Ordinal);
        foreach (string text in new[] { info, runs, baton.Output })
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(PostgresUri.Parse(server).ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM baton_runs WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        Assert.Equal(1, await delete.ExecuteNonQueryAsync());
    }

    private static async Task Contract(IRunHistory history)
    {
        await history.InitializeAsync(default);
        var first = new RunRecord("20240101-000000-aaaaaa", "sma", "sma.yaml", 1_000, 2_000, RunStatus.Succeeded, "synthetic", "{\"a\":\"1\"}",
            0.12, 1.5, -0.08, 7, 112_000.5, "Stopped", StopReason: "max drawdown 20% breached: drawdown 21.4%");
        var second = new RunRecord("20240102-000000-bbbbbb", "rsi", "rsi.yaml", 3_000, null, RunStatus.Running, "csv x.csv", "{}");
        var third = new RunRecord("20240103-000000-cccccc", "rsi", "rsi.yaml", 4_000, null, RunStatus.Queued, "csv x.csv", "{}");
        await history.SaveAsync(first, default);
        await history.SaveAsync(second, default);
        await history.SaveAsync(third, default);
        Assert.Equal([third.Id, second.Id, first.Id], (await history.ListAsync(default)).Select(r => r.Id));
        Assert.Equal(first, await history.GetAsync(first.Id, default));
        var failed = first with { Status = RunStatus.Failed, Error = "bad data: x.csv:3:close: expected a number", TotalReturn = double.NaN };
        await history.SaveAsync(failed, default);
        Assert.Equal(failed with { TotalReturn = null }, await history.GetAsync(first.Id, default));
        Assert.True(await history.DeleteAsync(first.Id, default));
        Assert.False(await history.DeleteAsync(first.Id, default));
        Assert.Null(await history.GetAsync(first.Id, default));
        Assert.Equal([third.Id, second.Id], (await history.ListAsync(default)).Select(r => r.Id));
        await history.InitializeAsync(default);   // a restart: queued and running runs were interrupted
        Assert.All(await history.ListAsync(default), r => Assert.Equal(RunStatus.Interrupted, r.Status));
    }

    private static string Server()
    {
        string? server = Environment.GetEnvironmentVariable("BATON_TEST_PG");
        if (string.IsNullOrEmpty(server)) Assert.Fail("BATON_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        return server!;
    }
}
