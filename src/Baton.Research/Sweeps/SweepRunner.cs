using Baton.Research.Parameters;
using Baton.Research.Search;
using Baton.Research.Trials;

namespace Baton.Research.Sweeps;

/// <summary>
/// Runs a sweep in memory (no files): the search proposes trials, <c>TrialBatch.RunAsync</c> runs them in
/// batches, and the result holds every trial by id and ranked. The trials, their ids and their outcomes depend only on
/// the plan, the strategy and the data: never on the number of jobs, the batch size or a resume.
/// </summary>
public static class SweepRunner
{
    public static Task<SweepResult> RunAsync(SweepPlan plan, IStrategyVariants variants, TrialData data, int jobs,
        IProgress<SweepProgress>? progress, IReadOnlyList<TrialOutcome>? done, CancellationToken token) =>
        RunAsync(plan, variants, data, new SweepRunOptions { Jobs = jobs, Progress = progress, Done = done }, token);

    /// <summary>Runs <paramref name="plan"/>; throws <see cref="SweepInputException"/> before any trial when a parameter
    /// is not the strategy's, <c>--where</c> allows nothing or a parameter changes the symbols, timeframe or data.</summary>
    public static async Task<SweepResult> RunAsync(SweepPlan plan, IStrategyVariants variants, TrialData data,
        SweepRunOptions options, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var points = Check(plan, variants);
        var byId = Resumed(points, options.Done);
        var tracker = new SweepTracker(plan, plan.Search.TrialsOver(points.Count), byId.Values, options);
        var search = Searches.Create(plan.Search, points);
        var history = new List<ScoredTrial>();
        for (var ids = search.Next(history); ids.Count > 0; ids = search.Next(history))
        {
            var todo = ids.Where(id => !byId.ContainsKey(id))
                .Select(id => new TrialSpec(id, plan.Space.Settings(points.Point(id)))).ToList();
            for (int at = 0; at < todo.Count; at += options.BatchSize)
            {
                token.ThrowIfCancellationRequested();
                var batch = todo.GetRange(at, Math.Min(options.BatchSize, todo.Count - at));
                var outcomes = await RunBatchAsync(variants, data, batch, options, tracker, token).ConfigureAwait(false);
                foreach (var outcome in outcomes) byId[outcome.Id] = outcome;
            }
            history.AddRange(ids.Select(id => new ScoredTrial(id, plan.Objective.Score(byId[id]))));
        }
        var trials = byId.Values.ToArray();
        return new SweepResult(trials, plan.Objective.Rank(trials));
    }

    /// <summary>What <see cref="RunAsync(SweepPlan, IStrategyVariants, TrialData, SweepRunOptions, CancellationToken)"/>
    /// checks before any trial: every parameter is the strategy's, <c>--where</c> allows a point, no parameter changes the
    /// symbols, timeframe or data. Throws <see cref="SweepInputException"/>; returns the allowed points.</summary>
    public static SearchPoints Check(SweepPlan plan, IStrategyVariants variants)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variants);
        plan.Space.RequireKnown(variants.ParameterNames, variants.SourceFile);
        var points = new SearchPoints(plan.Space, plan.Where);
        SameData.Require(plan.Space, variants);
        return points;
    }

    /// <summary>One batch, handed to <see cref="SweepRunOptions.AfterBatch"/> when done; when cancelled, the trials that
    /// finished before are handed over before the cancellation goes on, so an interrupted sweep keeps them.</summary>
    private static async Task<IReadOnlyList<TrialOutcome>> RunBatchAsync(IStrategyVariants variants, TrialData data,
        List<TrialSpec> batch, SweepRunOptions options, SweepTracker tracker, CancellationToken token)
    {
        var finished = new List<TrialOutcome>();
        var collect = new Collector(finished, tracker);
        IReadOnlyList<TrialOutcome> outcomes;
        try
        {
            outcomes = await TrialBatch.RunAsync(variants, data, batch, options.Jobs, collect, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (options.AfterBatch is not null)
        {
            TrialOutcome[] partial;
            lock (finished) partial = [.. finished.OrderBy(o => o.Id)];
            if (partial.Length > 0) await options.AfterBatch(partial, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (options.AfterBatch is { } after) await after([.. outcomes.OrderBy(o => o.Id)], token).ConfigureAwait(false);
        return outcomes;
    }

    private sealed class Collector(List<TrialOutcome> into, IProgress<TrialOutcome> next) : IProgress<TrialOutcome>
    {
        public void Report(TrialOutcome value)
        {
            lock (into) into.Add(value);
            next.Report(value);
        }
    }

    /// <summary>The recorded outcomes by id, each checked against the parameters its id names now.</summary>
    private static SortedDictionary<int, TrialOutcome> Resumed(SearchPoints points, IReadOnlyList<TrialOutcome>? done)
    {
        var byId = new SortedDictionary<int, TrialOutcome>();
        foreach (var outcome in done ?? [])
        {
            if (outcome.Id < 0 || outcome.Id >= points.Count
                || !outcome.Settings.SequenceEqual(points.Space.Settings(points.Point(outcome.Id))))
                throw new SweepInputException($"resume: trial {outcome.Id} was recorded with other parameters than this sweep gives it");
            byId[outcome.Id] = outcome;
        }
        return byId;
    }
}
