using Baton.Core.Sizing;

namespace Baton.Core.Tests.Sizing;

public class PositionSizerTests
{
    private static readonly CostModel NoCosts = new(0, 0, 0, 0);

    [Theory]
    [InlineData(SizingMethod.FixedQuantity, 7, 7)]
    [InlineData(SizingMethod.EquityFraction, 0.1, 100)]   // 10% of 100,000 at 100
    [InlineData(SizingMethod.FixedCash, 2550, 25)]        // whole units, rounded down
    [InlineData(SizingMethod.RiskFraction, 0.01, 500)]    // risk 1,000 over a 2.0 stop distance
    public void Size_follows_the_method(SizingMethod method, double amount, double expected)
    {
        var sizer = new PositionSizer(method, (decimal)amount, fractional: false, 1m, NoCosts);
        Assert.Equal((decimal)expected, sizer.Size(100_000, 100_000m, 100, stopDistance: 2.0));
    }

    [Fact]
    public void Fractional_sizes_round_down_to_the_step()
    {
        var sizer = new PositionSizer(SizingMethod.FixedCash, 1000m, fractional: true, 0.001m, NoCosts);
        Assert.Equal(3.003m, sizer.Size(100_000, 100_000m, 333, double.NaN));
    }

    [Fact]
    public void Never_more_than_cash_allows_after_fees_and_slippage()
    {
        var costs = new CostModel(FeeRate: 0.001m, FeePerUnit: 0, FeePerOrder: 1m, SlippageBps: 10);
        var sizer = new PositionSizer(SizingMethod.EquityFraction, 1m, fractional: false, 1m, costs);
        decimal q = sizer.Size(10_000, 10_000m, 100, double.NaN);
        // unit cost 100.1 * 1.001 = 100.2001; (10,000 - 1) / 100.2001 = 99.79 -> 99
        Assert.Equal(99m, q);
    }

    [Fact]
    public void Risk_sizing_without_a_stop_distance_sizes_nothing()
    {
        var sizer = new PositionSizer(SizingMethod.RiskFraction, 0.01m, false, 1m, NoCosts);
        Assert.Equal(0m, sizer.Size(100_000, 100_000m, 100, double.NaN));
    }
}
