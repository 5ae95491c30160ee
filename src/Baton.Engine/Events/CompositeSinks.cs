namespace Baton.Engine.Events;

/// <summary>Gives every equity mark to two sinks, in order. Two fields, not a list: each call site then sees one
/// sink type, which the JIT can call directly (it runs once per timestamp).</summary>
public sealed class CompositeEquitySink(IEquitySink first, IEquitySink second) : IEquitySink
{
    public void OnEquity(long time, double equity, double cash, double drawdown)
    {
        first.OnEquity(time, equity, cash, drawdown);
        second.OnEquity(time, equity, cash, drawdown);
    }
}

/// <summary>Fans one event out to several sinks, in order.</summary>
public sealed class CompositeEventSink(params IEventSink[] sinks) : IEventSink
{
    public void Publish(EngineEvent e)
    {
        foreach (var sink in sinks) sink.Publish(e);
    }
}
