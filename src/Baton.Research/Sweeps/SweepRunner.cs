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
        var executor = options.Executor ?? new LocalTrials(variants, data, options.Jobs);
        using var recording = new SemaphoreSlim(1, 1);   // batches in flight at once still record one after another
        for (var ids = search.Next(history); ids.Count > 0; ids = search.Next(history))
        {
            var todo = ids.Where(id => !byId.ContainsKey(id))
                .Select(id => new TrialSpec(id, plan.Space.Settings(points.Point(id)))).ToList();
            int size = options.BatchSize;
            if (executor.BatchesInFlight > 1 && todo.Count > 0)   // spread a small generation over every worker
                size = Math.Clamp(todo.Count.DivideRoundingUp(await executor.CapacityAsync(token).ConfigureAwait(false)), 1, size);
            var batches = Enumerable.Range(0, todo.Count.DivideRoundingUp(size))
                .Select(b => todo.GetRange(b * size, Math.Min(size, todo.Count - b * size)));
            if (executor.BatchesInFlight <= 1)
            {
                foreach (var batch in batches)
                {
                    token.ThrowIfCancellationRequested();
                    foreach (var outcome in await RunBatchAsync(executor, batch, options, tracker, recording, token).ConfigureAwait(false))
                        byId[outcome.Id] = outcome;
                }
            }
            else
            {
                token.ThrowIfCancellationRequested();
                var all = await Task.WhenAll(batches.Select(batch => RunBatchAsync(executor, batch, options, tracker, recording, token)))
                    .ConfigureAwait(false);
                foreach (var outcome in all.SelectMany(o => o)) byId[outcome.Id] = outcome;
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
    private static async Task<IReadOnlyList<TrialOutcome>> RunBatchAsync(ITrialExecutor executor, List<TrialSpec> batch,
        SweepRunOptions options, SweepTracker tracker, SemaphoreSlim recording, CancellationToken token)
    {
        var finished = new List<TrialOutcome>();
        var collect = new Collector(finished, tracker);
        IReadOnlyList<TrialOutcome> outcomes;
        try
        {
            outcomes = await executor.RunAsync(batch, collect, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (options.AfterBatch is not null)
        {
            TrialOutcome[] partial;
            lock (finished) partial = [.. finished.OrderBy(o => o.Id)];
            if (partial.Length > 0) await RecordAsync(options.AfterBatch, partial, recording, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (options.AfterBatch is { } after) await RecordAsync(after, [.. outcomes.OrderBy(o => o.Id)], recording, token).ConfigureAwait(false);
        return outcomes;
    }

    private static async Task RecordAsync(Func<IReadOnlyList<TrialOutcome>, CancellationToken, Task> after,
        IReadOnlyList<TrialOutcome> outcomes, SemaphoreSlim recording, CancellationToken token)
    {
        await recording.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try { await after(outcomes, token).ConfigureAwait(false); }
        finally { recording.Release(); }
    }

    private static int DivideRoundingUp(this int count, int by) => (count + by - 1) / Math.Max(1, by);

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
