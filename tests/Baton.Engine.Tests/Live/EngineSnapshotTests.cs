using System.Text;
using System.Text.Json;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Snapshots;
using Baton.Engine.Strategy;
using Baton.Yaml;

namespace Baton.Engine.Tests.Live;

/// <summary>
/// A snapshot written into a fresh engine (of a strategy compiled again) and then fed the rest of the inputs decides
/// exactly what the engine fed every input decides: the same decision JSON, the same portfolio, and the same state down to
/// the last indicator buffer (the final snapshots are byte-identical). Cut at many points of runs over every indicator
/// type, two symbols, trade-built bars, external signals, working orders, brackets and a stopped session, and over every
/// example strategy that runs live.
/// </summary>
public sealed class EngineSnapshotTests
{
    private const string Text = "strategy text";

    public static TheoryData<string, int, bool, int> Runs => new()
    {
        { "one symbol", 1, false, -1 },
        { "two symbols", 2, false, -1 },
        { "trade-built bars", 2, true, -1 },
        { "stopped half-way", 2, false, 150 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Restore_then_the_rest_equals_feeding_everything_for_every_indicator(string name, int symbols, bool trades, int stopAt)
    {
        var d = SnapshotFeed.EveryIndicator([.. new[] { "AAA", "BBB" }.Take(symbols)]);
        var messages = SnapshotFeed.Messages(d, 300, seed: name.Length, trades, stopAt);
        AssertRestoresAnywhere(d, messages);
    }

    public static TheoryData<string> Examples => [.. Directory.GetFiles(Path.Combine(SnapshotFeed.RepositoryRoot(), "examples", "strategies"), "*.yaml")
        .Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Restore_then_the_rest_equals_feeding_everything_for_every_example_strategy(string file)
    {
        var d = StrategyLoader.Load(Path.Combine(SnapshotFeed.RepositoryRoot(), "examples", "strategies", file));
        if (LiveEngine.Unsupported(LiveStrategies.Compile(d)) is not null) return;   // external indicators do not run live
        AssertRestoresAnywhere(d, SnapshotFeed.Messages(d, 400, seed: file.Length));
    }

    [Fact]
    public void A_snapshot_for_another_strategy_text_is_refused()
    {
        var d = SnapshotFeed.EveryIndicator("AAA");
        var (blob, _) = Fed(d, SnapshotFeed.Messages(d, 30, 1));
        var e = Assert.Throws<SnapshotRefusedException>(() => EngineSnapshot.Restore(blob, Fresh(d), "another text"));
        Assert.Contains("another strategy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_from_another_build_is_refused()
    {
        var d = SnapshotFeed.EveryIndicator("AAA");
        var (blob, _) = Fed(d, SnapshotFeed.Messages(d, 30, 1));
        var build = Encoding.UTF8.GetBytes(EngineSnapshot.Build);
        int at = blob.AsSpan().IndexOf(build);
        blob[at] ^= 1;
        var e = Assert.Throws<SnapshotRefusedException>(() => EngineSnapshot.Restore(blob, Fresh(d), Text));
        Assert.Contains("another build", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_of_another_engine_shape_with_the_same_text_is_refused_not_trusted()
    {
        var d = SnapshotFeed.EveryIndicator("AAA");
        var (blob, _) = Fed(d, SnapshotFeed.Messages(d, 30, 1));
        var e = Assert.Throws<SnapshotRefusedException>(() => EngineSnapshot.Restore(blob, Fresh(LiveStrategies.Signalled("AAA")), Text));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_snapshot_is_refused()
    {
        var d = SnapshotFeed.EveryIndicator("AAA");
        var (blob, _) = Fed(d, SnapshotFeed.Messages(d, 30, 1));
        Assert.Throws<SnapshotRefusedException>(() => EngineSnapshot.Restore(blob[..(blob.Length / 2)], Fresh(d), Text));
    }

    /// <summary>Feeds every message to one engine, snapshotting at cut points; restores each snapshot into a fresh engine of
    /// a strategy compiled again, feeds it the rest and compares decisions, portfolio and final state.</summary>
    private static void AssertRestoresAnywhere(StrategyDefinition d, List<(string Stream, string Json)> messages)
    {
        int n = messages.Count;
        int[] cuts = [1, n / 7, n / 3, n / 2, (2 * n) / 3, n - 1];
        var state = Fresh(d);
        var decisions = new List<string>[n];
        var blobs = new Dictionary<int, byte[]>();
        for (int i = 0; i < n; i++)
        {
            if (cuts.Contains(i)) blobs[i] = EngineSnapshot.Capture(state, Text, i);
            decisions[i] = Apply(state, messages, i);
        }
        Assert.Contains(decisions, list => list.Any(e => e.Contains("\"fill\"", StringComparison.Ordinal)));
        var final = EngineSnapshot.Capture(state, Text, n);
        string portfolio = Portfolio(state);
        foreach (int cut in cuts)
        {
            var restored = Fresh(d);
            Assert.Equal(cut, EngineSnapshot.Restore(blobs[cut], restored, Text));
            for (int i = cut; i < n; i++) Assert.Equal(decisions[i], Apply(restored, messages, i));
            Assert.Equal(portfolio, Portfolio(restored));
            Assert.Equal(state.Stopped, restored.Stopped);
            Assert.True(final.AsSpan().SequenceEqual(EngineSnapshot.Capture(restored, Text, n)), $"state after restoring at {cut} differs");
        }
    }

    private static (byte[] Blob, SessionState State) Fed(StrategyDefinition d, List<(string, string)> messages)
    {
        var state = Fresh(d);
        for (int i = 0; i < messages.Count; i++) Apply(state, messages, i);
        return (EngineSnapshot.Capture(state, Text, messages.Count), state);
    }

    private static SessionState Fresh(StrategyDefinition d) => new(new LiveEngine(LiveStrategies.Compile(d)), new SequenceGaps(), new InputCursor());

    private static List<string> Apply(SessionState state, List<(string Stream, string Json)> messages, int i)
    {
        var m = SnapshotFeed.Parse(messages[i], i);
        state.Gaps.Observe(messages[i].Stream, m.Producer, m.Sequence);
        if (state.Engine.Check(m) is { } problem) return ["refused: " + problem];
        var events = state.Engine.Apply(m, stale: false);
        foreach (var e in events) if (e is TradingStopped s) state.Stopped = s;
        return [.. events.Select(e => JsonSerializer.Serialize(e, Formats.Json))];
    }

    private static string Portfolio(SessionState state) => JsonSerializer.Serialize<EngineEvent>(state.Engine.Snapshot(), Formats.Json);
}
