namespace Baton.Core.Indicators;

internal static partial class IndicatorCatalog
{
    private static IEnumerable<IndicatorDescriptor> Averages() =>
    [
        Series("sma", "Simple moving average", [Period(20)], ["value"],
            a => new SimpleMovingAverage(a.Integer("period"))),
        Series("ema", "Exponential moving average", [Period(20)], ["value"],
            a => new ExponentialMovingAverage(a.Integer("period"))),
        Series("wma", "Weighted moving average", [Period(20)], ["value"],
            a => new WeightedMovingAverage(a.Integer("period"))),
        Series("rma", "Wilder's smoothed moving average", [Period(14)], ["value"],
            a => new WildersMovingAverage(a.Integer("period"))),
        Series("dema", "Double exponential moving average", [Period(20)], ["value"],
            a => new DoubleExponentialMovingAverage(a.Integer("period"))),
        Series("tema", "Triple exponential moving average", [Period(20)], ["value"],
            a => new TripleExponentialMovingAverage(a.Integer("period"))),
        Series("kama", "Kaufman adaptive moving average",
            [Period(10), Bars("fast", 2, 1, "fastest smoothing, in bars"), Bars("slow", 30, 1, "slowest smoothing, in bars")],
            ["value"], a => new KaufmanAdaptiveMovingAverage(a.Integer("period"), a.Integer("fast"), a.Integer("slow")))
            with { Relations = [FastBelowSlow] },
        Series("hma", "Hull moving average", [Period(20, 2)], ["value"],
            a => new HullMovingAverage(a.Integer("period"))),
        Series("max", "Highest input over the window", [Period(20)], ["value"],
            a => new MovingMaximum(a.Integer("period"))),
        Series("min", "Lowest input over the window", [Period(20)], ["value"],
            a => new MovingMinimum(a.Integer("period"))),
        Series("midpoint", "Midpoint of the window's highest and lowest input", [Period(14)], ["value"],
            a => new MidPoint(a.Integer("period"))),
        Bar("highest", "Highest high over the window", [Period(20)], ["value"],
            a => new HighestHigh(a.Integer("period"))),
        Bar("lowest", "Lowest low over the window", [Period(20)], ["value"],
            a => new LowestLow(a.Integer("period"))),
    ];
}
