namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Oscillators() =>
    [
        Series("rsi", "Relative strength index", [Period(14)], ["value"],
            a => new RelativeStrengthIndex(a.Integer("period"))),
        Series("macd", "Moving average convergence divergence",
            [
                Bars("fast", 12, 1, "fast EMA period"), Bars("slow", 26, 2, "slow EMA period"),
                Bars("signal", 9, 1, "signal EMA period"),
                new("independent_seed", 0, 0, 1, true, "0: TA-Lib seeding (both EMAs start at bar slow); 1: each EMA seeded from bar 0"),
            ],
            ["macd", "signal", "hist"],
            a => new MovingAverageConvergenceDivergence(a.Integer("fast"), a.Integer("slow"), a.Integer("signal"),
                a.Integer("independent_seed") != 0)),
        Bar("stoch", "Stochastic oscillator",
            [Bars("k", 14, 1, "bars in the high/low window"), Bars("smooth_k", 3, 1, "SMA period of %K"), Bars("d", 3, 1, "SMA period of %D")],
            ["k", "d"], a => new Stochastic(a.Integer("k"), a.Integer("smooth_k"), a.Integer("d"))),
        Bar("cci", "Commodity channel index", [Period(20)], ["value"],
            a => new CommodityChannelIndex(a.Integer("period"))),
        Bar("willr", "Williams %R", [Period(14)], ["value"],
            a => new WilliamsPercentRange(a.Integer("period"))),
        Series("roc", "Rate of change (percent)", [Period(10)], ["value"],
            a => new RateOfChange(a.Integer("period"))),
        Series("momentum", "Momentum (difference over the window)", [Period(10)], ["value"],
            a => new Momentum(a.Integer("period"))),
    ];
}
