namespace Baton.Core.Tests.Indicators;

public static partial class IndicatorCases
{
    private static IEnumerable<IndicatorCase> Recomputed() =>
    [
        Recompute("rma", "period=14", d => Naive.Rma(d.Close, 14)),
        Recompute("hma", "period=20", d => Naive.Wma(
            Naive.Zip(Naive.Wma(d.Close, 10), Naive.Wma(d.Close, 20), (h, f) => 2 * h - f), 4)),
        Recompute("hma", "period=9", d => Naive.Wma(
            Naive.Zip(Naive.Wma(d.Close, 4), Naive.Wma(d.Close, 9), (h, f) => 2 * h - f), 3)),
        Recompute("natr", "period=14", d => Naive.Zip(Naive.Atr(d, 14), d.Close, (a, c) => 100 * a / c)),
        Recompute("midpoint", "period=14", d => Naive.Zip(
            Naive.Window(d.Close, 14, Naive.Max), Naive.Window(d.Close, 14, Naive.Min), (h, l) => (h + l) / 2)),
        Recompute("momentum", "period=10", d => Naive.Difference(d.Close, 10)),
    ];
}
