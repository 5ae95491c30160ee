using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Baton.Core.Performance;

/// <summary>
/// Streaming performance of one portfolio: equity, high-water mark, drawdown, the equity the current day
/// started from, end-of-day equities and exposure. <see cref="Record"/> is called once per timestamp, after
/// every symbol at that time is processed, and costs O(1) with no allocation beyond the amortised growth of
/// the daily-equity list. The risk manager reads <see cref="Drawdown"/> and <see cref="DailyPnl"/> from here.
/// </summary>
/// <remarks>
/// Bars are indexed from 0 = the initial equity, so bar <c>k</c> is the <c>k</c>-th recorded. Days are
/// calendar days in the zone given at construction (UTC by default); a bar belongs to the day of
/// <c>close - 1 ms</c>, so a bar closing on midnight counts to the day that ends there. Equity is assumed
/// positive; ratios against a non-positive equity are not meaningful.
/// </remarks>
public sealed class PerformanceTracker
{
    private readonly DrawdownMeter _drawdown = new();
    private readonly DayBoundary _days;
    private readonly List<double> _dailyEquity;
    private long _currentDay;
    private readonly int? _periodsPerYear;
    private bool _weekendDays;
    private int _dayFirstBar;     // BarsRecorded when the current day began
    private int _mostBarsInADay;  // over the days before the current one

    /// <summary>Starts tracking from <paramref name="initialEquity"/>, before any bar.</summary>
    /// <param name="initialEquity">Starting capital in account currency; finite and &gt; 0.</param>
    /// <param name="dayBoundaryZone">
    /// Zone whose local midnight separates trading days, resolved by the caller (Core reads no clock or
    /// zone database); null means UTC.
    /// </param>
    /// <param name="periodsPerYear">Return periods per year used to annualise metrics (default 252). Returns are daily, so
    /// up to 366 it counts days; a larger number counts bars (525,600 for 1-minute bars around the clock) and is turned into
    /// days by the data's bars per day. Null infers it from the data's calendar: 365 when any day with a bar is a Saturday or
    /// Sunday, else 252.</param>
    public PerformanceTracker(double initialEquity, TimeZoneInfo? dayBoundaryZone = null,
        int? periodsPerYear = PerformanceCalculator.DefaultPeriodsPerYear)
    {
        if (!double.IsFinite(initialEquity) || initialEquity <= 0)
            throw new ArgumentOutOfRangeException(nameof(initialEquity), initialEquity, "Initial equity must be finite and greater than 0.");
        if (periodsPerYear is { } ppy) ArgumentOutOfRangeException.ThrowIfLessThan(ppy, 1);
        InitialEquity = initialEquity;
        Equity = initialEquity;
        DayStartEquity = initialEquity;
        _periodsPerYear = periodsPerYear;
        DayBoundaryZone = dayBoundaryZone ?? TimeZoneInfo.Utc;
        _days = new DayBoundary(DayBoundaryZone);
        _dailyEquity = new List<double>(capacity: 256) { initialEquity };
        _drawdown.Update(initialEquity);
    }

    /// <summary>Starting capital, in account currency.</summary>
    public double InitialEquity { get; }

    /// <summary>Return periods (days) per year the metrics annualise with, and where the number came from; see the
    /// constructor. Inferred values depend on the bars recorded so far.</summary>
    public (int Days, string Source) PeriodsPerYear => _periodsPerYear switch
    {
        null => _weekendDays ? (365, "inferred: the data has bars on weekend days") : (252, "inferred: no bars on weekend days"),
        { } days when days <= MaxDaysPerYear => (days, "strategy"),
        { } bars => BarsPerYearAsDays(bars),
    };

    private const int MaxDaysPerYear = 366;

