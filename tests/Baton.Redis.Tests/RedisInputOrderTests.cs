using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Live;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Sqlite;
using StackExchange.Redis;

namespace Baton.Redis.Tests;

/// <summary>The one total order of inputs over a real redis-server: the backlog case (60 candles, 60 alternating
/// long/short signals) gives the same orders and fills consumed live, from a backlog, with any read size, with restarts and
/// with a renamed consumer; an entry too late for the order is refused once, journaled, and dead-lettered at least once.</summary>
public sealed class RedisInputOrderTests : IDisposable
{
    private const int Candles = 60;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-redis-order", Guid.NewGuid().ToString("N"));

    public RedisInputOrderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static StrategyDefinition Strategy => SignalledStrategy.Definition;

    private static string Candle(int day) => SignalledStrategy.Candle(day);

    private static string Signal(int i) => LiveMessageWriter.Signal("model", i + 1, "s" + i, "A", "ml", i % 2 == 0 ? 1 : -1);

    /// <summary>Writes one entry and waits for the server's clock to pass its id's millisecond: a producer writing one entry
    /// per millisecond, so the order it wrote them in is the order of their ids across streams too.</summary>
    private static async Task<string> Write(IDatabase db, string stream, string json)
    {
        string id = (await db.StreamAddAsync(stream, LiveStreams.DataField, json))!;
        Assert.True(InputPosition.TryParseId(id, out long ms, out _));
        while (ServerMs(await db.ExecuteAsync("TIME")) <= ms) await Task.Yield();
        return id;
    }

    private static long ServerMs(RedisResult time)
    {
        var parts = (RedisResult[])time!;
        return (long)parts[0] * 1000 + (long)parts[1] / 1000;
    }

    private static async Task WriteAll(IDatabase db, Func<Task>? afterEach = null)
    {
        for (int i = 0; i < Candles; i++)
        {
            await Write(db, LiveStreams.Signals, Signal(i));
            if (afterEach is not null) await afterEach();
            await Write(db, LiveStreams.Prices, Candle(i));
            if (afterEach is not null) await afterEach();
        }
    }

