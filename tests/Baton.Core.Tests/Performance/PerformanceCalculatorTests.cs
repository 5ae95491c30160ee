using System.Text.Json;
using Baton.Core.Performance;

namespace Baton.Core.Tests.Performance;

public sealed class PerformanceCalculatorTests
{
    [Fact]
    public void Starting_equity_alone_has_no_returns_and_null_ratios()
    {
        var metrics = PerformanceCalculator.Compute([100.0], []);
        Assert.Equal(0, metrics.ReturnCount);
        Assert.Equal(0.0, metrics.TotalReturn);
        Assert.Null(metrics.Cagr);
        Assert.Null(metrics.MeanReturn);
        Assert.Null(metrics.ReturnStandardDeviation);
        Assert.Null(metrics.AnnualizedVolatility);
        Assert.Null(metrics.Sharpe);
        Assert.Null(metrics.DownsideDeviationAnnualized);
        Assert.Null(metrics.Sortino);
        Assert.Equal(0.0, metrics.MaxDrawdown);
        Assert.Null(metrics.Calmar);
        Assert.Null(metrics.MaxDrawdownEpisode);
        Assert.Equal(0, metrics.DrawdownEpisodeCount);
    }

    [Fact]
    public void One_return_has_a_mean_but_no_sample_deviation()
    {
        var metrics = PerformanceCalculator.Compute([100.0, 90.0], []);
        Assert.Equal(-0.1, metrics.MeanReturn!.Value, 15);
        Assert.Null(metrics.ReturnStandardDeviation);
        Assert.Null(metrics.Sharpe);
        Assert.NotNull(metrics.Sortino);
        Assert.Equal(-0.1, metrics.MaxDrawdown, 15);
        Assert.Equal(1, metrics.MaxDrawdownDurationDays);
        Assert.True(metrics.MaxDrawdownEpisode!.Value.IsOngoing);
    }

    [Fact]
    public void A_flat_curve_has_zero_volatility_and_null_Sharpe_Sortino_and_Calmar()
    {
        var metrics = PerformanceCalculator.Compute([100.0, 100.0, 100.0], []);
        Assert.Equal(0.0, metrics.AnnualizedVolatility);
        Assert.Null(metrics.Sharpe);
        Assert.Null(metrics.Sortino);
        Assert.Equal(0.0, metrics.Cagr);
        Assert.Null(metrics.Calmar);
    }

    [Fact]
    public void A_curve_that_never_falls_has_no_Sortino_and_no_drawdown()
    {
        var metrics = PerformanceCalculator.Compute([100.0, 110.0, 132.0], []);
        Assert.Equal(0.0, metrics.DownsideDeviationAnnualized);
        Assert.Null(metrics.Sortino);
        Assert.Equal(0.0, metrics.MaxDrawdown);
        Assert.Null(metrics.Calmar);
        Assert.NotNull(metrics.Sharpe);
    }

    [Fact]
    public void Undefined_metrics_serialise_to_JSON_as_null()
    {
        var metrics = PerformanceCalculator.Compute([100.0, 100.0], []);
        string json = JsonSerializer.Serialize(metrics);
        Assert.Contains("\"Sharpe\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"ProfitFactor\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_between_episodes_go_to_the_earlier_one()
    {
        // Two falls of 10 %: the first lasts 2 bars, the second 3 and is still ongoing.
        var metrics = PerformanceCalculator.Compute([100.0, 90.0, 100.0, 90.0, 95.0, 99.0], []);
        Assert.Equal(2, metrics.DrawdownEpisodeCount);
        Assert.Equal(0, metrics.MaxDrawdownEpisode!.Value.PeakIndex);
        Assert.Equal(2, metrics.MaxDrawdownDurationDays);
        Assert.Equal(2, metrics.LongestDrawdownEpisode!.Value.PeakIndex);
        Assert.Equal(3, metrics.LongestDrawdownDurationDays);
    }

    [Fact]
    public void Trades_are_summarised_alongside_the_equity_metrics()
    {
        var metrics = PerformanceCalculator.Compute([100.0, 110.0], [10m, -5m], exposure: 0.5);
        Assert.Equal(2, metrics.Trades.TradeCount);
        Assert.Equal(2.0, metrics.Trades.ProfitFactor);
        Assert.Equal(0.5, metrics.Exposure);
    }

    [Fact]
    public void An_empty_or_non_finite_series_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PerformanceCalculator.Compute([], []));
        Assert.Throws<ArgumentException>(() => PerformanceCalculator.Compute([0.0, 1.0], []));
        Assert.Throws<ArgumentException>(() => PerformanceCalculator.Compute([100.0, double.NaN], []));
    }
}
