using System.Globalization;
using System.Text.Json;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Redis;
using Baton.Sqlite;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>
/// Issue 18 with real <c>baton live</c> processes on the real redis-server: stops aimed at one strategy (contract C4), and
/// events on <c>events:live</c> that a reader deduping on (strategy, seq) sees exactly once, in order, across kill -9s (C3).
/// </summary>
public sealed class LiveEventsTests : IDisposable
{
    private readonly string _dir = BatonProcess.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteStrategy(string name)
    {
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, $$"""
            name: {{name}}
            symbols: [AAA, BBB]
            timeframe: 1m
            initial_cash: 100000
            data: { source: synthetic, bars: 10 }
            dependencies:
              indicators:
                - { id: fast, type: sma, period: 3 }
              signals:
                - { id: ml, type: external, command: "python3 never_run_in_live.py" }
            entry:
              - { when: ml.long, action: buy }
            exit:
              signals:
                - { when: ml.short, action: close }
            sizing: { type: percent_equity, value: 20% }
            execution: { fees: 0.1%, slippage: 5bps }
            """);
        return path;
    }

    private string[] Live(string strategy, string url, string consumer = "c1") =>
        ["live", WriteStrategy(strategy), "--redis", url, "--journal", Path.Combine(_dir, strategy + ".db"), "--consumer", consumer, "--max-price-age", "off"];

    /// <summary>Candles of minutes [from, to) for both symbols, and a signal every third minute (AAA and BBB in turn, long
    /// for six minutes, then short).</summary>
    private static async Task PublishAsync(IDatabase db, int from, int to)
    {
        var batch = db.CreateBatch();
        var writes = new List<Task>();
        for (int m = from; m < to; m++)
        {
            for (int s = 0; s < 2; s++)
            {
                double open = 100 + s * 50 + Math.Sin(m / 5.0) * 3, close = 100 + s * 50 + Math.Sin((m + 1) / 5.0) * 3;
                var candle = new Core.Market.Candle(m * 60_000L, open, Math.Max(open, close) + 0.1, Math.Min(open, close) - 0.1, close, 10);
                writes.Add(batch.StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField,
                    LiveMessageWriter.Candle("feed", m * 2 + s + 1, s == 0 ? "AAA" : "BBB", new Core.Market.Timeframe(60_000), candle)));
            }
            if (m % 3 == 0)
                writes.Add(batch.StreamAddAsync(LiveStreams.Signals, LiveStreams.DataField,
                    LiveMessageWriter.Signal("model", m / 3 + 1, "s" + m.ToString(CultureInfo.InvariantCulture), m / 3 % 2 == 0 ? "AAA" : "BBB", "ml",
                        m / 6 % 2 == 0 ? 1 : -1)));
        }
        batch.Execute();
        await Task.WhenAll(writes);
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

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, Func<string> errors)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await condition(), $"not {what} in 90 s:\n" + errors());
    }

    private static async Task<List<JsonElement>> EventsAsync(IDatabase db) =>
        [.. (await db.StreamRangeAsync(LiveStreams.Events)).Select(e => JsonDocument.Parse((string)e[LiveStreams.DataField]!).RootElement)];

    private static bool Stopped(JsonElement e, string strategy) =>
        e.GetProperty("type").GetString() == "stopped" && e.GetProperty("strategy").GetString() == strategy;

    private async Task<List<JournalDecision>> JournalAsync(string strategy)
    {
        await using var j = new SqliteJournal(Path.Combine(_dir, strategy + ".db"));
        await j.OpenAsync(null, CancellationToken.None);
        return await j.ReadDecisionsAsync(CancellationToken.None).ToListAsync();
    }

    [Fact]
    public async Task Stop_named_for_one_strategy_stops_it_alone_an_old_stop_spares_a_later_one_and_all_stops_every_one()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        using var alpha = new LiveProcess(Live("alpha", url));
        using var beta = new LiveProcess(Live("beta", url));
        await alpha.WaitUntilUpAsync();
        await beta.WaitUntilUpAsync();
        await PublishAsync(db, 0, 20);
        // by its YAML file: the name is read from it
        var (exit, stdout, stderr) = BatonProcess.Run("live", "stop", Path.Combine(_dir, "alpha.yaml"), "--redis", url, "--reason", "alpha only");
        Assert.True(exit == 0, stderr);
        Assert.Contains("stop sent to alpha", stdout, StringComparison.Ordinal);
        await WaitAsync(async () => (await EventsAsync(db)).Any(e => Stopped(e, "alpha")), "stopped", () => alpha.Errors);
        await PublishAsync(db, 20, 40);
        await WaitAsync(() => DrainedAsync(db, "baton.beta"), "drained", () => beta.Errors);
        await WaitAsync(() => DrainedAsync(db, "baton.alpha"), "drained", () => alpha.Errors);
        var events = await EventsAsync(db);
        Assert.Single(events, e => e.GetProperty("type").GetString() == "stopped");
        Assert.Contains("alpha only", events.Single(e => Stopped(e, "alpha")).GetRawText(), StringComparison.Ordinal);
        Assert.Contains(events, e => e.GetProperty("strategy").GetString() == "beta" && e.GetProperty("type").GetString() == "portfolio_update"
            && e.GetProperty("time").GetInt64() == 40 * 60_000L && e.GetProperty("state").GetString() != "stopped");   // beta kept trading

        // a stop for gamma before gamma ever ran: control:live is read from its start, and the stop is older than gamma's journal
        Assert.Equal(0, BatonProcess.Run("live", "stop", "gamma", "--redis", url).Exit);
        using var gamma = new LiveProcess(Live("gamma", url));
        await gamma.WaitUntilUpAsync();
        await WaitAsync(() => DrainedAsync(db, "baton.gamma"), "drained", () => gamma.Errors);
        Assert.Contains("stop sent before this journal was created", gamma.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(await EventsAsync(db), e => Stopped(e, "gamma"));

        (exit, stdout, stderr) = BatonProcess.Run("live", "stop", "--all", "--redis", url, "--reason", "desk closed");
        Assert.True(exit == 0, stderr);
        Assert.Contains("stop sent to every strategy", stdout, StringComparison.Ordinal);
        await WaitAsync(async () => (await EventsAsync(db)).Any(e => Stopped(e, "beta")) && (await EventsAsync(db)).Any(e => Stopped(e, "gamma")),
            "stopped", () => beta.Errors + gamma.Errors);
        foreach (var p in new[] { alpha, beta, gamma }) Assert.Equal(0, p.Terminate(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Live_stop_needs_a_strategy_or_all()
    {
        var (exit, _, err) = BatonProcess.Run("live", "stop", "--redis", "redis://127.0.0.1:1");
        Assert.Equal(2, exit);   // a usage error, before Redis is tried
        Assert.Contains("name the strategy to stop (its name or its YAML file), or --all", err, StringComparison.Ordinal);
        (exit, _, err) = BatonProcess.Run("live", "stop", "x", "--all", "--redis", "redis://127.0.0.1:1");
        Assert.Equal(2, exit);
        Assert.Contains("give a strategy or --all, not both", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Across_kill_9s_a_reader_deduping_on_strategy_and_seq_sees_every_journaled_event_once_in_order()
    {
        var (dbIndex, url) = LiveRedis.NewDatabase();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(url));
        var db = redis.GetDatabase(dbIndex);
        var random = new Random(18);
        using var steady = new LiveProcess(Live("steady", url));   // the other strategy, never killed
        await steady.WaitUntilUpAsync();
        const int Kills = 6, Chunk = 60;
        for (int kill = 0; kill < Kills; kill++)
        {
            using var killed = new LiveProcess(Live("killed", url));
            await killed.WaitUntilUpAsync();
            await PublishAsync(db, kill * Chunk, (kill + 1) * Chunk);
            await Task.Delay(random.Next(100, 1500));
            Assert.False(killed.HasExited, "baton live exited by itself:\n" + killed.Errors);
            killed.Kill();
        }
        using (var last = new LiveProcess(Live("killed", url)))
        {
            await last.WaitUntilUpAsync();
            await WaitAsync(() => DrainedAsync(db, "baton.killed"), "drained", () => last.Errors);
            await WaitAsync(() => DrainedAsync(db, "baton.steady"), "drained", () => steady.Errors);
            Assert.Equal(0, last.Terminate(TimeSpan.FromSeconds(20)));
            Assert.Equal(0, steady.Terminate(TimeSpan.FromSeconds(20)));
        }
        var events = await EventsAsync(db);
        foreach (var strategy in new[] { "killed", "steady" })
        {
            var journaled = await JournalAsync(strategy);
            Assert.True(journaled.Count > 200 && journaled.Any(d => d.Event.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)), $"{journaled.Count} events");
            var mine = events.Where(e => e.GetProperty("strategy").GetString() == strategy).ToList();
            var seen = new HashSet<long>();
            var kept = mine.Where(e => e.GetProperty("seq").GetInt64() > 0 && seen.Add(e.GetProperty("seq").GetInt64())).ToList();
            Assert.Equal(Enumerable.Range(1, journaled.Count).Select(i => (long)i), kept.Select(e => e.GetProperty("seq").GetInt64()));   // in order, no gap
            for (int i = 0; i < journaled.Count; i++)
                Assert.Equal(journaled[i].Event[..^1] + $",\"strategy\":\"{strategy}\",\"seq\":{i + 1}}}", kept[i].GetRawText());
            int starts = mine.Count(e => e.GetProperty("type").GetString() == "session");
            Assert.InRange(starts, strategy == "killed" ? 2 : 1, strategy == "killed" ? Kills + 1 : 1);   // a session announcement at each start
        }
    }
}
