namespace Baton.Core.Indicators;

/// <summary>The list of indicator types. Add a type here and it is known to YAML, the CLI and the contract test.</summary>
internal static class IndicatorCatalog
{
    private static IndicatorParameter Period(double def) =>
        new("period", def, 1, 100_000, true, "number of bars in the window");

    public static IndicatorDescriptor[] Build()
    {
        IndicatorDescriptor[] all =
        [
            new("sma", "Simple moving average", IndicatorInput.Series, [Period(20)], ["value"],
                a => new SimpleMovingAverage(a.Integer("period"))),
        ];
        Array.Sort(all, (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return all;
    }
}
