using System.Diagnostics;
using System.Globalization;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Redis;
using Baton.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>--live [REDIS_URL]</c>: signal → order-decision latency (p50/p99 over thousands of closed-loop samples) and sustained
/// signals/s through a whole <see cref="LiveSession"/> with the durable SQLite journal (WAL, synchronous=FULL, on disk),
/// in process and, given a URL, over Redis. Percentiles are exact, over the sorted samples.
/// </summary>
internal static class LiveProbe
{
    private const int Samples = 3000, WarmUp = 300, Signals = 100_000;

    private static readonly StrategyDefinition Strategy = new()
    {
        Name = "bench_live",
        Symbols = ["A"],
        Timeframe = new Timeframe(60_000),
        Data = new DataSpec(),
        InitialCash = 1_000_000m,
        Components = [new ComponentSpec("ml", ComponentKind.Signal, "unused-live", default)],
        Entry = [new RuleSpec("ml.long", TradeAction.Buy, default)],
        Exit = new ExitSpec { Signals = [new RuleSpec("ml.short", TradeAction.Close, default)] },
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 1 },
    };

    public static async Task<int> RunAsync(string? redisUrl)
    {
        string dir = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench-live");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"journal: SQLite in {dir} (WAL, synchronous=FULL); {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        EngineOnly();
        await Measure("in-process bus", _ => Task.FromResult<IMessageBus>(new InProcessBus()), [(4, false), (1, false)], dir).ConfigureAwait(false);
        if (redisUrl is not null)
        {
            using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(redisUrl)).ConfigureAwait(false);
            var server = admin.GetDatabase();
            var flags = (StackExchange.Redis.RedisResult[])(await server.ExecuteAsync("CONFIG", "GET", "notify-keyspace-events").ConfigureAwait(false))!;
            var fsync = (StackExchange.Redis.RedisResult[])(await server.ExecuteAsync("CONFIG", "GET", "appendfsync").ConfigureAwait(false))!;
            var aof = (StackExchange.Redis.RedisResult[])(await server.ExecuteAsync("CONFIG", "GET", "appendonly").ConfigureAwait(false))!;
            Console.WriteLine($"redis: appendonly {aof[1]}, appendfsync {fsync[1]}");
            int db = 0;
            await Measure("Redis on loopback", async notify =>
            {
                string url = redisUrl.TrimEnd('/') + "/" + (++db).ToString(CultureInfo.InvariantCulture);
                await server.ExecuteAsync("CONFIG", "SET", "notify-keyspace-events", notify ? "Kt" : "").ConfigureAwait(false);
                await admin.GetDatabase(db).ExecuteAsync("FLUSHDB").ConfigureAwait(false);
                return await RedisMessageBus.ConnectAsync(url, new RedisConsumer("bench", "b")).ConfigureAwait(false);
            }, [(4, false), (1, false), (4, true)], dir).ConfigureAwait(false);
            await server.ExecuteAsync("CONFIG", "SET", "notify-keyspace-events", (string?)flags[1] ?? "").ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>The decision itself: parse a candle message and apply it to the engine (no bus, no journal).</summary>
    private static void EngineOnly()
    {
        var engine = new LiveEngine(StrategyCompiler.Compile(Strategy));
        var samples = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            var signal = LiveMessageParser.Parse(LiveStreams.Signals, "0-0", SignalJson(i));
            engine.Apply(signal, false);
            string candle = CandleJson(i);
            long t0 = Stopwatch.GetTimestamp();
            engine.Apply(LiveMessageParser.Parse(LiveStreams.Prices, "0-0", candle), false);
            if (i >= 2000) samples.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        Report("engine only (parse + apply a candle that decides)", samples, "µs");
    }

    /// <summary>Latency for each (idle poll ms, keyspace notifications) variant, then throughput with the first one.</summary>
    private static async Task Measure(string name, Func<bool, Task<IMessageBus>> newBus, (int PollMs, bool Notify)[] variants, string dir)
    {
        foreach (var (pollMs, notify) in variants)
        {
            await using var bus = await newBus(notify).ConfigureAwait(false);
            string label = $"{name}, idle poll up to {pollMs} ms" + (notify ? ", woken by keyspace notifications" : "");
            await Latency(label, bus, Path.Combine(dir, "latency.db"), TimeSpan.FromMilliseconds(pollMs)).ConfigureAwait(false);
        }
        await using (var bus = await newBus(variants[0].Notify).ConfigureAwait(false))
            await Throughput(name, bus, Path.Combine(dir, "throughput.db")).ConfigureAwait(false);
    }

    /// <summary>Closed loop: publish a signal and the candle it acts on, wait for that candle's order to reach a subscriber
    /// (decided, journaled durably, acknowledged), repeat. Two clocks per sample, both from just before the candle's publish:
    /// to the order decision inside the session (<see cref="LiveSession.SubscribeDecisions"/>, before the commit) and to the
    /// order at a subscriber (after the commit: durable).</summary>
    private static async Task Latency(string name, IMessageBus bus, string journalPath, TimeSpan poll)
    {
        Delete(journalPath);
        await using var journal = new SqliteJournal(journalPath);
        var arrived = new Arrivals();
        var session = new LiveSession(StrategyCompiler.Compile(Strategy),
            new LiveSessionOptions(bus, journal, Header()) { MaxPriceAge = null, MaxPollInterval = poll });
        session.Subscribe(arrived);
        session.SubscribeDecisions(arrived.Decisions);
        using var cts = new CancellationTokenSource();
        var run = session.RunAsync(cts.Token);
        List<double> decided = [], durable = [];
        for (int i = 0; i < Samples + WarmUp; i++)
        {
            await bus.PublishAsync(LiveStreams.Signals, SignalJson(i), CancellationToken.None).ConfigureAwait(false);
            arrived.Reset();
            long t0 = Stopwatch.GetTimestamp();
            await bus.PublishAsync(LiveStreams.Prices, CandleJson(i), CancellationToken.None).ConfigureAwait(false);
            await arrived.Order.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            long t2 = Stopwatch.GetTimestamp();
            if (i < WarmUp) continue;
            decided.Add(Stopwatch.GetElapsedTime(t0, arrived.DecidedAt).TotalMilliseconds);
            durable.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
        }
        await cts.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        Report($"{name}: publish candle -> order decided in the session", decided, "ms");
        Report($"{name}: publish candle -> order durable, at a subscriber", durable, "ms");
    }

    /// <summary>A backlog of signals, then the time to apply, journal and acknowledge all of them (group commit).</summary>
    private static async Task Throughput(string name, IMessageBus bus, string journalPath)
    {
        Delete(journalPath);
        var writes = new List<Task>(1000);
        for (int i = 0; i < Signals; i++)
        {
            writes.Add(bus.PublishAsync(LiveStreams.Signals, SignalJson(i), CancellationToken.None));
            if (writes.Count == 1000)
            {
                await Task.WhenAll(writes).ConfigureAwait(false);
                writes.Clear();
            }
        }
        await Task.WhenAll(writes).ConfigureAwait(false);
        await using var journal = new SqliteJournal(journalPath);
        var session = new LiveSession(StrategyCompiler.Compile(Strategy), new LiveSessionOptions(bus, journal, Header()) { MaxPriceAge = null });
        using var cts = new CancellationTokenSource();
        long t0 = Stopwatch.GetTimestamp();
        var run = session.RunAsync(cts.Token);
        while (session.Inputs < Signals && !run.IsCompleted) await Task.Delay(1).ConfigureAwait(false);
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        await cts.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        Console.WriteLine($"{name}: {Signals:N0} signals applied, journaled and acked in {seconds:F2} s = {Signals / seconds:N0} signals/s");
    }

    private static string SignalJson(int i) => LiveMessageWriter.Signal("bench", i + 1, "s" + i.ToString(CultureInfo.InvariantCulture), "A", "ml", i % 2 == 0 ? 1 : -1);

    private static string CandleJson(int i) =>
        LiveMessageWriter.Candle("feed", i + 1, "A", Strategy.Timeframe, new Candle(i * 60_000L, 100, 101, 99, 100.5, 10));

    private static JournalHeader Header() => new(Strategy.Name, "bench", "bench", 0);

    private static void Delete(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }

    private static void Report(string what, List<double> samples, string unit)
    {
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine($"{what}: n={samples.Count:N0} p50 {P(0.50):F3} {unit}, p90 {P(0.90):F3}, p99 {P(0.99):F3}, max {samples[^1]:F3} {unit}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Stamps the decision of the candle being measured (on the session's thread, before the commit) and signals
    /// when its order reaches a subscriber (after the commit).</summary>
    private sealed class Arrivals : IEventSink
    {
        private TaskCompletionSource _order = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _decidedAt;

        public Task Order => Volatile.Read(ref _order).Task;

        /// <summary>The <see cref="Stopwatch"/> timestamp of the latest order decision.</summary>
        public long DecidedAt => Volatile.Read(ref _decidedAt);

        public void Reset() => Volatile.Write(ref _order, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public IEventSink Decisions => new Stamp(this);

        private sealed class Stamp(Arrivals owner) : IEventSink
        {
            public void Publish(EngineEvent e)
            {
                if (e is OrderStateChanged { State: OrderState.Created }) Volatile.Write(ref owner._decidedAt, Stopwatch.GetTimestamp());
            }
        }

        public void Publish(EngineEvent e)
        {
            if (e is OrderStateChanged { State: OrderState.Created }) Volatile.Read(ref _order).TrySetResult();
        }
    }
}
