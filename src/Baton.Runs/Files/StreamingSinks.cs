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
