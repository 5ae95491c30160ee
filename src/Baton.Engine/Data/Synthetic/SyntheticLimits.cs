using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data.Checks;

namespace Baton.Engine.Data.Synthetic;

/// <summary>
/// The ranges a synthetic walk accepts, one set for <c>baton data generate</c> and for <c>data: { source: synthetic }</c>,
/// so each names its own option or field with the same limits: start price 1e-6 to 1e10 (the band the walk keeps to,
/// so that its wicks stay within the prices a candle may hold, <see cref="CandleValidator"/>),
/// volatility 0 to 1 and drift -1 to 1 per bar (log returns), 1 to 100,000,000 bars, and a window whose last candle
/// closes by 9999-12-31T23:59:59.999Z.
/// </summary>
public static class SyntheticLimits
{
    public const double MinPrice = 1e-6;
    public const double MaxPrice = 1e10;
    public const double MaxVolatility = 1;
    public const double MaxDrift = 1;
    public const int MaxBars = 100_000_000;

    /// <summary>What is wrong with a start price, or null when it is within range.</summary>
    public static string? PriceProblem(double price) => Within(price, MinPrice, MaxPrice);

    /// <summary>What is wrong with a volatility, or null.</summary>
    public static string? VolatilityProblem(double volatility) => Within(volatility, 0, MaxVolatility);

    /// <summary>What is wrong with a drift, or null.</summary>
    public static string? DriftProblem(double drift) => Within(drift, -MaxDrift, MaxDrift);

    /// <summary>What is wrong with <paramref name="bars"/> candles of <paramref name="timeframe"/> from
    /// <paramref name="start"/>: too few or too many bars, or a last candle that would close past 9999-12-31; null when fine.</summary>
    public static string? WindowProblem(long start, long bars, Timeframe timeframe)
    {
        if (bars < 1 || bars > MaxBars) return $"expected 1 to {MaxBars:N0} bars, got {bars}";
        if (!CandleTimestamp.IsWithinCalendar(start)) return "expected a start within years 1 to 9999";
        long fit = (CandleTimestamp.MaxTime - start) / timeframe.Milliseconds;
        if (bars <= fit) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{bars} bars of {timeframe} from {CandleTimestamp.Format(start)} would end past 9999-12-31, the last representable "
            + $"time; at most {fit} bars fit");
    }

    private static string? Within(double value, double min, double max) => double.IsFinite(value) && value >= min && value <= max
        ? null
        : $"expected a number from {Show(min)} to {Show(max)}, got {Show(value)}";

    private static string Show(double value) => Math.Abs(value) is >= 1e6 or (> 0 and < 1e-4)
        ? value.ToString("0.###############e0", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);
}
