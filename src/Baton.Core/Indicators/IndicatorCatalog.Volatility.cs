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
        Bar("keltner", "Keltner channel",
            [Period(20), Real("multiplier", 2, 0, 100, "band width in ATRs"), Bars("atr_period", 10, 1, "ATR period")],
            ["upper", "middle", "lower"],
            a => new KeltnerChannel(a.Integer("period"), a.Number("multiplier"), a.Integer("atr_period"))),
        Series("stddev", "Standard deviation (population)", [Period(20)], ["value"],
            a => new StandardDeviation(a.Integer("period"))),
        Series("zscore", "Z-score within the window", [Period(20, 2)], ["value"],
            a => new ZScore(a.Integer("period"))),
    ];
}
