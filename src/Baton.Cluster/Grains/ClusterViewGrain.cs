using System.Text.Json;
using Baton.Cluster.Contracts;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using Baton.Cluster.Worker;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Baton.Cluster.Grains;

/// <summary><see cref="IClusterView"/>: the silos of the membership (the truth about who lives) joined with what each
/// worker last reported to the store, and every sweep of the store with its coordinator's status. Read-only, so it
/// runs on whichever silo the call reaches.</summary>
[StatelessWorker]
internal sealed class ClusterViewGrain(ClusterStore store, IClusterMembershipService membership) : Grain, IClusterView
{
    public async Task<ClusterSnapshot> Read()
    {
        var beats = (await store.BeatsAsync().ConfigureAwait(true)).Values.Select(WorkerBeat.Parse).OfType<WorkerBeat>()
            .ToDictionary(b => b.Name, StringComparer.Ordinal);
        var workers = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status != SiloStatus.Dead || beats.ContainsKey(m.Name))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m =>
            {
                beats.TryGetValue(m.Name, out var b);
                return new WorkerView(m.Name, m.SiloAddress.ToString(), m.Status.ToString().ToLowerInvariant(), b?.Cores ?? 0, b?.Jobs ?? 0,
                    b?.TrialsDone ?? 0, m.Status == SiloStatus.Active ? b?.Sweep : null, m.Status == SiloStatus.Active ? b?.Unit : null);
            })
            .GroupBy(w => w.Name).Select(g => g.OrderBy(w => w.Status == "active" ? 0 : 1).First()).ToArray();
        var sweeps = new List<SweepView>();
        foreach (var key in await store.ActiveSweepsAsync().ConfigureAwait(true))
        {
            try
            {
                var status = await GrainFactory.GetGrain<ISweepCoordinator>(key).Status().ConfigureAwait(true);
                var units = await store.UnitsAsync(key).ConfigureAwait(true);
                int trials = units.Values.SelectMany(Trials).Select(t => t.Id).Distinct().Count();
                int done = (await store.ResultIdsAsync(key).ConfigureAwait(true)).Count;
                sweeps.Add(new SweepView(key, status.Strategy, trials, done, status.Queued, status.Running, status.Refusals, status.Host));
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
            {
                sweeps.Add(new SweepView(key, "?", 0, 0, 0, 0, [$"damaged in the store: {e.Message}"], "?"));
            }
        }
        return new ClusterSnapshot(workers, [.. sweeps]);
    }

    private static IReadOnlyList<Baton.Research.Trials.TrialSpec> Trials(string json)
    {
        try { return ClusterJob.TrialsOf(json); }
        catch (JsonException) { return []; }
    }
}
