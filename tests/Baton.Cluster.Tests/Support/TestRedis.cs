using Baton.Cluster.Hosting;
using StackExchange.Redis;

namespace Baton.Cluster.Tests.Support;

/// <summary>The test Redis server (<c>BATON_TEST_REDIS</c>, started by scripts/redis-server.sh). The cluster's tests use
/// its database 0 (the other projects' tests own databases 1..63) and each test cluster owns a key prefix of its own, for
/// its store and its membership table, deleted when it stops.</summary>
internal static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(Options()));

    public static ConfigurationOptions Options()
    {
        string url = Environment.GetEnvironmentVariable("BATON_TEST_REDIS") is { Length: > 0 } u ? u
            : throw new InvalidOperationException("BATON_TEST_REDIS is not set: run the tests with scripts/test.sh (it starts a redis-server)");
        return ClusterAddress.Parse(url).Redis();
    }

    public static IConnectionMultiplexer Connection => Shared.Value;

    /// <summary>Deletes every key under <paramref name="prefix"/>.</summary>
    public static async Task DeleteAsync(string prefix)
    {
        var server = Connection.GetServer(Connection.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(0, prefix + "*")) keys.Add(key);
        if (keys.Count > 0) await Connection.GetDatabase(0).KeyDeleteAsync([.. keys]);
    }
}
