namespace Baton.Core.Indicators;

/// <summary>The list of indicator types. Add a type here and it is known to YAML, the CLI and the contract test.</summary>
internal static partial class IndicatorCatalog
{
    /// <summary>The longest window of any indicator, in bars: its ring buffers stay under a megabyte each.</summary>
    private const double MaxPeriod = 100_000;

    /// <summary>Two-speed indicators (MACD, PPO, APO, KAMA): the fast period is shorter than the slow one.</summary>
    private static readonly ParameterRelation FastBelowSlow = new("fast", "slow");

    public static IndicatorDescriptor[] Build()
    {
        IndicatorDescriptor[] all = [.. Averages(), .. Oscillators(), .. Trend(), .. Volatility(), .. Volume()];
        Array.Sort(all, (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return all;
    }

    private static IndicatorParameter Period(double def, double min = 1) =>
        new("period", def, min, MaxPeriod, true, "number of bars in the window");

    private static IndicatorParameter Bars(string name, double def, double min, string description) =>
        new(name, def, min, MaxPeriod, true, description);

    private static IndicatorParameter Real(string name, double def, double min, double max, string description) =>
        new(name, def, min, max, false, description);

    private static IndicatorDescriptor Series(string name, string title, IndicatorParameter[] parameters,
        string[] outputs, Func<IndicatorArguments, Indicator> create) =>
        new(name, title, IndicatorInput.Series, parameters, outputs, create);

    private static IndicatorDescriptor Bar(string name, string title, IndicatorParameter[] parameters,
        string[] outputs, Func<IndicatorArguments, Indicator> create) =>
        new(name, title, IndicatorInput.Bar, parameters, outputs, create);
}
