namespace Baton.Cli.Tests;

/// <summary><c>baton component run</c> and the components table of <c>baton backtest</c>.</summary>
public class ComponentCommandTests
{
    private const string Strategy = "examples/strategies/external_signal.yaml";

    [Fact]
    public void Component_run_prints_the_parsed_rows_and_a_summary()
    {
        var (exit, stdout, stderr) = BatonProcess.Run("component", "run", "zscore", "--strategy", Strategy, "--limit", "3");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2024-01-01T00:00:00Z  ETHUSDT  z=null mean=null", lines[0]);
        Assert.Equal("... 2,997 more (--limit 0 prints all)", lines[3]);
        Assert.Equal("component zscore (indicator): ok; 3,000 stdout lines, 3,000 accepted, 0 warnings, 0 errors, 0 stderr lines", lines[4]);
    }

    [Fact]
    public void Component_run_names_the_components_when_the_id_is_unknown()
    {
        var (exit, _, stderr) = BatonProcess.Run("component", "run", "nope", "--strategy", Strategy);
        Assert.Equal(2, exit);
        Assert.Contains("no external component 'nope' (external: zscore, rvol, momentum)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_prints_the_components_and_writes_them_to_metrics_json()
    {
        string dir = BatonProcess.TempDir();
        var (exit, stdout, stderr) = BatonProcess.Run("backtest", Strategy, "--out", dir);
        Assert.True(exit == 0, stderr);
        Assert.Contains("components", stdout, StringComparison.Ordinal);
        Assert.Contains("momentum", stdout, StringComparison.Ordinal);
        Assert.Contains("stderr: component rvol: no PostgreSQL query given; reading the window file", stderr, StringComparison.Ordinal);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.Equal(3, metrics.RootElement.GetProperty("components").GetArrayLength());
    }

    [Theory]
    [InlineData("skip", 0)]
    [InlineData("fail", 1)]
    public void A_failed_component_is_in_the_summary_table_and_metrics_json_or_fails_the_run(string onError, int expectedExit)
    {
        string dir = BatonProcess.TempDir();
        string strategy = Path.Combine(dir, "crash.yaml");
        File.WriteAllText(strategy, $$"""
            name: crash
            symbols: [AAA]
            timeframe: 1h
            data: { source: synthetic, bars: 50, seed: 1, start: 2024-01-01, start_price: 100, volatility: 0.01 }
            dependencies:
              signals:
                - { id: boom, type: external, command: "python3 -c 'import sys; sys.exit(3)'", on_error: {{onError}} }
            entry:
              - { when: boom, action: buy }
            """);
        string output = Path.Combine(dir, "out");
        var (exit, stdout, stderr) = BatonProcess.Run("backtest", strategy, "--out", output);
        Assert.True(exit == expectedExit, stderr);
        Assert.Contains("error: component boom: exited with code 3", stderr, StringComparison.Ordinal);
        if (onError == "fail")
        {
            Assert.Contains("(on_error: fail)", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "metrics.json")));
            return;
        }
        Assert.Contains("failed", stdout, StringComparison.Ordinal);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var boom = Assert.Single(metrics.RootElement.GetProperty("components").EnumerateArray());
        Assert.Equal("failed", boom.GetProperty("status").GetString());
        Assert.Equal(3, boom.GetProperty("exit_code").GetInt32());
        Assert.Equal(1, boom.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void A_backtest_with_components_gives_byte_identical_files_twice()
    {
        string first = BatonProcess.TempDir(), second = BatonProcess.TempDir();
        Assert.Equal(0, BatonProcess.Run("backtest", Strategy, "--out", first).Exit);
        Assert.Equal(0, BatonProcess.Run("backtest", Strategy, "--out", second).Exit);
        foreach (var file in new[] { "metrics.json", "trades.csv", "orders.csv", "equity.csv", "events.jsonl", "manifest.json" })
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), file);
        Assert.Contains("\"type\":\"log\",\"level\":\"stderr\",\"message\":\"component rvol: no PostgreSQL query given; reading the window file\"",
            File.ReadAllText(Path.Combine(first, "events.jsonl")), StringComparison.Ordinal);
    }
}
