using Baton.Engine.Events;
using Baton.Engine.Live;
using Baton.Engine.Strategy;

namespace Baton.Engine.Tests.Live;

/// <summary>Runs <see cref="LiveSession"/>s over one in-process bus and one journal, as restarts of one orchestrator.</summary>
internal sealed class SessionHarness(StrategyDefinition strategy)
{
    public InProcessBus Bus { get; } = new();
    public MemoryJournal Journal { get; } = new();
    public List<EngineEvent> Events { get; } = [];
    public int MaxDeliveries { get; init; } = 5;
    public long SnapshotEvery { get; init; } = 10_000;
    public int BatchSize { get; init; } = 512;
    /// <summary>The sessions' operator log lines.</summary>
    public List<string> Log { get; } = [];

    public Task<string> Publish(string stream, string json) => Bus.PublishAsync(stream, json, CancellationToken.None);

    public LiveSession NewSession() => new(LiveStrategies.Compile(strategy),
        new LiveSessionOptions(Bus, Journal, LiveStrategies.Header(strategy)) {
            MaxDeliveries = MaxDeliveries, MaxPriceAge = null, SnapshotEvery = SnapshotEvery, BatchSize = BatchSize,
            Log = line => { lock (Log) Log.Add(line); },
        });

    /// <summary>A new session (a restart: pending entries are delivered again) that runs until every entry is acknowledged.</summary>
    public async Task<LiveSession> RunUntilDrained(Func<LiveSession, Task>? during = null)
    {
        Bus.Restart();
        var session = NewSession();
        session.Subscribe(new Collect(Events));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = session.RunAsync(cts.Token);
        if (during is not null) await during(session);
        while (Bus.Unacknowledged > 0 && !run.IsCompleted) await Task.Delay(5);
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
