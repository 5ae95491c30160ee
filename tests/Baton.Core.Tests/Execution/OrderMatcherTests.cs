using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;

namespace Baton.Core.Tests.Execution;

public class OrderMatcherTests
{
    private static Candle C(double o, double h, double l, double c) => new(0, o, h, l, c, 1000);

    private static Order Make(OrderSide side, OrderType type, double limit = double.NaN, double stop = double.NaN, double trail = double.NaN,
        double reference = double.NaN) =>
        new(1, 0, side, 10, OrderIntent.Entry, 0)
        {
            Type = type, LimitPrice = limit, StopPrice = stop, TrailDistance = trail, TrailReference = reference,
        };

    public static TheoryData<string, Order, Candle, bool, double> Cases => new()
    {
        { "market fills at the open", Make(OrderSide.Buy, OrderType.Market), C(100, 101, 99, 100), true, 100 },
        { "buy limit: traded through", Make(OrderSide.Buy, OrderType.Limit, limit: 98), C(100, 101, 97, 99), true, 98 },
        { "buy limit: touch only, no fill", Make(OrderSide.Buy, OrderType.Limit, limit: 97), C(100, 101, 97, 99), false, 0 },
        { "buy limit: gap down, fills at the better open", Make(OrderSide.Buy, OrderType.Limit, limit: 98), C(95, 96, 94, 95), true, 95 },
        { "sell limit: traded through", Make(OrderSide.Sell, OrderType.Limit, limit: 102), C(100, 103, 99, 101), true, 102 },
        { "sell limit: gap up, fills at the better open", Make(OrderSide.Sell, OrderType.Limit, limit: 102), C(104, 105, 103, 104), true, 104 },
        { "buy stop: touched, fills at the stop", Make(OrderSide.Buy, OrderType.Stop, stop: 101), C(100, 101, 99, 100), true, 101 },
        { "buy stop: gap up, fills at the open", Make(OrderSide.Buy, OrderType.Stop, stop: 101), C(103, 104, 102, 103), true, 103 },
        { "buy stop: not reached", Make(OrderSide.Buy, OrderType.Stop, stop: 105), C(100, 104, 99, 103), false, 0 },
        { "sell stop: touched, fills at the stop", Make(OrderSide.Sell, OrderType.Stop, stop: 99), C(100, 101, 98, 100), true, 99 },
        { "sell limit: touch only, no fill", Make(OrderSide.Sell, OrderType.Limit, limit: 101), C(100, 101, 99, 100), false, 0 },
        { "sell stop: gap down, fills at the open", Make(OrderSide.Sell, OrderType.Stop, stop: 95), C(92, 93, 90, 91), true, 92 },
        { "stop-limit: triggered and marketable at the stop", Make(OrderSide.Buy, OrderType.StopLimit, limit: 102, stop: 101), C(100, 103, 99.5, 102.5), true, 101 },
        { "stop-limit: gap beyond the limit, no fill", Make(OrderSide.Buy, OrderType.StopLimit, limit: 102, stop: 101), C(104, 105, 103, 104), false, 0 },
        { "stop-limit: gap beyond the limit, then trades back through it", Make(OrderSide.Buy, OrderType.StopLimit, limit: 102, stop: 101), C(104, 105, 101, 103), true, 102 },
        { "sell trailing stop: follows the high, then triggers", Make(OrderSide.Sell, OrderType.TrailingStop, trail: 2, reference: 100), C(100, 105, 99, 100), true, 103 },
        { "sell trailing stop: gap below the stop fills at the open", Make(OrderSide.Sell, OrderType.TrailingStop, trail: 2, reference: 100), C(97, 98, 96, 97), true, 97 },
        { "buy trailing stop: not reached", Make(OrderSide.Buy, OrderType.TrailingStop, trail: 5, reference: 100), C(100, 103.5, 99, 101), false, 0 },
        { "buy trailing stop: low first lowers the stop to 104, the high reaches it", Make(OrderSide.Buy, OrderType.TrailingStop, trail: 5, reference: 100), C(100, 104, 99, 101), true, 104 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fill_rules_per_order_type(string name, Order order, Candle candle, bool fills, double price)
    {
        bool filled = OrderMatcher.TryMatch(order, candle, IntrabarPath.Nearest, out double at);
        Assert.True(fills == filled, name);
        if (fills) Assert.Equal(price, at);
    }

    [Fact]
    public void A_stop_limit_triggered_without_a_fill_works_as_a_limit_on_later_candles()
    {
        var order = Make(OrderSide.Buy, OrderType.StopLimit, limit: 102, stop: 101);
        Assert.False(OrderMatcher.TryMatch(order, C(104, 105, 103, 104), IntrabarPath.Nearest, out _));
        Assert.True(order.Triggered);
        Assert.True(OrderMatcher.TryMatch(order, C(103, 103.5, 101.5, 102), IntrabarPath.Nearest, out double at));
        Assert.Equal(102, at);
    }

    [Theory]
    [InlineData(OrderType.Stop)]
    [InlineData(OrderType.TrailingStop)]
    public void A_triggered_stop_is_a_market_order_on_later_candles_even_back_beyond_the_stop(OrderType type)
    {
        var order = Make(OrderSide.Buy, type, stop: 101, trail: 1, reference: 100);
        Assert.True(OrderMatcher.TryMatch(order, C(100, 101.5, 99.9, 100.5), IntrabarPath.Nearest, out double first));
        Assert.Equal(type == OrderType.Stop ? 101 : 100.9, first, 9);   // the trailing stop came down to 99.9 + 1
        Assert.True(order.Triggered);
        Assert.True(OrderMatcher.TryMatch(order, C(99, 99.5, 98, 99), IntrabarPath.Nearest, out double rest));
        Assert.Equal(99, rest);
    }

    [Fact]
    public void The_intrabar_path_decides_a_trailing_stop_when_both_extremes_matter()
    {
        // high first: the stop trails up to 108 then the low triggers it; low first: it triggers at 98 before the high
        var highFirst = Make(OrderSide.Sell, OrderType.TrailingStop, trail: 2, reference: 100);
        Assert.True(OrderMatcher.TryMatch(highFirst, C(100, 110, 90, 100), IntrabarPath.HighFirst, out double a));
        Assert.Equal(108, a);
        var lowFirst = Make(OrderSide.Sell, OrderType.TrailingStop, trail: 2, reference: 100);
        Assert.True(OrderMatcher.TryMatch(lowFirst, C(100, 110, 90, 100), IntrabarPath.LowFirst, out double b));
        Assert.Equal(98, b);
    }
    /// <summary>A long's bracket (sell children) or a short's (buy children): a stop child and a take-profit child.</summary>
    private static (Order? Stop, Order? Target) Bracket(bool isLong, double stop, double target)
    {
        var side = isLong ? OrderSide.Sell : OrderSide.Buy;
        Order? s = double.IsNaN(stop) ? null : new Order(2, 0, side, 10, OrderIntent.StopLoss, 0) { Type = OrderType.Stop, StopPrice = stop };
        Order? t = double.IsNaN(target) ? null
            : new Order(3, 0, side, 10, OrderIntent.TakeProfit, 0) { Type = OrderType.Limit, LimitPrice = target, FillsOnTouch = true };
        return (s, t);
    }

    public static TheoryData<bool, double, double, Candle, bool, string, double> Exits => new()
    {
        // long, stop 95, target 110
        { true, 95, 110, C(100, 105, 96, 101), false, "None", 0 },
        { true, 95, 110, C(100, 105, 94, 101), false, "Stop", 95 },      // touched: fills at the stop
        { true, 95, 110, C(93, 99, 90, 98), false, "Stop", 93 },         // gapped below: fills at the open
        { true, 95, 110, C(100, 111, 99, 105), false, "Target", 110 },   // touched: a take-profit fills at the touch
        { true, 95, 110, C(112, 115, 108, 113), false, "Target", 112 },  // gapped above the target: the open
        { true, 95, 110, C(100, 111, 94, 100), false, "Stop", 95 },      // both touched: stop first by default
        { true, 95, 110, C(100, 111, 94, 100), true, "Target", 110 },    // ... unless target_first
        // short, stop 105, target 90
        { false, 105, 90, C(100, 106, 95, 100), false, "Stop", 105 },
        { false, 105, 90, C(107, 108, 101, 102), false, "Stop", 107 },
        { false, 105, 90, C(100, 101, 89, 95), false, "Target", 90 },
        { false, 105, 90, C(100, 106, 89, 95), false, "Stop", 105 },     // both: the high (against a short) first
        { false, 105, 90, C(100, 106, 89, 95), true, "Target", 90 },
        { false, double.NaN, double.NaN, C(100, 200, 1, 100), false, "None", 0 },
    };

    [Theory]
    [MemberData(nameof(Exits))]
    public void A_bracket_walks_the_extreme_against_the_position_first_unless_target_first(bool isLong, double stop, double target,
        Candle candle, bool targetFirst, string trigger, double price)
    {
        var (s, t) = Bracket(isLong, stop, target);
        var hit = OrderMatcher.MatchBracket(s, t, candle, targetFirst, out double at);
        Assert.Equal(trigger, hit is null ? "None" : hit == s ? "Stop" : "Target");
        Assert.Equal(price, at);
    }
}
