using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Sqlite;
using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>A whole live session over a real redis-server with the SQLite journal.</summary>
public sealed class RedisLiveTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-redis-live", Guid.NewGuid().ToString("N"));

    public RedisLiveTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static StrategyDefinition Strategy => SignalledStrategy.Definition;

    private static string Candle(int day) => SignalledStrategy.Candle(day);

    private static Task Publish(IDatabase db, string stream, string json) => db.StreamAddAsync(stream, LiveStreams.DataField, json);

    /// <summary>Runs a session until <paramref name="done"/> holds (or 20 s), then stops it cleanly.</summary>
    private async Task<(LiveSession Session, List<EngineEvent> Events)> Run(string url, Func<LiveSession, bool> done, Func<Task>? during = null)
    {
        await using var bus = await RedisMessageBus.ConnectAsync(url, new RedisConsumer("baton.signalled", "t"));
        await using var journal = new SqliteJournal(Path.Combine(_dir, "journal.db"));
        var session = new LiveSession(StrategyCompiler.Compile(Strategy),
            new LiveSessionOptions(bus, journal, new JournalHeader("signalled", "t", "t", 0)) { MaxPriceAge = null });
        var events = new List<EngineEvent>();
        session.Subscribe(new Collect(events));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = session.RunAsync(cts.Token);
        if (during is not null) await during();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done(session) && DateTime.UtcNow < deadline && !run.IsCompleted) await Task.Delay(10);
        await cts.CancelAsync();
        await run;
        await session.DisposeAsync();
        return (session, events);
    }

    [Fact]
    public async Task Signal_to_order_to_fill_to_portfolio_update_over_redis()
    {
        var (n, url) = TestRedis.NewDatabase();
        var db = TestRedis.Database(n);
        await Publish(db, LiveStreams.Prices, Candle(0));
        await Publish(db, LiveStreams.Signals, LiveMessageWriter.Signal("model", 1, "go", "A", "ml", 1));
        var (_, before) = await Run(url, s => s.Inputs == 2);   // read together: the signal counts at candle 0 or 1
        await Publish(db, LiveStreams.Prices, Candle(1));
        await Publish(db, LiveStreams.Prices, Candle(2));
        var (session, events) = await Run(url, s => s.Inputs == 4);
        Assert.Equal(PortfolioState.PositionOpen, session.Engine.Portfolio.State);
        Assert.Contains(before.Concat(events), e => e is OrderStateChanged { State: OrderState.Submitted, Side: OrderSide.Buy });
        Assert.Contains(events, e => e is OrderFilled);
        Assert.Contains(events, e => e is PortfolioUpdated { State: PortfolioState.PositionOpen });
        await Task.Delay(300);   // the background writer
        var published = (await db.StreamRangeAsync(LiveStreams.Events)).Select(e => (string)e[LiveStreams.DataField]!).ToList();
        Assert.Contains(published, j => j.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal));
        Assert.Contains(published, j => j.StartsWith("{\"type\":\"portfolio_update\"", StringComparison.Ordinal));
        Assert.Equal(0, (await db.StreamPendingAsync(LiveStreams.Prices, "baton.signalled")).PendingMessageCount);
    }

    [Fact]
    public async Task Poison_message_is_dead_lettered_while_the_rest_flows()
    {
        var (n, url) = TestRedis.NewDatabase();
        var db = TestRedis.Database(n);
        await Publish(db, LiveStreams.Prices, Candle(0));
        await db.StreamAddAsync(LiveStreams.Signals, "other", "no data field");
        await Publish(db, LiveStreams.Signals, "{\"v\":1,\"type\":\"signal\"");
        await Publish(db, LiveStreams.Signals, LiveMessageWriter.Signal("model", 1, "go", "A", "ml", 1));
        await Publish(db, LiveStreams.Prices, Candle(1));
        var (session, _) = await Run(url, s => s.Inputs == 5 && s.DeadLettered == 2);   // 3 applied, 2 journaled as rejected
        Assert.Equal(2, session.DeadLettered);
        var reasons = (await db.StreamRangeAsync("signals:dead")).Select(e => (string)e["reason"]!).ToList();
        Assert.Contains(reasons, r => r.EndsWith(": data: expected a JSON message, got nothing", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(": data: expected JSON: ", StringComparison.Ordinal));
        Assert.Equal(0, (await db.StreamPendingAsync(LiveStreams.Signals, "baton.signalled")).PendingMessageCount);
    }

    [Fact]
    public async Task Far_future_candle_and_a_1e30_price_are_dead_lettered_while_trading_goes_on()
    {
        var (n, url) = TestRedis.NewDatabase();
        var db = TestRedis.Database(n);
        long year2043 = new DateTimeOffset(2043, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await Publish(db, LiveStreams.Prices, Candle(0));
        await Publish(db, LiveStreams.Prices, LiveMessageWriter.Candle("feed", 90, "A", Timeframe.OneDay, new Candle(year2043, 100, 101, 99, 100, 10)));
        await Publish(db, LiveStreams.Prices, Candle(1).Replace("\"open\":101", "\"open\":1e30", StringComparison.Ordinal));
        await Run(url, s => s.Inputs == 3 && s.DeadLettered == 2);   // one applied, two refused (journaled as rejected inputs)
        await Publish(db, LiveStreams.Signals, LiveMessageWriter.Signal("model", 1, "go", "A", "ml", 1));
        await Run(url, s => s.Inputs == 4);
        await Publish(db, LiveStreams.Prices, Candle(1));
        await Publish(db, LiveStreams.Prices, Candle(2));
        var (session, events) = await Run(url, s => s.Inputs == 6);
        Assert.Equal(PortfolioState.PositionOpen, session.Engine.Portfolio.State);
        Assert.Contains(events, e => e is OrderFilled);
        var reasons = (await db.StreamRangeAsync("prices:dead")).Select(e => (string)e["reason"]!).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains(reasons, r => r.Contains(": ts: candle of A closes at 2043-01-02T00:00:00Z, more than 60s after the clock", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(": open: expected open within [1E-08, 1000000000000]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_restarted_mid_run_loses_nothing()
    {
        using var server = new OwnRedisServer();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(server.Url));
        const int days = 200;
        async Task PublishDays(int from, int to)
        {
            for (int d = from; d < to; d++)
            {
                while (true)
                {
                    try
                    {
                        await Publish(redis.GetDatabase(), LiveStreams.Prices, Candle(d));
                        if (d % 10 == 0) await Publish(redis.GetDatabase(), LiveStreams.Signals, LiveMessageWriter.Signal("model", d / 10 + 1, "s" + d, "A", "ml", d % 20 == 0 ? 1 : -1));
                        break;
                    }
                    catch (RedisException)
                    {
                        await Task.Delay(50);
                    }
                }
            }
        }
        var (session, _) = await Run(server.Url, s => s.Inputs == days + days / 10, async () =>
        {
            await PublishDays(0, days / 2);
            await Task.Delay(200);
            server.Kill();
            await Task.Delay(500);
            server.Start();
            await PublishDays(days / 2, days);
        });
        Assert.Equal(days + days / 10, session.Inputs);
        Assert.Equal(0, session.DeadLettered);
    }

    private sealed class Collect(List<EngineEvent> events) : IEventSink
    {
        public void Publish(EngineEvent e)
        {
            lock (events) events.Add(e);
        }
    }
}
