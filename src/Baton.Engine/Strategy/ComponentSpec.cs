namespace Baton.Engine.Strategy;

/// <summary>What an external component computes: indicator values or signal events.</summary>
public enum ComponentKind
{
    Indicator,
    Signal,
}

/// <summary>What a run does when a component crashes, exits non-zero, hangs or floods its output.</summary>
public enum ComponentErrorPolicy
{
    /// <summary>Log the error and go on without the component (its slots stay NaN, so rules reading it stay false).</summary>
    Skip,
    /// <summary>Fail the run.</summary>
    Fail,
}

/// <summary>Where a component reads its candles.</summary>
public enum ComponentDataMode
{
    /// <summary>Baton writes the run's candles to a CSV file and passes its path.</summary>
    Window,
    /// <summary>Baton passes the strategy's own data source (CSV or Parquet path, PostgreSQL URI); generated data falls back to a window.</summary>
    Source,
}

/// <summary>How a component runs in live mode.</summary>
public enum LiveComponentMode
{
    /// <summary>Started once per new candle over a window file of the last <see cref="ComponentSpec.WindowBars"/> candles.</summary>
    Window,
    /// <summary>Started once, reads each new candle as a JSON line on stdin and answers with its lines and an ack.</summary>
    Stream,
}

/// <summary>
/// An external component (<c>type: external</c> in <c>dependencies.indicators</c> or <c>dependencies.signals</c>):
/// a program Baton starts with <c>BATON_*</c> environment variables and whose JSON lines become slot values.
/// </summary>
/// <param name="Command">Program and arguments, split like a shell does for plain words and quotes (no shell runs).</param>
public sealed record ComponentSpec(string Id, ComponentKind Kind, string Command, SourceLocation Location)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Names a signal's slots always have after its id: <c>id.long</c>, <c>id.short</c>, <c>id.direction</c>, <c>id.strength</c>.</summary>
    public static readonly IReadOnlyList<string> SignalFields = ["long", "short", "direction", "strength"];

    /// <summary>The <c>params</c> mapping as a JSON object, passed in <c>BATON_PARAMS</c>.</summary>
    public string ParametersJson { get; init; } = "{}";

    /// <summary>Indicator: its outputs (default one, <c>value</c>). Signal: extra signal names besides its id.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Wall-clock limit of one run of the process (backtest), or of one candle's answer (live).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public ComponentErrorPolicy OnError { get; init; } = ComponentErrorPolicy.Skip;
    public ComponentDataMode Data { get; init; } = ComponentDataMode.Window;

    /// <summary>SQL passed in <c>BATON_DATA_QUERY</c> for components that read PostgreSQL.</summary>
    public string? Query { get; init; }

    /// <summary>PostgreSQL URI for <see cref="Query"/>; null uses the strategy's <c>data.path</c> when it is a PostgreSQL source.</summary>
    public string? Database { get; init; }

    public LiveComponentMode Live { get; init; } = LiveComponentMode.Window;

    /// <summary>Live window mode: how many of the latest candles the window file holds.</summary>
    public int WindowBars { get; init; } = 500;

    /// <summary>Indicator outputs as the component writes them in <c>values</c> (<c>value</c> when none are declared).</summary>
    public IReadOnlyList<string> ValueNames => Outputs.Count > 0 ? Outputs : ["value"];

    /// <summary>Every slot name this component fills, in slot order. Indicator: <c>id</c> (its first output), then
    /// <c>id.output</c> for the others. Signal: <c>id</c>, <c>id.long</c>, <c>id.short</c>, <c>id.direction</c>,
    /// <c>id.strength</c>, then <c>id.name</c> per declared signal name.</summary>
    public IReadOnlyList<string> SlotNames => Kind == ComponentKind.Indicator
        ? [Id, .. ValueNames.Skip(1).Select(o => Id + "." + o)]
        : [Id, .. SignalFields.Select(f => Id + "." + f), .. Outputs.Select(o => Id + "." + o)];

    /// <summary>Every name a rule may read: the slot names plus <c>id.first_output</c> for an indicator.</summary>
    public IEnumerable<string> Names => Kind == ComponentKind.Indicator ? SlotNames.Append(Id + "." + ValueNames[0]) : SlotNames;
}
