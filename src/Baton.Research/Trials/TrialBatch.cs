using Baton.Engine.Backtest;
using Baton.Runs.Backtests;
using Baton.Runs.Files;

namespace Baton.Research.Trials;

/// <summary>The values of one trial the strategy refuses (a period of 0, a stop of 150 %): the trial is recorded with
/// this message and the sweep goes on.</summary>
public sealed class InvalidTrialException(string message) : Exception(message);

/// <summary>
/// Runs a batch of trials of one strategy over the same candles and gives back one outcome per trial, in the order
/// given, whatever <c>jobs</c>. Each trial is the backtest <c>baton backtest --set</c> runs for its parameters
/// (<see cref="BacktestRun"/> with no output: nothing is written).
/// </summary>
public static class TrialBatch
{
    /// <param name="jobs">Trials run at once, at most (1 or more).</param>
    /// <param name="progress">Told each outcome as it is known (in any order).</param>
    public static async Task<IReadOnlyList<TrialOutcome>> RunAsync(IStrategyVariants variants, TrialData data,
        IReadOnlyList<TrialSpec> trials, int jobs, IProgress<TrialOutcome>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var outcomes = new TrialOutcome[trials.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, trials.Count), options, async (i, token) =>
        {
            outcomes[i] = await RunOneAsync(variants, data, trials[i], token).ConfigureAwait(false);
            progress?.Report(outcomes[i]);
        }).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>One trial as a whole backtest through the run pipeline.</summary>
    public static async Task<TrialOutcome> RunOneAsync(IStrategyVariants variants, TrialData data, TrialSpec trial,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trial);
        var outcome = new TrialOutcome(trial.Id, trial.Settings);
        try
        {
            var strategy = variants.Load(trial.Settings);
            var spec = new BacktestSpec(strategy, data.Source, data.Range) { Components = data.Components };
            var result = await BacktestRun.RunAsync(spec, null, cancellationToken).ConfigureAwait(false);
            return Outcome(outcome, result, strategy.Symbols);
        }
        catch (InvalidTrialException e)
        {
            return outcome with { Error = e.Message };
        }
    }

    /// <summary>The outcome of a finished backtest.</summary>
    internal static TrialOutcome Outcome(TrialOutcome trial, BacktestResult result, IReadOnlyList<string> symbols) => trial with
    {
        Metrics = result.Metrics,
        Orders = result.Orders.Count,
        FillsHash = FillsHash.Of(result.Orders, symbols),
        FinalEquity = result.FinalEquity,
        FinalState = result.FinalState,
        Candles = result.Candles,
        Returns = ReturnProfile.Of(result.DailyEquities is double[] a ? a : result.DailyEquities.ToArray()),
    };
}
