using Baton.Engine.Backtest;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Components.Tests;

/// <summary>The PostgreSQL example component against a real server: it reads the same candles from a query as
/// from the window file, and gives the same values.</summary>
public sealed class PostgresComponentTests : IDisposable
{
    private static readonly string Data = Path.Combine(Harness.RepoRoot, "examples", "data", "eth_1h.csv");
    private readonly Harness _h = new();
    private readonly PostgresServer _pg = new();

    public PostgresComponentTests()
    {
        _pg.Psql("CREATE TABLE candles (symbol text, timeframe text, ts timestamptz, open float8, high float8, low float8, " +
                 "close float8, volume float8, PRIMARY KEY (symbol, timeframe, ts))");
        var rows = File.ReadLines(Data).Skip(1).Select(l => "ETHUSDT,1h," + l);
        _pg.Psql("COPY candles FROM STDIN WITH (FORMAT csv)", string.Join('\n', rows) + "\n");
    }

    public void Dispose()
    {
        _pg.Dispose();
        _h.Dispose();
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
        var query = await Run($", query: \"SELECT symbol, ts, open, high, low, close, volume FROM candles WHERE symbol = 'ETHUSDT' ORDER BY ts\", database: \"{_pg.Uri}\"",
            DataSourceKind.Csv, Data);
        Assert.Equal(ComponentStatus.Ok, query.Report.Status);
        Assert.Contains($"stderr: reading candles from PostgreSQL (127.0.0.1:{_pg.Port}/postgres)", query.Report.Messages);
        Assert.Equal(3000, query.Report.Accepted);
        Assert.Equal(Rows(window), Rows(query));
    }

    [Fact]
    public async Task Data_source_of_a_postgres_strategy_passes_the_default_query_over_the_candles_table()
    {
        var window = await Run("", DataSourceKind.Csv, Data);
        var source = await Run(", data: source", DataSourceKind.Postgres, _pg.Uri);
        Assert.Equal(ComponentStatus.Ok, source.Report.Status);
        Assert.Equal(Rows(window), Rows(source));
    }
}
