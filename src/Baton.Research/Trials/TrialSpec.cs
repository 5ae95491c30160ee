using Baton.Core.Performance;
using Baton.Core.Portfolio;

namespace Baton.Research.Trials;

/// <summary>One parameter of a trial as <c>baton backtest --set NAME=VALUE</c> takes it: the value is the exact text
/// (<c>10</c>, <c>2%</c>, <c>0.5</c>), so a trial and the backtest it must equal load the same strategy.</summary>
public sealed record ParameterSetting(string Name, string Value)
{
    public override string ToString() => Name + "=" + Value;
}

/// <summary>A trial to run: its id (stable for a sweep: the row of <c>trials.csv</c>, the key a resume skips by) and
/// its parameters, in the sweep's parameter order.</summary>
public sealed record TrialSpec(int Id, IReadOnlyList<ParameterSetting> Settings);

/// <summary>What a trial produced: everything a sweep records, ranks and tests for luck, nothing per candle.
/// <see cref="Error"/> is set (and the rest empty) when the trial could not run, for instance a parameter value the
/// strategy refuses; a sweep records it and goes on.</summary>
public sealed record TrialOutcome(int Id, IReadOnlyList<ParameterSetting> Settings)
{
    public PerformanceMetrics? Metrics { get; init; }
    public int Orders { get; init; }
    /// <summary>The run's fills hash (<c>manifest.json</c>'s <c>fills_hash</c> of the same backtest).</summary>
    public string? FillsHash { get; init; }
    public double FinalEquity { get; init; }
    public PortfolioState FinalState { get; init; }
    public long Candles { get; init; }
    public ReturnProfile? Returns { get; init; }
    public string? Error { get; init; }
}
