using Baton.Engine.Live;
using StackExchange.Redis;

namespace Baton.Redis;

/// <summary>What a Redis consumer is: its group (one per strategy), its name (stable across restarts, so it finds its own
/// pending entries), and after how long another consumer's unacknowledged entries are claimed.</summary>
public sealed record RedisConsumer(string Group, string Name)
{
    public TimeSpan ClaimIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle entries are looked for.</summary>
    public TimeSpan ClaimEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>events:live</c> keeps about this many entries (XADD MAXLEN ~).</summary>
    public int EventsKept { get; init; } = 100_000;
}

/// <summary>
/// Redis Streams as the live bus (Redis 7.0+). The group is created at <c>0</c> with MKSTREAM; reading goes: this
/// consumer's own pending entries first (after a restart), then entries idle longer than <see cref="RedisConsumer.ClaimIdle"/>
/// claimed with XAUTOCLAIM (a dead consumer's, or our own whose ack was lost), then new ones (<c>&gt;</c>). A lost group
/// (NOGROUP, e.g. after the server lost its data) is recreated at <c>0</c>: everything is delivered again and the journal's
/// keys make the repeats harmless. StackExchange.Redis has no blocking read, so the caller polls with back-off; the idle
/// wait ends early on a keyspace notification for an input stream when the server sends them (<see cref="KeyspaceWakeup"/>).
/// One multiplexer is shared and reconnects by itself, and errors while it does become <see cref="BusUnavailableException"/>.
/// </summary>
public sealed class RedisMessageBus : IMessageBus
{
    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsConnection;
    private readonly RedisConsumer _consumer;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, string> _pendingFrom = [];
    private readonly Dictionary<string, string> _claimFrom = [];
    private readonly KeyspaceWakeup _keyspace = new();
    private long _nextClaim;

    public RedisMessageBus(IConnectionMultiplexer redis, RedisConsumer consumer, bool ownsConnection = false, TimeProvider? clock = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _consumer = consumer ?? throw new ArgumentNullException(nameof(consumer));
        _ownsConnection = ownsConnection;
        _clock = clock ?? TimeProvider.System;
        ResetCursors();
    }

