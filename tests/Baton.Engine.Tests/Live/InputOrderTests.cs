using Baton.Engine.Live;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Tests.Live;

/// <summary>The backlog case in process: where a signal lands among the candles (and so every order and fill)
/// depends on the order the producers wrote the entries in, never on read sizes, backlog or restarts.</summary>
public sealed class InputOrderTests
{
    private const int Candles = 60;

    /// <summary>As a producer sends them: signal i (long, short, long ...) then candle i, so signal i is applied at candle i.</summary>
    internal static List<(string Stream, string Json)> Interleaved(int candles = Candles)
    {
        var bars = LiveStrategies.Rising(candles);
        var entries = new List<(string, string)>();
        for (int i = 0; i < candles; i++)
        {
            entries.Add((LiveStreams.Signals, LiveStrategies.Signal(i + 1, i % 2 == 0 ? 1 : -1)));
            entries.Add((LiveStreams.Prices, LiveStrategies.Candle(i + 1, bars[i])));
        }
        return entries;
    }

    /// <summary>The order and fill decisions journaled, in order (each exactly once whatever the restarts).</summary>
    internal static List<string> OrdersAndFills(MemoryJournal journal) =>
        [.. journal.Decisions.Select(d => d.Event).Where(e => e.StartsWith("{\"type\":\"order\"", StringComparison.Ordinal)
            || e.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal))];

    private static async Task PublishAll(SessionHarness h)
    {
        foreach (var (stream, json) in Interleaved()) await h.Publish(stream, json);
    }

    /// <summary>Consumed live: each entry published once the session has applied the one before.</summary>
    private static async Task<List<string>> OneByOne()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await using var session = h.NewSession();
        using var cts = new CancellationTokenSource();
        var run = session.RunAsync(cts.Token);
        foreach (var (stream, json) in Interleaved())
        {
            await h.Publish(stream, json);
            while (h.Bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(1);
        }
        await cts.CancelAsync();
        await run;
        Assert.Equal(2 * Candles, h.Journal.Inputs.Count);
        return OrdersAndFills(h.Journal);
    }

    /// <summary>Everything published first, then consumed by sessions each stopped after about <paramref name="restartEvery"/>
    /// inputs (a restart: unacknowledged entries, buffered ones included, are delivered again), or by one session.</summary>
    private static async Task<List<string>> FromBacklog(int readSize, int? restartEvery)
    {
        var h = new SessionHarness(LiveStrategies.Signalled()) { BatchSize = readSize };
        await PublishAll(h);
        for (int sessions = 0; h.Bus.Unacknowledged > 0; sessions++)
        {
            Assert.True(sessions < 1000, "the sessions stopped making progress");
            h.Bus.Restart();
            await using var session = h.NewSession();
            using var cts = new CancellationTokenSource();
            var run = session.RunAsync(cts.Token);
            long until = h.Journal.Inputs.Count + (restartEvery ?? int.MaxValue);
            while (session.Inputs < until && h.Bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(1);
            await cts.CancelAsync();
            await run;
        }
        Assert.Equal(2 * Candles, h.Journal.Inputs.Count);
        Assert.All(h.Journal.Inputs, i => Assert.Null(i.Rejected));
        return OrdersAndFills(h.Journal);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(512, null)]
    [InlineData(1, 5)]
    [InlineData(7, 9)]
    [InlineData(512, 25)]
    public async Task Backlog_read_size_and_restarts_give_the_orders_of_the_run_consumed_live(int readSize, int? restartEvery)
    {
        var live = await OneByOne();
        // 30 buys and 30 closes, each filled at the next open but the last close (no candle after it)
        Assert.Equal(Candles - 1, live.Count(e => e.StartsWith("{\"type\":\"fill\"", StringComparison.Ordinal)));
        Assert.Equal(live, await FromBacklog(readSize, restartEvery));
    }

    [Fact]
    public async Task A_signal_is_applied_at_the_candle_written_after_it_even_when_read_in_one_batch_with_it()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        var bars = LiveStrategies.Rising(3);
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(1, bars[0]));
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(2, bars[1]));
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(1, 1));
        await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(3, bars[2]));
        await h.RunUntilDrained();
        Assert.Equal(["candle/A/0", "candle/A/86400000", "signal/model/s1", "candle/A/172800000"], h.Journal.Inputs.Select(i => i.Key));
        var order = Assert.Single(OrdersAndFills(h.Journal), e => e.Contains("\"state\":\"submitted\"", StringComparison.Ordinal));
        Assert.Contains("\"time\":259200000", order, StringComparison.Ordinal);   // decided at the third candle's close
    }
}
