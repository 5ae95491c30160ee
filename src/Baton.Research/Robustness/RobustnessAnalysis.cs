using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Trials;
using Baton.Runs.Backtests;

namespace Baton.Research.Robustness;

/// <summary>How <see cref="RobustnessAnalysis"/> runs: Monte Carlo paths and seed, the CSCV block count, and the swept
/// parameters with their values in sweep order (for the sensitivity lines; null = taken from the trials, values in the
/// order of the trial ids).</summary>
public sealed record RobustnessOptions
{
    public int Paths { get; init; } = TradeMonteCarlo.DefaultPaths;
    public int Seed { get; init; }
    public int Blocks { get; init; } = ReturnProfile.BlockCount;
    public IReadOnlyList<ParameterAxis>? Axes { get; init; }
}

/// <summary>Every robustness statistic of a finished sweep (<c>robustness.json</c>); a part is null when it is
/// undefined (see each type).</summary>
public sealed record RobustnessReport(string Objective, int Trials, TrialOutcome? Best, double? BestScore,
    DeflatedSharpe? DeflatedSharpe, OverfittingProbability? Pbo, TradeMonteCarlo? MonteCarlo,
    IReadOnlyList<Sensitivity> Sensitivity);

/// <summary>
/// The robustness statistics of a sweep's trials: the deflated Sharpe ratio of the best, the probability of backtest
/// overfitting by CSCV (both from the trials' <see cref="ReturnProfile"/>s, no re-run), the parameter sensitivity
/// around the best, and a Monte Carlo of the best trial's trades, which runs the best trial once more as a whole
/// backtest (<see cref="BacktestRun"/>, no files; a trial is a pure function of its parameters, so these are its
/// trades).
/// </summary>
public static class RobustnessAnalysis
{
    /// <param name="outcomes">Every trial of the sweep (failed ones too: they are counted, never chosen).</param>
    /// <param name="variants">The strategy, to load the best trial again.</param>
    /// <param name="data">The data the trials ran over.</param>
    public static async Task<RobustnessReport> RunAsync(IReadOnlyList<TrialOutcome> outcomes, Objective objective,
        IStrategyVariants variants, TrialData data, RobustnessOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Paths, 1);
        if (!OverfittingProbability.AllowedBlocks.Contains(options.Blocks))
            throw new ArgumentOutOfRangeException(nameof(options), options.Blocks, "blocks: expected 16, 8, 4 or 2");
        var best = objective.Rank(outcomes).FirstOrDefault(t => objective.Score(t) is not null);
        if (best is null) return new RobustnessReport(objective.Name, outcomes.Count, null, null, null, null, null, []);
        var profiles = outcomes.OrderBy(t => t.Id).Where(t => t.Error is null).Select(t => t.Returns).OfType<ReturnProfile>().ToArray();
        var monteCarlo = await MonteCarloAsync(best, variants, data, options, cancellationToken).ConfigureAwait(false);
        return new RobustnessReport(objective.Name, outcomes.Count, best, objective.Score(best), Deflated(best, outcomes),
            OverfittingProbability.Of(profiles, options.Blocks), monteCarlo,
            Sensitivity.Of(options.Axes ?? AxesOf(outcomes), outcomes, best, objective));
    }

    /// <summary>The deflated Sharpe ratio of <paramref name="best"/> among every trial with a per-period Sharpe ratio.</summary>
    internal static DeflatedSharpe? Deflated(TrialOutcome best, IReadOnlyList<TrialOutcome> outcomes)
    {
        if (best.Returns is not { } r || best.Metrics is not { } m || PerPeriodSharpe(r) is not { } sharpe) return null;
        var sharpes = outcomes.OrderBy(t => t.Id).Select(t => t.Error is null && t.Returns is { } p ? PerPeriodSharpe(p) : null)
            .OfType<double>().ToArray();
        return DeflatedSharpe.Of(sharpe, m.PeriodsPerYear, r.Count, r.Skewness, r.Kurtosis, sharpes);
    }

    /// <summary>Mean / standard deviation of the daily returns; null when there is no variance.</summary>
    internal static double? PerPeriodSharpe(ReturnProfile profile) =>
        profile.Count >= 2 && profile.StandardDeviation > 0 ? profile.Mean / profile.StandardDeviation : null;

    private static async Task<TradeMonteCarlo?> MonteCarloAsync(TrialOutcome best, IStrategyVariants variants, TrialData data,
        RobustnessOptions options, CancellationToken cancellationToken)
    {
        var strategy = variants.Load(best.Settings);
        var spec = new BacktestSpec(strategy, data.Source, data.Range) { Components = data.Components };
        var run = await BacktestRun.RunAsync(spec, null, cancellationToken).ConfigureAwait(false);
        double initial = run.Metrics.StartEquity;
        return TradeMonteCarlo.Of(TradeMonteCarlo.Returns(run.Trades, initial), initial, options.Paths, options.Seed);
    }

    /// <summary>The parameters of the trials (names in the first trial's order), values in order of first appearance by id.</summary>
    private static List<ParameterAxis> AxesOf(IReadOnlyList<TrialOutcome> outcomes)
    {
        var ordered = outcomes.OrderBy(t => t.Id).ToArray();
        if (ordered.Length == 0) return [];
        return ordered[0].Settings.Select(s => new ParameterAxis(s.Name,
            ordered.SelectMany(t => t.Settings).Where(x => x.Name == s.Name).Select(x => x.Value).Distinct(StringComparer.Ordinal).ToArray())).ToList();
    }
}
