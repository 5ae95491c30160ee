using Baton.Core.Portfolio;
using Baton.Research.Robustness;

namespace Baton.Research.Tests.Robustness;

public sealed class TradeMonteCarloTests
{
    private static readonly double[] Returns = [0.10, -0.05, 0.08, -0.12, 0.03, 0.06, -0.02, 0.04];

    [Fact]
    public void The_same_seed_gives_the_same_distributions_and_another_seed_others()
    {
        var a = TradeMonteCarlo.Of(Returns, 1000, 500, seed: 3)!;
        var b = TradeMonteCarlo.Of(Returns, 1000, 500, seed: 3)!;
        var c = TradeMonteCarlo.Of(Returns, 1000, 500, seed: 4)!;
        Assert.Equal(RobustnessJsonOf(a), RobustnessJsonOf(b));
        Assert.NotEqual(RobustnessJsonOf(a), RobustnessJsonOf(c));
    }

    [Fact]
    public void A_path_compounds_returns_and_its_drawdown_is_from_the_running_peak()
    {
        var (final, drawdown) = TradeMonteCarlo.Walk([0.1, -0.5, 0.2], 100);
        Assert.Equal(66.0, final, 1e-9);          // 100 → 110 → 55 → 66
        Assert.Equal(-0.5, drawdown, 1e-12);      // 55 / 110 − 1
        Assert.Equal((0.0, -1.0), TradeMonteCarlo.Walk([0.5, -1.2, 0.3], 100));   // ruin stays at 0
    }

    [Fact]
    public void Every_reshuffle_ends_at_the_same_equity_and_its_drawdowns_lie_within_the_permutations()
    {
        double[] returns = [0.2, -0.1, -0.15, 0.05];
        var mc = TradeMonteCarlo.Of(returns, 1000, 1000, seed: 1)!;
        double product = returns.Aggregate(1000.0, (e, r) => e * (1 + r));
        Assert.Equal(product, mc.Reshuffle.FinalEquity.P5, 1e-9);
        Assert.Equal(product, mc.Reshuffle.FinalEquity.P95, 1e-9);
        Assert.Equal([1000], mc.Reshuffle.FinalEquity.Histogram.Counts);
        var all = Permutations(returns).Select(p => TradeMonteCarlo.Walk(p, 1000).MaxDrawdown).ToArray();
        Assert.InRange(mc.Reshuffle.MaxDrawdown.P5, all.Min() - 1e-12, all.Max() + 1e-12);
        Assert.InRange(mc.Reshuffle.MaxDrawdown.P95, all.Min() - 1e-12, all.Max() + 1e-12);
        Assert.True(mc.Reshuffle.MaxDrawdown.P5 < mc.Reshuffle.MaxDrawdown.P95, "the order changes the drawdown");
        Assert.Equal(1000, mc.Reshuffle.MaxDrawdown.Histogram.Counts.Sum());
    }

    [Fact]
    public void The_bootstraps_mean_final_equity_is_near_the_expected_product()
    {
        // independent draws: E[Π(1 + r)] = (1 + mean r)^n
        var mc = TradeMonteCarlo.Of(Returns, 1000, 4000, seed: 9)!;
        double expected = 1000 * Math.Pow(1 + Returns.Average(), Returns.Length);
        Assert.InRange(mc.Bootstrap.FinalEquity.Mean, expected * 0.98, expected * 1.02);
        Assert.True(mc.Bootstrap.FinalEquity.P5 < mc.Bootstrap.FinalEquity.P95);
    }

    [Fact]
    public void A_trade_returns_its_PnL_on_the_equity_realised_before_its_entry()
    {
        Trade[] trades =
        [
            Trade(entry: 0, exit: 10, pnl: 100),     // on 1000
            Trade(entry: 5, exit: 20, pnl: -50),     // opened before the first closed: on 1000
            Trade(entry: 10, exit: 30, pnl: 210),    // the first closed at 10: on 1100
            Trade(entry: 25, exit: 40, pnl: -105),   // 100 − 50 realised: on 1050
        ];
        Assert.Equal([0.1, -0.05, 210.0 / 1100, -0.1], TradeMonteCarlo.Returns(trades, 1000), new Close());
    }

    [Fact]
    public void No_trade_gives_no_simulation()
    {
        Assert.Null(TradeMonteCarlo.Of([], 1000, 100, 0));
    }

    private static string RobustnessJsonOf(TradeMonteCarlo mc) =>
        RobustnessJson.ToJson(new RobustnessReport("sharpe", 1, null, null, null, null, mc, []));

    private static Trade Trade(long entry, long exit, decimal pnl) => new(0, true, 1, entry, 100, exit, 100, 0, pnl, "signal");

    private static IEnumerable<double[]> Permutations(double[] items) => items.Length <= 1 ? [items]
        : items.SelectMany((x, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (double[])[x, .. rest]));

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;
        public int GetHashCode(double obj) => 0;
    }
}
