using Baton.Core.Performance;

namespace Baton.Core.Tests.Performance;

public sealed class TradeStatisticsTests
{
    [Fact]
    public void No_trades_leave_every_ratio_and_average_null()
    {
        var stats = TradeStatistics.From([]);
        Assert.Equal(0, stats.TradeCount);
        Assert.Equal(0m, stats.GrossProfit);
        Assert.Equal(0m, stats.GrossLoss);
        Assert.Equal(0m, stats.NetProfit);
        Assert.Null(stats.WinRate);
        Assert.Null(stats.ProfitFactor);
        Assert.Null(stats.Expectancy);
        Assert.Null(stats.AverageWin);
        Assert.Null(stats.AverageLoss);
        Assert.Null(stats.LargestWin);
        Assert.Null(stats.LargestLoss);
    }

    [Fact]
    public void All_wins_give_a_win_rate_of_one_and_no_profit_factor()
    {
        var stats = TradeStatistics.From([10m, 20.5m, 5m]);
        Assert.Equal(3, stats.TradeCount);
        Assert.Equal(3, stats.WinCount);
        Assert.Equal(0, stats.LossCount);
        Assert.Equal(1.0, stats.WinRate);
        Assert.Null(stats.ProfitFactor);
        Assert.Equal(35.5m, stats.GrossProfit);
        Assert.Equal(35.5m / 3, stats.Expectancy);
        Assert.Equal(35.5m / 3, stats.AverageWin);
        Assert.Null(stats.AverageLoss);
        Assert.Equal(20.5m, stats.LargestWin);
        Assert.Null(stats.LargestLoss);
    }

    [Fact]
    public void All_losses_give_a_win_rate_and_profit_factor_of_zero()
    {
        var stats = TradeStatistics.From([-10m, -30m]);
        Assert.Equal(0.0, stats.WinRate);
        Assert.Equal(0.0, stats.ProfitFactor);
        Assert.Equal(-40m, stats.GrossLoss);
        Assert.Equal(-20m, stats.Expectancy);
        Assert.Equal(-20m, stats.AverageLoss);
        Assert.Null(stats.AverageWin);
        Assert.Equal(-30m, stats.LargestLoss);
        Assert.Null(stats.LargestWin);
    }

    [Fact]
    public void A_breakeven_trade_counts_as_a_trade_but_neither_win_nor_loss()
    {
        var stats = TradeStatistics.From([100m, -50m, 0m, 25m]);
        Assert.Equal(4, stats.TradeCount);
        Assert.Equal(2, stats.WinCount);
        Assert.Equal(1, stats.LossCount);
        Assert.Equal(0.5, stats.WinRate);
        Assert.Equal(2.5, stats.ProfitFactor);
        Assert.Equal(75m, stats.NetProfit);
        Assert.Equal(18.75m, stats.Expectancy);
        Assert.Equal(62.5m, stats.AverageWin);
        Assert.Equal(-50m, stats.AverageLoss);
        Assert.Equal(100m, stats.LargestWin);
        Assert.Equal(-50m, stats.LargestLoss);
    }

    [Fact]
    public void Money_sums_are_exact_in_decimal()
    {
        var stats = TradeStatistics.From([0.1m, 0.2m, -0.3m]);
        Assert.Equal(0m, stats.NetProfit);
        Assert.Equal(1.0, stats.ProfitFactor);
    }
}
