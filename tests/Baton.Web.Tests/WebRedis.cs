using Baton.Redis;
using StackExchange.Redis;

namespace Baton.Web.Tests;

/// <summary>The test Redis server (<c>BATON_TEST_REDIS</c>, started by scripts/redis-server.sh): each test owns one database
/// of it (30 up: the Redis tests count from 1, the CLI's from 40), flushed first.</summary>
internal static class WebRedis
{
    private static int _next = 29;
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(RedisUrl.Parse(Url)));

    private static string Url => Environment.GetEnvironmentVariable("BATON_TEST_REDIS") is { Length: > 0 } url ? url
        : throw new InvalidOperationException("BATON_TEST_REDIS is not set: run the tests with scripts/test.sh (it starts a redis-server)");

    /// <summary>A fresh database and the URL that selects it.</summary>
    public static (IDatabase Db, string Url) NewDatabase()
    {
        int db = Interlocked.Increment(ref _next);
        if (db > 39) throw new InvalidOperationException("out of test databases");
        var database = Shared.Value.GetDatabase(db);
        database.Execute("FLUSHDB");
        return (database, Url.TrimEnd('/') + "/" + db);
    }

    /// <summary>XADD of one JSON message in the <c>data</c> field, as producers and sessions write them.</summary>
    public static Task<RedisValue> AddAsync(this IDatabase db, string stream, string json) => db.StreamAddAsync(stream, "data", json);

    /// <summary>The JSON messages of <paramref name="stream"/>, oldest first.</summary>
    public static async Task<List<string>> MessagesAsync(this IDatabase db, string stream) =>
        [.. (await db.StreamRangeAsync(stream)).Select(e => (string)e["data"]!)];
}
