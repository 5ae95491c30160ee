using System.Globalization;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Redis;
using Baton.Sqlite;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>
/// The real <c>baton live</c>, killed with kill -9 at random (seeded) moments while a publisher sends thousands of signals,
/// some re-sent with the same id and some invalid: afterwards every valid message was applied exactly once and the journal
/// replays to the same decisions and portfolio.
/// </summary>
public sealed class LiveKillTests : IDisposable
{
    private const int Kills = 20;
    private const int ChunkMinutes = 50;   // 20 chunks of 50 minutes: 2 candles and 3 signal entries a minute
    private readonly string _dir = BatonProcess.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteStrategy()
    {
        string path = Path.Combine(_dir, "kill.yaml");
        File.WriteAllText(path, """
            name: kill_test
            symbols: [AAA, BBB]
            timeframe: 1m
            initial_cash: 100000
            data: { source: synthetic, bars: 10 }
            dependencies:
              indicators:
                - { id: fast, type: sma, period: 5 }
              signals:
                - { id: ml, type: external, command: "python3 never_run_in_live.py" }
            entry:
              - { when: ml.long and close > fast, action: buy }
            exit:
              stop_loss: 1%
              signals:
                - { when: ml.short, action: close }
            risk: { max_positions: 2, max_drawdown: 30% }
            sizing: { type: percent_equity, value: 20% }
            execution: { fees: 0.1%, slippage: 5bps }
            """);
        return path;
    }

    /// <summary>What the publisher sent: the keys of valid messages, and how many invalid ones.</summary>
    private sealed record Sent(HashSet<string> Keys, int Invalid, int Resent);

