using System.Text.Json;
using Baton.Cluster.Contracts;
using Baton.Cluster.Tests.Support;
using Baton.Cluster.Worker;
using Orleans.TestingHost;

namespace Baton.Cluster.Tests.Grains;

/// <summary>Silos killed under a sweep (Orleans' testing host, no graceful stop): each test its own three-silo cluster of
/// grains, the workers' calls made by the test.</summary>
public sealed class SiloDeathTests
{
    [Fact]
    public async Task A_batch_leased_by_a_killed_silo_is_leased_again_and_a_live_silos_batch_stays_its()
    {
        await using var cluster = await GrainCluster.StartAsync(3);
        var coordinator = cluster.Coordinator(Sweeps.NewKey());
        await coordinator.Open(Sweeps.JobJson());
        string host = (await coordinator.Status()).Host;
        var others = cluster.Silos.Where(s => s.Name != host).ToArray();
        var (victim, keeper) = (others[0], others[1]);
        for (int u = 1; u <= 3; u++) await coordinator.Submit("u" + u, Sweeps.TrialsJson(u * 10, 2));
        Assert.Equal("u1", (await coordinator.Lease(GrainCluster.Worker(victim)))?.Id);
        Assert.Equal("u2", (await coordinator.Lease(GrainCluster.Worker(keeper)))?.Id);
        var fresh = GrainCluster.Worker(cluster.Silo(host), "fresh");
        Assert.Equal("u3", (await coordinator.Lease(fresh))?.Id);
        Assert.Null(await coordinator.Lease(GrainCluster.Worker(cluster.Silo(host), "later")));

        await cluster.Cluster.KillSiloAsync(victim);

        var again = await cluster.UntilAsync($"batch u1 of the killed silo {victim.Name} to be leased again",
            () => coordinator.Lease(GrainCluster.Worker(cluster.Silo(host), "later")));
        Assert.Equal("u1", again.Id);
        Assert.Null(await coordinator.Lease(GrainCluster.Worker(cluster.Silo(host), "third")));
        var status = await coordinator.Status();
        Assert.Equal((0, 3, 0), (status.Queued, status.Running, status.Done));
        Assert.Equal(["u1 later", "u2 " + keeper.Name, "u3 fresh"], status.Leases.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_coordinators_silo_killed_it_resumes_elsewhere_from_the_store()
    {
        await using var cluster = await GrainCluster.StartAsync(3);
        string sweep = Sweeps.NewKey();
        var coordinator = cluster.Coordinator(sweep);
        await coordinator.Open(Sweeps.JobJson());
        var host = cluster.Silo((await coordinator.Status()).Host);
        var others = cluster.Silos.Where(s => s != host).ToArray();
        var (a, b) = (GrainCluster.Worker(others[0]), GrainCluster.Worker(others[1]));
        for (int u = 1; u <= 4; u++) await coordinator.Submit("u" + u, Sweeps.TrialsJson(u * 10, 2));
        // u1 done by a; u2 refused by b; u3 running on a (a live worker that keeps beating); u4 running on the doomed silo
        Assert.Equal("u1", (await coordinator.Lease(a))?.Id);
        await cluster.Store.PutResultsAsync(sweep, Sweeps.Outcomes(10, 2));
        await coordinator.Complete(a, "u1");
        Assert.Equal("u2", (await coordinator.Lease(b))?.Id);
        await coordinator.Refuse(b, "u2", b.Name + ": other data");
        Assert.Equal("u3", (await coordinator.Lease(a))?.Id);
        Assert.Equal("u4", (await coordinator.Lease(GrainCluster.Worker(host)))?.Id);
        using var beats = new Beats(cluster, a, sweep, "u3");

        await cluster.Cluster.KillSiloAsync(host);

        var status = await cluster.UntilAsync($"the coordinator to answer from a silo other than the killed {host.Name}",
            async () => await coordinator.Status() is { } s && s.Host != host.Name ? s : null);
        Assert.Equal((1, 1, 2), (status.Done, status.Running, status.Queued));
        Assert.Equal(["u3 " + a.Name], status.Leases);
        Assert.Equal([b.Name + ": other data"], status.Refusals);
        Assert.Null(await coordinator.Lease(b));
        var fresh = GrainCluster.Worker(others[1], "fresh");
        Assert.Equal("u2", (await coordinator.Lease(fresh))?.Id);
        Assert.Equal("u4", (await coordinator.Lease(fresh))?.Id);
        Assert.Null(await coordinator.Lease(fresh));
    }

    [Fact]
    public async Task A_sweep_every_other_silo_refused_is_stuck_once_the_last_silo_that_did_not_refuse_dies()
    {
        await using var cluster = await GrainCluster.StartAsync(3);
        var coordinator = cluster.Coordinator(Sweeps.NewKey());
        await coordinator.Open(Sweeps.JobJson());
        var host = cluster.Silo((await coordinator.Status()).Host);
        var others = cluster.Silos.Where(s => s != host).ToArray();
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        foreach (var refuser in new[] { host, others[0] })
        {
            var worker = GrainCluster.Worker(refuser);
            Assert.Equal("u1", (await coordinator.Lease(worker))?.Id);
            await coordinator.Refuse(worker, "u1", refuser.Name + ": other data");
        }
        Assert.False((await coordinator.Status()).Stuck);

        await cluster.Cluster.KillSiloAsync(others[1]);

        var status = await cluster.UntilAsync($"the sweep to be stuck once {others[1].Name} is dead",
            async () => await coordinator.Status() is { Stuck: true } s ? s : null);
        Assert.Equal(new[] { host.Name + ": other data", others[0].Name + ": other data" }.Order(StringComparer.Ordinal), status.Refusals);
        Assert.Equal(1, status.Queued);
    }

    /// <summary>A worker's beat each half second (what <see cref="WorkerLoop"/> writes each second): it runs
    /// <c>unit</c> of <c>sweep</c>.</summary>
    private sealed class Beats : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Beats(GrainCluster cluster, WorkerIdentity worker, string sweep, string unit)
        {
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var beat = new WorkerBeat(worker.Name, worker.Silo.ToParsableString(), 2, 1, 0, sweep, unit, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    await cluster.Store.BeatAsync(worker.Name, JsonSerializer.Serialize(beat));
                    try { await Task.Delay(500, _stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.GetAwaiter().GetResult();
            _stop.Dispose();
        }
    }
}
