using Baton.Core.Market;
using Baton.Core.Performance;

namespace Baton.Core.Tests.Performance;

public sealed class PerformanceTrackerTests
{
    /// <summary>The toy curve of <c>../shared/data/metrics/equity_toy.csv</c>: row 0 is the starting capital.</summary>
    private static readonly double[] Toy = [100, 110, 99, 120, 90, 95, 130, 117];

    private static readonly long Jan1 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly TimeZoneInfo FixedMinusFive =
        TimeZoneInfo.CreateCustomTimeZone("Test/UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");

    /// <summary>US-Eastern-like: UTC-5, UTC-4 from the 2nd Sunday of March to the 1st Sunday of November.</summary>
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Eastern", TimeSpan.FromHours(-5), "Eastern", "EST", "EDT",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2000, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
        ]);

    private static long Hour(int hoursAfterJan1) => Jan1 + hoursAfterJan1 * Timeframe.Hour;

    private static PerformanceTracker TrackToy(int bars)
    {
        var tracker = new PerformanceTracker(Toy[0]);
        for (int i = 1; i <= bars; i++) tracker.Record(Jan1 + i * Timeframe.Day, Toy[i], inMarket: true);
        return tracker;
    }

    [Fact]
    public void Before_any_bar_the_tracker_reports_the_initial_equity_at_its_peak()
    {
        var tracker = new PerformanceTracker(100);
        Assert.Equal(100, tracker.Equity);
        Assert.Equal(100, tracker.HighWaterMark);
        Assert.Equal(100, tracker.DayStartEquity);
        Assert.Equal(0, tracker.Drawdown);
        Assert.Equal(0, tracker.DailyPnl);
        Assert.Equal(0, tracker.BarsRecorded);
        Assert.Null(tracker.Exposure);
        Assert.Equal([100.0], tracker.DailyEquities.ToArray());
    }

    [Fact]
    public void Record_above_the_peak_raises_the_high_water_mark()
    {
        var tracker = TrackToy(1);
        Assert.Equal(110, tracker.HighWaterMark);
        Assert.Equal(0, tracker.Drawdown);
    }

    [Fact]
    public void Record_below_the_peak_reports_negative_drawdown()
    {
        var tracker = TrackToy(2);
        Assert.Equal(110, tracker.HighWaterMark);
        Assert.Equal(99.0 / 110.0 - 1.0, tracker.Drawdown);
        Assert.Equal(1, tracker.DrawdownDurationBars);
    }

    [Fact]
    public void Max_drawdown_keeps_the_deepest_fall_after_a_partial_recovery()
    {
        var tracker = TrackToy(5);
        Assert.Equal(120, tracker.HighWaterMark);
        Assert.Equal(95.0 / 120.0 - 1.0, tracker.Drawdown);
        Assert.Equal(-0.25, tracker.MaxDrawdown);
        Assert.Equal(2, tracker.DrawdownDurationBars);
    }

    [Fact]
    public void Recovery_ends_the_drawdown_and_counts_bars_from_peak_to_recovery()
    {
        var tracker = TrackToy(6);
        Assert.Equal(130, tracker.HighWaterMark);
        Assert.Equal(0, tracker.Drawdown);
        Assert.Equal(0, tracker.DrawdownDurationBars);
        Assert.Equal(3, tracker.LongestDrawdownDurationBars);
    }

    [Fact]
    public void Daily_bars_give_one_end_of_day_equity_each_and_start_each_day_from_the_previous_close()
    {
        var tracker = TrackToy(7);
        Assert.Equal(Toy, tracker.DailyEquities.ToArray());
        Assert.Equal(130, tracker.DayStartEquity);
        Assert.Equal(117.0 / 130.0 - 1.0, tracker.DailyPnl);
        Assert.Equal(117.0 / 130.0 - 1.0, tracker.Drawdown);
        Assert.Equal(1, tracker.DrawdownDurationBars);
    }

    [Fact]
    public void Day_start_equity_changes_at_local_midnight_of_the_given_zone()
    {
        // UTC-5: local midnight of 2024-01-02 is 05:00 UTC.
        var tracker = new PerformanceTracker(100, FixedMinusFive);
        tracker.Record(Hour(3), 110, inMarket: true);
        tracker.Record(Hour(4), 99, inMarket: true);
        tracker.Record(Hour(5), 120, inMarket: true); // closes on local midnight: still 2024-01-01
        Assert.Equal(100, tracker.DayStartEquity);
        Assert.Equal(0.2, tracker.DailyPnl, 15);

        tracker.Record(Hour(6), 90, inMarket: true); // first bar of 2024-01-02
        Assert.Equal(120, tracker.DayStartEquity);
        Assert.Equal(-0.25, tracker.DailyPnl);
        tracker.Record(Hour(7), 95, inMarket: true);
        Assert.Equal(120, tracker.DayStartEquity);
        Assert.Equal([100.0, 120.0, 95.0], tracker.DailyEquities.ToArray());
    }

    [Fact]
    public void The_same_bars_in_UTC_stay_in_one_day()
    {
        var tracker = new PerformanceTracker(100);
        double[] equities = [110, 99, 120, 90, 95];
        for (int i = 0; i < equities.Length; i++) tracker.Record(Hour(3 + i), equities[i], inMarket: false);
        Assert.Equal(100, tracker.DayStartEquity);
        Assert.Equal(-0.05, tracker.DailyPnl, 15);
        Assert.Equal([100.0, 95.0], tracker.DailyEquities.ToArray());
    }

    [Fact]
    public void A_bar_closing_on_midnight_belongs_to_the_day_it_ends()
    {
        var tracker = new PerformanceTracker(100);
        tracker.Record(Hour(23), 101, inMarket: false);
        tracker.Record(Hour(24), 102, inMarket: false); // 2024-01-02 00:00 UTC closes 2024-01-01
        Assert.Equal(100, tracker.DayStartEquity);
        tracker.Record(Hour(25), 103, inMarket: false);
        Assert.Equal(102, tracker.DayStartEquity);
        Assert.Equal([100.0, 102.0, 103.0], tracker.DailyEquities.ToArray());
    }

    [Theory]
    [InlineData(2024, 1, 15, 5)] // standard time: local midnight at 05:00 UTC
    [InlineData(2024, 7, 15, 4)] // daylight time: local midnight at 04:00 UTC
    public void Day_boundary_follows_daylight_saving_time(int year, int month, int day, int boundaryHourUtc)
    {
        long midnightUtc = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long boundary = midnightUtc + boundaryHourUtc * Timeframe.Hour;
        var tracker = new PerformanceTracker(100, Eastern);
        tracker.Record(boundary - Timeframe.Hour, 101, inMarket: false);
        tracker.Record(boundary, 102, inMarket: false);
        Assert.Equal(100, tracker.DayStartEquity);
        tracker.Record(boundary + Timeframe.Hour, 103, inMarket: false);
        Assert.Equal(102, tracker.DayStartEquity);
    }

    [Fact]
    public void Day_start_equity_at_a_bar_not_yet_recorded_sees_the_new_day()
    {
        var tracker = new PerformanceTracker(100, FixedMinusFive);
        Assert.Equal(100, tracker.DayStartEquityAt(Hour(3)));
        tracker.Record(Hour(4), 110, inMarket: false);
        Assert.Equal(100, tracker.DayStartEquityAt(Hour(5))); // closes on local midnight: same day
        tracker.Record(Hour(5), 120, inMarket: false);
        Assert.Equal(120, tracker.DayStartEquityAt(Hour(5) + 1)); // just past midnight: a new day
        Assert.Equal(120, tracker.DayStartEquityAt(Hour(6)));
        Assert.Equal(100, tracker.DayStartEquity); // recorded state is unchanged
    }

    [Fact]
    public void Exposure_is_the_fraction_of_bars_in_the_market()
    {
        var tracker = new PerformanceTracker(100);
        tracker.Record(Hour(1), 100, inMarket: true);
        tracker.Record(Hour(2), 100, inMarket: false);
        tracker.Record(Hour(3), 100, inMarket: true);
        Assert.Equal(2, tracker.BarsInMarket);
        Assert.Equal(2.0 / 3.0, tracker.Exposure);
        Assert.Equal(2.0 / 3.0, tracker.ComputeMetrics([]).Exposure);
    }

    [Fact]
    public void Record_at_a_time_not_after_the_last_throws()
    {
        var tracker = new PerformanceTracker(100);
        tracker.Record(Hour(1), 101, inMarket: false);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Record(Hour(1), 102, inMarket: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Record(Hour(0), 102, inMarket: false));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Record_of_a_non_finite_equity_throws(double equity)
    {
        var tracker = new PerformanceTracker(100);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Record(Hour(1), equity, inMarket: false));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Construction_with_a_non_positive_initial_equity_throws(double initialEquity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformanceTracker(initialEquity));

    [Fact]
    public void Record_allocates_nothing_within_the_daily_list_capacity()
    {
        foreach (var zone in new[] { TimeZoneInfo.Utc, FixedMinusFive, Eastern })
        {
            RecordHours(new PerformanceTracker(100, zone), 48); // warm up the JIT and the zone's caches
            var tracker = new PerformanceTracker(100, zone);
            long before = GC.GetAllocatedBytesForCurrentThread();
            RecordHours(tracker, 24 * 100);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"{zone.Id}: {allocated} bytes allocated");
        }
    }

    [Theory]
    [InlineData(200.0, "UTC")]        // a new peak: the peak moves with every bar
    [InlineData(90.0, "UTC")]         // under water: the episode grows
    [InlineData(90.0, "Europe/Paris")] // a zone with daylight saving: bar by bar
    public void Record_constant_equals_one_record_per_time(double equity, string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var one = new PerformanceTracker(100, tz, null);
        var bulk = new PerformanceTracker(100, tz, null);
        RecordHours(one, 30);
        RecordHours(bulk, 30);
        // 2,000 hourly bars with a gap of three days in the middle, then a few bars of another equity
        long[] times = [.. Enumerable.Range(31, 1000).Select(Hour), .. Enumerable.Range(1103, 1000).Select(Hour)];
        foreach (long t in times) one.Record(t, equity, inMarket: false);
        bulk.RecordConstant(times, equity);
        for (int i = 2200; i < 2210; i++)
        {
            one.Record(Hour(i), 95 + i % 3, false);
            bulk.Record(Hour(i), 95 + i % 3, false);
        }
        Assert.Equal(one.DailyEquities.ToArray(), bulk.DailyEquities.ToArray());
        Assert.Equal((one.BarsRecorded, one.BarsInMarket, one.LastTimeMs, one.Equity, one.DayStartEquity),
            (bulk.BarsRecorded, bulk.BarsInMarket, bulk.LastTimeMs, bulk.Equity, bulk.DayStartEquity));
        Assert.Equal((one.HighWaterMark, one.Drawdown, one.MaxDrawdown, one.DrawdownDurationBars, one.LongestDrawdownDurationBars),
            (bulk.HighWaterMark, bulk.Drawdown, bulk.MaxDrawdown, bulk.DrawdownDurationBars, bulk.LongestDrawdownDurationBars));
        Assert.Equal(one.PeriodsPerYear, bulk.PeriodsPerYear);
        Assert.Equal(one.ComputeMetrics([1m, -2m]), bulk.ComputeMetrics([1m, -2m]));
    }

    private static void RecordHours(PerformanceTracker tracker, int hours)
    {
        for (int i = 1; i <= hours; i++) tracker.Record(Hour(i), 100 + (i % 7), inMarket: i % 2 == 0);
    }
}
