namespace Baton.Research.Trials;

/// <summary>
/// Where the trials of a sweep run: on this machine's cores (<see cref="LocalTrials"/>, the default) or elsewhere (the
/// cluster adapter). Whatever runs them, each outcome must equal <see cref="TrialBatch.RunOneAsync"/> of its trial.
/// </summary>
public interface ITrialExecutor
{
    /// <summary>Batches a sweep may have running at once: 1 runs them one after another on this machine's cores; a
    /// cluster hands every batch of a generation out at once, so every worker has one.</summary>
    int BatchesInFlight { get; }

    /// <summary>How many batches can run at the same time now (the cluster's live workers; 1 here): a generation
    /// smaller than that many full batches is cut into this many, so every worker gets a share.</summary>
    Task<int> CapacityAsync(CancellationToken cancellationToken);

    /// <summary>Runs one batch (a pass over the data) and gives one outcome per trial, in the order given.</summary>
    /// <param name="progress">Told each outcome as it is known (in any order).</param>
    Task<IReadOnlyList<TrialOutcome>> RunAsync(IReadOnlyList<TrialSpec> trials, IProgress<TrialOutcome>? progress,
        CancellationToken cancellationToken);
}

/// <summary>The trials run here, <see cref="TrialBatch.RunAsync(IStrategyVariants, TrialData, IReadOnlyList{TrialSpec}, int, IProgress{TrialOutcome}?, CancellationToken)"/>
/// on <c>jobs</c> dedicated threads.</summary>
public sealed class LocalTrials(IStrategyVariants variants, TrialData data, int jobs) : ITrialExecutor
{
    public int BatchesInFlight => 1;

    public Task<int> CapacityAsync(CancellationToken cancellationToken) => Task.FromResult(1);

    public Task<IReadOnlyList<TrialOutcome>> RunAsync(IReadOnlyList<TrialSpec> trials, IProgress<TrialOutcome>? progress,
        CancellationToken cancellationToken) =>
        TrialBatch.RunAsync(variants, data, trials, jobs, progress, cancellationToken);
}
