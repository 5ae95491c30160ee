using System.Text.Json;
using Baton.Engine.Events;

namespace Baton.Engine.Reporting;

/// <summary>Writes every event as one JSON line, as it happens, to a file committed at the end of the run.</summary>
public sealed class JsonlEventWriter(AtomicFile file) : IEventSink
{
    public void Publish(EngineEvent e)
    {
        file.Writer.Write(JsonSerializer.Serialize(e, Formats.Json));
        file.Writer.Write('\n');
    }
}

/// <summary>Writes <c>time,equity,cash,drawdown</c> per timestamp to a file committed at the end of the run.</summary>
public sealed class CsvEquityWriter : IEquitySink
{
    private readonly AtomicFile _file;

    public CsvEquityWriter(AtomicFile file)
    {
        _file = file;
        _file.Writer.Write("time,equity,cash,drawdown\n");
    }

    public void OnEquity(long time, double equity, double cash, double drawdown)
    {
        var w = _file.Writer;
        w.Write(Formats.Time(time));
        w.Write(',');
        w.Write(Formats.Number(equity));
        w.Write(',');
        w.Write(Formats.Number(cash));
        w.Write(',');
        w.Write(Formats.Number(drawdown));
        w.Write('\n');
    }
}

/// <summary>Fans one event out to several sinks, in order.</summary>
public sealed class EventFanOut(params IEventSink[] sinks) : IEventSink
{
    public void Publish(EngineEvent e)
    {
        foreach (var sink in sinks) sink.Publish(e);
    }
}
