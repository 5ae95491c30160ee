using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Strategy;

namespace Baton.Research.Trials;

/// <summary>The candles every trial of a sweep runs over: one source and one window, as <c>baton backtest --data --from
/// --to</c> would give them, and the runner of external components when the strategy has any.</summary>
public sealed record TrialData(ICandleSource Source, TimeRange Range, IComponentHost? Components = null);

/// <summary>The strategy of a trial: the sweep's strategy file loaded with the trial's parameters, exactly as
/// <c>baton backtest --set</c> loads it (the CLI implements it over Baton.Yaml). Throws the loader's validation
/// error for values the strategy refuses.</summary>
public interface IStrategyVariants
{
    /// <summary>The strategy file (for messages and the manifest's hash).</summary>
    string SourceFile { get; }

    /// <summary>The names the strategy's <c>parameters:</c> section declares, in its order.</summary>
    IReadOnlyList<string> ParameterNames { get; }

    StrategyDefinition Load(IReadOnlyList<ParameterSetting> settings);
}
