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
        Bar("aroon", "Aroon", [Period(14)], ["up", "down", "osc"], a => new Aroon(a.Integer("period"))),
        Bar("supertrend", "SuperTrend",
            [Period(10), Real("multiplier", 3, 0, 100, "band width in ATRs")], ["value", "direction"],
            a => new SuperTrend(a.Integer("period"), a.Number("multiplier"))),
        Bar("psar", "Parabolic SAR",
            [Real("acceleration", 0.02, 0.001, 1, "acceleration factor step"), Real("maximum", 0.2, 0.001, 1, "acceleration factor cap")],
            ["value", "direction"], a => new ParabolicSar(a.Number("acceleration"), a.Number("maximum")))
            with { Relations = [new ParameterRelation("acceleration", "maximum", Strict: false)] },
        Bar("ichimoku", "Ichimoku cloud (causal)",
            [Bars("tenkan", 9, 1, "conversion line window"), Bars("kijun", 26, 1, "base line window"),
             Bars("senkou", 52, 1, "leading span B window"), Bars("displacement", 26, 0, "bars the spans lead and the lagging span trails")],
            ["tenkan", "kijun", "senkou_a", "senkou_b", "chikou"],
            a => new IchimokuCloud(a.Integer("tenkan"), a.Integer("kijun"), a.Integer("senkou"), a.Integer("displacement"))),
        Series("linreg", "Linear regression", [Period(14, 2)], ["slope", "value"],
            a => new LinearRegression(a.Integer("period"))),
    ];
}
