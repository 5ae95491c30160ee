using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;

namespace Baton.Core.Tests.Execution;

public class FillModelTests
{
    private static Candle C(double o, double h, double l, double c) => new(0, o, h, l, c, 1000);

    public static TheoryData<bool, double, double, Candle, bool, string, double> Exits => new()
    {
        // long, stop 95, target 110
        { true, 95, 110, C(100, 105, 96, 101), false, "None", 0 },
        { true, 95, 110, C(100, 105, 94, 101), false, "Stop", 95 },      // touched: fills at the stop
        { true, 95, 110, C(93, 99, 90, 98), false, "Stop", 93 },         // gapped below: fills at the open
        { true, 95, 110, C(100, 111, 99, 105), false, "Target", 110 },
        { true, 95, 110, C(112, 115, 108, 113), false, "Target", 112 },  // gapped above the target: the open
        { true, 95, 110, C(100, 111, 94, 100), false, "Stop", 95 },      // both touched: stop first by default
        { true, 95, 110, C(100, 111, 94, 100), true, "Target", 110 },    // ... unless target_first
        // short, stop 105, target 90
        { false, 105, 90, C(100, 106, 95, 100), false, "Stop", 105 },
        { false, 105, 90, C(107, 108, 101, 102), false, "Stop", 107 },
        { false, 105, 90, C(100, 101, 89, 95), false, "Target", 90 },
        { false, double.NaN, double.NaN, C(100, 200, 1, 100), false, "None", 0 },
    };

    [Theory]
    [MemberData(nameof(Exits))]
    public void Exit_check_follows_the_intrabar_rules(bool isLong, double stop, double target, Candle candle, bool targetFirst,
        string trigger, double price)
    {
        var (t, p) = FillModel.CheckExit(isLong, stop, target, candle, targetFirst);
        Assert.Equal(trigger, t.ToString());
        Assert.Equal(price, p);
    }

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
