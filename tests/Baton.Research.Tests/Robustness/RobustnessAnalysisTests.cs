using System.Text.Json;
using Baton.Engine.Data;
using Baton.Engine.Data.Synthetic;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Robustness;
using Baton.Research.Tests.Trials;
using Baton.Research.Trials;
using Baton.Runs.Backtests;

namespace Baton.Research.Tests.Robustness;

public sealed class RobustnessAnalysisTests
{
    [Fact]
    public async Task A_sweeps_trials_give_every_statistic_and_robustness_json_in_the_contracts_shape()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        string[] fast = ["5", "10", "15"], slow = ["30", "60"];
        var trials = fast.SelectMany(f => slow.Select(s => (f, s)))
            .Select((p, i) => new TrialSpec(i, [new ParameterSetting("fast_period", p.f), new ParameterSetting("slow_period", p.s)])).ToArray();
        var outcomes = await TrialBatch.RunAsync(variants, data, trials, 2, null, CancellationToken.None);
        var objective = Objective.Default;
        var options = new RobustnessOptions { Paths = 200, Seed = 5, Blocks = 4, Axes = [new("fast_period", fast), new("slow_period", slow)] };
        var report = await RobustnessAnalysis.RunAsync(outcomes, objective, variants, data, options, CancellationToken.None);

        var best = objective.Rank(outcomes)[0];
        Assert.Equal(best.Id, report.Best!.Id);
        var rerun = await BacktestRun.RunAsync(new BacktestSpec(variants.Load(best.Settings), data.Source, data.Range), null, CancellationToken.None);
        Assert.Equal(rerun.Trades.Count, report.MonteCarlo!.Trades);
        Assert.Equal(best.Metrics!.Trades.TradeCount, report.MonteCarlo.Trades);
        Assert.Equal(best.Metrics.Sharpe!.Value, report.DeflatedSharpe!.Sharpe, 1e-9);
        Assert.Equal(6, report.DeflatedSharpe.Trials);
        Assert.Equal(6, report.Pbo!.Combinations);   // C(4, 2)
        Assert.Equal(2, report.Sensitivity.Count);

        string dir = Directory.CreateTempSubdirectory("baton-robust-").FullName;
        try
        {
            RobustnessJson.Write(dir, report);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "robustness.json")));
            var root = json.RootElement;
            Assert.Equal(["objective", "trials", "best", "deflated_sharpe", "pbo", "monte_carlo", "sensitivity"], Names(root));
            Assert.Equal(["trial", "parameters", "score"], Names(root.GetProperty("best")));
            Assert.Equal(["sharpe", "periods_per_year", "returns", "skewness", "kurtosis", "trials", "sharpe_variance",
                "expected_max_sharpe", "probability"], Names(root.GetProperty("deflated_sharpe")));
            Assert.Equal(365, root.GetProperty("deflated_sharpe").GetProperty("periods_per_year").GetInt32());
            Assert.Equal(["blocks", "combinations", "probability", "logits", "degradation"], Names(root.GetProperty("pbo")));
            Assert.Equal(["slope", "intercept", "r2", "probability_of_loss"], Names(root.GetProperty("pbo").GetProperty("degradation")));
            var mc = root.GetProperty("monte_carlo");
            Assert.Equal(["paths", "seed", "trades", "initial_equity", "reshuffle", "bootstrap"], Names(mc));
            Assert.Equal(100000, mc.GetProperty("initial_equity").GetDouble());
            var dist = mc.GetProperty("bootstrap").GetProperty("max_drawdown");
            Assert.Equal(["p5", "p25", "p50", "p75", "p95", "mean", "histogram"], Names(dist));
            Assert.Equal(200, dist.GetProperty("histogram").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
            var line = root.GetProperty("sensitivity")[0];
            Assert.Equal(["parameter", "best", "points", "shape", "neighbour_drop"], Names(line));
            Assert.Equal(["value", "score"], Names(line.GetProperty("points")[0]));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task No_scored_trial_gives_a_report_of_nulls()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        var failed = new TrialOutcome(0, [new ParameterSetting("fast_period", "0")]) { Error = "period must be at least 1" };
        var report = await RobustnessAnalysis.RunAsync([failed], Objective.Default, variants, data, new RobustnessOptions(), CancellationToken.None);
        Assert.Null(report.Best);
        Assert.Contains("\"best\": null", RobustnessJson.ToJson(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_out_of_range_are_refused_before_anything_runs()
    {
        var variants = new YamlVariants(TrialBatchTests.Example);
        var data = new TrialData(new SyntheticCandleSource(variants.Load([]).Data), TimeRange.All);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            RobustnessAnalysis.RunAsync([], Objective.Default, variants, data, new RobustnessOptions { Paths = 0 }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            RobustnessAnalysis.RunAsync([], Objective.Default, variants, data, new RobustnessOptions { Blocks = 6 }, CancellationToken.None));
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
}
