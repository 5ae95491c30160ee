using System.Text.Json;
using Baton.Cluster.Contracts;
using Baton.Cluster.Tests.Support;
using Baton.Cluster.Worker;

namespace Baton.Cluster.Tests.Grains;

public sealed class ClusterViewTests(TwoSilos silos) : IClassFixture<TwoSilos>
{
    private GrainCluster Cluster => silos.Cluster;

    [Fact]
    public async Task The_view_joins_the_membership_with_the_workers_beats_and_lists_the_sweeps()
    {
        string sweep = Sweeps.NewKey();
        var coordinator = Cluster.Coordinator(sweep);
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 3));
        await coordinator.Submit("u2", Sweeps.TrialsJson(3, 2));
        await Cluster.Store.PutResultsAsync(sweep, Sweeps.Outcomes(0, 3));
        var busy = Cluster.Silos[0];
        Assert.Equal("u1", (await coordinator.Lease(GrainCluster.Worker(busy)))?.Id);
        var beat = new WorkerBeat(busy.Name, busy.SiloAddress.ToParsableString(), 8, 2, 41, sweep, "u1", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Cluster.Store.BeatAsync(busy.Name, JsonSerializer.Serialize(beat));
        await Cluster.Store.BeatAsync("garbled", "{not json");

        var view = await Cluster.Cluster.Client.GetGrain<IClusterView>(0).Read();

        Assert.Equal(Cluster.Silos.Select(s => s.Name).Order(StringComparer.Ordinal), view.Workers.Select(w => w.Name));
        var worker = view.Workers.Single(w => w.Name == busy.Name);
        Assert.Equal(("active", 8, 2, 41L, sweep, "u1"), (worker.Status, worker.Cores, worker.Jobs, worker.TrialsDone, worker.Sweep, worker.Unit));
        Assert.Equal(busy.SiloAddress.ToString(), worker.Address);
        var idle = view.Workers.Single(w => w.Name != busy.Name);
        Assert.Equal(("active", 0, 0L, (string?)null), (idle.Status, idle.Cores, idle.TrialsDone, idle.Sweep));
        var shown = view.Sweeps.Single(s => s.Sweep == sweep);
        Assert.Equal((ClusterJobName(), 5, 3, 1, 1), (shown.Strategy, shown.Trials, shown.Done, shown.Queued, shown.Running));
        Assert.Empty(shown.Refusals);
    }

    private static string ClusterJobName() => Jobs.ClusterJobTests.Sample().StrategyFile;
}
