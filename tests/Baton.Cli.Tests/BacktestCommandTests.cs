using System.Security.Cryptography;
using System.Text.Json;

namespace Baton.Cli.Tests;

public class BacktestCommandTests
{
    private static readonly string[] Files = ["metrics.json", "trades.csv", "orders.csv", "equity.csv", "events.jsonl", "manifest.json", "candles.csv", "report.html"];

    private static string Example(string name) => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", name + ".yaml");

    private static (string Dir, JsonElement Metrics, JsonElement Manifest) Backtest(string example, IDictionary<string, string>? env = null)
    {
        string dir = BatonProcess.TempDir();
        var (exit, _, err) = BatonProcess.Run(env, "backtest", Example(example), "--out", dir);
        Assert.True(exit == 0, err);
        foreach (var f in Files) Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        return (dir, metrics.RootElement.Clone(), manifest.RootElement.Clone());
    }

    // Golden backtests: expected statistics and the hash of the ordered fills pin each example's behaviour.
    [Theory]
    [InlineData("sma_crossover", 5000, 97, "Trading")]
    [InlineData("rsi_mean_reversion", 3000, 5, "Trading")]
    [InlineData("breakout_multi", 4500, 21, "Stopped")]
    public void Example_backtests_match_their_golden_statistics(string example, long candles, int trades, string state)
    {
        var (_, metrics, manifest) = Backtest(example);
        var summary = metrics.GetProperty("summary");
        Assert.Equal(candles, summary.GetProperty("candles").GetInt64());
        Assert.Equal(trades, summary.GetProperty("trade_count").GetInt32());
        Assert.Equal(state, summary.GetProperty("final_state").GetString());
        Assert.Equal(Golden.FillsHash[example], manifest.GetProperty("fills_sha256").GetString());
        Assert.Equal(Golden.TotalReturn[example], metrics.GetProperty("metrics").GetProperty("total_return").GetDouble(), 12);
    }

    [Fact]
    public void The_manifest_holds_the_sha256_of_the_data_file_the_strategy_names()
    {
        var (_, _, manifest) = Backtest("rsi_mean_reversion");   // data: a CSV file beside the examples
        string data = Path.Combine(BatonProcess.RepoRoot, "examples", "data", "eth_1h.csv");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data))), manifest.GetProperty("data_sha256").GetString());
    }

    [Fact]
    public void A_rule_that_cannot_size_a_single_unit_is_a_warning_in_the_summary()
    {
        // limit_pullback in whole units (asked for): 20% of 100,000 never buys one BTC at about 40,000
        string yaml = File.ReadAllText(Example("limit_pullback")).Replace(", fractional: true, step: 0.0001", ", fractional: false",
            StringComparison.Ordinal);
        string path = Path.Combine(BatonProcess.TempDir(), "whole_units.yaml");
        File.WriteAllText(path, yaml);
        string dir = BatonProcess.TempDir();
        var (exit, output, err) = BatonProcess.Run("backtest", path, "--out", dir);
        Assert.True(exit == 0, err);
        Assert.Contains("warning(s) in events.jsonl; the first: BTCUSDT: entry rule 1 fired at", output, StringComparison.Ordinal);
        Assert.Contains("sizing.fractional: true allows", output, StringComparison.Ordinal);
        string last = File.ReadLines(Path.Combine(dir, "events.jsonl")).Last(l => l.Contains("\"warning\"", StringComparison.Ordinal));
        Assert.Contains("no trade: every entry signal", last, StringComparison.Ordinal);   // the run says why it made no trade
    }

    [Fact]
    public void A_sizing_block_without_fractional_sizes_in_fractions_like_position_size()
    {
        // limit_pullback with a bare sizing block: a BTC strategy trades in fractions by default
        string yaml = File.ReadAllText(Example("limit_pullback")).Replace(", fractional: true, step: 0.0001", "", StringComparison.Ordinal);
        string path = Path.Combine(BatonProcess.TempDir(), "default_units.yaml");
        File.WriteAllText(path, yaml);
        string dir = BatonProcess.TempDir();
        var (exit, _, err) = BatonProcess.Run("backtest", path, "--out", dir);
        Assert.True(exit == 0, err);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.True(metrics.RootElement.GetProperty("summary").GetProperty("trade_count").GetInt32() > 0);
    }

    [Fact]
    public void The_same_run_twice_and_under_another_culture_and_time_zone_gives_byte_identical_files()
    {
        var first = Backtest("breakout_multi").Dir;
        var second = Backtest("breakout_multi").Dir;
        var foreign = Backtest("breakout_multi", new Dictionary<string, string>
        {
            ["TZ"] = "Pacific/Chatham", ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false",
        }).Dir;
        foreach (var f in Files)
        {
            var expected = File.ReadAllBytes(Path.Combine(first, f));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(second, f)));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(foreign, f)));
        }
    }

    [Fact]
    public void Json_flag_prints_the_metrics_on_stdout()
    {
        var (exit, stdout, _) = BatonProcess.Run("backtest", Example("sma_crossover"), "--json", "--out", BatonProcess.TempDir());
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.TryGetProperty("sharpe", out _));
    }

    [Fact]
    public void Set_overrides_a_parameter_and_the_manifest_records_it()
    {
        string dir = BatonProcess.TempDir();
        var (exit, _, err) = BatonProcess.Run("backtest", Example("sma_crossover"), "--set", "fast_period=5", "--out", dir);
        Assert.True(exit == 0, err);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Equal("5", manifest.RootElement.GetProperty("parameters").GetProperty("fast_period").GetString());
    }

    [Fact]
    public void From_and_to_restrict_the_window()
    {
        string dir = BatonProcess.TempDir();
        var (exit, _, err) = BatonProcess.Run("backtest", Example("sma_crossover"), "--from", "2024-02-01", "--to", "2024-02-10T23:00:00Z", "--out", dir);
        Assert.True(exit == 0, err);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.Equal(240, metrics.RootElement.GetProperty("summary").GetProperty("candles").GetInt64());
    }
}
