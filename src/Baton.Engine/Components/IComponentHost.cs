using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Events;

namespace Baton.Engine.Components;

/// <summary>The outputs of a strategy's components for one backtest, and what became of each component.</summary>
public sealed record ComponentRun(ComponentFeed Feed, IReadOnlyList<ComponentReport> Reports);

/// <summary>
/// Runs a strategy's external components before a backtest loop (the port <c>Baton.Components</c> implements):
/// each one once over the whole window, its lines validated and joined to the run's symbols. Every message is
/// published to the given event sink as a <see cref="MessageLogged"/> as it happens.
/// </summary>
public interface IComponentHost
{
    /// <exception cref="ComponentFailedException">A component with <c>on_error: fail</c> failed.</exception>
    Task<ComponentRun> RunAsync(CompiledStrategy strategy, ICandleSource source, TimeRange range, IEventSink events,
        CancellationToken cancellationToken);
}

/// <summary>A component whose <c>on_error</c> is <c>fail</c> failed: the run stops, no result file is written.</summary>
public sealed class ComponentFailedException : InvalidOperationException
{
    public ComponentFailedException(string component, string reason)
        : base($"component {component} failed: {reason} (on_error: fail)")
    {
        Component = component;
        Reason = reason;
    }

    public string Component { get; }
    public string Reason { get; }
}
