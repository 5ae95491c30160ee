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
