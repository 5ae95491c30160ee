using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Publishing;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Live;

/// <summary>Runs <see cref="LiveSession"/>s over one in-process bus and one journal, as restarts of one orchestrator.</summary>
internal sealed class SessionHarness(StrategyDefinition strategy)
{
    public InProcessBus Bus { get; } = new();
    public MemoryJournal Journal { get; } = new();
    public List<EngineEvent> Events { get; } = [];
    public int MaxDeliveries { get; init; } = 5;
    public int BatchSize { get; init; } = 512;
    public long SnapshotEvery { get; init; } = 10_000;
    public TimeSpan? MaxFuture { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxSkewBars { get; init; } = 5;

    /// <summary>Where the events' publish cursor is kept: one store for every restart, as Redis keeps it.</summary>
    public MemoryEventCursorStore Cursor { get; set; } = new();
    public JournalHeader Header { get; init; } = LiveStrategies.Header(strategy);
    public int EventQueue { get; init; } = 16_384;
    public List<string> Log { get; } = [];

    /// <summary>Also waited for before a session is stopped, once every entry is acknowledged.</summary>
    public Func<bool>? Until { get; set; }

    /// <summary>What <see cref="LiveSession.SubscribeNumbered"/> handed out, over every session run.</summary>
    public List<LiveEvent> Numbered { get; } = [];

    public Task<string> Publish(string stream, string json) => Bus.PublishAsync(stream, json, CancellationToken.None);

    public LiveSession NewSession() => new(LiveStrategies.Compile(strategy),
        new LiveSessionOptions(Bus, Journal, Header) { MaxDeliveries = MaxDeliveries, MaxPriceAge = null, BatchSize = BatchSize, MaxFuture = MaxFuture,
            MaxSkewBars = MaxSkewBars, EventCursor = Cursor, EventQueue = EventQueue, SnapshotEvery = SnapshotEvery, Log = m => { lock (Log) Log.Add(m); } });

    /// <summary>A new session (a restart: pending entries are delivered again) that runs until every entry is acknowledged.</summary>
    public async Task<LiveSession> RunUntilDrained(Func<LiveSession, Task>? during = null)
    {
        Bus.Restart();
        var session = NewSession();
        session.Subscribe(new Collect(Events));
        session.SubscribeNumbered(e =>
        {
            lock (Numbered) Numbered.Add(e);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = session.RunAsync(cts.Token);
        if (during is not null) await during(session);
        while ((Bus.Unacknowledged > 0 || Until?.Invoke() == false) && !run.IsCompleted) await Task.Delay(5);
        await Task.Delay(20);
        await cts.CancelAsync();
        await run;
        await session.DisposeAsync();
        return session;
    }

    private sealed class Collect(List<EngineEvent> events) : IEventSink
    {
        public void Publish(EngineEvent e)
        {
            lock (events) events.Add(e);
        }
    }
}
