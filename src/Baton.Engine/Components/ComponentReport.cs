using Baton.Engine.Events;
using Baton.Engine.Strategy;

namespace Baton.Engine.Components;

/// <summary>One logged line about a component, e.g. <c>stdout line 12: expected "ts"</c>.</summary>
public readonly record struct ComponentMessage(string Component, Severity Level, string Text)
{
    public override string ToString() => $"{WireNames.Of(Level)}: component {Component}: {Text}";
}

/// <summary>What became of a component in a run.</summary>
public enum ComponentStatus
{
    /// <summary>Ran and exited 0; its accepted lines are in use.</summary>
    Ok,
    /// <summary>Crashed, exited non-zero, timed out, flooded its output or could not start: the run went on without it.</summary>
    Failed,
}

/// <summary>
/// The summary of one component in a run, written to <c>metrics.json</c> under <c>components</c> and printed by the CLI.
/// <see cref="Messages"/> keeps the first warnings and errors (and
/// stderr lines); the counters count them all.
/// </summary>
public sealed record ComponentReport(string Id, ComponentKind Kind, ComponentStatus Status)
{
    public int? ExitCode { get; init; }
    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; init; }
    public long Lines { get; init; }
    /// <summary>Lines accepted as values or events.</summary>
    public long Accepted { get; init; }
    public long Warnings { get; init; }
    public long Errors { get; init; }
    public long StderrLines { get; init; }
    public IReadOnlyList<string> Messages { get; init; } = [];
}
