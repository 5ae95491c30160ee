using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;

namespace Baton.Core.Tests.Execution;

public class FillModelTests
{
    private static Candle C(double o, double h, double l, double c) => new(0, o, h, l, c, 1000);

    [Fact]
    public void Slippage_is_adverse_for_both_sides()
    {
        var model = new FillModel(new CostModel(0, 0, 0, SlippageBps: 5));
        Assert.Equal(100.05m, model.MarketPrice(OrderSide.Buy, 100));
        Assert.Equal(99.95m, model.MarketPrice(OrderSide.Sell, 100));
    }

    [Fact]
    public void Fee_adds_rate_per_unit_and_per_order_on_the_first_fill_only()
    {
        var model = new FillModel(new CostModel(FeeRate: 0.001m, FeePerUnit: 0.01m, FeePerOrder: 2m, SlippageBps: 0));
        Assert.Equal(1.0m + 0.1m + 2m, model.Fee(10, 100m, firstFill: true));
        Assert.Equal(1.0m + 0.1m, model.Fee(10, 100m, firstFill: false));
    }
}
