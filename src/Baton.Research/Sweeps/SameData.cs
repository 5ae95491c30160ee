using Baton.Engine.Strategy;
using Baton.Research.Parameters;
using Baton.Research.Trials;

namespace Baton.Research.Sweeps;

/// <summary>Every trial of a sweep runs over the same candles: a parameter that changes the symbols, the timeframe or
/// the data section is refused before any trial runs. Checked by loading the strategy with each value of each parameter
/// (the others at their first value) against the strategy as written (no swept value), whose symbols, timeframe and data
/// the sweep reads: a parameter swept over a single value that changes them is refused too, since the sweep would
/// otherwise run over other data than <c>baton backtest --set</c> of that value.</summary>
internal static class SameData
{
    public static void Require(ParameterSpace space, IStrategyVariants variants)
    {
        var baseline = space.Settings(0);
        StrategyDefinition? first = TryLoad(variants, []) ?? TryLoad(variants, baseline);
        for (int a = 0; a < space.Axes.Count; a++)
        {
            for (int v = 0; v < space.Axes[a].Count; v++)
            {
                var settings = baseline.ToArray();
                settings[a] = new ParameterSetting(space.Axes[a].Name, space.Axes[a].Values[v]);
                if (TryLoad(variants, settings) is not { } strategy) continue;
                first ??= strategy;
                if (Difference(first, strategy) is { } what)
                    throw new SweepInputException($"--param {settings[a]}: changes the strategy's {what}; every trial of a sweep "
                        + "must run over the same symbols, timeframe and data");
            }
        }
    }

    private static StrategyDefinition? TryLoad(IStrategyVariants variants, IReadOnlyList<ParameterSetting> settings)
    {
        try
        {
            return variants.Load(settings);
        }
        catch (InvalidTrialException)
        {
            return null;   // the trial will fail on its own, with this message
        }
    }

    private static string? Difference(StrategyDefinition a, StrategyDefinition b) =>
        !a.Symbols.SequenceEqual(b.Symbols) ? "symbols"
        : a.Timeframe != b.Timeframe ? "timeframe"
        : a.Data != b.Data ? "data"
        : null;
}
