using Baton.Core.Performance;

namespace Baton.Core.Tests.Performance;

/// <summary>Which annualisation the metrics use, and that they say where it came from.</summary>
public sealed class PeriodsPerYearTests
{
    // 2024-01-01 was a Monday
    private static readonly long Monday = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Day = 86_400_000;
    private const long Minute = 60_000;

    /// <summary>Records bars closing at <paramref name="closes"/> (ms after Monday 00:00 UTC).</summary>
    private static PerformanceMetrics Track(int? periodsPerYear, IEnumerable<long> closes)
    {
        var tracker = new PerformanceTracker(100, null, periodsPerYear);
        double equity = 100;
        foreach (long t in closes) tracker.Record(Monday + t, equity += 1, inMarket: false);
        return tracker.ComputeMetrics([]);
    }

    private static IEnumerable<long> DailyCloses(params int[] days) => days.Select(d => (d + 1) * Day);

    public static TheoryData<string, int?, long[], int, string> Cases() => new()
    {
        { "weekdays only", null, [.. DailyCloses(0, 1, 2, 3, 4, 7, 8, 9, 10, 11)], 252, "inferred: no bars on weekend days" },
        { "a Saturday", null, [.. DailyCloses(0, 1, 2, 3, 4, 5)], 365, "inferred: the data has bars on weekend days" },
        { "a Sunday", null, [.. DailyCloses(6, 7)], 365, "inferred: the data has bars on weekend days" },
        { "given in days", 300, [.. DailyCloses(0, 5)], 300, "strategy" },
        { "given in 1-minute bars", 525_600, [.. Enumerable.Range(1, 3000).Select(i => 600 * Minute + i * Minute)], 365,
            "strategy: 525,600 bars a year at 1440 bars a day (the data's fullest day)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Periods_per_year_is_given_converted_or_inferred_and_says_which(string name, int? given, long[] closes, int expected,
        string source)
    {
        var m = Track(given, closes);
        Assert.Equal((expected, source), (m.PeriodsPerYear, m.PeriodsPerYearSource));
        Assert.Equal((double)m.ReturnCount / expected, m.YearsByPeriods, 12);                 // and the metrics use it
        _ = name;
    }
}
