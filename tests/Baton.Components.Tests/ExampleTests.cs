using Baton.Engine.Backtest;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Csv;
using Baton.Engine.Data.Synthetic;
using Baton.Engine.Strategy;
using Baton.Runs.Backtests;
using Baton.Runs.Files;
using Baton.Yaml;

namespace Baton.Components.Tests;

/// <summary>The example components (written with components/python/baton_component.py) and the strategy using them.</summary>
public sealed class ExampleTests : IDisposable
{
    private static readonly string StrategyPath = Path.Combine(Harness.RepoRoot, "examples", "strategies", "external_signal.yaml");
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private static async Task<BacktestResult> Run(string strategyPath)
    {
        var d = StrategyLoader.Load(strategyPath);
        string data = Path.Combine(Harness.RepoRoot, "examples", "data", "eth_1h.csv");
        var host = new ComponentHost(new ComponentHostOptions(DataSourceKind.Csv, data));
        return await BacktestRun.RunAsync(new BacktestSpec(d, new CsvCandleSource(data), TimeRange.All) { Components = host }, null,
            CancellationToken.None);
    }

    [Fact]
    public async Task The_example_strategy_backtests_with_its_three_components_and_trades_the_same_twice()
    {
        var first = await Run(StrategyPath);
        Assert.Equal(["zscore", "rvol", "momentum"], first.Components.Select(c => c.Id));
        Assert.All(first.Components, c => Assert.Equal(ComponentStatus.Ok, c.Status));
        Assert.All(first.Components, c => Assert.Equal(0, c.Warnings));
        Assert.Equal(3000, first.Components[0].Accepted);
        Assert.True(first.Trades.Count > 5, $"{first.Trades.Count} trades");
        var second = await Run(StrategyPath);
        Assert.Equal(FillsHash.Of(first.Orders, ["ETHUSDT"]), FillsHash.Of(second.Orders, ["ETHUSDT"]));
    }

    [Fact]
    public async Task The_postgres_example_reports_a_database_it_cannot_reach_and_the_run_goes_on()
    {
        string text = File.ReadAllText(StrategyPath)
            .Replace("../components/", Path.Combine(Harness.RepoRoot, "examples", "components") + "/", StringComparison.Ordinal)
            .Replace("../data/", Path.Combine(Harness.RepoRoot, "examples", "data") + "/", StringComparison.Ordinal)
            .Replace("      # query: ", "      query: ", StringComparison.Ordinal)
            .Replace("      # database: postgresql://baton@localhost:5432/baton", "      database: postgresql://baton@127.0.0.1:1/baton", StringComparison.Ordinal);
        string path = Path.Combine(_h.Folder, "pg.yaml");
        File.WriteAllText(path, text);
        var result = await Run(path);
        var rvol = result.Components[1];
        Assert.Equal(ComponentStatus.Failed, rvol.Status);
        Assert.Matches("exited with code 2; last stderr: .*(PostgreSQL query failed: .*(refused|connect)|psql is not installed)", rvol.Error);
        Assert.Contains(rvol.Messages, m => m == "stderr: reading candles from PostgreSQL (127.0.0.1:1/baton)");
        Assert.Equal(ComponentStatus.Ok, result.Components[2].Status);
        Assert.Empty(result.Orders);   // the entry rule reads rvol, which is NaN without its component
    }

    [Theory]
    [InlineData("sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None", ", data: source", "parquet",
        "reading Parquet needs the pyarrow module (pip install pyarrow); or give the component data: window")]
    [InlineData("import shutil; shutil.which = lambda name: None", ", query: 'SELECT 1', database: 'postgresql://x@127.0.0.1:1/db'", "csv",
        "PostgreSQL query given but psql is not installed; install the PostgreSQL client or give the component data: window")]
    public async Task The_helper_says_clearly_what_is_missing(string hide, string keys, string kind, string message)
    {
        // The example component run through a wrapper that hides pyarrow or psql, whether or not this machine has them.
        string example = Path.Combine(Harness.RepoRoot, "examples", "components", "pg_relative_volume.py");
        string command = _h.Script("wrapper.py", $"import sys\n{hide}\nsys.argv = ['{example}']\n__file__ = '{example}'\n" +
                                                 $"exec(compile(open('{example}').read(), '{example}', 'exec'))\n");
        var d = _h.Strategy($"indicators:\n  - {{ id: rvol, type: external, command: \"{command}\"{keys} }}", "rvol > 0");
        var host = new ComponentHost(new ComponentHostOptions(kind == "parquet" ? DataSourceKind.Parquet : DataSourceKind.Csv,
            Path.Combine(_h.Folder, "candles." + kind)));
        var spec = new BacktestSpec(d, new SyntheticCandleSource(d.Data), TimeRange.All) { Components = host };
        var report = Assert.Single((await BacktestRun.RunAsync(spec, null, CancellationToken.None)).Components);
        Assert.Equal(ComponentStatus.Failed, report.Status);
        Assert.Equal(2, report.ExitCode);
        Assert.EndsWith(message, report.Error, StringComparison.Ordinal);
    }
}