    private (int, string) BarsPerYearAsDays(int bars)
    {
        // the fullest day, not the mean: a window rarely starts and ends at midnight
        int barsPerDay = Math.Max(_mostBarsInADay, BarsRecorded - _dayFirstBar);
        int perYear = barsPerDay > 0 ? (int)Math.Clamp(Math.Round((double)bars / barsPerDay), 1, MaxDaysPerYear) : 365;
        return (perYear, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"strategy: {bars:N0} bars a year at {barsPerDay} bars a day (the data's fullest day)"));
    }

    /// <summary>The zone whose local midnight separates days.</summary>
    public TimeZoneInfo DayBoundaryZone { get; }

    /// <summary>Last recorded equity (initial equity before the first bar), in account currency.</summary>
    public double Equity { get; private set; }

    /// <summary>Highest equity so far, the initial equity included.</summary>
    public double HighWaterMark => _drawdown.HighWaterMark;

    /// <summary>Equity / high-water mark - 1: a fraction ≤ 0 (-0.2 is 20 % below the peak).</summary>
    public double Drawdown => _drawdown.Drawdown;

    /// <summary>Deepest drawdown so far: a fraction ≤ 0, the initial equity included.</summary>
    public double MaxDrawdown => _drawdown.MaxDrawdown;

    /// <summary>Bars since the last peak while under water; 0 at the peak.</summary>
    public int DrawdownDurationBars => _drawdown.CurrentDurationBars;

    /// <summary>Longest drawdown so far in bars, peak to recovery (or to now when still under water).</summary>
    public int LongestDrawdownDurationBars => _drawdown.Longest?.Duration ?? 0;

    /// <summary>
    /// Equity when the current day began: the last equity recorded before its first bar, or the initial
    /// equity on day one. See <see cref="DayStartEquityAt"/> for a bar not yet recorded.
    /// </summary>
    public double DayStartEquity { get; private set; }

    /// <summary><see cref="Equity"/> / <see cref="DayStartEquity"/> - 1: today's profit or loss as a fraction.</summary>
    public double DailyPnl => Equity / DayStartEquity - 1.0;

    /// <summary>Timestamps recorded so far.</summary>
    public int BarsRecorded { get; private set; }

    /// <summary>Recorded timestamps at which a position was open.</summary>
    public int BarsInMarket { get; private set; }

    /// <summary><see cref="BarsInMarket"/> / <see cref="BarsRecorded"/>, a fraction; null before the first bar.</summary>
    public double? Exposure => BarsRecorded == 0 ? null : (double)BarsInMarket / BarsRecorded;

    /// <summary>Close instant of the last recorded bar, Unix ms UTC; <see cref="long.MinValue"/> before the first.</summary>
    public long LastTimeMs { get; private set; } = long.MinValue;

    /// <summary>
    /// End-of-day equities: element 0 is the initial equity, then the last equity of each day that had a bar
    /// (the last element is today's equity so far). Daily returns come from consecutive elements. The span
    /// is valid until the next <see cref="Record"/>.
    /// </summary>
    public ReadOnlySpan<double> DailyEquities => CollectionsMarshal.AsSpan(_dailyEquity);

    /// <summary>
    /// The equity the day of the bar closing at <paramref name="closeTimeMs"/> starts from, for a check made
    /// before that bar is recorded: <see cref="DayStartEquity"/> if it is in the current day, else
    /// <see cref="Equity"/> (a new day starts from the last equity).
    /// </summary>
    public double DayStartEquityAt(long closeTimeMs) =>
        BarsRecorded > 0 && _days.DayOf(closeTimeMs) == _currentDay ? DayStartEquity : Equity;

    /// <summary>Records the portfolio's equity at a bar's close.</summary>
    /// <param name="timeMs">The bar's close instant, Unix ms UTC; strictly after the previous one.</param>
    /// <param name="equity">Marked-to-market equity in account currency; finite.</param>
    /// <param name="inMarket">True when any position was open over the bar (counts towards exposure).</param>
    public void Record(long timeMs, double equity, bool inMarket)
    {
        if (timeMs <= LastTimeMs) ThrowTimeNotIncreasing(timeMs, LastTimeMs);
        if (!double.IsFinite(equity)) ThrowNotFinite(equity);
        long day = _days.DayOf(timeMs);
        if (BarsRecorded == 0 || day != _currentDay)
        {
            DayStartEquity = Equity;
            _currentDay = day;
            _mostBarsInADay = Math.Max(_mostBarsInADay, BarsRecorded - _dayFirstBar);
            _dayFirstBar = BarsRecorded;
            _dailyEquity.Add(equity);
            _weekendDays |= IsWeekend(day);
        }
        else
        {
            CollectionsMarshal.AsSpan(_dailyEquity)[^1] = equity;   // no list-indexer call per bar
        }
        Equity = equity;
        LastTimeMs = timeMs;
        BarsRecorded++;
        if (inMarket) BarsInMarket++;
        _drawdown.Update(equity);
    }

    /// <summary>
    /// <see cref="Record"/> of the same <paramref name="equity"/>, out of the market, at each of <paramref name="timesMs"/>
    /// (strictly increasing), with the same effect as one call per time but O(days) in a zone without daylight saving:
    /// the first time of each day is recorded as usual, the rest of that day's times only count bars and move the clock
    /// (the day's equity, the high-water mark and the drawdown cannot change under a constant equity).
    /// </summary>
    public void RecordConstant(ReadOnlySpan<long> timesMs, double equity)
    {
        int i = 0;
        while (i < timesMs.Length)
        {
            Record(timesMs[i], equity, false);
            int end = i + 1;
            if (_days.NextDayStart(timesMs[i]) is not { } next)
            {
                i = end;
                continue;
            }
            int past = timesMs[end..].BinarySearch(next);   // times before the next day's first close are this day's
            end += past >= 0 ? past : ~past;
            int same = end - i - 1;
            if (same > 0)
            {
                if (timesMs[end - 1] <= LastTimeMs) ThrowTimeNotIncreasing(timesMs[end - 1], LastTimeMs);
                LastTimeMs = timesMs[end - 1];
                BarsRecorded += same;
                _drawdown.UpdateRepeated(equity, same);
            }
            i = end;
        }
    }

    /// <summary>Computes the end-of-run metrics from <see cref="DailyEquities"/>, exposure and the closed trades.</summary>
    /// <param name="closedTradePnl">Realised profit or loss of each closed trade, net of costs, in account currency.</param>
    public PerformanceMetrics ComputeMetrics(ReadOnlySpan<decimal> closedTradePnl)
    {
        var (days, source) = PeriodsPerYear;
        return PerformanceCalculator.Compute(DailyEquities, closedTradePnl, Exposure, days) with { PeriodsPerYearSource = source };
    }

    /// <summary>Day numbers count from 1970-01-01, a Thursday.</summary>
    private static bool IsWeekend(long day) => (((day + 4) % 7) + 7) % 7 is 0 or 6;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTimeNotIncreasing(long timeMs, long lastTimeMs) =>
        throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs,
            $"Bar close time must increase: {timeMs} ms follows {lastTimeMs} ms. Record once per timestamp.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(double equity) =>
        throw new ArgumentOutOfRangeException(nameof(equity), equity, "Equity must be a finite number.");
}
