using Baton.Engine.Backtest;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Components.Tests;

/// <summary>The PostgreSQL example component against the real server the test script starts (<c>BATON_TEST_PG</c>;
/// these fail, not skip, without it): it reads the same candles from a query as from the window file, and gives the
/// same values. Each test owns a schema with its own <c>candles</c> table, reached through the URI's search_path.</summary>
public sealed class PostgresComponentTests : IDisposable
{
    private static readonly string Data = Path.Combine(Harness.RepoRoot, "examples", "data", "eth_1h.csv");
    private readonly Harness _h = new();
    private readonly string _server;
    private readonly string _schema = "components_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresComponentTests()
    {
        _server = Environment.GetEnvironmentVariable("BATON_TEST_PG")
            ?? throw new InvalidOperationException("BATON_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        Psql(_server, $"CREATE SCHEMA {_schema}");
        Psql(Uri, "CREATE TABLE candles (symbol text, timeframe text, ts timestamptz, open float8, high float8, low float8, " +
                  "close float8, volume float8, PRIMARY KEY (symbol, timeframe, ts))");
        var rows = File.ReadLines(Data).Skip(1).Select(l => "ETHUSDT,1h," + l);
        Psql(Uri, "COPY candles FROM STDIN WITH (FORMAT csv)", string.Join('\n', rows) + "\n");
    }

    /// <summary>The test server with this test's schema first on the search path.</summary>
    private string Uri => _server + (_server.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "options=-c%20search_path%3D" + _schema;

    public void Dispose()
    {
        Psql(_server, $"DROP SCHEMA {_schema} CASCADE");
        _h.Dispose();
    }

    private static void Psql(string uri, string sql, string? input = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo("psql") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql }) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (input is not null) p.StandardInput.Write(input);
        p.StandardInput.Close();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"psql {sql}: {stderr.Result}{stdout.Result}");
    }

    private async Task<ComponentResult> Run(string extra, DataSourceKind kind, string? location)
    {
        string script = Path.Combine(Harness.RepoRoot, "examples", "components", "pg_relative_volume.py");
        string yaml = $$"""
            name: pg
            symbols: [ETHUSDT]
            timeframe: 1h
            data: { source: csv, path: {{Data}} }
            dependencies:
              indicators:
                - { id: rvol, type: external, command: "python3 '{{script}}'", params: { period: 24 }{{extra}} }
            entry:
              - { when: rvol > 2, action: buy }
            """;
        string path = Path.Combine(_h.Folder, "pg.yaml");
        File.WriteAllText(path, yaml);
        var d = StrategyLoader.Load(path);
        var compiled = Engine.Compilation.StrategyCompiler.Compile(d);
        var host = new ComponentHost(new ComponentHostOptions(kind, location));
        var results = await host.RunComponentsAsync(compiled, compiled.Components, new CsvCandleSource(Data), TimeRange.All,
            Engine.Trading.NullEventSink.Instance, CancellationToken.None);
        return results[0];
    }

    private static List<string> Rows(ComponentResult r) =>
        Enumerable.Range(0, r.Series![0].Count).Select(i => $"{r.Series[0].TimeAt(i)}={r.Series[0].RowAt(i)[0]:R}").ToList();

    [Fact]
    public async Task A_query_gives_the_same_values_as_the_window_file()
    {
        var window = await Run("", DataSourceKind.Csv, Data);
        var query = await Run($", query: \"SELECT symbol, ts, open, high, low, close, volume FROM candles WHERE symbol = 'ETHUSDT' ORDER BY ts\", database: \"{Uri}\"",
            DataSourceKind.Csv, Data);
        Assert.Equal(ComponentStatus.Ok, query.Report.Status);
        Assert.Contains(query.Report.Messages, m => m.StartsWith("stderr: reading candles from PostgreSQL (127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(query.Report.Messages, m => m.Contains(":bp", StringComparison.Ordinal));   // no password in the log
        Assert.Equal(3000, query.Report.Accepted);
        Assert.Equal(Rows(window), Rows(query));
    }

    [Fact]
    public async Task Data_source_of_a_postgres_strategy_passes_the_default_query_over_the_candles_table()
    {
        var window = await Run("", DataSourceKind.Csv, Data);
        var source = await Run(", data: source", DataSourceKind.Postgres, Uri);
        Assert.Equal(ComponentStatus.Ok, source.Report.Status);
        Assert.Equal(Rows(window), Rows(source));
    }
}
