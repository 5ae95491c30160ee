using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using StackExchange.Redis;

namespace Baton.Redis;

/// <summary>
/// <see cref="IStreamWatch"/> on Redis: XRANGE after an id (exclusive start), XREVRANGE for the last entries, XADD. One
/// multiplexer of its own that reconnects by itself; while it does, calls fail with <see cref="BusUnavailableException"/>.
/// </summary>
public sealed class RedisStreamWatch : IStreamWatch
{
    private readonly IConnectionMultiplexer _redis;

    private RedisStreamWatch(IConnectionMultiplexer redis, string description)
    {
        _redis = redis;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Connects, returning at once even when the server is down (it keeps trying in the background).
    /// Throws <see cref="ArgumentException"/> for a URL that is not a Redis URL.</summary>
    public static async Task<RedisStreamWatch> ConnectAsync(string url)
    {
        var options = RedisUrl.Parse(url);
        options.ClientName = "baton-dashboard";
        var redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        return new RedisStreamWatch(redis, RedisUrl.Redact(url));
    }

    private IDatabase Db => _redis.GetDatabase();

    public Task<IReadOnlyList<BusEntry>> ReadAfterAsync(string stream, string afterId, int max, CancellationToken cancellationToken) =>
        Guard(async () => Entries(stream, await Db.StreamRangeAsync(stream, "(" + afterId, "+", max).ConfigureAwait(false), reverse: false));

    public Task<IReadOnlyList<BusEntry>> ReadLastAsync(string stream, int max, CancellationToken cancellationToken) =>
        Guard(async () => Entries(stream, await Db.StreamRangeAsync(stream, "-", "+", max, Order.Descending).ConfigureAwait(false), reverse: true));

    public Task<string> AppendAsync(string stream, string json, CancellationToken cancellationToken) =>
        Guard(async () => (string)(await Db.StreamAddAsync(stream, LiveStreams.DataField, json).ConfigureAwait(false))!);

    private static IReadOnlyList<BusEntry> Entries(string stream, StreamEntry[] entries, bool reverse)
    {
        var list = new BusEntry[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            var e = entries[reverse ? entries.Length - 1 - i : i];
            string? data = null;
            foreach (var v in e.Values) if (v.Name == LiveStreams.DataField) data = v.Value;
            list[i] = new BusEntry(stream, e.Id!, data, 0);
        }
        return list;
    }

    /// <summary>A lost or recovering server as <see cref="BusUnavailableException"/> with the client's first clause.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException
            || (e is RedisServerException && e.Message.StartsWith("LOADING", StringComparison.Ordinal)))
        {
            int cut = e.Message.IndexOf(" - ", StringComparison.Ordinal);
            throw new BusUnavailableException(cut > 0 ? e.Message[..cut] : e.Message, e);
        }
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);
}
