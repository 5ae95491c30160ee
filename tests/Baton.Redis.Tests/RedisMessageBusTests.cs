using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>Consumer-group semantics against a real redis-server.</summary>
public sealed class RedisMessageBusTests
{
    private static async Task<RedisMessageBus> Bus(string url, string consumer, TimeSpan? claimIdle = null)
    {
        var bus = await RedisMessageBus.ConnectAsync(url, new RedisConsumer("g", consumer) { ClaimIdle = claimIdle ?? TimeSpan.FromMinutes(5) });
        await bus.StartAsync(CancellationToken.None);
        return bus;
    }

    private static async Task<List<BusEntry>> ReadAll(IMessageBus bus)
    {
        var all = new List<BusEntry>();
        for (int i = 0; i < 5; i++) all.AddRange((await bus.ReadAsync(100, CancellationToken.None)).Entries);
        return all;
    }

    [Fact]
    public async Task Entries_published_before_the_group_existed_are_read_from_zero()
    {
        var (db, url) = TestRedis.NewDatabase();
        await TestRedis.Database(db).StreamAddAsync(LiveStreams.Signals, "data", "{\"early\":1}");
        await using var bus = await Bus(url, "c1");
        var read = await ReadAll(bus);
        Assert.Equal(("{\"early\":1}", 1L), (read.Single().Data, read.Single().Deliveries));
    }

    [Fact]
    public async Task Own_pending_entries_come_first_after_a_restart_with_their_delivery_count()
    {
        var (_, url) = TestRedis.NewDatabase();
        await using (var first = await Bus(url, "c1"))
        {
            await first.PublishAsync(LiveStreams.Prices, "{\"a\":1}", CancellationToken.None);
            Assert.Single(await ReadAll(first));            // read, never acknowledged: the consumer dies
        }
        await using var restarted = await Bus(url, "c1");
        await restarted.PublishAsync(LiveStreams.Prices, "{\"b\":2}", CancellationToken.None);
        var read = (await restarted.ReadAsync(100, CancellationToken.None)).Entries;
        Assert.Equal(("{\"a\":1}", 2L), (read.Single().Data, read.Single().Deliveries));
        await restarted.AckAsync(read, CancellationToken.None);
        Assert.Equal("{\"b\":2}", (await ReadAll(restarted)).Single().Data);
    }

    [Fact]
    public async Task Idle_entries_of_a_dead_consumer_are_claimed()
    {
        var (_, url) = TestRedis.NewDatabase();
        await using (var dead = await Bus(url, "dead"))
        {
            await dead.PublishAsync(LiveStreams.Signals, "{\"x\":1}", CancellationToken.None);
            Assert.Single(await ReadAll(dead));
        }
        await Task.Delay(150);
        await using var alive = await Bus(url, "alive", TimeSpan.FromMilliseconds(100));
        // read until claimed, then acknowledged: reading on without acking would let the entry idle past 100 ms again on a busy machine,
        // and the survivor would claim it a second time from itself
        var read = new List<BusEntry>();
        for (int i = 0; i < 5 && read.Count == 0; i++) read.AddRange((await alive.ReadAsync(100, CancellationToken.None)).Entries);
        Assert.Equal(("{\"x\":1}", 2L), (read.Single().Data, read.Single().Deliveries));
        await alive.AckAsync(read, CancellationToken.None);
        Assert.Empty(await ReadAll(alive));
    }

    [Fact]
    public async Task Lost_group_is_recreated_at_zero_and_everything_is_delivered_again()
    {
        var (db, url) = TestRedis.NewDatabase();
        await using var bus = await Bus(url, "c1");
        await bus.PublishAsync(LiveStreams.Signals, "{\"x\":1}", CancellationToken.None);
        var first = await ReadAll(bus);
        await bus.AckAsync(first, CancellationToken.None);
        await TestRedis.Database(db).ExecuteAsync("XGROUP", "DESTROY", LiveStreams.Signals, "g");
        var again = await ReadAll(bus);
        Assert.Equal("{\"x\":1}", again.Single().Data);
    }

    [Fact]
    public async Task Dead_letter_keeps_stream_id_reason_and_data()
    {
        var (db, url) = TestRedis.NewDatabase();
        await using var bus = await Bus(url, "c1");
        await bus.DeadLetterAsync(new BusEntry(LiveStreams.Signals, "5-1", "junk", 3), "signals:live 5-1: data: expected JSON", CancellationToken.None);
        var dead = (await TestRedis.Database(db).StreamRangeAsync("signals:dead")).Single();
        Assert.Equal("5-1", dead["id"]);
        Assert.Equal("signals:live 5-1: data: expected JSON", dead["reason"]);
        Assert.Equal("junk", dead["data"]);
        Assert.Equal(3, (int)dead["deliveries"]);
    }
}
