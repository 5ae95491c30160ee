using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Strategy;
using Baton.Runs.Backtests;
using Baton.Runs.Files;

namespace Baton.Research.Trials;

/// <summary>The values of one trial the strategy refuses (a period of 0, a stop of 150 %): the trial is recorded with
/// this message and the sweep goes on.</summary>
public sealed class InvalidTrialException(string message) : Exception(message);

/// <summary>
/// Runs a batch of trials of one strategy over the same candles and gives back one outcome per trial, in the order
/// given, whatever <c>jobs</c>. Each outcome equals <see cref="RunOneAsync"/> of its trial, the backtest
/// <c>baton backtest --set</c> runs for its parameters; it is obtained faster: trials go in groups of at most
/// <see cref="GroupSize"/>, each group one pass over the data (<see cref="SharedPass"/>) in which indicators shared by
/// several trials are computed once. Trials a pass cannot run exactly (external components, a strategy the shared graph
/// cannot hold, a trial that threw) run one by one through <see cref="RunOneAsync"/>.
/// </summary>
public static class TrialBatch
{
    /// <summary>Trials per pass at most: what a pass holds at once is one engine per trial (its orders and trades
    /// included), so memory is bounded by this whatever the number of trials; 250 keeps a 1,000-trial sweep to four
    /// passes over the data, whose reading and shared indicators cost little next to 250 trials.</summary>
    internal const int GroupSize = 250;

    /// <param name="jobs">Threads the trials of a pass are split over (1 or more; at most one per core is used).</param>
    /// <param name="progress">Told each outcome as it is known (in any order).</param>
    public static Task<IReadOnlyList<TrialOutcome>> RunAsync(IStrategyVariants variants, TrialData data,
        IReadOnlyList<TrialSpec> trials, int jobs, IProgress<TrialOutcome>? progress, CancellationToken cancellationToken) =>
        RunAsync(variants, data, trials, new TrialBatchOptions(jobs), progress, cancellationToken);

    internal static async Task<IReadOnlyList<TrialOutcome>> RunAsync(IStrategyVariants variants, TrialData data,
        IReadOnlyList<TrialSpec> trials, TrialBatchOptions options, IProgress<TrialOutcome>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupSize, 1);
        var outcomes = new TrialOutcome[trials.Count];
        var alone = new List<int>();
        void Record(int i, TrialOutcome outcome)
        {
            outcomes[i] = outcome;
            progress?.Report(outcome);
        }
        for (int start = 0; start < trials.Count; start += options.GroupSize)
        {
            var prepared = new List<PreparedTrial>();
            int first = start, count = Math.Min(trials.Count - start, options.GroupSize);
            var ready = new (PreparedTrial? Trial, TrialOutcome? Error)[count];
            await DedicatedThreads.RunAsync(count, options.Jobs, k => ready[k] = Prepare(variants, first + k, trials[first + k]))
                .ConfigureAwait(false);
            for (int i = start; i < start + count; i++)
            {
                var (trial, error) = ready[i - start];
                if (error is not null) Record(i, error);
                else if (trial is null) alone.Add(i);
                else prepared.Add(trial);
            }
            foreach (var group in prepared.GroupBy(Shape, StringComparer.Ordinal))
            {
                var (done, redo) = await PassOrAloneAsync([.. group], data, options, cancellationToken).ConfigureAwait(false);
                foreach (var (i, outcome) in done) Record(i, outcome);
                alone.AddRange(redo.Select(t => t.Index));
                if (options.Counts is { } counts) counts.Shared += done.Count;
            }
        }
        if (options.Counts is { } c) c.Alone += alone.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(alone.Order(), parallel, async (i, token) =>
            Record(i, await RunOneAsync(variants, data, trials[i], token).ConfigureAwait(false))).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>A trial loaded and compiled for a pass; an error outcome for values the strategy refuses; neither when
    /// it must run alone (external components, or a compilation error the reference path reports as a backtest would).</summary>
    private static (PreparedTrial? Trial, TrialOutcome? Error) Prepare(IStrategyVariants variants, int index, TrialSpec spec)
    {
        StrategyDefinition strategy;
        try { strategy = variants.Load(spec.Settings); }
        catch (InvalidTrialException e) { return (null, new TrialOutcome(spec.Id, spec.Settings) { Error = e.Message }); }
        if (strategy.Components.Count > 0) return (null, null);
        try { return (new PreparedTrial(index, spec, strategy, StrategyCompiler.Compile(strategy)), null); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException) { return (null, null); }
    }

    /// <summary>Trials in one pass read the same stream: same symbols, timeframe and resampling.</summary>
    private static string Shape(PreparedTrial t) =>
        string.Join(",", t.Strategy.Symbols) + "|" + t.Strategy.Timeframe + "|" + t.Strategy.Data.Resample;

    private static async Task<(List<(int Index, TrialOutcome Outcome)> Done, List<PreparedTrial> Redo)> PassOrAloneAsync(
        List<PreparedTrial> group, TrialData data, TrialBatchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await SharedPass.RunAsync(group, data, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ([], group);   // the reference path gives each trial the error (or the result) a backtest would
        }
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
    internal static TrialOutcome Outcome(TrialOutcome trial, BacktestResult result, IReadOnlyList<string> symbols,
        ReturnProfile? returns = null) => trial with
    {
        Metrics = result.Metrics,
        Orders = result.Orders.Count,
        FillsHash = FillsHash.Of(result.Orders, symbols),
        FinalEquity = result.FinalEquity,
        FinalState = result.FinalState,
        Candles = result.Candles,
        Returns = returns ?? ReturnProfile.Of(result.DailyEquities is double[] a ? a : result.DailyEquities.ToArray()),
    };
}

/// <summary>How a batch runs: <c>Jobs</c> threads per pass, at most <c>GroupSize</c> trials per pass.</summary>
internal sealed record TrialBatchOptions(int Jobs, int GroupSize = TrialBatch.GroupSize)
{
    /// <summary>Candles per batch of a pass (tests make it small to cross many batches on little data).</summary>
    public int BatchSize { get; init; } = SharedPass.BatchSize;

    /// <summary>Told how many trials ran in a shared pass and how many alone (tests, the benchmark).</summary>
    public TrialBatchCounts? Counts { get; init; }
}

/// <summary>How a batch ran its trials.</summary>
internal sealed class TrialBatchCounts
{
    public int Shared { get; set; }
    public int Alone { get; set; }
    /// <summary>Trials that ended the pass frozen (stopped, flat, no order: <c>TradingEngine.IsFrozen</c>).</summary>
    public int Frozen { get; set; }
}
