using Baton.Engine.Events;

namespace Baton.Engine.Trading;

/// <summary>Where the engine reports to. Every sink is optional.</summary>
public sealed record EngineSinks(IEventSink? Events = null, IEquitySink? Equity = null)
{
    public static readonly EngineSinks None = new();
}

/// <summary>Discards events (benchmarks, look-ahead probes).</summary>
public sealed class NullEventSink : IEventSink
{
    public static readonly NullEventSink Instance = new();

    public void Publish(EngineEvent e)
    {
    }
}

/// <summary>Keeps every event in memory, in order (tests, small runs).</summary>
public sealed class EventLog : IEventSink
{
    private readonly List<EngineEvent> _events = [];

    public IReadOnlyList<EngineEvent> Events => _events;

    public void Publish(EngineEvent e) => _events.Add(e);
}
