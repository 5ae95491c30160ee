using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Strategy;

namespace Baton.Components;

/// <summary>How the host reaches the run's data and how much it reads.</summary>
/// <param name="DataKind">The run's own data source, for components with <c>data: source</c>.</param>
/// <param name="DataLocation">Its file path (relative to the current directory) or PostgreSQL URI; null for generated data.</param>
/// <param name="OnMessage">Told every kept message as it happens (the CLI prints them).</param>
public sealed record ComponentHostOptions(DataSourceKind DataKind = DataSourceKind.Synthetic, string? DataLocation = null,
    Action<ComponentMessage>? OnMessage = null)
{
    public ComponentLimits Limits { get; init; } = ComponentLimits.Default;
}

/// <summary>One component's run: its report and, when it succeeded, its outputs per symbol (sorted by time).</summary>
public sealed record ComponentResult(ComponentReport Report, ComponentSeries[]? Series, IReadOnlyList<ComponentMessage> Messages);

/// <summary>
/// Runs a strategy's external components before a backtest: writes the run's candles to a window file when a
/// component needs one, then runs each component once over the whole window, in file order, and joins its
/// accepted lines to the run's symbols. A failed component is reported and left out (its slots stay NaN), or
/// fails the run when its <c>on_error</c> is <c>fail</c>.
/// </summary>
public sealed class ComponentHost(ComponentHostOptions options) : IComponentHost
{
    public async Task<ComponentRun> RunAsync(CompiledStrategy strategy, ICandleSource source, TimeRange range, IEventSink events,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(events);
        var results = await RunComponentsAsync(strategy, strategy.Components, source, range, events, cancellationToken).ConfigureAwait(false);
        var feed = new ComponentFeed(strategy.Components, strategy.Definition.Symbols.Count);
        foreach (var (component, result) in strategy.Components.Zip(results))
            if (result.Series is { } series) feed.Attach(component.Index, series);
        return new ComponentRun(feed, [.. results.Select(r => r.Report)]);
    }

    /// <summary>Runs <paramref name="components"/> (of <paramref name="strategy"/>) in order; publishes each one's messages
    /// to <paramref name="events"/> when it ends, and throws <see cref="ComponentFailedException"/> at the first failure
    /// of a component with <c>on_error: fail</c>.</summary>
    public async Task<IReadOnlyList<ComponentResult>> RunComponentsAsync(CompiledStrategy strategy, IEnumerable<CompiledComponent> components,
        ICandleSource source, TimeRange range, IEventSink events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(events);
        var list = components.ToList();
        var d = strategy.Definition;
        using var window = list.Any(c => NeedsWindow(c.Spec))
            ? await WindowFile.WriteAsync(source, d, range, cancellationToken).ConfigureAwait(false)
            : null;
        var context = new ComponentRunContext(d.Symbols, d.Timeframe, window?.First ?? range.From, window?.Last ?? range.To,
            WorkingDirectory(d), string.IsNullOrEmpty(d.SourceFile) ? null : Path.GetFullPath(d.SourceFile));
        var results = new List<ComponentResult>();
        foreach (var component in list)
        {
            var result = await RunOneAsync(component, context, DataFor(component.Spec, window?.Path, context), cancellationToken)
                .ConfigureAwait(false);
            foreach (var m in result.Messages)
                events.Publish(new MessageLogged(context.From ?? 0, m.Level, $"component {m.Component}: {m.Text}"));
            results.Add(result);
            if (result.Series is null && component.Spec.OnError == ComponentErrorPolicy.Fail)
                throw new ComponentFailedException(component.Spec.Id, result.Report.Error ?? "failed");
        }
        return results;
    }

    private async Task<ComponentResult> RunOneAsync(CompiledComponent component, ComponentRunContext context, ComponentDataLocation data,
        CancellationToken cancellationToken)
    {
        var spec = component.Spec;
        var log = new ComponentLog(spec.Id, options.OnMessage);
        var series = new ComponentSeries[context.Symbols.Count];
        for (int s = 0; s < series.Length; s++) series[s] = new ComponentSeries(component);
        ProcessOutcome outcome;
        try
        {
            var info = ComponentEnvironment.StartInfo(spec, context, data, "backtest");
            outcome = await ComponentProcess.RunAsync(info, spec.Timeout, new LineParser(component, context.Symbols, series), log,
                options.Limits, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            outcome = new ProcessOutcome(null, $"command: {e.Message}", 0, 0);
        }
        if (outcome.Ok && outcome.Accepted == 0)
            log.Warning(outcome.Lines == 0 ? "printed nothing on stdout" : "no stdout line was accepted");
        if (!outcome.Ok) log.Error(outcome.Error!);
        foreach (var s in series) s.SortByTime();
        var report = new ComponentReport(spec.Id, spec.Kind, outcome.Ok ? ComponentStatus.Ok : ComponentStatus.Failed)
        {
            ExitCode = outcome.ExitCode,
            Error = outcome.Error,
            Lines = outcome.Lines,
            Accepted = outcome.Accepted,
            Warnings = log.Warnings,
            Errors = log.Errors,
            StderrLines = log.StderrLines,
            Messages = [.. log.Messages.Select(m => $"{WireNames.Of(m.Level)}: {m.Text}")],
        };
        return new ComponentResult(report, outcome.Ok ? series : null, log.Messages);
    }

    private bool NeedsWindow(ComponentSpec spec) =>
        spec.Data == ComponentDataMode.Window || options.DataLocation is null || options.DataKind == DataSourceKind.Synthetic;

    /// <summary>What <c>BATON_DATA_*</c> say for one component.</summary>
    private ComponentDataLocation DataFor(ComponentSpec spec, string? windowPath, ComponentRunContext context)
    {
        string? postgres = spec.Database ?? (options.DataKind == DataSourceKind.Postgres ? options.DataLocation : null);
        if (spec.Data == ComponentDataMode.Source && !NeedsWindow(spec))
        {
            return options.DataKind switch
            {
                DataSourceKind.Postgres => new ComponentDataLocation("postgres", null, postgres, spec.Query ?? ComponentEnvironment.DefaultQuery(context)),
                DataSourceKind.Parquet => new ComponentDataLocation("parquet", Path.GetFullPath(options.DataLocation!), QueryUri(spec, postgres), spec.Query),
                _ => new ComponentDataLocation("csv", Path.GetFullPath(options.DataLocation!), QueryUri(spec, postgres), spec.Query),
            };
        }
        return new ComponentDataLocation("window", windowPath, QueryUri(spec, postgres), spec.Query);
    }

    private static string? QueryUri(ComponentSpec spec, string? postgres) => spec.Query is null ? null : postgres;

    /// <summary>Components run in the strategy file's folder, so relative paths in a command work from anywhere.</summary>
    internal static string WorkingDirectory(StrategyDefinition d) =>
        string.IsNullOrEmpty(d.SourceFile) ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(d.SourceFile)) ?? Directory.GetCurrentDirectory();
}
