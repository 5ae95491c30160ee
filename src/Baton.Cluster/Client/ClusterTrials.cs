using System.Security.Cryptography;
using System.Text;
using Baton.Cluster.Contracts;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Baton.Research.Trials;
using Orleans;

namespace Baton.Cluster.Client;

/// <summary>
/// The trials of a sweep run on the cluster (<see cref="ITrialExecutor"/>): each batch is submitted to the sweep's
/// coordinator grain (idempotently, by an id made of its trial ids) and its outcomes are read from the store as the
/// workers write them. Every batch of a generation is in flight at once, so every worker has one. Outcomes already in
/// the store (a coordinator re-run after a crash) come back without running again. Calls are short and retried, so
/// a silo that dies under a call costs a retry, never a hang; each status poll also wakes the coordinator on
/// another silo when its silo died.
/// </summary>
public sealed class ClusterTrials(IGrainFactory grains, ClusterStore store, ClusterJob job, ClusterCalls calls) : ITrialExecutor
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(2);
    private readonly string _key = job.Key();
    private readonly Lazy<Task> _open = new(() => calls.RunAsync(() => grains.GetGrain<ISweepCoordinator>(job.Key()).Open(job.ToJson()), CancellationToken.None));

    public int BatchesInFlight => int.MaxValue;

    /// <summary>The workers that reported in the last 5 s (at least 1).</summary>
    public async Task<int> CapacityAsync(CancellationToken cancellationToken) =>
        Math.Max(1, await store.LiveWorkersAsync(TimeSpan.FromSeconds(5)).WaitAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The sweep's key in the store and the coordinator's grain key.</summary>
    public string Key => _key;

    private ISweepCoordinator Coordinator => grains.GetGrain<ISweepCoordinator>(_key);

    public async Task<IReadOnlyList<TrialOutcome>> RunAsync(IReadOnlyList<TrialSpec> trials, IProgress<TrialOutcome>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var found = new Dictionary<int, TrialOutcome>();
        await CollectAsync(trials, found, progress).ConfigureAwait(false);
        var missing = trials.Where(t => !found.ContainsKey(t.Id)).ToList();
        if (missing.Count > 0)
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            string trialsJson = ClusterJob.TrialsToJson(missing);
            await calls.RunAsync(() => Coordinator.Submit(UnitId(missing), trialsJson), cancellationToken).ConfigureAwait(false);
            var status = DateTime.UtcNow;
            while (found.Count < trials.Count)
            {
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                await CollectAsync(missing, found, progress).ConfigureAwait(false);
                if (DateTime.UtcNow - status >= StatusEvery && found.Count < trials.Count)
                {
                    status = DateTime.UtcNow;
                    var now = await calls.RunAsync(() => Coordinator.Status(), cancellationToken).ConfigureAwait(false);
                    calls.Watch(now);
                }
            }
        }
        return [.. trials.Select(t => found[t.Id])];
    }

    /// <summary>The store forgets the sweep (call once its folder holds every outcome).</summary>
    public Task FinishAsync(CancellationToken cancellationToken) => calls.RunAsync(() => Coordinator.Finish(), cancellationToken);

    private Task OpenAsync(CancellationToken cancellationToken) => _open.Value.WaitAsync(cancellationToken);

    private async Task CollectAsync(IReadOnlyList<TrialSpec> trials, Dictionary<int, TrialOutcome> found, IProgress<TrialOutcome>? progress)
    {
        var wanted = trials.Where(t => !found.ContainsKey(t.Id)).ToList();
        var stored = await store.ResultsAsync(_key, [.. wanted.Select(t => t.Id)]).ConfigureAwait(false);
        foreach (var trial in wanted)
        {
            if (!stored.TryGetValue(trial.Id, out var json)) continue;
            if (json.StartsWith(ClusterStore.Unsigned, StringComparison.Ordinal))
                throw Damaged(trial.Id, "its signature does not match the cluster's certificate: no worker of this cluster wrote it");
            TrialOutcome outcome;
            try { outcome = TrialOutcomeJson.Read(json); }
            catch (InvalidDataException e) { throw Damaged(trial.Id, e.Message); }
            if (outcome.Id != trial.Id || !outcome.Settings.SequenceEqual(trial.Settings))
                throw Damaged(trial.Id, "it has other parameters than this sweep gives the trial");
            found[trial.Id] = outcome;
            progress?.Report(outcome);
        }
    }

    /// <summary>A result nobody Baton wrote (a hand edit, another program): the sweep stops (exit 1) saying how to clear it.</summary>
    private InvalidOperationException Damaged(int id, string why) =>
        new($"the cluster's store holds a damaged result for trial {id} ({why}); remove it (redis-cli HDEL "
            + $"baton:cluster:sweep:{_key}:results {id}, or the row of baton_trial_results with --results) and run the same command again");

    /// <summary>A batch's id: a hash of its trial ids (the same batch submitted again is the same unit).</summary>
    private static string UnitId(IReadOnlyList<TrialSpec> trials)
    {
        string ids = string.Join(',', trials.Select(t => t.Id));
        return $"{trials[0].Id}+{trials.Count}-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(ids)))[..12];
    }
}
