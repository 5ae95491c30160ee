using System.Text.Json;
using Baton.Engine.Events;
using Baton.Runs.Folder;

namespace Baton.Runs.Files;

/// <summary>Writes every event as one JSON line, as it happens, to a file committed at the end of the run.</summary>
internal sealed class JsonlEventWriter(AtomicFile file) : IEventSink
{
    public void Publish(EngineEvent e)
    {
        file.Writer.Write(JsonSerializer.Serialize(e, Formats.Json));
        file.Writer.Write('\n');
    }
}

/// <summary>Writes <c>time,equity,cash,drawdown</c> per timestamp to a file committed at the end of the run, as UTF-8
/// bytes straight to the file's stream (its text writer is never used).</summary>
internal sealed class CsvEquityWriter : IEquitySink
{
    private readonly Stream _stream;
    private readonly CsvLine _line = new(3);

    public CsvEquityWriter(AtomicFile file)
    {
        _stream = file.Writer.BaseStream;
        _stream.Write("time,equity,cash,drawdown\n"u8);
    }

    public void OnEquity(long time, double equity, double cash, double drawdown)
    {
        if (_line.Holds(0, equity) && _line.Holds(1, cash) && _line.Holds(2, drawdown))
        {
            _line.Repeat(time);   // flat, with nothing open: most lines of a long run
        }
        else
        {
            _line.Start(time);
            _line.Add(0, equity);
            _line.Add(1, cash);
            _line.Add(2, drawdown);
            _line.End();
        }
        _stream.Write(_line.Utf8);
    }
}

/// <summary>Gives every equity mark to two sinks, in order. Two fields, not a list: each call site then sees one
/// sink type, which the JIT can call directly (it runs once per timestamp).</summary>
internal sealed class CompositeEquitySink(IEquitySink first, IEquitySink second) : IEquitySink
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
