using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using StackExchange.Redis;

namespace Baton.Redis;

/// <summary>
/// Ends the idle wait of a <see cref="RedisMessageBus"/> when an input stream changes: Redis keyspace notifications
/// (<c>__keyspace@DB__:prices:live</c>, event <c>xadd</c>), received on the multiplexer's pub/sub connection. A hint
/// only: a server that sends none (the default <c>notify-keyspace-events</c> is empty) or a lost subscription leaves
/// the bus polling exactly as before, so correctness never depends on a notification.
/// </summary>
public sealed class KeyspaceWakeup
{
    private readonly Wakeup _wakeup = new();
    private int _subscribed;

    public Wakeup Wakeup => _wakeup;

    /// <summary>Subscribes to the input streams' keyspace channels of database <paramref name="db"/> (once; the client
    /// renews subscriptions after a reconnect by itself).</summary>
    public async Task SubscribeAsync(IConnectionMultiplexer redis, int db)
    {
        if (Volatile.Read(ref _subscribed) == 1) return;
        var subscriber = redis.GetSubscriber();
        foreach (var stream in LiveStreams.Inputs)
            await subscriber.SubscribeAsync(Channel(db, stream), (_, _) => _wakeup.Set()).ConfigureAwait(false);
        Volatile.Write(ref _subscribed, 1);
    }

    public static RedisChannel Channel(int db, string stream) => RedisChannel.Literal($"__keyspace@{db}__:{stream}");

    /// <summary>Whether <c>notify-keyspace-events</c> <paramref name="flags"/> send keyspace events (K) for streams (t, or A: all).</summary>
    public static bool Covers(string flags) => flags.Contains('K', StringComparison.Ordinal) && (flags.Contains('t', StringComparison.Ordinal) || flags.Contains('A', StringComparison.Ordinal));

    /// <summary><paramref name="flags"/> plus K and t, keeping whatever else is set (other clients may rely on it).</summary>
    public static string Merge(string flags) =>
        flags + (flags.Contains('K', StringComparison.Ordinal) ? "" : "K") + (flags.Contains('t', StringComparison.Ordinal) || flags.Contains('A', StringComparison.Ordinal) ? "" : "t");

    /// <summary>What the server says about keyspace notifications for streams, turning them on first when
    /// <paramref name="enable"/> (CONFIG SET: server-wide, and gone after a server restart unless in redis.conf).</summary>
    public static async Task<string> DescribeAsync(IDatabase db, bool enable)
    {
        string flags;
        try
        {
            var reply = (RedisResult[])(await db.ExecuteAsync("CONFIG", "GET", "notify-keyspace-events").ConfigureAwait(false))!;
            flags = reply.Length == 2 ? (string?)reply[1] ?? "" : "";
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"unknown (CONFIG GET: {e.GetType().Name}); polling, woken if the server sends them";
        }
        if (Covers(flags)) return $"on (notify-keyspace-events \"{flags}\")";
        if (!enable) return $"off (notify-keyspace-events \"{flags}\" lacks K and t); polling only";
        string wanted = Merge(flags);
        try
        {
            await db.ExecuteAsync("CONFIG", "SET", "notify-keyspace-events", wanted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"off (CONFIG SET notify-keyspace-events refused: {e.Message}); polling only";
        }
        return $"on (notify-keyspace-events set to \"{wanted}\")";
    }
}