    /// <param name="chunks">Released once per chunk of <see cref="ChunkMinutes"/> minutes, so that the publishing keeps
    /// pace with the kills however slow the machine is (null: no pacing).</param>
    private static async Task<Sent> PublishAsync(IDatabase db, int minutes, Random random, CancellationToken token,
        SemaphoreSlim? chunks = null)
    {
        var keys = new HashSet<string>();
        var signals = new List<string>();
        int invalid = 0, resent = 0;
        long signalSeq = 0;
        double[] price = [100, 50];
        string[] symbols = ["AAA", "BBB"];
        for (int m = 0; m < minutes; m++)
        {
            if (chunks is not null && m % ChunkMinutes == 0) await chunks.WaitAsync(token);
            var batch = db.CreateBatch();
            var writes = new List<Task>();
            for (int s = 0; s < 2; s++)
            {
                double open = price[s], close = open * (1 + (random.NextDouble() - 0.5) * 0.01);
                price[s] = close;
                var candle = new Core.Market.Candle(m * 60_000L, open, Math.Max(open, close) * 1.001, Math.Min(open, close) * 0.999, close, 10);
                writes.Add(batch.StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField,
                    LiveMessageWriter.Candle("feed", m * 2 + s + 1, symbols[s], new Core.Market.Timeframe(60_000), candle)));
                keys.Add($"candle/{symbols[s]}/{m * 60_000L}");
            }
            for (int k = 0; k < 3; k++)
            {
                string json;
                double roll = random.NextDouble();
                if (roll < 0.05 && signals.Count > 0)
                {
                    json = signals[random.Next(signals.Count)];     // re-sent with the same id
                    resent++;
                }
                else if (roll < 0.08)
                {
                    json = random.Next(2) == 0 ? "{\"v\":1,\"type\":\"signal\",\"producer\":\"model\"" : LiveMessageWriter.Signal("model", ++signalSeq, "bad" + signalSeq, "ZZZ", "ml", 1);
                    invalid++;
                }
                else
                {
                    string id = "sig" + (++signalSeq).ToString(CultureInfo.InvariantCulture);
                    json = LiveMessageWriter.Signal("model", signalSeq, id, symbols[random.Next(2)], "ml", random.Next(3) - 1, Math.Round(random.NextDouble(), 3));
                    signals.Add(json);
                    keys.Add("signal/model/" + id);
                }
                writes.Add(batch.StreamAddAsync(LiveStreams.Signals, LiveStreams.DataField, json));
            }
            batch.Execute();
            await Task.WhenAll(writes);
            if (m % 10 == 0) await Task.Delay(150, token);   // 0.75 s a chunk: the kills land while it sends
        }
        return new Sent(keys, invalid, resent);
    }

    /// <summary>Entries of the price and signal streams the group has read and acknowledged.</summary>
    private static async Task<long> AckedAsync(IDatabase db, string group)
    {
        long acked = 0;
        foreach (var stream in new[] { LiveStreams.Prices, LiveStreams.Signals })
        {
            if (!await db.KeyExistsAsync(stream)) continue;
            var info = (await db.StreamGroupInfoAsync(stream)).FirstOrDefault(g => g.Name == group);
            if (info.Name is not null) acked += (info.EntriesRead ?? 0) - info.PendingMessageCount;
        }
        return acked;
    }

    /// <summary>Whether the group has entries not yet read or not yet acknowledged.</summary>
    private static async Task<bool> BacklogAsync(IDatabase db, string group)
    {
        foreach (var stream in new[] { LiveStreams.Prices, LiveStreams.Signals })
        {
            if (!await db.KeyExistsAsync(stream)) continue;
            var info = (await db.StreamGroupInfoAsync(stream)).FirstOrDefault(g => g.Name == group);
            if (info.Name is null || info.PendingMessageCount > 0 || (info.Lag ?? 1) > 0) return true;
        }
        return false;
    }

    private static async Task<bool> DrainedAsync(IDatabase db, string group)
    {
        foreach (var stream in new[] { LiveStreams.Prices, LiveStreams.Signals })
        {
            var info = (await db.StreamGroupInfoAsync(stream)).FirstOrDefault(g => g.Name == group);
            var last = await db.StreamInfoAsync(stream);
            if (info.Name is null || info.PendingMessageCount > 0 || info.LastDeliveredId != last.LastGeneratedId) return false;
        }
        return true;
    }

    [Fact]
    public async Task Kill_9_at_random_moments_loses_and_repeats_nothing()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        string strategy = WriteStrategy(), journal = Path.Combine(_dir, "journal.db");
        string[] args = ["live", strategy, "--redis", url, "--journal", journal, "--consumer", "c1", "--max-deliveries", "1000", "--max-price-age", "off",
            "--lease-ttl", "3s"];   // each restart after a kill -9 waits for the dead holder's lease to expire
        var random = new Random(20261124);
        using var publishing = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var chunks = new SemaphoreSlim(0);
        var publisher = PublishAsync(db, Kills * ChunkMinutes, new Random(7), publishing.Token, chunks);
        var restored = new List<long>();
        for (int kill = 0; kill < Kills; kill++)
        {
            chunks.Release();   // the next chunk of signals, sent while this process runs
            long acked = await AckedAsync(db, "baton.kill_test");
            using var live = new LiveProcess(args);
            await live.WaitUntilUpAsync();
            // Every other process first applies and acks something new (while there is work), so that on a slow,
            // loaded machine the kills still land at different points of progress; then each is killed at a random
            // moment: restoring, reading, applying, committing, acking.
            if (kill % 2 == 1)
            {
                var progress = DateTime.UtcNow.AddSeconds(60);
                while (!live.HasExited && DateTime.UtcNow < progress && await BacklogAsync(db, "baton.kill_test")
                       && await AckedAsync(db, "baton.kill_test") <= acked)
                    await Task.Delay(20);
            }
            await Task.Delay(random.Next(0, 1200));
            Assert.False(live.HasExited, "baton live exited by itself:\n" + live.Errors);
            live.Kill();
            restored.Add(Restored(live.Errors));
        }
        var sent = await publisher;
        using (var last = new LiveProcess(args))
        {
            await last.WaitUntilUpAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await DrainedAsync(db, "baton.kill_test") && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(await DrainedAsync(db, "baton.kill_test"), "not drained in 60 s:\n" + last.Errors);
            int code = last.Terminate(TimeSpan.FromSeconds(20));
            Assert.True(code == 0, $"exit {code}:\n" + last.Errors);
        }
        Assert.True(sent.Keys.Count > 3000 && sent.Invalid > 50 && sent.Resent > 50, $"{sent.Keys.Count} {sent.Invalid} {sent.Resent}");
        // The kills landed at different points of progress.
        Assert.True(restored.Where(r => r > 0).Distinct().Count() >= 5, "restored: " + string.Join(", ", restored));

        await using (var j = new SqliteJournal(journal))
        {
            await j.OpenAsync(null, CancellationToken.None);
            var inputs = await j.ReadInputsAsync(CancellationToken.None).ToListAsync();
            Assert.Equal(inputs.Count, inputs.Select(i => i.Key).Distinct().Count());        // nothing twice
            Assert.Equal(sent.Keys.Order(), inputs.Where(i => i.Rejected is null).Select(i => i.Key).Order());   // nothing lost
            Assert.Equal(sent.Invalid, inputs.Count(i => i.Rejected is not null));           // each refusal journaled once
            Assert.Equal(Enumerable.Range(1, inputs.Count).Select(i => (long)i), inputs.Select(i => i.Sequence));
            var created = (await j.ReadDecisionsAsync(CancellationToken.None).ToListAsync())
                .Where(d => d.Event.Contains("\"type\":\"order\"", StringComparison.Ordinal) && d.Event.Contains("\"state\":\"created\"", StringComparison.Ordinal))
                .Select(d => System.Text.Json.JsonDocument.Parse(d.Event).RootElement.GetProperty("order_id").GetInt64()).ToList();
            Assert.True(created.Count > 10, $"only {created.Count} orders");
            Assert.Equal(Enumerable.Range(1, created.Count).Select(i => (long)i), created);  // each order once, in order
        }
        var deadIds = (await db.StreamRangeAsync("signals:dead")).Select(e => (string)e["id"]!).Distinct().Count();
        Assert.Equal(sent.Invalid, deadIds);
        var (exit, stdout, stderr) = BatonProcess.Run("replay", journal);
        Assert.True(exit == 0, stdout + stderr);
        Assert.StartsWith("identical: ", stdout, StringComparison.Ordinal);
    }

    /// <summary>How many inputs a process restored from the journal at its start (its stderr says so), 0 when none.</summary>
    private static long Restored(string stderr)
    {
        var m = System.Text.RegularExpressions.Regex.Match(stderr, @"restored (\d+) inputs");
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<List<string>> EventsAsync(IDatabase db) =>
        [.. (await db.StreamRangeAsync(LiveStreams.Events)).Select(e => (string)e[LiveStreams.DataField]!)];

    [Fact]
    public async Task External_signal_component_publishes_to_signals_live_and_its_events_are_journaled()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        string strategy = Path.Combine(BatonProcess.RepoRoot, "examples", "strategies", "live_momentum.yaml"), journal = Path.Combine(_dir, "momentum.db");
        using (var live = new LiveProcess("live", strategy, "--redis", url, "--journal", journal, "--consumer", "c1"))
        {
            await live.WaitUntilUpAsync();
            var (exit, _, err) = BatonProcess.Run("publish", "prices", strategy, "--rate", "0", "--redis", url);
            Assert.True(exit == 0, err);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await db.StreamLengthAsync(LiveStreams.Signals) < 50 || !await DrainedAsync(db, "baton.live_momentum")) && DateTime.UtcNow < deadline)
                await Task.Delay(200);
            Assert.True(await db.StreamLengthAsync(LiveStreams.Signals) >= 50, "the component published too little:\n" + live.Errors);
            Assert.Equal(0, live.Terminate(TimeSpan.FromSeconds(30)));
        }
        await using (var j = new SqliteJournal(journal))
        {
            await j.OpenAsync(null, CancellationToken.None);
            var keys = (await j.ReadInputsAsync(CancellationToken.None).ToListAsync()).Select(i => i.Key).ToList();
            Assert.True(keys.Count(k => k.StartsWith("signal/momentum.ETHUSDT/ETHUSDT@", StringComparison.Ordinal)) >= 50);
        }
        var (code, stdout, stderr) = BatonProcess.Run("replay", journal);
        Assert.True(code == 0, stdout + stderr);
    }

    [Fact]
    public async Task Halt_survives_a_restart_of_the_process_and_live_stop_stops_trading()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        string strategy = WriteStrategy(), journal = Path.Combine(_dir, "stop.db");
        string[] args = ["live", strategy, "--redis", url, "--journal", journal, "--consumer", "c1", "--json"];
        using (var live = new LiveProcess(args))
        {
            await live.WaitUntilUpAsync();   // a stop sent before the strategy's journal was created would not be for it
            var (exit, stdout, _) = BatonProcess.Run("live", "stop", "kill_test", "--redis", url, "--reason", "desk closed");
            Assert.Equal(0, exit);
            Assert.Contains("stop sent", stdout, StringComparison.Ordinal);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(await EventsAsync(db)).Any(e => e.Contains("\"type\":\"stopped\"", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            live.Kill();
        }
        Assert.Contains(await EventsAsync(db), e => e.Contains("\"type\":\"stopped\"", StringComparison.Ordinal) && e.Contains("desk closed", StringComparison.Ordinal));
        // events:live and its publish cursor lost (a flushed Redis): the restart says it is stopped (its log), announces
        // itself, and publishes the journal's events again, the stop among them
        await db.KeyDeleteAsync([LiveStreams.Events, "baton:events:baton.kill_test"]);
        using (var again = new LiveProcess(args))
        {
            await again.WaitUntilUpAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!(await EventsAsync(db)).Any(e => e.Contains("\"type\":\"stopped\"", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.Equal(0, again.Terminate(TimeSpan.FromSeconds(20)));
            Assert.Contains(" re-fed): Stopped", again.Errors, StringComparison.Ordinal);   // restored from the journal: still stopped
        }
        var events = await EventsAsync(db);
        Assert.StartsWith("{\"type\":\"session\",\"strategy\":\"kill_test\",\"seq\":0", events[0], StringComparison.Ordinal);
        Assert.Contains(events, e => e.Contains("\"type\":\"stopped\"", StringComparison.Ordinal) && e.Contains("desk closed", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith("{\"type\":\"portfolio_update\"", StringComparison.Ordinal) && e.Contains("\"state\":\"stopped\"", StringComparison.Ordinal));
    }
}

/// <summary>The test Redis server (<c>BATON_TEST_REDIS</c>, from scripts/redis-server.sh): each test owns a database (40..63).</summary>
internal static class LiveRedis
{
    private static int _next = 39;

    public static (int Db, string Url) NewDatabase()
    {
        string url = Environment.GetEnvironmentVariable("BATON_TEST_REDIS") is { Length: > 0 } u ? u
            : throw new InvalidOperationException("BATON_TEST_REDIS is not set: run the tests with scripts/test.sh (it starts a redis-server)");
        int db = Interlocked.Increment(ref _next);
        using var redis = ConnectionMultiplexer.Connect(RedisUrl.Parse(url));
        redis.GetDatabase(db).Execute("FLUSHDB");
        return (db, url.TrimEnd('/') + "/" + db);
    }
}
