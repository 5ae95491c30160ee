using System.Text.Json;
using Baton.Core.Portfolio;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Publishing;

namespace Baton.Engine.Tests.Live;

/// <summary>
/// Events you can build on (issue 18, contract C3): every event on <c>events:live</c> carries the strategy and its seq, the
/// ordinal among the strategy's journaled events; it is published from the journal after the commit, at least once, so a
/// reader deduping on (strategy, seq) sees every journaled event exactly once, in order. Warnings are journaled (C2).
/// </summary>
public sealed class LiveEventsTests
{
    private static async Task PublishRun(SessionHarness h, int days, int firstDay = 0)
    {
        var candles = LiveStrategies.Rising(days);
        for (int i = firstDay; i < days; i++)
        {
            await h.Publish(LiveStreams.Prices, LiveStrategies.Candle(i + 1, candles[i]));
            if (i % 3 == 0) await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(i / 3 + 1, i % 2 == 0 ? 1 : -1));
        }
    }

    private static List<JsonElement> Published(SessionHarness h) =>
        [.. h.Bus.Entries(LiveStreams.Events).Select(j => JsonDocument.Parse(j!).RootElement)];

    /// <summary>What a reader deduping on (strategy, seq) keeps: the first of each, journaled events only (seq &gt; 0).</summary>
    private static List<(long Seq, string Type)> Deduped(IEnumerable<JsonElement> events)
    {
        var seen = new HashSet<(string, long)>();
        var kept = new List<(long, string)>();
        foreach (var e in events)
        {
            long seq = e.GetProperty("seq").GetInt64();
            if (seq > 0 && seen.Add((e.GetProperty("strategy").GetString()!, seq))) kept.Add((seq, e.GetProperty("type").GetString()!));
        }
        return kept;
    }

    private static List<(long, string)> Journaled(SessionHarness h) =>
        [.. h.Journal.Decisions.Select((d, i) => ((long)i + 1, JsonDocument.Parse(d.Event).RootElement.GetProperty("type").GetString()!))];

    [Fact]
    public async Task Every_journaled_event_reaches_events_live_once_with_strategy_and_seq_after_the_session_announcement()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishRun(h, 30);
        await h.RunUntilDrained();
        var events = Published(h);
        var first = events[0];
        Assert.Equal(("session", "signalled", 0L), (first.GetProperty("type").GetString(), first.GetProperty("strategy").GetString(), first.GetProperty("seq").GetInt64()));
        Assert.Equal(["A"], first.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(("1d", 10_000m), (first.GetProperty("timeframe").GetString(), first.GetProperty("initial_capital").GetDecimal()));
        var journaled = Journaled(h);
        Assert.True(journaled.Count > 30 && journaled.Any(j => j.Item2 == "fill"), $"{journaled.Count} events");
        Assert.Equal(journaled, events.Skip(1).Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("type").GetString()!)));
        // the same JSON as journaled, with the two fields added
        var fill = events.First(e => e.GetProperty("type").GetString() == "fill");
        string journaledFill = h.Journal.Decisions[(int)fill.GetProperty("seq").GetInt64() - 1].Event;
        Assert.Equal(journaledFill[..^1] + ",\"strategy\":\"signalled\",\"seq\":" + fill.GetProperty("seq").GetInt64() + "}", fill.GetRawText());
        // in-process subscribers get the same numbers (0: the portfolio said at start, not journaled)
        Assert.Equal(journaled.Select(j => j.Item1), h.Numbered.Where(n => n.Seq > 0).Select(n => n.Seq));
        Assert.All(h.Numbered, n => Assert.Equal("signalled", n.Strategy));
    }

    [Fact]
    public async Task Restart_publishes_only_what_the_cursor_has_not_seen_and_numbering_goes_on()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishRun(h, 12);
        await h.RunUntilDrained();
        int before = Published(h).Count;
        await PublishRun(h, 24, firstDay: 12);
        await h.RunUntilDrained();
        var after = Published(h).Skip(before).ToList();
        Assert.Equal("session", after[0].GetProperty("type").GetString());
        Assert.Equal(Journaled(h), Deduped(Published(h)));
        Assert.Equal(Journaled(h).Count - (before - 1), after.Count - 1);   // nothing of the first run again
    }

    [Fact]
    public async Task A_lost_cursor_publishes_the_journal_again_with_the_same_seqs()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishRun(h, 12);
        await h.RunUntilDrained();
        var firstRun = Published(h).Skip(1).Select(e => e.GetRawText()).ToList();
        h.Cursor = new MemoryEventCursorStore();   // Redis flushed: the cursor is gone
        await h.RunUntilDrained();
        var again = Published(h).Skip(firstRun.Count + 2).Select(e => e.GetRawText()).ToList();
        Assert.Equal(firstRun, again);   // byte for byte: a reader deduping on (strategy, seq) drops them all
    }

    [Fact]
    public async Task A_full_queue_drops_nothing_the_events_it_had_no_room_for_are_read_back_from_the_journal()
    {
        var h = new SessionHarness(LiveStrategies.Signalled()) { EventQueue = 4 };
        await PublishRun(h, 60);
        h.Until = () => Deduped(Published(h)).Count == h.Journal.Decisions.Count;
        await h.RunUntilDrained();
        var journaled = Journaled(h);
        Assert.True(journaled.Count > 60, $"{journaled.Count} events");
        Assert.Equal(journaled, Deduped(Published(h)));
    }

    [Fact]
    public async Task Gap_and_stale_warnings_are_journaled_as_decisions_of_their_input_and_replay_ignores_them()
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishRun(h, 4);
        await h.Publish(LiveStreams.Signals, LiveStrategies.Signal(9, 1, id: "late"));   // the producer jumps from seq 2 to 9
        await h.RunUntilDrained();
        var input = h.Journal.Inputs.Single(i => i.Key == "signal/model/late").Sequence;
        var warning = Assert.Single(h.Journal.Decisions, d => d.Input == input);
        Assert.Contains("\"type\":\"log\"", warning.Event, StringComparison.Ordinal);
        Assert.Contains("producer model jumped from seq 2 to 9", warning.Event, StringComparison.Ordinal);
        Assert.Contains(Published(h), e => e.GetProperty("type").GetString() == "log" && e.GetProperty("seq").GetInt64() > 0);
        var compiled = LiveStrategies.Compile(LiveStrategies.Signalled());
        var replay = await JournalReplay.RunAsync(h.Journal, compiled, h.MaxSkewBars, CancellationToken.None);
        Assert.True(replay.Identical, string.Join("\n", replay.Differences));
        // a changed warning is not a difference; a changed order still is
        int w = h.Journal.Decisions.IndexOf(warning);
        h.Journal.Decisions[w] = warning with { Event = warning.Event.Replace("jumped", "leapt", StringComparison.Ordinal) };
        Assert.True((await JournalReplay.RunAsync(h.Journal, compiled, h.MaxSkewBars, CancellationToken.None)).Identical);
        int o = h.Journal.Decisions.FindIndex(d => d.Event.Contains("\"type\":\"order\"", StringComparison.Ordinal));
        h.Journal.Decisions[o] = h.Journal.Decisions[o] with { Event = h.Journal.Decisions[o].Event.Replace("\"quantity\":1", "\"quantity\":2", StringComparison.Ordinal) };
        Assert.Equal(1, (await JournalReplay.RunAsync(h.Journal, compiled, h.MaxSkewBars, CancellationToken.None)).DifferenceCount);
    }

    [Theory]
    [InlineData("signalled", true)]
    [InlineData("*", true)]
    [InlineData(null, true)]
    [InlineData("other", false)]
    public async Task Stop_on_control_live_stops_only_the_strategy_it_names(string? strategy, bool stops)
    {
        var h = new SessionHarness(LiveStrategies.Signalled());
        await PublishRun(h, 3);
        await h.Publish(LiveStreams.Control, LiveMessageWriter.Stop("cli", 1, "x", "desk closed", strategy));
        await PublishRun(h, 6, firstDay: 3);
        var session = await h.RunUntilDrained();
        Assert.Equal(stops, session.Engine.Portfolio.State == PortfolioState.Stopped);
        Assert.Equal(stops, h.Journal.Inputs.Any(i => i.Stream == LiveStreams.Control));   // another strategy's stop is not an input
        Assert.Equal(0, h.Bus.Unacknowledged);
        Assert.Equal(stops, h.Events.Any(e => e is TradingStopped { Reason: "desk closed" }));
    }

    [Fact]
    public async Task Stop_sent_before_the_journal_was_created_does_not_stop_a_strategy_started_later()
    {
        var created = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();   // the stop's entry id is an hour older
        var h = new SessionHarness(LiveStrategies.Signalled()) { Header = LiveStrategies.Header(LiveStrategies.Signalled()) with { CreatedAt = created } };
        await h.Publish(LiveStreams.Control, LiveMessageWriter.Stop("cli", 1, "old", "yesterday's stop", "*"));
        await PublishRun(h, 3);
        var session = await h.RunUntilDrained();
        Assert.NotEqual(PortfolioState.Stopped, session.Engine.Portfolio.State);
        Assert.DoesNotContain(h.Journal.Inputs, i => i.Stream == LiveStreams.Control);
        Assert.Equal(0, h.Bus.Unacknowledged);
        Assert.Equal(3, h.Journal.Inputs.Count(i => i.Stream == LiveStreams.Prices));
        Assert.Contains(h.Log, l => l.Contains("stop sent before this journal was created", StringComparison.Ordinal));
    }
}
