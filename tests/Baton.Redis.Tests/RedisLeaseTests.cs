using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>One writer per strategy: the lease key against a real redis-server (taken once, renewed, lost, released only by
/// its holder), and the claim of other consumers' pending entries at a takeover.</summary>
public sealed class RedisLeaseTests
{
    private static readonly LeaseOptions Short = new(TimeSpan.FromSeconds(2));

    private static LeaseHolder Holder(string consumer, string journal = "sqlite:/j.db") => LeaseHolder.Me(consumer, journal, TimeProvider.System);

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        for (int i = 0; i < 600 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition(), what);
    }

    [Fact]
    public async Task A_held_lease_is_not_taken_twice_and_names_its_holder()
    {
        var (db, _) = TestRedis.NewDatabase();
        await using var first = new RedisLease(TestRedis.Database(db), "g", Holder("a"), Short);
        await using var second = new RedisLease(TestRedis.Database(db), "g", Holder("b", "sqlite:/other.db"), Short);
        Assert.Null(await first.TryAcquireAsync());
        var holder = await second.TryAcquireAsync();
        Assert.Equal(("a", "sqlite:/j.db", Environment.ProcessId), (holder!.Consumer, holder.Journal, holder.Pid));
        Assert.True(first.Held);
        Assert.False(second.Held);
        Assert.Equal(first.Me.ToJson(), (string?)await TestRedis.Database(db).StringGetAsync("baton:lease:g"));
    }

    [Fact]
    public async Task A_standby_is_told_once_who_holds_the_lease_and_takes_it_when_it_expires()
    {
        var (db, _) = TestRedis.NewDatabase();
        var dead = Holder("dead");   // a holder killed with kill -9: its key lives out its TTL, nobody renews it
        await TestRedis.Database(db).StringSetAsync("baton:lease:g", dead.ToJson(), TimeSpan.FromMilliseconds(600));
        await using var standby = new RedisLease(TestRedis.Database(db), "g", Holder("standby"), Short);
        var told = new List<LeaseHolder>();
        await standby.AcquireAsync(told.Add, CancellationToken.None);
        Assert.Equal([dead.Token], told.Select(h => h.Token));
        Assert.Equal(standby.Me.ToJson(), (string?)await TestRedis.Database(db).StringGetAsync("baton:lease:g"));
    }

    [Fact]
    public async Task The_holder_renews_the_lease_beyond_its_ttl_and_deletes_it_on_release()
    {
        var (db, _) = TestRedis.NewDatabase();
        var key = (RedisKey)"baton:lease:g";
        var lease = new RedisLease(TestRedis.Database(db), "g", Holder("a"), Short);
        Assert.Null(await lease.TryAcquireAsync());
        await Task.Delay(Short.Ttl * 2.5);   // without renewal the key would be gone
        Assert.Equal(lease.Me.ToJson(), (string?)await TestRedis.Database(db).StringGetAsync(key));
        Assert.Null(lease.LostReason);
        await lease.DisposeAsync();
        Assert.False(await TestRedis.Database(db).KeyExistsAsync(key));
    }

    [Fact]
    public async Task A_lease_taken_by_another_process_is_lost_and_not_deleted_by_its_old_holder()
    {
        var (db, _) = TestRedis.NewDatabase();
        var lease = new RedisLease(TestRedis.Database(db), "g", Holder("a"), Short);
        Assert.Null(await lease.TryAcquireAsync());
        var other = Holder("b");
        await TestRedis.Database(db).StringSetAsync("baton:lease:g", other.ToJson(), TimeSpan.FromMinutes(1));
        await WaitUntil(() => Task.FromResult(lease.Lost.IsCancellationRequested), "the holder did not notice");
        Assert.Contains("is now held by consumer b on host", lease.LostReason, StringComparison.Ordinal);
        await lease.DisposeAsync();
        Assert.Equal(other.ToJson(), (string?)await TestRedis.Database(db).StringGetAsync("baton:lease:g"));
    }

    [Fact]
    public async Task A_lease_key_the_server_lost_is_set_again_by_its_holder()
    {
        var (db, _) = TestRedis.NewDatabase();
        await using var lease = new RedisLease(TestRedis.Database(db), "g", Holder("a"), Short);
        Assert.Null(await lease.TryAcquireAsync());
        await TestRedis.Database(db).ExecuteAsync("FLUSHDB");
        await WaitUntil(async () => await TestRedis.Database(db).KeyExistsAsync("baton:lease:g"), "the key was not set again");
        Assert.Null(lease.LostReason);
    }

    [Fact]
    public async Task A_holder_that_cannot_reach_the_server_gives_up_before_the_ttl_ends()
    {
        using var server = new OwnRedisServer();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(server.Url));
        await using var lease = new RedisLease(redis.GetDatabase(), "g", Holder("a"), Short);
        Assert.Null(await lease.TryAcquireAsync());
        server.Kill();
        await WaitUntil(() => Task.FromResult(lease.Lost.IsCancellationRequested), "the holder did not give up");
        Assert.Contains("could not be renewed for 1.6 s", lease.LostReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_pending_for_other_consumers_are_claimed_and_read_first()
    {
        var (db, url) = TestRedis.NewDatabase();
        await using var bus = await RedisMessageBus.ConnectAsync(url, new RedisConsumer("g", "new") { ClaimIdle = TimeSpan.FromMinutes(5) });
        Assert.All((await bus.ClaimPendingAsync()).Values, n => Assert.Equal(0, n));   // no stream, no group yet: nothing
        await bus.StartAsync(CancellationToken.None);
        var redis = TestRedis.Database(db);
        for (int i = 0; i < 3; i++) await redis.StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField, $"{{\"p\":{i}}}");
        await redis.StreamAddAsync(LiveStreams.Signals, LiveStreams.DataField, "{\"s\":0}");
        // "old" (a host-name default of an earlier version) read them and died
        await redis.StreamReadGroupAsync(LiveStreams.Prices, "g", "old", ">", 10);
        await redis.StreamReadGroupAsync(LiveStreams.Signals, "g", "old", ">", 10);
        await redis.StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField, "{\"p\":3}");

        var claimed = await bus.ClaimPendingAsync();
        Assert.Equal((3, 1, 0), (claimed[LiveStreams.Prices], claimed[LiveStreams.Signals], claimed[LiveStreams.Control]));
        Assert.Empty(await redis.StreamPendingMessagesAsync(LiveStreams.Prices, "g", 10, "old"));
        var read = new List<BusEntry>();
        for (int i = 0; i < 6; i++) read.AddRange((await bus.ReadAsync(100, CancellationToken.None)).Entries);
        // the claimed entries come back as this consumer's own pending ones, each once, then the new one
        Assert.Equal(["{\"p\":0}", "{\"p\":1}", "{\"p\":2}", "{\"p\":3}", "{\"s\":0}"], read.Select(e => e.Data!).Order(StringComparer.Ordinal));
        Assert.Equal(read.Count, read.Select(e => e.Id).Distinct().Count());
        Assert.Equal("{\"p\":3}", read.Last(e => e.Stream == LiveStreams.Prices).Data);
    }
}
