using Baton.Engine.Components;
using Baton.Engine.Events;

namespace Baton.Components;

/// <summary>
/// The messages of one component run, kept in a fixed order so run files stay deterministic: stdout warnings
/// (in line order), then stderr lines, then the outcome. Only the first <see cref="MaxWarnings"/> warnings and
/// <see cref="MaxStderrLines"/> stderr lines are kept and published; all are counted. Thread-safe: stdout and
/// stderr are read concurrently.
/// </summary>
internal sealed class ComponentLog(string component, Action<ComponentMessage>? onMessage)
{
    public const int MaxWarnings = 50;
    public const int MaxStderrLines = 100;
    private const int MaxMessageChars = 2000;
    private readonly Lock _lock = new();
    private readonly List<ComponentMessage> _warnings = [];
    private readonly List<ComponentMessage> _stderr = [];
    private readonly List<ComponentMessage> _errors = [];
    private readonly Queue<string> _lastStderr = new();

    public long Warnings { get; private set; }
    public long Errors { get; private set; }
    public long StderrLines { get; private set; }

    /// <summary>The last few stderr lines (for the message of a failure: a Python traceback ends with the exception).</summary>
    public string LastStderr
    {
        get
        {
            lock (_lock) return string.Join(" | ", _lastStderr);
        }
    }

    public void Warning(string text) => Add(_warnings, Severity.Warning, text, MaxWarnings, () => Warnings++,
        $"more than {MaxWarnings} warnings; the rest are counted, not logged");

    public void Stderr(string text)
    {
        lock (_lock)
        {
            _lastStderr.Enqueue(Clip(text, 300));
            if (_lastStderr.Count > 3) _lastStderr.Dequeue();
        }
        Add(_stderr, Severity.Stderr, text, MaxStderrLines, () => StderrLines++,
            $"more than {MaxStderrLines} stderr lines; the rest are counted, not logged");
    }

    public void Error(string text) => Add(_errors, Severity.Error, text, int.MaxValue, () => Errors++, "");

    /// <summary>Every kept message in the fixed order.</summary>
    public IReadOnlyList<ComponentMessage> Messages
    {
        get
        {
            lock (_lock) return [.. _warnings, .. _stderr, .. _errors];
        }
    }

    /// <summary>Publishes the kept messages, in order, as <see cref="MessageLogged"/>s at <paramref name="time"/>.</summary>
    public void PublishTo(IEventSink events, long time)
    {
        foreach (var m in Messages)
            events.Publish(new MessageLogged(time, m.Level, $"component {m.Component}: {m.Text}"));
    }

    private void Add(List<ComponentMessage> list, Severity level, string text, int max, Action count, string overflow)
    {
        ComponentMessage? message = null;
        lock (_lock)
        {
            count();
            if (list.Count < max) message = new ComponentMessage(component, level, Clip(text, MaxMessageChars));
            else if (list.Count == max) message = new ComponentMessage(component, level, overflow);
            if (message is { } m) list.Add(m);
        }
        if (message is { } added) onMessage?.Invoke(added);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
