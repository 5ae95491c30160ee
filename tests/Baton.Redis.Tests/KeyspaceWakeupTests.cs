using System.Diagnostics;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>Keyspace notifications wake an idle bus; without them it polls and still reads everything. Each test owns its
/// redis-server, since <c>notify-keyspace-events</c> is server-wide.</summary>
public sealed class KeyspaceWakeupTests
{
    private static async Task<RedisMessageBus> Bus(string url)
    {
        var bus = await RedisMessageBus.ConnectAsync(url, new RedisConsumer("g", "c"));
        await bus.StartAsync(CancellationToken.None);
        return bus;
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("Ex", false)]
    [InlineData("Kt", true)]
    [InlineData("KA", true)]
    [InlineData("Et", false)]
    public void Covers_needs_keyspace_events_for_streams(string flags, bool covered) => Assert.Equal(covered, KeyspaceWakeup.Covers(flags));

    [Fact]
    public void Merge_keeps_what_is_set() => Assert.Equal(("Exg$Kt", "KA"), (KeyspaceWakeup.Merge("Exg$"), KeyspaceWakeup.Merge("KA")));

    [Fact]
    public async Task Turned_on_a_notification_ends_the_idle_wait_as_an_entry_arrives()
    {
        using var server = new OwnRedisServer();
        await using var bus = await RedisMessageBus.ConnectAsync(server.Url, new RedisConsumer("g", "c"));
        Assert.StartsWith("on (notify-keyspace-events set to", await bus.NotificationsAsync(enable: true), StringComparison.Ordinal);
        await bus.StartAsync(CancellationToken.None);
        await using var producer = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(server.Url));
        Assert.Contains("K", (string?)((RedisResult[])(await producer.GetDatabase().ExecuteAsync("CONFIG", "GET", "notify-keyspace-events"))!)[1], StringComparison.Ordinal);
        Assert.Empty((await bus.ReadAsync(10, CancellationToken.None)).Entries);
        var clock = Stopwatch.StartNew();
        var wait = bus.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        await producer.GetDatabase().StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField, "{\"n\":1}");
        await wait;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Equal("{\"n\":1}", (await bus.ReadAsync(10, CancellationToken.None)).Entries.Single().Data);
        Assert.StartsWith("on (notify-keyspace-events \"", await bus.NotificationsAsync(enable: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_notifications_the_wait_runs_its_time_and_polling_reads_every_entry()
    {
        using var server = new OwnRedisServer();
        await using var bus = await Bus(server.Url);
        Assert.StartsWith("off", await bus.NotificationsAsync(enable: false), StringComparison.Ordinal);
        await using var producer = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(server.Url));
        Assert.Empty((await bus.ReadAsync(10, CancellationToken.None)).Entries);
        var clock = Stopwatch.StartNew();
        var wait = bus.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        for (int i = 0; i < 50; i++) await producer.GetDatabase().StreamAddAsync(LiveStreams.Signals, LiveStreams.DataField, $"{{\"n\":{i}}}");
        await wait;
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), clock.Elapsed.ToString());
        var read = new List<BusEntry>();
        for (int i = 0; i < 10 && read.Count < 50; i++) read.AddRange((await bus.ReadAsync(20, CancellationToken.None)).Entries);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{{\"n\":{i}}}"), read.Select(e => e.Data));
    }
}
