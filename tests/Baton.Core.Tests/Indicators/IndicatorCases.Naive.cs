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
        Recompute("stddev", "period=20", d => Naive.Window(d.Close, 20, Naive.PopulationStdDev)),
        Recompute("stddev", "period=5", d => Naive.Window(d.Close, 5, Naive.PopulationStdDev)),
        Recompute("zscore", "period=20", d => NaiveOscillators.ZScore(d.Close, 20)),
        Recompute("keltner", "period=20,multiplier=2,atr_period=10", d =>
        {
            var middle = Naive.Ema(Naive.Typical(d), 20);
            var atr = Naive.Atr(d, 10);
            return [Naive.Zip(middle, atr, (m, a) => m + 2 * a), middle, Naive.Zip(middle, atr, (m, a) => m - 2 * a)];
        }),
        Recompute("supertrend", "period=10,multiplier=3", d => NaiveTrend.SuperTrend(d, 10, 3)),
        Recompute("supertrend", "period=7,multiplier=1.5", d => NaiveTrend.SuperTrend(d, 7, 1.5)),
        Recompute("psar", "acceleration=0.02,maximum=0.2", d => NaiveTrend.ParabolicSar(d, 0.02, 0.2)),
        Recompute("ichimoku", "tenkan=9,kijun=26,senkou=52,displacement=26", d => NaiveTrend.Ichimoku(d, 9, 26, 52, 26)),
        Recompute("aroon", "period=14", d => NaiveTrend.Aroon(d, 14)),
        Recompute("aroon", "period=25", d => NaiveTrend.Aroon(d, 25)),
        Recompute("linreg", "period=14", d => NaiveTrend.LinearRegression(d.Close, 14)),
        Recompute("mfi", "period=14", d => NaiveOscillators.MoneyFlowIndex(d, 14)),
        Recompute("vwap", "session_hours=24", d => NaiveOscillators.Vwap(d, 24)),
        Recompute("vwap", "session_hours=168", d => NaiveOscillators.Vwap(d, 168)),
        Recompute("vwap", "session_hours=0", d => NaiveOscillators.Vwap(d, 0)),
        Recompute("cmo", "period=14", d => NaiveOscillators.ChandeMomentum(d.Close, 14)),
        Recompute("trix", "period=15", d => NaiveOscillators.Trix(d.Close, 15)),
        Recompute("ultosc", "short=7,medium=14,long=28", d => NaiveOscillators.Ultimate(d, 7, 14, 28)),
        Recompute("ultosc", "short=28,medium=7,long=14", d => NaiveOscillators.Ultimate(d, 7, 14, 28)),
        Recompute("stochrsi", "rsi_period=14,stoch_period=14,smooth_k=3,d=3",
            d => NaiveOscillators.StochasticRsi(d.Close, 14, 14, 3, 3)),
        Recompute("dpo", "period=20", d => NaiveOscillators.Detrended(d.Close, 20)),
        Recompute("dpo", "period=5", d => NaiveOscillators.Detrended(d.Close, 5)),
        Recompute("ppo", "fast=12,slow=26,signal=9", d => NaiveOscillators.PercentagePrice(d.Close, 12, 26, 9)),
    ];
}
