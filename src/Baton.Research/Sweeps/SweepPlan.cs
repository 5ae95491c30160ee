using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Search;
using Baton.Research.Trials;

namespace Baton.Research.Sweeps;

/// <summary>What a sweep tries: the grid of <c>--param</c>, the <c>--where</c> that narrows it, the objective that ranks
/// the trials and the search that picks them.</summary>
public sealed record SweepPlan(ParameterSpace Space, ParameterFilter? Where, Objective Objective, SearchSpec Search)
{
    /// <summary>A grid sweep ranked by the default objective.</summary>
    public static SweepPlan Grid(ParameterSpace space, ParameterFilter? where = null) =>
        new(space, where, Objective.Default, SearchSpec.Grid);
}

/// <summary>Where a sweep stands: trials done (resumed ones included) out of the total, how many failed, the best so
/// far by the objective (null while none has a score), the time since it started and an estimate of the time left
/// (null until a trial of this run finished).</summary>
public sealed record SweepProgress(int Done, int Total, int Failed, TrialOutcome? Best, double? BestScore, TimeSpan Elapsed,
    TimeSpan? Remaining);

/// <summary>A finished sweep: every trial by id (resumed ones included) and the same trials ranked by the objective,
/// best first.</summary>
public sealed record SweepResult(IReadOnlyList<TrialOutcome> Trials, IReadOnlyList<TrialOutcome> Ranked);

/// <summary>How <see cref="SweepRunner"/> runs a sweep; none of it changes the results.</summary>
public sealed record SweepRunOptions
{
    /// <summary>The trials handed to <c>TrialBatch.RunAsync</c> at once (a TPE generation is cut into batches
    /// of at most this many).</summary>
    public const int DefaultBatchSize = 250;

    /// <summary>Trials run at once, at most.</summary>
    public int Jobs { get; init; } = 1;

    public int BatchSize { get; init; } = DefaultBatchSize;

    public IProgress<SweepProgress>? Progress { get; init; }

    /// <summary>Outcomes already recorded (a resume): not run again, kept in the result.</summary>
    public IReadOnlyList<TrialOutcome>? Done { get; init; }

    /// <summary>Awaited after each batch with its outcomes (in id order), before the next batch starts: where a sweep
    /// folder saves its resume state.</summary>
    public Func<IReadOnlyList<TrialOutcome>, CancellationToken, Task>? AfterBatch { get; init; }

    /// <summary>Where the trials run; null runs them here on <see cref="Jobs"/> threads (<see cref="LocalTrials"/>).</summary>
    public ITrialExecutor? Executor { get; init; }

    /// <summary>The clock of <see cref="SweepProgress.Elapsed"/> (never of results).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
