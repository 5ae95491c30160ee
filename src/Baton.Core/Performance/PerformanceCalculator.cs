namespace Baton.Core.Performance;

/// <summary>
/// Computes <see cref="PerformanceMetrics"/> at the end of a run from the end-of-day equity series (as kept
/// by <see cref="PerformanceTracker.DailyEquities"/>) and the realised P&amp;L of the closed trades.
/// Two passes over N returns; nothing here is on the per-candle path.
/// </summary>
public static class PerformanceCalculator
{
    /// <summary>Trading days per year, the default annualisation.</summary>
    public const int DefaultPeriodsPerYear = 252;

    /// <summary>Computes the metrics; see <see cref="PerformanceMetrics"/> for every formula and null rule.</summary>
    /// <param name="dailyEquity">End-of-day equities <c>E_0..E_N</c>, <c>E_0</c> the starting equity (&gt; 0); all finite.</param>
    /// <param name="closedTradePnl">Realised P&amp;L of each closed trade, net of costs, in account currency.</param>
    /// <param name="exposure">Fraction of bars with a position open, from the tracker; null when unknown.</param>
    /// <param name="periodsPerYear">Returns per year used to annualise; 252 for daily returns.</param>
    public static PerformanceMetrics Compute(
        ReadOnlySpan<double> dailyEquity,
        ReadOnlySpan<decimal> closedTradePnl,
        double? exposure = null,
        int periodsPerYear = DefaultPeriodsPerYear)
    {
        Validate(dailyEquity, periodsPerYear);
        var returns = ReturnMoments.Of(dailyEquity);
        var drawdown = new DrawdownMeter();
        foreach (double equity in dailyEquity) drawdown.Update(equity);

        int n = returns.Count;
        double start = dailyEquity[0];
        double end = dailyEquity[^1];
        double sqrtPeriods = Math.Sqrt(periodsPerYear);
        double? cagr = n == 0 ? null : Finite(Math.Pow(end / start, (double)periodsPerYear / n) - 1.0);
        double maxDrawdown = drawdown.MaxDrawdown;
        var deepest = drawdown.Deepest;
        var longest = drawdown.Longest;
        return new PerformanceMetrics
        {
            PeriodsPerYear = periodsPerYear,
            StartEquity = start,
            EndEquity = end,
            ReturnCount = n,
            YearsByPeriods = (double)n / periodsPerYear,
            TotalReturn = end / start - 1.0,
            Cagr = cagr,
            MeanReturn = returns.Mean,
            ReturnStandardDeviation = returns.StandardDeviation,
            AnnualizedVolatility = Finite(returns.StandardDeviation * sqrtPeriods),
            Sharpe = Finite(returns.Mean / returns.StandardDeviation * sqrtPeriods),
            DownsideDeviationAnnualized = Finite(returns.DownsideDeviation * sqrtPeriods),
            Sortino = Finite(returns.Mean * periodsPerYear / (returns.DownsideDeviation * sqrtPeriods)),
            MaxDrawdown = maxDrawdown,
            Calmar = maxDrawdown == 0.0 ? null : Finite(cagr / Math.Abs(maxDrawdown)),
            MaxDrawdownEpisode = deepest,
            MaxDrawdownDurationDays = deepest?.Duration ?? 0,
            LongestDrawdownEpisode = longest,
            LongestDrawdownDurationDays = longest?.Duration ?? 0,
            DrawdownEpisodeCount = drawdown.EpisodeCount,
            Exposure = exposure,
            Trades = TradeStatistics.From(closedTradePnl),
        };
    }

    private static void Validate(ReadOnlySpan<double> dailyEquity, int periodsPerYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodsPerYear, 1);
        if (dailyEquity.IsEmpty)
            throw new ArgumentException("The equity series needs at least the starting equity.", nameof(dailyEquity));
        if (!(dailyEquity[0] > 0.0))
            throw new ArgumentException($"The starting equity must be greater than 0, not {dailyEquity[0]}.", nameof(dailyEquity));
        for (int i = 0; i < dailyEquity.Length; i++)
        {
            if (!double.IsFinite(dailyEquity[i]))
                throw new ArgumentException($"Equity at index {i} is {dailyEquity[i]}; every equity must be finite.", nameof(dailyEquity));
        }
    }

    /// <summary>Null for null, NaN and ±∞ (0/0, x/0 and powers of negative ratios end up here).</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Moments of the simple returns of an equity series; null where undefined.</summary>
    private readonly record struct ReturnMoments(int Count, double? Mean, double? StandardDeviation, double? DownsideDeviation)
    {
        public static ReturnMoments Of(ReadOnlySpan<double> equity)
        {
            int n = equity.Length - 1;
            if (n == 0) return new ReturnMoments(0, null, null, null);
            double sum = 0.0, downsideSquares = 0.0;
            for (int t = 1; t <= n; t++)
            {
                double r = equity[t] / equity[t - 1] - 1.0;
                sum += r;
                if (r < 0.0) downsideSquares += r * r;
            }
            double mean = sum / n;
            double? deviation = null;
            if (n >= 2)
            {
                double squares = 0.0;
                for (int t = 1; t <= n; t++)
                {
                    double d = equity[t] / equity[t - 1] - 1.0 - mean;
                    squares += d * d;
                }
                deviation = Math.Sqrt(squares / (n - 1));
            }
            return new ReturnMoments(n, mean, deviation, Math.Sqrt(downsideSquares / n));
        }
    }
}
