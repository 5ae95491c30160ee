using Baton.Core.Performance;
using Baton.Research.Parameters;
using Baton.Research.Sweeps;
using Baton.Research.Trials;
using Baton.Runs.Backtests;

namespace Baton.Research.WalkForward;

/// <summary>
/// Walk-forward analysis: for each window (<see cref="WalkForwardWindows"/>) a sweep on the training range only
/// (<see cref="SweepRunner"/>, in memory), its best trial by the objective chosen, and those parameters run once on
/// the test range that follows, which no trial of that window saw (the backtest <c>baton backtest --set ... --from
/// TEST_FROM --to TEST_TO</c> runs). The test runs' daily equities are chained into one out-of-sample curve: each
/// window's curve is scaled to start where the previous one ended.
/// </summary>
public static class WalkForwardRunner
{
    /// <param name="data">The candles (the <c>--from</c>/<c>--to</c> range bounds every window).</param>
    public static async Task<WalkForwardResult> RunAsync(WalkForwardPlan plan, IStrategyVariants variants, TrialData data,
        WalkForwardOptions options, CancellationToken token)
    {
        var windows = await WindowsAsync(plan, variants, data, token).ConfigureAwait(false);
        return await RunAsync(plan, variants, data, windows, options, token).ConfigureAwait(false);
    }

    /// <summary>The windows over the data (one pass to find where it starts and ends); throws
    /// <see cref="SweepInputException"/> when the data holds no candle or is shorter than one window.</summary>
    public static async Task<IReadOnlyList<WalkForwardWindow>> WindowsAsync(WalkForwardPlan plan, IStrategyVariants variants,
        TrialData data, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        var plain = variants.Load([]);
        var span = await DataSpan.FindAsync(data.Source, plain, data.Range, token).ConfigureAwait(false)
            ?? throw new SweepInputException($"no candle of {string.Join(", ", plain.Symbols)} in {data.Source.Description} within the range");
        return WalkForwardWindows.Plan(span.First, span.End, plan.Train, plan.Test, plan.Step, plan.Anchored);
    }

    /// <summary>Runs the given <paramref name="windows"/> (from <see cref="WindowsAsync"/>) in order.</summary>
    public static async Task<WalkForwardResult> RunAsync(WalkForwardPlan plan, IStrategyVariants variants, TrialData data,
        IReadOnlyList<WalkForwardWindow> windows, WalkForwardOptions options, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        if (windows.Count == 0) throw new ArgumentException("a walk-forward needs at least one window", nameof(windows));
        var results = new List<WalkForwardWindowResult>();
        foreach (var window in windows)
            results.Add(await RunWindowAsync(plan, variants, data, window, options, token).ConfigureAwait(false));
        return Stitch(plan, results);
    }

    private static async Task<WalkForwardWindowResult> RunWindowAsync(WalkForwardPlan plan, IStrategyVariants variants,
        TrialData data, WalkForwardWindow window, WalkForwardOptions options, CancellationToken token)
    {
        var sweep = await SweepRunner.RunAsync(plan.Sweep, variants, data with { Range = window.Training },
            options.Sweep(window), token).ConfigureAwait(false);
        var chosen = sweep.Ranked.FirstOrDefault(t => t.Error is null)
            ?? throw new SweepInputException($"window {window.Index}: every trial failed on the training range: {sweep.Ranked[0].Error}");
        var test = await RunTestAsync(variants, data, chosen.Settings, window, token).ConfigureAwait(false);
        var objective = plan.Sweep.Objective;
        var inSample = WalkForwardStats.Of(chosen.Metrics!, objective);
        var outOfSample = WalkForwardStats.Of(test.Run.Metrics, objective);
        var result = new WalkForwardWindowResult(window, sweep.Trials.Count, chosen, inSample, outOfSample,
            Efficiency(outOfSample.Cagr, inSample.Cagr))
        {
            TestDailyEquities = test.Run.DailyEquities,
            TestTradePnl = test.Run.Trades.Select(t => t.Pnl).ToArray(),
            TestEquity = test.Equity,
        };
        if (options.AfterWindow is { } after) await after(result, sweep, token).ConfigureAwait(false);
        return result;
    }

    /// <summary>The chosen parameters over the test range: a whole backtest, as <c>baton backtest --set --from --to</c>.</summary>
    internal static async Task<(Engine.Backtest.BacktestResult Run, IReadOnlyList<(long Time, double Equity)> Equity)> RunTestAsync(
        IStrategyVariants variants, TrialData data, IReadOnlyList<ParameterSetting> settings, WalkForwardWindow window,
        CancellationToken token)
    {
        var equity = new DailyEquity();
        var spec = new BacktestSpec(variants.Load(settings), data.Source, window.Testing) { Components = data.Components, Equity = equity };
        var run = await BacktestRun.RunAsync(spec, null, token).ConfigureAwait(false);
        return (run, equity.Points);
    }

    /// <summary>Walk-forward efficiency (Pardo, <i>The Evaluation and Optimization of Trading Strategies</i>, 2nd ed.,
    /// 2008): annualised out-of-sample return over annualised in-sample return (CAGRs); null when either is undefined
    /// or the in-sample one is not above 0 (a ratio to a loss says nothing).</summary>
    public static double? Efficiency(double? outOfSampleCagr, double? inSampleCagr) =>
        outOfSampleCagr is { } o && inSampleCagr is { } i && i > 0 && double.IsFinite(o / i) ? o / i : null;

    /// <summary>The windows' test equities chained, their figures, and the overall efficiency: the stitched curve's CAGR
    /// over the mean of the windows' in-sample CAGRs.</summary>
    internal static WalkForwardResult Stitch(WalkForwardPlan plan, IReadOnlyList<WalkForwardWindowResult> windows)
    {
        double level = windows[0].TestDailyEquities[0];
        var daily = new List<double> { level };
        var pnl = new List<decimal>();
        var points = new List<StitchedPoint> { new(windows[0].Window.TestFrom, level, 0) };
        foreach (var w in windows)
        {
            double factor = level / w.TestDailyEquities[0];
            for (int i = 1; i < w.TestDailyEquities.Count; i++) daily.Add(w.TestDailyEquities[i] * factor);
            pnl.AddRange(w.TestTradePnl.Select(x => x * (decimal)factor));
            points.AddRange(w.TestEquity.Select(e => new StitchedPoint(e.Time, e.Equity * factor, w.Window.Index)));
            level = daily[^1];
        }
        int periods = windows[0].Chosen.Metrics!.PeriodsPerYear;
        var metrics = PerformanceCalculator.Compute(daily.ToArray(), pnl.ToArray(), periodsPerYear: periods);
        var stats = WalkForwardStats.Of(metrics, plan.Sweep.Objective);
        var inSample = windows.Select(w => w.InSample.Cagr).OfType<double>().ToArray();
        double? efficiency = inSample.Length == 0 ? null : Efficiency(stats.Cagr, inSample.Average());
        return new WalkForwardResult(plan, windows, efficiency, stats, points);
    }
}