    /// <summary>One session on the journal until <paramref name="done"/> holds (or 30 s); returns the inputs journaled.</summary>
    private async Task<long> RunSession(string url, string consumer, int readSize, Func<LiveSession, bool> done, Func<LiveSession, Task>? during = null)
    {
        await using var bus = await RedisMessageBus.ConnectAsync(url, new RedisConsumer("baton.signalled", consumer) { ClaimIdle = TimeSpan.Zero });
        await using var journal = new SqliteJournal(Path.Combine(_dir, "journal.db"));
        await using var session = new LiveSession(StrategyCompiler.Compile(Strategy),
            new LiveSessionOptions(bus, journal, new JournalHeader("signalled", "t", "t", 0)) { MaxPriceAge = null, BatchSize = readSize });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = session.RunAsync(cts.Token);
        if (during is not null) await during(session);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done(session) && DateTime.UtcNow < deadline && !run.IsCompleted) await Task.Delay(2);
        await cts.CancelAsync();
        await run;
        return session.Inputs;
    }

    private async Task<List<JournalInput>> Inputs()
    {
        await using var journal = new SqliteJournal(Path.Combine(_dir, "journal.db"));
        await journal.OpenAsync(null, CancellationToken.None);
        var inputs = new List<JournalInput>();
        await foreach (var i in journal.ReadInputsAsync(CancellationToken.None)) inputs.Add(i);
        return inputs;
    }

    private async Task<List<string>> OrdersAndFills()
    {
        await using var journal = new SqliteJournal(Path.Combine(_dir, "journal.db"));
        await journal.OpenAsync(null, CancellationToken.None);
        var list = new List<string>();
        await foreach (var d in journal.ReadDecisionsAsync(CancellationToken.None))
            if (d.Event.StartsWith("{\"type\":\"order\"", StringComparison.Ordinal) || d.Event.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)) list.Add(d.Event);
        File.Delete(Path.Combine(_dir, "journal.db"));
        return list;
    }

    /// <summary>Consumed live: each entry written once the session has journaled the one before.</summary>
    private async Task<List<string>> Live()
    {
        var (n, url) = TestRedis.NewDatabase();
        var db = TestRedis.Database(n);
        long written = 0;
        await RunSession(url, "c", 512, s => s.Inputs == 2 * Candles, session => WriteAll(db, async () =>
        {
            written++;
            while (session.Inputs < written) await Task.Delay(1);
        }));
        return await OrdersAndFills();
    }

    [Theory]
    [InlineData(1, null, false)]
    [InlineData(7, null, false)]
    [InlineData(512, null, false)]
    [InlineData(7, 11, false)]
    [InlineData(512, 30, false)]
    [InlineData(7, 13, true)]
    public async Task Backlog_read_size_restarts_and_renamed_consumers_give_the_orders_of_the_run_consumed_live(int readSize, int? restartEvery,
        bool renamed)
    {
        var live = await Live();
        Assert.Equal(Candles - 1, live.Count(e => e.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)));
        var (n, url) = TestRedis.NewDatabase();
        await WriteAll(TestRedis.Database(n));
        long journaled = 0;
        for (int sessions = 0; journaled < 2 * Candles; sessions++)
        {
            Assert.True(sessions < 100, "the sessions stopped making progress");
            long from = journaled;
            journaled = await RunSession(url, renamed ? "c" + sessions : "c", readSize,
                s => s.Inputs >= Math.Min(2 * Candles, from + (restartEvery ?? 2 * Candles)));
        }
        Assert.All(await Inputs(), i => Assert.Null(i.Rejected));
        Assert.Equal(live, await OrdersAndFills());
        Assert.Equal(0, (await TestRedis.Database(n).StreamPendingAsync(LiveStreams.Signals, "baton.signalled")).PendingMessageCount);
    }

    [Fact]
    public async Task An_entry_written_with_an_id_before_the_cursor_is_refused_as_late_once_journaled_and_dead_lettered_again_when_redelivered()
    {
        var (n, url) = TestRedis.NewDatabase();
        var db = TestRedis.Database(n);
        await Write(db, LiveStreams.Signals, Signal(0));
        string candle = await Write(db, LiveStreams.Prices, Candle(0));
        await RunSession(url, "c", 512, s => s.Inputs == 4 && s.DeadLettered == 1, async session =>
        {
            while (session.Inputs < 2) await Task.Delay(1);
            await db.StreamAddAsync(LiveStreams.Control, LiveStreams.DataField,
                """{"v":1,"type":"stop","producer":"desk","seq":1,"id":"old","reason":"late"}""", messageId: "1-1");   // explicit id, long ago
            await Write(db, LiveStreams.Prices, Candle(1));
        });
        var inputs = await Inputs();
        // the stop's id puts it before the candles already applied: too late for the order of inputs, it is refused
        var late = Assert.Single(inputs, i => i.Rejected is not null);
        Assert.Equal(("rejected/control:live/1-1", "1-1"), (late.Key, late.EntryId));
        Assert.Contains("before entry prices:live", late.Rejected, StringComparison.Ordinal);
        Assert.Equal(["signal/model/s0", "candle/A/0", "rejected/control:live/1-1", "candle/A/86400000"], inputs.Select(i => i.Key));
        Assert.DoesNotContain(inputs, i => i.EntryId == candle && i.Rejected is not null);

        // the group lost (as when the server loses its data): everything is delivered again; the refusal stands, not decided anew
        foreach (var stream in LiveStreams.Inputs) await db.ExecuteAsync("XGROUP", "DESTROY", stream, "baton.signalled");
        await RunSession(url, "c", 512, s => s.DeadLettered == 1 && s.Duplicates == 3);
        Assert.Equal(inputs.Select(i => i.Key), (await Inputs()).Select(i => i.Key));
        var dead = await db.StreamRangeAsync("control:dead");
        Assert.Equal(2, dead.Length);   // dead letters are at-least-once
        Assert.All(dead, d => Assert.Equal(late.Rejected, (string)d["reason"]!));
        Assert.Equal(0, (await db.StreamPendingAsync(LiveStreams.Control, "baton.signalled")).PendingMessageCount);
    }
}
