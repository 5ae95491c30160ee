namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Trend() =>
    [
        Bar("adx", "Average directional index", [Period(14, 2)], ["adx", "plus_di", "minus_di"],
            a => new AverageDirectionalIndex(a.Integer("period"))),
        Bar("plus_di", "Plus directional indicator", [Period(14, 2)], ["value"],
            a => new PlusDirectionalIndicator(a.Integer("period"))),
        Bar("minus_di", "Minus directional indicator", [Period(14, 2)], ["value"],
            a => new MinusDirectionalIndicator(a.Integer("period"))),
    ];
}
