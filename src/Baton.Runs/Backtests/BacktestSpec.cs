using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Runs.Files;

namespace Baton.Runs.Backtests;

/// <summary>A backtest to run: the strategy, its candles and the window; what else hears it; and where its files go.</summary>
public sealed record BacktestSpec(StrategyDefinition Strategy, ICandleSource Source, TimeRange Range)
{
    /// <summary>Runs the strategy's external components; required when it has any.</summary>
    public IComponentHost? Components { get; init; }

    /// <summary>Also receives every event (besides <c>events.jsonl</c>), such as a progress log.</summary>
    public IEventSink? Events { get; init; }

    /// <summary>Also receives every equity mark (besides <c>equity.csv</c>).</summary>
    public IEquitySink? Equity { get; init; }

    /// <summary>The run folder to write; null writes no file at all (a sweep's trial: only the result comes back).</summary>
    public RunOutput? Output { get; init; }
}

/// <summary>Where a run's files go and what they are made of.</summary>
/// <param name="Folder">The run folder (created when needed; see <see cref="Folder.RunFolder"/>).</param>
/// <param name="DataFile">The data file the candles come from, if any: hashed for <c>manifest.json</c>, and never
/// overwritten by the run's files.</param>
/// <param name="Report">Writes <c>report.html</c> beside the files; the run is published only when it is written.</param>
public sealed record RunOutput(string Folder, string? DataFile = null, bool Report = true)
{
    /// <summary>The hash of <see cref="DataFile"/>, already started by the caller (who disposes it), for instance before the
    /// strategy was loaded; when null the run starts its own as it starts.</summary>
    public DataFileHash? DataHash { get; init; }

    /// <summary>Writes more files into the run's staging folder after its own (tests use it to make a run fail at the end).</summary>
    internal Action<string>? Finish { get; init; }
}
