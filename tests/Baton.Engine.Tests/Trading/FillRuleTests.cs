using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;
using Baton.Engine.Strategy;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

/// <summary>The volume rules for every order type, the costs not covered elsewhere, and the README's worked examples.</summary>
public class FillRuleTests
{
    private static PriceDistance Pct(double f) => new(DistanceKind.Fraction, f);

    /// <summary>A buy of each type decided at 101 (bar 1's close) that every later bar trades: each bar opens at 101,
    /// goes down to 99 (the nearer extreme) then up to 103.5, and closes at 101.</summary>
    private static OrderSpec Spec(string type) => type switch
    {
        "market" => new OrderSpec(),
        "limit" => new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.005) },                            // 100.495
        "stop" => new OrderSpec { Type = OrderType.Stop, Stop = Pct(0.01) },                                 // 102.01
        "stop_limit" => new OrderSpec { Type = OrderType.StopLimit, Stop = Pct(0.01), Limit = Pct(0.02) },    // 102.01, 103.02
        _ => new OrderSpec { Type = OrderType.TrailingStop, Trail = Pct(0.01) },                            // 1.01 above the lowest
    };

    private static Candle[] Flat(double volume)
    {
        var bars = new Candle[6];
        bars[0] = new Candle(0, 90, 91, 89, 90, 1000);
        bars[1] = new Candle(Day, 90, 101.5, 89.5, 101, 1000);
        for (int i = 2; i < bars.Length; i++) bars[i] = new Candle(i * Day, 101, 103.5, 99, 101, volume);
        return bars;
    }

    private static Order Entry(string type, Candle[] candles, ExecutionSpec? execution = null)
    {
        var d = Level(100) with
        {
            Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: Spec(type))],
            Execution = execution ?? new ExecutionSpec(),
        };
        return Assert.Single(Run(d, null, null, candles).Orders, o => o.Intent == OrderIntent.Entry);
    }

    private static long FilledAt(Order order) => order.History.Single(h => h.To == OrderState.Filled).Time;

    [Theory]
    [InlineData("market")]
    [InlineData("limit")]
    [InlineData("stop")]
    [InlineData("stop_limit")]
    [InlineData("trailing_stop")]
    public void A_candle_with_zero_volume_fills_no_order_type(string type)
    {
        Assert.Equal(3 * Day, FilledAt(Entry(type, Flat(1000))));   // bar 2 (closing at 3 days) fills it
        var candles = Flat(1000);
        candles[2] = candles[2] with { Volume = 0 };
        var order = Entry(type, candles);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(4 * Day, FilledAt(order));                     // bar 2 traded nothing: bar 3 fills it
    }

    [Theory]
    [InlineData("market", 101)]
    [InlineData("limit", 100.495)]
    [InlineData("stop", 101.404)]             // 4 at the stop 102.01 on bar 2; triggered, the rest is market: 6 at opens of 101
    [InlineData("stop_limit", 101.404)]       // 4 at 102.01; triggered, it is a limit at 103.02, and opens of 101 are below it
    [InlineData("trailing_stop", 100.604)]    // 4 at 100.01 (1.01 above the low of 99); triggered, 6 at opens of 101
    public void Every_order_type_fills_at_most_the_volume_fraction_and_the_rest_keeps_working(string type, double average)
    {
        var order = Entry(type, Flat(40), new ExecutionSpec { MaxVolumeFraction = 0.1 });   // 4 of the 10 units per candle
        Assert.Equal([OrderState.Validated, OrderState.Submitted, OrderState.PartiallyFilled, OrderState.Filled],
            order.History.Select(h => h.To));
        Assert.Equal(10m, order.FilledQuantity);
        Assert.Equal(5 * Day, FilledAt(order));                     // 4 + 4 + 2: bars 2, 3 and 4
        Assert.Equal((decimal)average, Math.Round(order.AveragePrice, 10));
    }

    [Fact]
    public void Entry_prices_in_atr_multiples_use_the_atr_of_the_deciding_candle()
    {
        // no exit reads an ATR: the entry's own offsets must bring one; decided at 101 after 20 candles
        double[] closes = [.. Enumerable.Repeat(90.0, 20), 101, 102, 99, 97, 103];
        var limit = new OrderSpec { Type = OrderType.Limit, Limit = new PriceDistance(DistanceKind.AtrMultiple, -0.5) };
        var trailing = new OrderSpec { Type = OrderType.TrailingStop, Trail = new PriceDistance(DistanceKind.AtrMultiple, 1) };
        foreach (var spec in new[] { limit, trailing })
        {
            var d = Level(100) with { Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)] };
            var entry = Run(d, null, null, FromCloses(closes)).Orders.First(o => o.Intent == OrderIntent.Entry);
            Assert.Equal(OrderState.Filled, entry.State);
            Assert.True(entry.AveragePrice is > 95 and < 103, $"{spec.Type}: {entry.AveragePrice}");
        }
    }

    [Fact]
    public void An_atr_priced_entry_is_not_placed_before_the_atr_is_ready()
    {
        var spec = new OrderSpec { Type = OrderType.Limit, Limit = new PriceDistance(DistanceKind.AtrMultiple, -0.5) };
        var d = Level(100) with { Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)] };
        Assert.Empty(Run(d, null, null, FromCloses(90, 101, 99, 102, 98)).Orders);   // ATR(14) not ready: no order that could never fill
    }

    [Fact]
    public void Gtd_by_date_expires_on_the_first_candle_opening_at_or_after_it()
    {
        var spec = new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.05), TimeInForce = TimeInForce.Gtd, ExpireAt = 3 * Day };
        var d = Level(100) with { Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)] };
        var order = Assert.Single(Run(d, null, null, FromCloses(90, 101, 105, 108, 110)).Orders);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal("expired: good-till date reached", order.History[^1].Reason);
        Assert.Equal(3 * Day + Day, order.History[^1].Time);        // bar 3 opens at the expiry instant
    }

    [Fact]
    public void Square_root_impact_slippage_grows_with_the_share_of_the_candle_volume()
    {
        var d = Level(100) with { Execution = new ExecutionSpec { Slippage = SlippageModel.SquareRootImpact, SlippageValue = 0.1 } };
        var entry = Assert.Single(Run(d, null, null, FromCloses(90, 101, 102, 103)).Orders);
        Assert.Equal(102.01m, entry.AveragePrice);                  // 101 + 101 · 0.1 · √(10 / 1,000) = 101 + 1.01
    }

    [Fact]
    public void Limit_orders_pay_the_maker_rate_and_market_orders_the_taker_rate()
    {
        var d = Level(100) with
        {
            Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.01) })],
            Execution = new ExecutionSpec { FeeRate = 0.002m, MakerFeeRate = 0.0001m, TakerFeeRate = 0.001m },
        };
        var run = Run(d, null, null, FromCloses(90, 101, 102, 100, 99, 103));
        var entry = run.Orders.First(o => o.Intent == OrderIntent.Entry);   // another entry rests after the last close
        var exit = Assert.Single(run.Orders, o => o.Intent == OrderIntent.SignalExit);
        Assert.Equal((99.99m, 99.99m * 10 * 0.0001m), (entry.AveragePrice, entry.Fees));   // the limit: maker
        Assert.Equal((99m, 99m * 10 * 0.001m), (exit.AveragePrice, exit.Fees));            // the market exit: taker
    }

    [Fact]
    public void Per_unit_and_per_order_fees_are_charged_once_per_order_across_partial_fills()
    {
        var candles = Flat(40);
        var d = Level(100) with
        {
            Execution = new ExecutionSpec { FeePerUnit = 0.01m, FeePerOrder = 2m, MaxVolumeFraction = 0.1 },
            Exit = new ExitSpec(),
        };
        var entry = Assert.Single(Run(d, null, null, candles).Orders);
        Assert.Equal(10 * 0.01m + 2m, entry.Fees);                  // three fills, one per-order fee
    }

    [Fact]
    public void Readme_worked_example_market_entry_with_slippage_and_a_stop_hit_by_a_gap()
    {
        var candles = FromCloses(90, 101, 102, 102, 102);
        candles[3] = candles[3] with { Open = 98, High = 98.5, Low = 97, Close = 98 };
        var d = Level(100) with
        {
            Execution = new ExecutionSpec { SlippageBps = 5 },
            Exit = new ExitSpec { StopLoss = Pct(0.02) },
        };
        var trade = Assert.Single(Run(d, null, null, candles).Trades);
        Assert.Equal(101.0505m, trade.EntryPrice);                  // 101 × 1.0005; the stop is 101.0505 − 2.02 = 99.0305
        Assert.Equal("stop_loss", trade.ExitReason);
        Assert.Equal(97.951m, trade.ExitPrice);                     // the bar opened at 98, below the stop: 98 × 0.9995
    }
}
