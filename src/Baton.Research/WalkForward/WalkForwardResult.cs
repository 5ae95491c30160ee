using Baton.Core.Performance;
using Baton.Research.Objectives;
using Baton.Research.Sweeps;
using Baton.Research.Trials;

namespace Baton.Research.WalkForward;

/// <summary>What a walk-forward does: the sweep each training range runs (parameters, <c>--where</c>, objective,
/// search), and the windows' lengths.</summary>
public sealed record WalkForwardPlan(SweepPlan Sweep, WindowLength Train, WindowLength Test, WindowLength Step, bool Anchored);

/// <summary>How a walk-forward runs: each window's sweep options (jobs, progress, the resume state of the window's
/// folder; default one job, nothing recorded), and a call after each window (the CLI writes its tables there).</summary>
public sealed record WalkForwardOptions
{
    public Func<WalkForwardWindow, SweepRunOptions> Sweep { get; init; } = _ => new SweepRunOptions();
    public Func<WalkForwardWindowResult, SweepResult, CancellationToken, Task>? AfterWindow { get; init; }
}

/// <summary>A run's figures as <c>walkforward.json</c> reports them: the objective's score and a few metrics
/// (fractions; <c>sharpe</c> annualised; nulls where undefined).</summary>
public sealed record WalkForwardStats(double? Score, double TotalReturn, double? Cagr, double? Sharpe, double MaxDrawdown, int Trades)
{
    public static WalkForwardStats Of(PerformanceMetrics metrics, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(objective);
        double? score = objective.Score(new TrialOutcome(-1, []) { Metrics = metrics });
        return new WalkForwardStats(score, metrics.TotalReturn, metrics.Cagr, metrics.Sharpe, metrics.MaxDrawdown, metrics.Trades.TradeCount);
    }
}

/// <summary>One window done: how many trials its training sweep ran, the one chosen (the training best) with its
/// in-sample figures, the same parameters' figures on the test range, and the window's efficiency
/// (<see cref="WalkForwardRunner.Efficiency"/>).</summary>
public sealed record WalkForwardWindowResult(WalkForwardWindow Window, int Trials, TrialOutcome Chosen,
    WalkForwardStats InSample, WalkForwardStats OutOfSample, double? Efficiency)
{
    /// <summary>The test run's end-of-day equities (element 0 its initial equity), as its metrics use them.</summary>
    public IReadOnlyList<double> TestDailyEquities { get; init; } = [];

    /// <summary>The test run's net P&amp;L per closed trade.</summary>
    public IReadOnlyList<decimal> TestTradePnl { get; init; } = [];

    /// <summary>The test run's equity sampled once a day, with times (Unix ms).</summary>
    public IReadOnlyList<(long Time, double Equity)> TestEquity { get; init; } = [];
}

/// <summary>A point of the stitched out-of-sample equity: its time (Unix ms), equity and the window it comes from.</summary>
public readonly record struct StitchedPoint(long Time, double Equity, int Window);

/// <summary>A finished walk-forward: every window, the stitched out-of-sample equity and its figures, and the overall
/// walk-forward efficiency.</summary>
public sealed record WalkForwardResult(WalkForwardPlan Plan, IReadOnlyList<WalkForwardWindowResult> Windows,
    double? Efficiency, WalkForwardStats OutOfSample, IReadOnlyList<StitchedPoint> Equity);
