using System.Text.Json;
using Baton.Core.Market;
using Baton.Core.Performance;

namespace Baton.Core.Tests.Performance;

/// <summary>
/// Feeds each reference equity curve to <see cref="PerformanceTracker"/> bar by bar (daily bars closing at the
/// next midnight UTC) and compares the metrics with the independent script's, 1e-9 relative, counts exactly.
/// </summary>
public sealed class PerformanceReferenceTests
{
    private const double RelativeTolerance = 1e-9;

    public static TheoryData<string> Curves => new() { "toy", "synthetic_bh", "real_bh" };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Metrics_from_the_tracked_curve_match_the_reference(string curve)
    {
        using var reference = MetricsReference.Load(curve);
        var metrics = Track(reference).ComputeMetrics([]);
        var json = reference.Root;

        Assert.Equal(json.GetProperty("rows").GetInt32(), metrics.ReturnCount + 1);
        Assert.Equal(json.GetProperty("returns").GetInt32(), metrics.ReturnCount);
        Assert.Equal(json.GetProperty("periods_per_year").GetInt32(), metrics.PeriodsPerYear);
        AssertClose(json, "years_by_periods", metrics.YearsByPeriods);
        AssertClose(json, "start_equity", metrics.StartEquity);
        AssertClose(json, "end_equity", metrics.EndEquity);
        AssertClose(json, "total_return", metrics.TotalReturn);
        AssertClose(json, "cagr", metrics.Cagr);
        AssertClose(json, "mean_return", metrics.MeanReturn);
        AssertClose(json, "stdev_return_ddof1", metrics.ReturnStandardDeviation);
        AssertClose(json, "annualized_volatility", metrics.AnnualizedVolatility);
        AssertClose(json, "sharpe", metrics.Sharpe);
        AssertClose(json, "downside_deviation_annualized", metrics.DownsideDeviationAnnualized);
        AssertClose(json, "sortino", metrics.Sortino);
        AssertClose(json, "max_drawdown", metrics.MaxDrawdown);
        AssertClose(json, "calmar", metrics.Calmar);
        Assert.Equal(json.GetProperty("max_drawdown_duration_bars").GetInt32(), metrics.MaxDrawdownDurationDays);
        Assert.Equal(json.GetProperty("longest_drawdown_duration_bars").GetInt32(), metrics.LongestDrawdownDurationDays);
        Assert.Equal(json.GetProperty("drawdown_episode_count").GetInt32(), metrics.DrawdownEpisodeCount);
        AssertEpisode(json.GetProperty("max_drawdown_episode"), metrics.MaxDrawdownEpisode);
        AssertEpisode(json.GetProperty("longest_drawdown_episode"), metrics.LongestDrawdownEpisode);
        Assert.Equal(1.0, metrics.Exposure);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Tracker_state_at_the_end_of_the_curve_matches_the_reference(string curve)
    {
        using var reference = MetricsReference.Load(curve);
        var tracker = Track(reference);
        var json = reference.Root;

        Assert.Equal(reference.Equity, tracker.DailyEquities.ToArray());
        Assert.Equal(json.GetProperty("returns").GetInt32(), tracker.BarsRecorded);
        AssertClose(json, "max_drawdown", tracker.MaxDrawdown);
        Assert.Equal(json.GetProperty("longest_drawdown_duration_bars").GetInt32(), tracker.LongestDrawdownDurationBars);
        Assert.Equal(reference.Equity.Max(), tracker.HighWaterMark);
        Assert.Equal(reference.Equity[^1], tracker.Equity);
        Assert.Equal(reference.Equity[^2], tracker.DayStartEquity);
    }

    /// <summary>Row 0 is the starting capital; each later row is a daily bar recorded at its close.</summary>
    private static PerformanceTracker Track(MetricsReference reference)
    {
        var tracker = new PerformanceTracker(reference.Equity[0]);
        for (int i = 1; i < reference.Equity.Length; i++)
            tracker.Record(reference.OpenTimesMs[i] + Timeframe.Day, reference.Equity[i], inMarket: true);
        return tracker;
    }

    private static void AssertClose(JsonElement json, string field, double? actual)
    {
        double expected = json.GetProperty(field).GetDouble();
        Assert.True(actual.HasValue, $"{field}: expected {expected:R}, got null");
        double error = Math.Abs(actual.Value - expected);
        Assert.True(error <= RelativeTolerance * Math.Abs(expected),
            $"{field}: expected {expected:R}, got {actual.Value:R} (relative error {error / Math.Abs(expected):E2})");
    }

    private static void AssertEpisode(JsonElement expected, DrawdownEpisode? actual)
    {
        Assert.True(actual.HasValue, "episode: expected one, got null");
        var episode = actual.Value;
        Assert.Equal(expected.GetProperty("peak_index").GetInt32(), episode.PeakIndex);
        Assert.Equal(expected.GetProperty("trough_index").GetInt32(), episode.TroughIndex);
        var recovery = expected.GetProperty("recovery_index");
        Assert.Equal(recovery.ValueKind == JsonValueKind.Null ? null : recovery.GetInt32(), episode.RecoveryIndex);
        Assert.Equal(expected.GetProperty("ongoing").GetBoolean(), episode.IsOngoing);
        AssertClose(expected, "depth", episode.Depth);
        Assert.Equal(expected.GetProperty("duration_bars").GetInt32(), episode.Duration);
        Assert.Equal(expected.GetProperty("underwater_bars").GetInt32(), episode.Underwater);
        Assert.Equal(expected.GetProperty("bars_peak_to_trough").GetInt32(), episode.PeakToTrough);
    }
}
