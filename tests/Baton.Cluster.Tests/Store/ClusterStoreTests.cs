using Baton.Cluster.Tests.Support;
using Baton.Cluster.Store;
using StackExchange.Redis.KeyspaceIsolation;

namespace Baton.Cluster.Tests.Store;

public sealed class ClusterStoreTests : IAsyncLifetime
{
    private readonly string _prefix = "baton-test:" + Guid.NewGuid().ToString("N")[..12] + ":";
    private ClusterStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new ClusterStore(TestRedis.Connection.GetDatabase(0).WithKeyPrefix(_prefix));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => TestRedis.DeleteAsync(_prefix);

    [Fact]
    public async Task A_result_is_recorded_once_per_trial_id_the_first_bytes_kept()
    {
        Assert.Equal(2, await _store.PutResultsAsync("s", Sweeps.Outcomes(1, 2, "first")));
        Assert.Equal(1, await _store.PutResultsAsync("s", Sweeps.Outcomes(2, 2, "second")));
        Assert.Equal(0, await _store.PutResultsAsync("s", Sweeps.Outcomes(1, 3, "third")));
        var found = await _store.ResultsAsync("s", [1, 2, 3, 4]);
        Assert.Equal([1, 2, 3], found.Keys.Order());
        Assert.Equal(Sweeps.Outcomes(1, 2, "first").Append(Sweeps.Outcomes(3, 1, "second")[0]).Select(o => o.Json),
            found.OrderBy(e => e.Key).Select(e => e.Value));
        Assert.Equal([1, 2, 3], (await _store.ResultIdsAsync("s")).Order());
        Assert.Empty(await _store.ResultsAsync("other", [1, 2]));
        Assert.Empty(await _store.ResultsAsync("s", []));
    }

    [Fact]
    public async Task With_a_certificate_results_are_signed_and_a_forged_or_another_clusters_result_is_marked()
    {
        string dir = Directory.CreateTempSubdirectory("baton-sign").FullName;
        try
        {
            Baton.Cluster.Hosting.ClusterSecurity.Create(Path.Combine(dir, "a.pfx"));
            Baton.Cluster.Hosting.ClusterSecurity.Create(Path.Combine(dir, "b.pfx"));
            byte[] keyA = Baton.Cluster.Hosting.ClusterSecurity.ResultKey(Baton.Cluster.Hosting.ClusterSecurity.Load(Path.Combine(dir, "a.pfx")));
            byte[] keyB = Baton.Cluster.Hosting.ClusterSecurity.ResultKey(Baton.Cluster.Hosting.ClusterSecurity.Load(Path.Combine(dir, "b.pfx")));
            var db = TestRedis.Connection.GetDatabase(0).WithKeyPrefix(_prefix);
            var signed = new ClusterStore(db, resultKey: keyA);
            var outcomes = Sweeps.Outcomes(1, 3, "x");
            await signed.PutResultsAsync("s", outcomes);
            Assert.Equal(outcomes.Select(o => o.Json), (await signed.ResultsAsync("s", [1, 2, 3])).OrderBy(e => e.Key).Select(e => e.Value));
            // a value written by hand (no signature), one moved to another trial id, and one signed by another cluster
            await db.HashSetAsync("baton:cluster:sweep:s:results", "1", outcomes[0].Json);
            var stored = await db.HashGetAsync("baton:cluster:sweep:s:results", "3");
            await db.HashSetAsync("baton:cluster:sweep:s:results", "2", stored);
            await new ClusterStore(db, resultKey: keyB).PutResultsAsync("s", Sweeps.Outcomes(4, 1, "y"));
            var read = await signed.ResultsAsync("s", [1, 2, 3, 4]);
            Assert.All(new[] { 1, 2, 4 }, id => Assert.StartsWith(ClusterStore.Unsigned, read[id], StringComparison.Ordinal));
            Assert.Equal(outcomes[2].Json, read[3]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task The_first_job_of_a_key_stays()
    {
        await _store.OpenAsync("s", "job-a");
        await _store.OpenAsync("s", "job-b");
        Assert.Equal("job-a", await _store.JobAsync("s"));
        Assert.Null(await _store.JobAsync("t"));
        Assert.Equal(["s"], await _store.ActiveSweepsAsync());
    }

    [Fact]
    public async Task The_first_trials_of_a_unit_id_stay()
    {
        await _store.AddUnitAsync("s", "u1", "[a]");
        await _store.AddUnitAsync("s", "u1", "[b]");
        await _store.AddUnitAsync("s", "u2", "[c]");
        Assert.Equal(new Dictionary<string, string> { ["u1"] = "[a]", ["u2"] = "[c]" }, await _store.UnitsAsync("s"));
    }
}
