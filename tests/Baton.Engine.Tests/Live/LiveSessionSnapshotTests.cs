using Baton.Engine.Live;

namespace Baton.Engine.Tests.Live;

/// <summary>
/// Restart = latest snapshot + the inputs after it: a session that journals snapshots and restarts from them decides
/// exactly what a session that re-feeds its whole journal decides (decision for decision, the same portfolio), and a
/// snapshot that cannot be trusted is dropped with a log line for a full re-feed.
/// </summary>
public sealed class LiveSessionSnapshotTests
{
    private static readonly Baton.Engine.Strategy.StrategyDefinition Strategy = SnapshotFeed.EveryIndicator("AAA", "BBB");

    [Fact]
    public async Task Restarts_from_snapshots_decide_what_full_re_feeds_decide()
    {
        var messages = SnapshotFeed.Messages(Strategy, 150, seed: 7);
        var snapshots = new SessionHarness(Strategy) { SnapshotEvery = 40, BatchSize = 16 };
        var refeeds = new SessionHarness(Strategy) { SnapshotEvery = 0, BatchSize = 16 };
        int third = messages.Count / 3;
        foreach (var h in new[] { snapshots, refeeds })
            for (int part = 0; part < 3; part++)
            {
                foreach (var (stream, json) in messages.Skip(part * third).Take(part == 2 ? int.MaxValue : third)) await h.Publish(stream, json);
                await h.RunUntilDrained();   // a restart each time: the second and third restore from the journal
            }
        Assert.True(snapshots.Journal.SnapshotsWritten >= messages.Count / 40 - 1, $"{snapshots.Journal.SnapshotsWritten} snapshots written");
        Assert.Null(refeeds.Journal.Snapshot);
        Assert.Contains(snapshots.Log, l => l.Contains("(snapshot at ", StringComparison.Ordinal));
        Assert.Equal(refeeds.Journal.Inputs.Count, snapshots.Journal.Inputs.Count);
        Assert.Contains(refeeds.Journal.Decisions, d => d.Event.Contains("\"fill\"", StringComparison.Ordinal));
        Assert.Equal(refeeds.Journal.Decisions, snapshots.Journal.Decisions);
        Assert.Equal(refeeds.Journal.Portfolio, snapshots.Journal.Portfolio);
    }

    [Fact]
    public async Task A_snapshot_that_does_not_fit_is_dropped_for_a_full_re_feed()
    {
        var messages = SnapshotFeed.Messages(Strategy, 60, seed: 3);
        var h = new SessionHarness(Strategy) { SnapshotEvery = 20, BatchSize = 16 };
        foreach (var (stream, json) in messages) await h.Publish(stream, json);
        await h.RunUntilDrained();
        var good = h.Journal.Snapshot!;
        var damaged = good.State.ToArray();
        damaged[^9] ^= 0xFF;   // inside the last fields of the state
        h.Journal.Snapshot = good with { State = damaged[..^1] };
        var session = await h.RunUntilDrained();   // the journaled portfolio is checked after the re-feed: it throws on a mismatch
        Assert.Contains(h.Log, l => l.Contains($"snapshot at input {good.Sequence} refused", StringComparison.Ordinal)
            && l.Contains("re-feeding the whole journal", StringComparison.Ordinal));
        Assert.Equal(h.Journal.Inputs.Count, session.Inputs);
    }
}
