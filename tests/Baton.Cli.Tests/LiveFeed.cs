using System.Globalization;
using System.Text.Json;
using Baton.Core.Market;
using Baton.Engine.Live;
using Baton.Engine.Live.Messages;
using Baton.Sqlite;
using StackExchange.Redis;

namespace Baton.Cli.Tests;

/// <summary>A deterministic feed for multi-process live tests: minute candles of AAA and BBB (a seeded random walk), and
/// optionally a signal a minute, published minute by minute to a test database; what a drained group and a journal hold.</summary>
internal sealed class LiveFeed(IDatabase db, bool signals = false)
{
    private readonly Random _random = new(20261206);
    private readonly double[] _price = [100, 50];
    private static readonly string[] Symbols = ["AAA", "BBB"];
    private long _candleSeq, _signalSeq;
    private int _minute;

    /// <summary>The idempotency keys of everything published.</summary>
    public HashSet<string> Keys { get; } = [];

    public const string Strategy = """
        name: lease_test
        symbols: [AAA, BBB]
        timeframe: 1m
        initial_cash: 100000
        data: { source: synthetic, bars: 10 }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: 3 }
            - { id: slow, type: sma, period: 8 }
          signals:
            - { id: up, type: crossover, above: fast, below: slow }
            - { id: down, type: crossover, above: slow, below: fast }
            - { id: ml, type: external, command: "python3 never_run_in_live.py" }
        entry:
          - { when: up or ml.long, action: buy }
        exit:
          signals:
            - { when: down or ml.short, action: close }
        risk: { max_positions: 2 }
        sizing: { type: percent_equity, value: 20% }
        execution: { fees: 0.1%, slippage: 5bps }
        """;

    public const string Group = "baton.lease_test";

    /// <summary>Publishes the next <paramref name="minutes"/> minutes (two candles, and a signal when asked, each).</summary>
    public async Task PublishAsync(int minutes)
    {
        for (int end = _minute + minutes; _minute < end; _minute++)
        {
            int m = _minute;
            for (int s = 0; s < 2; s++)
            {
                double open = _price[s], close = open * (1 + (_random.NextDouble() - 0.5) * 0.02);
                _price[s] = close;
                var candle = new Candle(m * 60_000L, open, Math.Max(open, close) * 1.001, Math.Min(open, close) * 0.999, close, 10);
                await db.StreamAddAsync(LiveStreams.Prices, LiveStreams.DataField,
                    LiveMessageWriter.Candle("feed", ++_candleSeq, Symbols[s], new Timeframe(60_000), candle));
                Keys.Add($"candle/{Symbols[s]}/{m * 60_000L}");
            }
            if (!signals) continue;
            string id = "sig" + (++_signalSeq).ToString(CultureInfo.InvariantCulture);
            await db.StreamAddAsync(LiveStreams.Signals, LiveStreams.DataField,
                LiveMessageWriter.Signal("model", _signalSeq, id, Symbols[_random.Next(2)], "ml", _random.Next(3) - 1));
            Keys.Add("signal/model/" + id);
        }
    }

    /// <summary>Whether the group read and acknowledged every entry of the price and signal streams.</summary>
    public async Task<bool> DrainedAsync(string group = Group)
    {
        foreach (var stream in new[] { LiveStreams.Prices, LiveStreams.Signals })
        {
            if (!await db.KeyExistsAsync(stream)) continue;
            var info = (await db.StreamGroupInfoAsync(stream)).FirstOrDefault(g => g.Name == group);
            var last = await db.StreamInfoAsync(stream);
            if (info.Name is null || info.PendingMessageCount > 0 || info.LastDeliveredId != last.LastGeneratedId) return false;
        }
        return true;
    }

    public async Task WaitDrainedAsync(LiveProcess live, string group = Group)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await DrainedAsync(group) && DateTime.UtcNow < deadline && !live.HasExited) await Task.Delay(50);
        Assert.True(await DrainedAsync(group), "not drained:\n" + live.Errors);
    }

    /// <summary>The consumer names of the group on prices:live.</summary>
    public async Task<string[]> ConsumersAsync() =>
        [.. (await db.StreamConsumerInfoAsync(LiveStreams.Prices, Group)).Select(c => (string)c.Name!).Order(StringComparer.Ordinal)];

    /// <summary>The journal's input keys (in sequence order) and its order and fill decisions as journaled.</summary>
    public static async Task<(List<string> Keys, List<string> Trades)> JournalAsync(string path)
    {
        await using var j = new SqliteJournal(path);
        await j.OpenAsync(null, CancellationToken.None);
        var keys = (await j.ReadInputsAsync(CancellationToken.None).ToListAsync()).Select(i => i.Key).ToList();
        var trades = (await j.ReadDecisionsAsync(CancellationToken.None).ToListAsync()).Select(d => d.Event)
            .Where(e => JsonDocument.Parse(e).RootElement.GetProperty("type").GetString() is "order" or "fill").ToList();
        return (keys, trades);
    }
}
