using Baton.Engine.Events;

namespace Baton.Cli.Commands;

/// <summary>Counts the run's warnings and errors (log events: the engine's and the components'), keeping the first,
/// so the summary can point at <c>events.jsonl</c> when there are any.</summary>
internal sealed class WarningCounter : IEventSink
{
    public long Count { get; private set; }
    public string? First { get; private set; }

    public void Publish(EngineEvent e)
    {
        if (e is not MessageLogged { Level: Severity.Warning or Severity.Error } log) return;
        Count++;
        First ??= log.Message;
    }
}