    /// <summary>Connects (returning at once even when the server is down: it keeps trying) and owns the connection.</summary>
    public static async Task<RedisMessageBus> ConnectAsync(string url, RedisConsumer consumer)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url)).ConfigureAwait(false);
        return new RedisMessageBus(redis, consumer, ownsConnection: true);
    }

    /// <summary>Connects for a one-shot command: when the server cannot be reached now, fails at once with
    /// <see cref="BusUnavailableException"/> naming the URL (password hidden) instead of retrying in the background.</summary>
    public static async Task<RedisMessageBus> ConnectNowAsync(string url, RedisConsumer consumer)
    {
        var options = RedisUrl.Parse(url);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        try
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            return new RedisMessageBus(redis, consumer, ownsConnection: true);
        }
        catch (RedisConnectionException e)
        {
            throw new BusUnavailableException($"cannot reach Redis at {RedisUrl.Redact(url)}: {Short(e)}", e);
        }
    }

    private IDatabase Db => _redis.GetDatabase();

    public Task StartAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        await CreateGroups().ConfigureAwait(false);
        await _keyspace.SubscribeAsync(_redis, Db.Database).ConfigureAwait(false);
    });

    /// <summary>Whether the server sends the keyspace notifications that wake an idle bus at once (otherwise it polls), after
    /// turning them on when <paramref name="enable"/>: CONFIG SET adds K and t to <c>notify-keyspace-events</c>, server-wide
    /// (cheap: one PUBLISH per stream write, only to subscribers). For the operator's log; never throws.</summary>
    public Task<string> NotificationsAsync(bool enable) => _redis.IsConnected ? KeyspaceWakeup.DescribeAsync(Db, enable)
        : Task.FromResult("unknown (server not reachable yet); polling, woken if the server sends them");

    private async Task CreateGroups()
    {
        foreach (var stream in LiveStreams.Inputs)
        {
            try
            {
                await Db.StreamCreateConsumerGroupAsync(stream, _consumer.Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
            }
        }
    }

    public Task<IReadOnlyList<BusEntry>> ReadAsync(int max, CancellationToken cancellationToken) => Guard(async () =>
    {
        _keyspace.Wakeup.Arm();   // an entry added from now on wakes the wait that follows an empty read
        try
        {
            if (_pendingFrom.Count > 0) return await ReadOwnPending(max).ConfigureAwait(false);
            long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (now >= _nextClaim)
            {
                _nextClaim = now + (long)_consumer.ClaimEvery.TotalMilliseconds;
                var claimed = await Claim(max).ConfigureAwait(false);
                if (claimed.Count > 0) return claimed;
            }
            return await ReadNew(max).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await CreateGroups().ConfigureAwait(false);   // lost with the stream: recreate at 0, read everything again
            ResetCursors();
            return (IReadOnlyList<BusEntry>)[];
        }
    });

    private void ResetCursors()
    {
        foreach (var s in LiveStreams.Inputs)
        {
            _pendingFrom[s] = "0";
            _claimFrom[s] = "0-0";
        }
    }

    /// <summary>This consumer's pending entries (delivered before a restart, never acknowledged), stream by stream.</summary>
    private async Task<IReadOnlyList<BusEntry>> ReadOwnPending(int max)
    {
        foreach (var stream in LiveStreams.Inputs)
        {
            if (!_pendingFrom.TryGetValue(stream, out var from)) continue;
            var entries = await Db.StreamReadGroupAsync(stream, _consumer.Group, _consumer.Name, from, max).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                _pendingFrom.Remove(stream);
                continue;
            }
            _pendingFrom[stream] = entries[^1].Id!;
            return await WithDeliveries(stream, entries).ConfigureAwait(false);
        }
        return [];
    }

    /// <summary>Entries idle longer than the claim time, from any consumer of the group (XAUTOCLAIM).</summary>
    private async Task<IReadOnlyList<BusEntry>> Claim(int max)
    {
        foreach (var stream in LiveStreams.Inputs)
        {
            var result = await Db.StreamAutoClaimAsync(stream, _consumer.Group, _consumer.Name,
                (long)_consumer.ClaimIdle.TotalMilliseconds, _claimFrom[stream], max).ConfigureAwait(false);
            _claimFrom[stream] = result.NextStartId.IsNullOrEmpty ? "0-0" : (string)result.NextStartId!;
            var live = result.ClaimedEntries.Where(e => !e.IsNull).ToArray();
            if (live.Length > 0) return await WithDeliveries(stream, live).ConfigureAwait(false);
        }
        return [];
    }

    private async Task<IReadOnlyList<BusEntry>> ReadNew(int max)
    {
        var positions = LiveStreams.Inputs.Select(s => new StreamPosition(s, StreamPosition.NewMessages)).ToArray();
        var streams = await Db.StreamReadGroupAsync(positions, _consumer.Group, _consumer.Name, max).ConfigureAwait(false);
        var batch = new List<BusEntry>();
        foreach (var s in streams)
            foreach (var e in s.Entries) batch.Add(new BusEntry(s.Key!, e.Id!, Data(e), 1));
        return batch;
    }

    /// <summary>Looks up how often each entry has been delivered (XPENDING over their id range).</summary>
    private async Task<IReadOnlyList<BusEntry>> WithDeliveries(string stream, StreamEntry[] entries)
    {
        var info = await Db.StreamPendingMessagesAsync(stream, _consumer.Group, entries.Length * 2, _consumer.Name,
            entries[0].Id, entries[^1].Id).ConfigureAwait(false);
        var counts = info.ToDictionary(p => (string)p.MessageId!, p => (long)p.DeliveryCount);
        return [.. entries.Select(e => new BusEntry(stream, e.Id!, Data(e), counts.GetValueOrDefault((string)e.Id!, 1)))];
    }

    private static string? Data(StreamEntry e)
    {
        foreach (var v in e.Values) if (v.Name == LiveStreams.DataField) return v.Value;
        return null;
    }

    /// <summary>Waits <paramref name="timeout"/>, or less when a keyspace notification says an input stream got an entry.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _keyspace.Wakeup.WaitAsync(timeout, _clock, cancellationToken);

    /// <summary>One XACK per stream, all sent before any reply is awaited (a caller may pipeline its next read behind them).</summary>
    public Task AckAsync(IReadOnlyList<BusEntry> entries, CancellationToken cancellationToken) => Guard(() =>
        Task.WhenAll(entries.GroupBy(e => e.Stream).Select(group =>
            Db.StreamAcknowledgeAsync(group.Key, _consumer.Group, [.. group.Select(e => (RedisValue)e.Id)]))));

    public Task DeadLetterAsync(BusEntry entry, string reason, CancellationToken cancellationToken) => Guard(() =>
        Db.StreamAddAsync(LiveStreams.DeadLetter(entry.Stream),
        [
            new NameValueEntry("stream", entry.Stream), new NameValueEntry("id", entry.Id), new NameValueEntry("reason", reason),
            new NameValueEntry("deliveries", entry.Deliveries), new NameValueEntry(LiveStreams.DataField, entry.Data ?? ""),
        ]));

    public Task<string> PublishAsync(string stream, string json, CancellationToken cancellationToken) => Guard(async () =>
    {
        int? maxLength = stream == LiveStreams.Events ? _consumer.EventsKept : null;
        return (string)(await Db.StreamAddAsync(stream, LiveStreams.DataField, json, maxLength: maxLength, useApproximateMaxLength: true)
            .ConfigureAwait(false))!;
    });

    /// <summary>Turns the errors of a lost or recovering server into <see cref="BusUnavailableException"/>.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException
            || (e is RedisServerException && (e.Message.StartsWith("LOADING", StringComparison.Ordinal) || e.Message.StartsWith("READONLY", StringComparison.Ordinal))))
        {
            throw new BusUnavailableException(Short(e), e);
        }
    }

    /// <summary>The client's message without its diagnostics dump (counters, pool state, a link), which would fill the
    /// log on every retry: the first clause, plus the connection failure it names (e.g. <c>UnableToConnect on host:port</c>).</summary>
    private static string Short(Exception e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" - ", StringComparison.Ordinal);
        string head = cut > 0 ? message[..cut] : message;
        const string last = "Last Connection Exception: ";
        int at = message.IndexOf(last, StringComparison.Ordinal);
        if (at >= 0)
        {
            int end = message.IndexOf(',', at);
            head += ": " + (end > at ? message[(at + last.Length)..end] : message[(at + last.Length)..]);
        }
        return head.Length > 300 ? head[..300] + "…" : head;
    }

    private static Task Guard(Func<Task> call) => Guard(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>The key <c>baton:events:&lt;group&gt;</c> where the session keeps how far its events were published to
    /// <c>events:live</c>.</summary>
    public IEventCursorStore EventCursor() => new Cursor(this, "baton:events:" + _consumer.Group);

    private sealed class Cursor(RedisMessageBus bus, string key) : IEventCursorStore
    {
        public Task<string?> ReadAsync(CancellationToken cancellationToken) =>
            Guard(async () => (string?)await bus.Db.StringGetAsync(key).ConfigureAwait(false));

        public Task WriteAsync(string cursor, CancellationToken cancellationToken) => Guard(() => bus.Db.StringSetAsync(key, cursor));
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _redis.DisposeAsync().ConfigureAwait(false);
    }
}
