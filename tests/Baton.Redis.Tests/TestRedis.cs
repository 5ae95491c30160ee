using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>The test Redis server (<c>BATON_TEST_REDIS</c>, started by scripts/redis-server.sh): each test owns one database
/// of it, flushed first, so tests running in parallel never share a stream.</summary>
internal static class TestRedis
{
    private static int _nextDb;
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(RedisUrl.Parse(Url)));

    public static string Url => Environment.GetEnvironmentVariable("BATON_TEST_REDIS") is { Length: > 0 } url ? url
        : throw new InvalidOperationException("BATON_TEST_REDIS is not set: run the tests with scripts/test.sh (it starts a redis-server)");

    /// <summary>A fresh database number (1..63) and the URL that selects it.</summary>
    public static (int Db, string Url) NewDatabase()
    {
        int db = Interlocked.Increment(ref _nextDb);
        if (db > 63) throw new InvalidOperationException("out of test databases");
        Shared.Value.GetServer(Shared.Value.GetEndPoints()[0]).Execute("SELECT", db);
        Shared.Value.GetDatabase(db).Execute("FLUSHDB");
        return (db, Url.TrimEnd('/') + "/" + db);
    }

    public static IDatabase Database(int db) => Shared.Value.GetDatabase(db);

    public static IConnectionMultiplexer Connection => Shared.Value;

    /// <summary>The redis-server binary, for tests that start (and restart) a server of their own.</summary>
    public static string ServerBinary => Environment.GetEnvironmentVariable("BATON_TEST_REDIS_SERVER") is { Length: > 0 } bin ? bin
        : throw new InvalidOperationException("BATON_TEST_REDIS_SERVER is not set: run the tests with scripts/test.sh");
}
