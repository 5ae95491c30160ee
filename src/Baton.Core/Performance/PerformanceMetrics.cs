namespace Baton.Core.Performance;

/// <summary>
/// End-of-run performance, computed by <see cref="PerformanceCalculator"/> from the end-of-day equity series
/// <c>E_0..E_N</c> (<c>E_0</c> the starting equity) and the closed trades. Returns are
/// <c>r_t = E_t / E_(t-1) - 1</c>, N of them; fractions are plain (0.05 is 5 %). Conventions follow
/// empyrical with the risk-free rate 0. Anything undefined for the data is null, never NaN or infinity,
/// so the record serialises to JSON as is.
/// </summary>
public sealed record PerformanceMetrics
{
    /// <summary>Return periods (days, as the returns are daily) per year used to annualise.</summary>
    public required int PeriodsPerYear { get; init; }

    /// <summary>Where <see cref="PeriodsPerYear"/> came from: <c>given</c> to the calculator, <c>strategy</c>, or how it was
    /// inferred or converted (see <see cref="PerformanceTracker"/>).</summary>
    public string PeriodsPerYearSource { get; init; } = "given";

    /// <summary><c>E_0</c>, account currency.</summary>
    public required double StartEquity { get; init; }

    /// <summary><c>E_N</c>, account currency.</summary>
    public required double EndEquity { get; init; }

    /// <summary>N, the number of daily returns (one fewer than the equities).</summary>
    public required int ReturnCount { get; init; }

    /// <summary>N / periods per year.</summary>
    public required double YearsByPeriods { get; init; }

    /// <summary><c>E_N / E_0 - 1</c>.</summary>
    public required double TotalReturn { get; init; }

    /// <summary><c>(E_N / E_0)^(periodsPerYear / N) - 1</c>; null when N = 0.</summary>
    public required double? Cagr { get; init; }

    /// <summary>Arithmetic mean of the returns; null when N = 0.</summary>
    public required double? MeanReturn { get; init; }

    /// <summary>Sample standard deviation of the returns (ddof = 1), per period; null when N &lt; 2.</summary>
    public required double? ReturnStandardDeviation { get; init; }

    /// <summary><see cref="ReturnStandardDeviation"/> · √periodsPerYear; null when N &lt; 2.</summary>
    public required double? AnnualizedVolatility { get; init; }

    /// <summary>mean / stdev(ddof = 1) · √periodsPerYear, risk-free 0; null when N &lt; 2 or the stdev is 0.</summary>
    public required double? Sharpe { get; init; }

    /// <summary>√(Σ min(r, 0)² / N) · √periodsPerYear: the mean over all N returns; null when N = 0.</summary>
    public required double? DownsideDeviationAnnualized { get; init; }

    /// <summary>
    /// mean · periodsPerYear / <see cref="DownsideDeviationAnnualized"/>; null when N = 0 or no return
    /// is negative.
    /// </summary>
    public required double? Sortino { get; init; }

    /// <summary><c>min_t(E_t / max_(s≤t) E_s) - 1</c> over all equities, <c>E_0</c> included: a fraction ≤ 0.</summary>
    public required double MaxDrawdown { get; init; }

    /// <summary><see cref="Cagr"/> / |<see cref="MaxDrawdown"/>|; null when either is undefined or the drawdown is 0.</summary>
    public required double? Calmar { get; init; }

    /// <summary>The episode holding <see cref="MaxDrawdown"/> (the first on ties); null if never under water.</summary>
    public required DrawdownEpisode? MaxDrawdownEpisode { get; init; }

    /// <summary>Duration of <see cref="MaxDrawdownEpisode"/> in days (days with a bar: points of the end-of-day equity
    /// series, whatever the candles' timeframe), peak to recovery or to the end; 0 if none.</summary>
    public required int MaxDrawdownDurationDays { get; init; }

    /// <summary>The episode with the most days from peak to recovery or end (the first on ties); null if none.</summary>
    public required DrawdownEpisode? LongestDrawdownEpisode { get; init; }

    /// <summary>Duration in days (as <see cref="MaxDrawdownDurationDays"/>) of <see cref="LongestDrawdownEpisode"/>; 0 if none.</summary>
    public required int LongestDrawdownDurationDays { get; init; }

    /// <summary>Drawdown episodes, an ongoing one included.</summary>
    public required int DrawdownEpisodeCount { get; init; }

    /// <summary>Fraction of recorded bars with a position open; null when unknown or no bar was recorded.</summary>
    public required double? Exposure { get; init; }

    /// <summary>Statistics of the closed trades.</summary>
    public required TradeStatistics Trades { get; init; }
}
