using Baton.Core.Orders;
using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;

namespace Baton.Engine.Tests.Live;

/// <summary>The session decides before the journal commit and releases after it (<see cref="LiveSession"/>'s commit pipeline).</summary>
public sealed class LiveSessionCommitTests
{
    private sealed class Collect : IEventSink
    {
        private readonly List<EngineEvent> _events = [];

        public void Publish(EngineEvent e)
        {
            lock (_events) _events.Add(e);
        }

        public bool HasOrder()
        {
            lock (_events) return _events.Any(e => e is OrderStateChanged { State: OrderState.Created });
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "timed out");
    }

    private static (LiveSession Session, GatedJournal Journal, Collect Seen, Func<int> Decided) Start(InProcessBus bus, MemoryJournal memory)
    {
        var strategy = LiveStrategies.Signalled();
        var journal = new GatedJournal(memory);
        var session = new LiveSession(LiveStrategies.Compile(strategy), new LiveSessionOptions(bus, journal, LiveStrategies.Header(strategy)) { MaxPriceAge = null });
        var seen = new Collect();
        var decided = new Collect();
        session.Subscribe(seen);
        session.SubscribeDecisions(decided);
        return (session, journal, seen, () => decided.HasOrder() ? 1 : 0);
    }

    [Fact]
    public async Task An_order_is_decided_before_the_commit_but_seen_and_acknowledged_only_after_it()
    {
        var bus = new InProcessBus();
        var candles = LiveStrategies.Rising(2);
        await bus.PublishAsync(LiveStreams.Prices, LiveStrategies.Candle(1, candles[0]), CancellationToken.None);
        await bus.PublishAsync(LiveStreams.Signals, LiveStrategies.Signal(1, 1), CancellationToken.None);
        await bus.PublishAsync(LiveStreams.Prices, LiveStrategies.Candle(2, candles[1]), CancellationToken.None);
        var memory = new MemoryJournal();
        var (session, journal, seen, decided) = Start(bus, memory);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = session.RunAsync(cts.Token);
        await Until(() => decided() == 1 && journal.Waiting == 1);
        await Task.Delay(50);
        Assert.False(seen.HasOrder());
        Assert.Equal(3, bus.Unacknowledged);
        Assert.Empty(memory.Inputs);
        journal.Open();
        await Until(() => bus.Unacknowledged == 0 && seen.HasOrder());
        Assert.Equal(3, memory.Inputs.Count);
        await cts.CancelAsync();
        await run;
        await session.DisposeAsync();
    }

    [Fact]
    public async Task The_next_batch_is_decided_while_the_previous_one_commits_and_journaled_after_it()
    {
        var bus = new InProcessBus();
        var candles = LiveStrategies.Rising(2);
        await bus.PublishAsync(LiveStreams.Prices, LiveStrategies.Candle(1, candles[0]), CancellationToken.None);
        await bus.PublishAsync(LiveStreams.Signals, LiveStrategies.Signal(1, 1), CancellationToken.None);
        var memory = new MemoryJournal();
        var (session, journal, seen, decided) = Start(bus, memory);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = session.RunAsync(cts.Token);
        await Until(() => journal.Waiting == 1);                 // the first batch is committing, held at the gate
        await bus.PublishAsync(LiveStreams.Prices, LiveStrategies.Candle(2, candles[1]), CancellationToken.None);
        await Until(() => decided() == 1);                        // decided all the same
        Assert.Equal(1, journal.Waiting);                         // one commit in flight, not two
        Assert.False(seen.HasOrder());
        journal.Open();
        await Until(() => bus.Unacknowledged == 0 && seen.HasOrder());
        Assert.Equal([1L, 2L, 3L], memory.Inputs.Select(i => i.Sequence));
        Assert.Equal(2, memory.Commits);
        await cts.CancelAsync();
        await run;
        await session.DisposeAsync();
    }
}
