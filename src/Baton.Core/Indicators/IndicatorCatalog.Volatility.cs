namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Volatility() =>
    [
        Series("bbands", "Bollinger bands",
            [Period(20), Real("stddev", 2, 0, 100, "band width in population standard deviations")],
            ["upper", "middle", "lower"], a => new BollingerBands(a.Integer("period"), a.Number("stddev"))),
        Bar("trange", "True range", [], ["value"], _ => new TrueRange()),
        Bar("atr", "Average true range", [Period(14)], ["value"],
            a => new AverageTrueRange(a.Integer("period"))),
        Bar("natr", "Normalized average true range (percent of close)", [Period(14)], ["value"],
            a => new NormalizedAverageTrueRange(a.Integer("period"))),
        Bar("donchian", "Donchian channel", [Period(20)], ["upper", "lower", "middle"],
            a => new DonchianChannel(a.Integer("period"))),
    ];
}
