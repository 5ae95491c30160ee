using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Search;
using Baton.Research.Sweeps;
using Baton.Research.Tests.Trials;
using Baton.Research.Trials;
using Baton.Research.WalkForward;
using Baton.Runs.Backtests;

namespace Baton.Research.Tests.WalkForward;

public sealed class WalkForwardRunnerTests
{
    private static readonly string[] Params = ["fast_period=5,10", "slow_period=30,60"];

    [Fact]
    public async Task Each_window_chooses_its_training_best_and_tests_it_as_a_backtest_of_the_test_range()
    {
        var (variants, data, plan) = Setup();
        var windows = new List<WalkForwardWindowResult>();
        var result = await WalkForwardRunner.RunAsync(plan, variants, data,
            new WalkForwardOptions { Sweep = _ => new SweepRunOptions { Jobs = 2 }, AfterWindow = (w, _, _) => { windows.Add(w); return Task.CompletedTask; } }, CancellationToken.None);
        // 5,000 hourly candles from 2024-01-01 end on 2024-07-27: tests of March, April, May and June
        Assert.Equal(4, result.Windows.Count);
        Assert.Equal(result.Windows, windows);
        foreach (var w in result.Windows)
        {
            Assert.Equal(4, w.Trials);
            var trials = ParameterSpace.Parse(Params);
            var specs = Enumerable.Range(0, trials.Size).Select(i => new TrialSpec(i, trials.Settings(i))).ToArray();
            var training = await TrialBatch.RunAsync(variants, data with { Range = w.Window.Training }, specs, 1, null, CancellationToken.None);
            var best = Objective.Default.Rank(training)[0];
            Assert.Equal(best.Settings, w.Chosen.Settings);
            Assert.Equal(best.Metrics!.Sharpe, w.InSample.Sharpe);

            var strategy = variants.Load(w.Chosen.Settings);
            var test = await BacktestRun.RunAsync(new BacktestSpec(strategy, data.Source, w.Window.Testing), null, CancellationToken.None);
            Assert.Equal(test.Metrics.TotalReturn, w.OutOfSample.TotalReturn);
            Assert.Equal(test.Metrics.Sharpe, w.OutOfSample.Sharpe);
            Assert.Equal(test.Metrics.Trades.TradeCount, w.OutOfSample.Trades);
            Assert.Equal(test.DailyEquities, w.TestDailyEquities);
        }
    }

    [Fact]
    public async Task The_stitched_equity_chains_the_test_returns()
    {
        var (variants, data, plan) = Setup();
        var result = await WalkForwardRunner.RunAsync(plan, variants, data, new WalkForwardOptions(), CancellationToken.None);
        double chained = result.Windows.Aggregate(1.0, (x, w) => x * (1 + w.OutOfSample.TotalReturn));
        Assert.Equal(chained - 1, result.OutOfSample.TotalReturn, 1e-12);
        Assert.Equal(result.Windows.Sum(w => w.OutOfSample.Trades), result.OutOfSample.Trades);
        Assert.Equal(100000 * chained, result.Equity[^1].Equity, 1e-6);
        Assert.Equal(result.Windows[0].Window.TestFrom, result.Equity[0].Time);
        Assert.True(result.Equity.Zip(result.Equity.Skip(1)).All(p => p.First.Time < p.Second.Time && p.First.Window <= p.Second.Window));
        var inSample = result.Windows.Select(w => w.InSample.Cagr).OfType<double>().Average();
        Assert.Equal(inSample > 0 ? result.OutOfSample.Cagr / inSample : null, result.Efficiency);
    }

    [Fact]
    public async Task A_from_to_range_shorter_than_one_window_is_refused()
    {
        var (variants, data, plan) = Setup();
        var shortData = data with { Range = new TimeRange(null, DateTimeOffset.Parse("2024-03-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()) };
        var e = await Assert.ThrowsAsync<SweepInputException>(() =>
            WalkForwardRunner.RunAsync(plan, variants, shortData, new WalkForwardOptions(), CancellationToken.None));
        Assert.StartsWith("--train 2M --test 1M: the data from 2024-01-01T00:00:00Z to 2024-03-15T01:00:00Z", e.Message, StringComparison.Ordinal);
    }

    private static (YamlVariants, TrialData, WalkForwardPlan) Setup()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        var sweep = new SweepPlan(ParameterSpace.Parse(Params), null, Objective.Default, SearchSpec.Grid);
        var plan = new WalkForwardPlan(sweep, WindowLength.Parse("2M", "--train"), WindowLength.Parse("1M", "--test"),
            WindowLength.Parse("1M", "--step"), Anchored: false);
        return (variants, data, plan);
    }
}
