using System.Globalization;
using System.Text.Json;

namespace Baton.Cli.Tests;

/// <summary>What the user reads after a backtest is one round trip per trade, however many fills it took (trades.csv,
/// metrics.json and the summary agree), and every duration and annualisation names its unit and source.</summary>
public class RoundTripTradesTests
{
    private static string Example(string name) => Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", name + ".yaml");

    private static (string Dir, string Output) Run(string yaml)
    {
        string path = Path.Combine(BatonProcess.TempDir(), "strategy.yaml");
        File.WriteAllText(path, yaml);
        string dir = BatonProcess.TempDir();
        var (exit, output, err) = BatonProcess.Run("backtest", path, "--out", dir);
        Assert.True(exit == 0, err);
        return (dir, output);
    }

    [Fact]
    public void Exits_split_by_max_volume_are_one_trade_each_with_the_pnl_of_their_fills()
    {
        string yaml = File.ReadAllText(Example("sma_crossover")).Replace("fill: next_open }", "fill: next_open, max_volume: 0.00002% }",
            StringComparison.Ordinal);
        var (dir, output) = Run(yaml);

        // independent recomputation: walk the fill events, one round trip from flat back to flat, its P&L the cash it moved
        var expected = new List<decimal>();
        decimal position = 0, cash = 0;
        int fills = 0;
        foreach (var line in File.ReadLines(Path.Combine(dir, "events.jsonl")))
        {
            using var e = JsonDocument.Parse(line);
            var f = e.RootElement;
            if (f.GetProperty("type").GetString() != "fill") continue;
            fills++;
            decimal q = f.GetProperty("quantity").GetDecimal(), price = f.GetProperty("price").GetDecimal(), fee = f.GetProperty("fee").GetDecimal();
            bool buy = f.GetProperty("side").GetString() == "buy";
            position += buy ? q : -q;
            cash += (buy ? -q : q) * price - fee;
            if (position != 0) continue;
            expected.Add(cash);
            cash = 0;
        }
        var trades = File.ReadLines(Path.Combine(dir, "trades.csv")).Skip(1)
            .Select(l => decimal.Parse(l.Split(',')[8], CultureInfo.InvariantCulture)).ToList();
        Assert.True(fills > 2 * trades.Count + 50, $"{fills} fills for {trades.Count} trades: the exits were not split");
        Assert.Equal(expected, trades);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        var t = metrics.RootElement.GetProperty("metrics").GetProperty("trades");
        Assert.Equal(trades.Count, t.GetProperty("trade_count").GetInt32());
        Assert.Equal(trades.Count, metrics.RootElement.GetProperty("summary").GetProperty("trade_count").GetInt32());
        Assert.Equal(trades.Count(p => p > 0), t.GetProperty("win_count").GetInt32());
        Assert.Equal(trades.Sum(), t.GetProperty("net_profit").GetDecimal());
        Assert.Matches($@"trades\W+{trades.Count}\W", output);
    }

    [Fact]
    public void Drawdown_duration_is_named_in_days_and_periods_per_year_says_where_it_came_from()
    {
        // hourly data: the drawdown duration counts days, not bars; no periods_per_year, so it is inferred (synthetic data
        // runs through weekends: 365)
        string yaml = File.ReadAllText(Example("sma_crossover")).Replace("periods_per_year: 365\n", "", StringComparison.Ordinal);
        var (dir, output) = Run(yaml);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        var m = metrics.RootElement.GetProperty("metrics");
        Assert.False(m.TryGetProperty("max_drawdown_duration_bars", out _));
        int days = m.GetProperty("max_drawdown_duration_days").GetInt32();
        Assert.InRange(days, 1, 5000 / 24 + 1);                                 // 5,000 hourly candles span 209 days
        Assert.Matches($@"max drawdown duration\W+{days} days", output);
        Assert.Equal(365, m.GetProperty("periods_per_year").GetInt32());
        Assert.Equal("inferred: the data has bars on weekend days", m.GetProperty("periods_per_year_source").GetString());
        Assert.Contains("365 (inferred: the data has bars on weekend days)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void One_minute_crypto_may_give_periods_per_year_in_bars()
    {
        string yaml = File.ReadAllText(Example("sma_crossover"))
            .Replace("periods_per_year: 365", "periods_per_year: 525600", StringComparison.Ordinal)
            .Replace("timeframe: 1h", "timeframe: 1m", StringComparison.Ordinal);
        var (dir, _) = Run(yaml);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        var m = metrics.RootElement.GetProperty("metrics");
        Assert.Equal(365, m.GetProperty("periods_per_year").GetInt32());        // 525,600 bars a year / 1,440 bars a day
        Assert.StartsWith("strategy: 525,600 bars a year at 1440 bars a day (the data's fullest day)", m.GetProperty("periods_per_year_source").GetString(),
            StringComparison.Ordinal);
    }
}
