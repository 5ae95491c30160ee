using Baton.Core.Execution;
using Baton.Core.Orders;
using Baton.Core.Sizing;
using Baton.Engine.Strategy;

namespace Baton.Yaml.Tests;

public class ExecutionSectionTests
{
    private static string Text(string entryOrder, string execution) => $"""
        name: o
        symbols: [A, B]
        timeframe: 1h
        entry:
          - when: close > 0
            action: buy
            order: {entryOrder}
        execution: {execution}
        """;

    [Fact]
    public void Orders_and_costs_map_field_by_field()
    {
        var s = StrategyLoader.LoadFromText(Text("{ type: stop_limit, stop: +1%, limit: -0.5%, time_in_force: gtd, expire_after: 5 }",
            "{ fees: { percent: 0.1%, maker: 0.02%, taker: 0.05%, minimum: 1 }, slippage: { range: 10% }, max_volume: 5%, intrabar: low_first, symbols: { B: { fees: 0.2%, slippage: 2bps } } }"),
            "o.yaml");
        var order = s.Entry[0].Order!;
        Assert.Equal(OrderType.StopLimit, order.Type);
        Assert.Equal(new PriceDistance(DistanceKind.Fraction, 0.01), order.Stop);
        Assert.Equal(new PriceDistance(DistanceKind.Fraction, -0.005), order.Limit);
        Assert.Equal(TimeInForce.Gtd, order.TimeInForce);
        Assert.Equal(5, order.ExpireAfterCandles);
        var e = s.Execution;
        Assert.Equal((0.001m, 0.0002m, 0.0005m, 1m), (e.FeeRate, e.MakerFeeRate!.Value, e.TakerFeeRate!.Value, e.FeeMinimum));
        Assert.Equal((SlippageModel.RangeFraction, 0.1), (e.Slippage, e.SlippageValue));
        Assert.Equal(0.05, e.MaxVolumeFraction);
        Assert.Equal(IntrabarPath.LowFirst, e.IntrabarPath);
        Assert.Equal(0.002m, e.PerSymbol["B"].FeeRate);
        Assert.Equal(2, e.PerSymbol["B"].SlippageBps);
    }

    [Fact]
    public void Order_and_size_on_an_exit_rule_are_errors_not_silently_ignored()
    {
        string text = Text("{ type: limit, limit: -1% }", "{ fees: 0.1% }") + """

            exit:
              signals:
                - { when: close < 0, action: close, size: 50%, order: { type: limit, limit: 1% } }
            """;
        var e = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(text, "o.yaml"));
        Assert.Equal(
        [
            "o.yaml:11:47: exit.signals[0].size: an exit rule closes the whole position at market; size applies to entry rules only",
            "o.yaml:11:59: exit.signals[0].order: an exit rule closes the whole position at market; order applies to entry rules only",
        ], e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("{ type: limit }", "a limit order needs a limit offset")]
    [InlineData("{ type: trailing_stop }", "needs a trail distance")]
    [InlineData("{ type: limit, limit: -1%, time_in_force: gtd }", "gtd needs expire_after")]
    [InlineData("{ type: limt, limit: -1% }", "did you mean 'limit'?")]
    public void Incomplete_orders_are_errors(string order, string message)
    {
        var e = Assert.Throws<StrategyValidationException>(() => StrategyLoader.LoadFromText(Text(order, "{ fees: 0.1% }"), "o.yaml"));
        Assert.Contains(e.Errors, x => x.Message.Contains(message, StringComparison.Ordinal));
    }
}
