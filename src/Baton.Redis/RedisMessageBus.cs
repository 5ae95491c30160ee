using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Publishing;
using StackExchange.Redis;

namespace Baton.Redis;

/// <summary>What a Redis consumer is: its group (one per strategy), its name (stable across restarts, so it finds its own
/// pending entries), and after how long another consumer's unacknowledged entries are claimed (at the start of a pending phase).</summary>
public sealed record RedisConsumer(string Group, string Name)
{
    public TimeSpan ClaimIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>events:live</c> keeps about this many entries (XADD MAXLEN ~).</summary>
    public int EventsKept { get; init; } = 100_000;
}

/// <summary>
/// Redis Streams as the live bus (Redis 7.0+). The group is created at <c>0</c> with MKSTREAM. Reading starts with a pending
/// phase: entries of other consumers idle longer than <see cref="RedisConsumer.ClaimIdle"/> are claimed (XAUTOCLAIM JUSTID), then
/// this consumer's own pending entries are read, stream by stream, with the horizon held at the start (nothing is released
/// before every stream's pending entries are in). Then new entries (<c>&gt;</c>): each read is one pipelined round trip, TIME
/// then XREADGROUP, so an entry added later has an auto id at or after the server's time; a stream that gave fewer entries
/// than asked is known up to that time less 1 ms, one that gave a full count up to its last entry, and the horizon
/// (<see cref="BusRead.Horizon"/>) is the least over the input streams. A lost group (NOGROUP, e.g. after the server lost its
/// data) is recreated at <c>0</c> and a pending phase starts again: everything is delivered again and the journal's keys make
/// the repeats harmless. StackExchange.Redis has no blocking read, so the caller polls with back-off; the idle
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
    private readonly Dictionary<string, InputPosition> _known = [];
    private readonly KeyspaceWakeup _keyspace = new();
    private bool _claimed;

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

    /// <summary>The consumer group this bus reads.</summary>
    public string Group => _consumer.Group;

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

    public Task<BusRead> ReadAsync(int max, IReadOnlyCollection<string> streams, CancellationToken cancellationToken) => Guard(async () =>
    {
        ArgumentNullException.ThrowIfNull(streams);
        _keyspace.Wakeup.Arm();   // an entry added from now on wakes the wait that follows an empty read
        try
        {
            if (!_claimed) await ClaimIdle(max).ConfigureAwait(false);
            if (_pendingFrom.Count > 0) return new BusRead(await ReadOwnPending(max).ConfigureAwait(false), InputPosition.Start);
            return await ReadNew(max, streams).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await CreateGroups().ConfigureAwait(false);   // lost with the stream: recreate at 0, read everything again
            ResetCursors();
            return new BusRead([], InputPosition.Start);
        }
    });

    private void ResetCursors()
    {
        _claimed = false;
        foreach (var s in LiveStreams.Inputs)
        {
            _pendingFrom[s] = "0";
            _known[s] = InputPosition.Start;
        }
    }

    /// <summary>At the start of a pending phase: entries other consumers left idle longer than the claim time become this
    /// consumer's pending entries (JUSTID: the delivery count goes up once, when they are read), so they are read in the
    /// pending phase, before anything new, instead of arriving late.</summary>
    private async Task ClaimIdle(int max)
    {
        foreach (var stream in LiveStreams.Inputs)
        {
            RedisValue from = "0-0";
            do
            {
                var result = await Db.StreamAutoClaimIdsOnlyAsync(stream, _consumer.Group, _consumer.Name,
                    (long)_consumer.ClaimIdle.TotalMilliseconds, from, max).ConfigureAwait(false);
                from = result.NextStartId;
            }
            while (!from.IsNullOrEmpty && from != "0-0");
        }
        _claimed = true;
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
            // every entry up to a pending one was delivered to this group: acknowledged (decided) or pending (read here)
            if (InputPosition.Of(stream, entries[^1].Id!) is { } last) _known[stream] = InputPosition.Max(_known[stream], last with { Rank = int.MaxValue });
            return await WithDeliveries(stream, entries).ConfigureAwait(false);
        }
        return [];
    }

    /// <summary>New entries of <paramref name="streams"/> and the horizon: TIME and XREADGROUP in one pipelined round trip.</summary>
    private async Task<BusRead> ReadNew(int max, IReadOnlyCollection<string> streams)
    {
        // a stream known up to nothing yet is read whatever the caller asks: the horizon could not move without it
        var positions = LiveStreams.Inputs.Where(s => streams.Contains(s) || _known[s] == InputPosition.Start)
            .Select(s => new StreamPosition(s, StreamPosition.NewMessages)).ToArray();
        var pipeline = Db.CreateBatch();
        var time = pipeline.ExecuteAsync("TIME");
        var reading = positions.Length == 0 ? null : pipeline.StreamReadGroupAsync(positions, _consumer.Group, _consumer.Name, max);
        pipeline.Execute();
        var clock = (RedisResult[])(await time.ConfigureAwait(false))!;
        long serverMs = (long)clock[0] * 1000 + (long)clock[1] / 1000;
        var read = reading is null ? [] : await reading.ConfigureAwait(false);
        var batch = new List<BusEntry>();
        foreach (var position in positions)
        {
            string stream = (string)position.Key!;
            var entries = read.FirstOrDefault(r => r.Key == stream).Entries ?? [];
            foreach (var e in entries) batch.Add(new BusEntry(stream, e.Id!, Data(e), 1));
            var last = entries.Length == 0 ? InputPosition.Start : InputPosition.Of(stream, entries[^1].Id!) ?? InputPosition.Start;
            var known = entries.Length < max ? InputPosition.Max(last, InputPosition.Through(serverMs - 1, long.MaxValue)) : last;
            _known[stream] = InputPosition.Max(_known[stream], known with { Rank = int.MaxValue });
        }
        var horizon = InputPosition.Through(long.MaxValue, long.MaxValue);
        foreach (var stream in LiveStreams.Inputs) horizon = InputPosition.Min(horizon, _known[stream]);
        return new BusRead(batch, horizon);
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

    /// <summary>The lease of this bus's group (<see cref="RedisLease"/>), on this bus's connection.</summary>
    public RedisLease Lease(LeaseHolder me, LeaseOptions options) => new(Db, _consumer.Group, me, options, _clock);

    /// <summary>At a takeover, under the lease and before the first read: moves every entry pending for another consumer
    /// name of the group (a dead writer's under an old host-name default or another <c>--consumer</c>) to this consumer with
    /// XAUTOCLAIM min-idle 0 JUSTID (delivery counts unchanged), so the first read finds them among this consumer's own
    /// pending entries, in id order, before anything new. Returns how many entries were claimed per stream; a stream or
    /// group that does not exist yet has none.</summary>
    public Task<IReadOnlyDictionary<string, int>> ClaimPendingAsync() => Guard(async () =>
    {
        var claimed = new Dictionary<string, int>();
        foreach (var stream in LiveStreams.Inputs)
        {
            int n = 0;
            RedisValue from = "0-0";
            try
            {
                foreach (var c in await Db.StreamConsumerInfoAsync(stream, _consumer.Group).ConfigureAwait(false))
                    if (c.Name != _consumer.Name) n += c.PendingMessageCount;
                while (n > 0)
                {
                    var result = await Db.StreamAutoClaimIdsOnlyAsync(stream, _consumer.Group, _consumer.Name, 0, from, 1000).ConfigureAwait(false);
                    from = result.NextStartId;
                    if (from.IsNullOrEmpty || from == "0-0") break;
                }
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal) || e.Message.Contains("no such key", StringComparison.Ordinal))
            {
            }
            claimed[stream] = n;
        }
        return (IReadOnlyDictionary<string, int>)claimed;
    });

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
