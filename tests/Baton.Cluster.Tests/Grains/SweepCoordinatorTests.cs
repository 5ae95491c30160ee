using Baton.Cluster.Tests.Support;

namespace Baton.Cluster.Tests.Grains;

/// <summary>A two-silo cluster of grains (no worker loop) shared by the tests of this class; each test has a sweep of its
/// own and drives the coordinator as workers would.</summary>
public sealed class TwoSilos : IAsyncLifetime
{
    internal GrainCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await GrainCluster.StartAsync(2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class SweepCoordinatorTests(TwoSilos silos) : IClassFixture<TwoSilos>
{
    private GrainCluster Cluster => silos.Cluster;

    [Fact]
    public async Task Nothing_is_leased_before_the_job_is_open()
    {
        var coordinator = Cluster.Coordinator(Sweeps.NewKey());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        Assert.Null(await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[0])));
        await coordinator.Open(Sweeps.JobJson());
        Assert.Equal("u1", (await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[0])))?.Id);
    }

    [Fact]
    public async Task Submit_is_idempotent_by_unit_id()
    {
        string sweep = Sweeps.NewKey();
        var coordinator = Cluster.Coordinator(sweep);
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        await coordinator.Submit("u1", Sweeps.TrialsJson(5, 3));
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        var status = await coordinator.Status();
        Assert.Equal((1, 0, 0), (status.Queued, status.Running, status.Done));
        Assert.Equal(Sweeps.TrialsJson(0, 2), Assert.Single(await Cluster.Store.UnitsAsync(sweep)).Value);
        var unit = await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[0]));
        Assert.Equal(("u1", sweep, Sweeps.TrialsJson(0, 2), Sweeps.JobJson()), (unit?.Id, unit?.Sweep, unit?.TrialsJson, unit?.JobJson));
        Assert.Null(await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[1])));
    }

    [Fact]
    public async Task A_batch_whose_trials_are_all_recorded_is_done_when_submitted()
    {
        string sweep = Sweeps.NewKey();
        var coordinator = Cluster.Coordinator(sweep);
        await coordinator.Open(Sweeps.JobJson());
        await Cluster.Store.PutResultsAsync(sweep, Sweeps.Outcomes(0, 3));
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 3));
        await coordinator.Submit("u2", Sweeps.TrialsJson(2, 2));
        var status = await coordinator.Status();
        Assert.Equal((1, 0, 1), (status.Queued, status.Running, status.Done));
        Assert.Equal("u2", (await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[0])))?.Id);
    }

    [Fact]
    public async Task Complete_twice_leaves_the_batch_done_once()
    {
        var coordinator = Cluster.Coordinator(Sweeps.NewKey());
        var w1 = GrainCluster.Worker(Cluster.Silos[0]);
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        await coordinator.Submit("u2", Sweeps.TrialsJson(2, 2));
        Assert.Equal("u1", (await coordinator.Lease(w1))?.Id);
        await coordinator.Complete(w1, "u1");
        await coordinator.Complete(w1, "u1");
        await coordinator.Complete(GrainCluster.Worker(Cluster.Silos[1]), "u1");
        await coordinator.Complete(w1, "no-such-unit");
        var status = await coordinator.Status();
        Assert.Equal((1, 0, 1), (status.Queued, status.Running, status.Done));
        Assert.Equal("u2", (await coordinator.Lease(w1))?.Id);
        Assert.Null(await coordinator.Lease(w1));
    }

    [Fact]
    public async Task Release_by_a_worker_that_does_not_hold_the_lease_is_ignored()
    {
        var coordinator = Cluster.Coordinator(Sweeps.NewKey());
        var (w1, w2) = (GrainCluster.Worker(Cluster.Silos[0]), GrainCluster.Worker(Cluster.Silos[1]));
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        Assert.Equal("u1", (await coordinator.Lease(w1))?.Id);
        await coordinator.Release(w2, "u1");
        await coordinator.Release(w2, "no-such-unit");
        var status = await coordinator.Status();
        Assert.Equal((0, 1), (status.Queued, status.Running));
        Assert.Equal(["u1 " + w1.Name], status.Leases);
        Assert.Null(await coordinator.Lease(w2));

        await coordinator.Release(w1, "u1");
        Assert.Equal((1, 0), ((await coordinator.Status()).Queued, (await coordinator.Status()).Running));
        Assert.Equal("u1", (await coordinator.Lease(w2))?.Id);
    }

    [Fact]
    public async Task A_refusal_excludes_that_worker_and_the_sweep_is_stuck_only_when_every_live_silo_refused()
    {
        string sweep = Sweeps.NewKey();
        var coordinator = Cluster.Coordinator(sweep);
        var (w1, w2) = (GrainCluster.Worker(Cluster.Silos[0]), GrainCluster.Worker(Cluster.Silos[1]));
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        await coordinator.Submit("u2", Sweeps.TrialsJson(2, 2));

        Assert.Equal("u1", (await coordinator.Lease(w1))?.Id);
        await coordinator.Refuse(w1, "u1", "w1: other data");
        var status = await coordinator.Status();
        Assert.Equal((2, 0, false), (status.Queued, status.Running, status.Stuck));
        Assert.Equal(["w1: other data"], status.Refusals);
        Assert.Null(await coordinator.Lease(w1));
        Assert.Equal("w1: other data", (await Cluster.Store.RefusalsAsync(sweep))[w1.Name]);

        Assert.Equal("u2", (await coordinator.Lease(w2))?.Id);
        await coordinator.Refuse(w2, "u2", "w2: no file");
        status = await coordinator.Status();
        Assert.Equal((2, 0, true), (status.Queued, status.Running, status.Stuck));
        Assert.Equal(["w1: other data", "w2: no file"], status.Refusals);
        Assert.Null(await coordinator.Lease(w2));
    }

    [Fact]
    public async Task A_refusal_by_a_worker_of_another_name_on_a_live_silo_does_not_make_the_sweep_stuck()
    {
        var coordinator = Cluster.Coordinator(Sweeps.NewKey());
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        var stranger = GrainCluster.Worker(Cluster.Silos[0], "elsewhere");
        Assert.Equal("u1", (await coordinator.Lease(stranger))?.Id);
        await coordinator.Refuse(stranger, "u1", "elsewhere: no file");
        Assert.False((await coordinator.Status()).Stuck);
        Assert.Equal("u1", (await coordinator.Lease(GrainCluster.Worker(Cluster.Silos[1])))?.Id);
    }

    [Fact]
    public async Task Finish_forgets_the_sweep()
    {
        string sweep = Sweeps.NewKey();
        var coordinator = Cluster.Coordinator(sweep);
        var w1 = GrainCluster.Worker(Cluster.Silos[0]);
        await coordinator.Open(Sweeps.JobJson());
        await coordinator.Submit("u1", Sweeps.TrialsJson(0, 2));
        await coordinator.Submit("u2", Sweeps.TrialsJson(2, 2));
        await Cluster.Store.PutResultsAsync(sweep, Sweeps.Outcomes(0, 2));
        await coordinator.Lease(w1);
        await coordinator.Refuse(w1, "u1", "w1: no");
        Assert.Contains(sweep, await Cluster.Store.ActiveSweepsAsync());
        Assert.Equal(4, await Cluster.Database.KeyExistsAsync(Keys(sweep)));

        await coordinator.Finish();

        Assert.DoesNotContain(sweep, await Cluster.Store.ActiveSweepsAsync());
        Assert.Equal(0, await Cluster.Database.KeyExistsAsync(Keys(sweep)));
        Assert.Null(await Cluster.Store.JobAsync(sweep));
        Assert.Empty(await Cluster.Store.UnitsAsync(sweep));
        Assert.Empty(await Cluster.Store.ResultIdsAsync(sweep));
        Assert.Empty(await Cluster.Store.RefusalsAsync(sweep));
    }

    /// <summary>The store's keys of <paramref name="sweep"/> (under this cluster's prefix).</summary>
    private static StackExchange.Redis.RedisKey[] Keys(string sweep) =>
        [.. new[] { "job", "units", "results", "refused" }.Select(part => (StackExchange.Redis.RedisKey)$"baton:cluster:sweep:{sweep}:{part}")];
}
