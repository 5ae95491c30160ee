using Baton.Core.Orders;
using Baton.Core.Sizing;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

public class OrderTypeTests
{
    private static StrategyDefinition WithOrder(OrderSpec spec) =>
        Level(100) with { Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)] };

    private static PriceDistance Pct(double f) => new(DistanceKind.Fraction, f);

    [Fact]
    public void A_limit_entry_below_the_close_fills_at_its_price_once_traded_through()
    {
        var candles = FromCloses(90, 101, 102, 100, 99, 103);   // decided at 101 (bar 1); limit 1% below = 99.99
        var order = Run(WithOrder(new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.01) }), null, null, candles).Orders
            .First(o => o.Intent == OrderIntent.Entry);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(99.99m, order.AveragePrice);
        Assert.Equal(99.99, order.LimitPrice, 9);
    }

    [Fact]
    public void Gtd_by_candles_expires_with_a_reason()
    {
        var candles = FromCloses(90, 101, 105, 108, 110, 112);   // never comes back 5% below
        var spec = new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.05), TimeInForce = TimeInForce.Gtd, ExpireAfterCandles = 2 };
        var order = Assert.Single(Run(WithOrder(spec), null, null, candles).Orders);
        Assert.Equal(OrderState.Cancelled, order.State);
        var cancel = order.History[^1];
        Assert.Equal("expired: good-till date reached", cancel.Reason);
        Assert.Equal(4 * Day + Day, cancel.Time);   // decided at bar 1's close; bars 2 and 3 pass; bar 4 finds it expired
    }

    [Fact]
    public void Day_orders_expire_at_the_end_of_the_utc_day()
    {
        var spec = new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.05), TimeInForce = TimeInForce.Day };
        var order = Assert.Single(Run(WithOrder(spec), null, null, FromCloses(90, 101, 105, 108)).Orders);
        Assert.Equal("expired: end of day", order.History[^1].Reason);
    }

    [Fact]
    public void Ioc_is_cancelled_after_its_first_candle()
    {
        var spec = new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.05), TimeInForce = TimeInForce.Ioc };
        var order = Assert.Single(Run(WithOrder(spec), null, null, FromCloses(90, 101, 105, 108)).Orders);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal("ioc: not filled on its first candle", order.History[^1].Reason);
        Assert.Equal(2 * Day + Day, order.History[^1].Time);
    }

    [Fact]
    public void Volume_limited_fills_leave_the_rest_working_then_complete()
    {
        var candles = FromCloses(90, 101, 102, 103, 104).Select(c => c with { Volume = 40 }).ToArray();
        var d = Level(100) with { Execution = new ExecutionSpec { MaxVolumeFraction = 0.1 } };   // 4 units per candle, 10 wanted
        var entry = Assert.Single(Run(d, null, null, candles).Orders, o => o.Intent == OrderIntent.Entry);
        Assert.Equal(OrderState.Filled, entry.State);
        Assert.Equal([OrderState.Validated, OrderState.Submitted, OrderState.PartiallyFilled, OrderState.Filled],
            entry.History.Select(h => h.To));
        Assert.Equal(10m, entry.FilledQuantity);
    }

    [Fact]
    public void No_fill_on_a_candle_with_zero_volume()
    {
        var candles = FromCloses(90, 101, 102, 103);
        candles[2] = candles[2] with { Volume = 0 };
        var entry = Assert.Single(Run(Level(100), null, null, candles).Orders);
        Assert.Equal((decimal)candles[3].Open, entry.AveragePrice);
    }

    [Fact]
    public void Stop_and_target_are_a_bracket_the_filled_side_cancels_the_other()
    {
        var candles = FromCloses(90, 101, 102, 102, 102);
        candles[3] = candles[3] with { High = 120 };
        var d = Level(100) with { Exit = new ExitSpec { StopLoss = Pct(0.05), TakeProfit = Pct(0.1) } };
        var run = Run(d, null, null, candles);
        var stop = Assert.Single(run.Orders, o => o.Intent == OrderIntent.StopLoss);
        var target = Assert.Single(run.Orders, o => o.Intent == OrderIntent.TakeProfit);
        Assert.Equal(OrderType.Stop, stop.Type);
        Assert.Equal(OrderType.Limit, target.Type);
        Assert.Equal(stop.Id, target.OcoWith);
        Assert.Equal(OrderState.Filled, target.State);
        Assert.Equal(OrderState.Cancelled, stop.State);
        Assert.StartsWith("oco:", stop.History[^1].Reason, StringComparison.Ordinal);
        Assert.Equal("take_profit", Assert.Single(run.Trades).ExitReason);
    }

    [Fact]
    public void A_signal_exit_cancels_the_bracket()
    {
        var d = Level(100) with
        {
            Exit = new ExitSpec { StopLoss = Pct(0.5), TakeProfit = Pct(0.5), Signals = [new RuleSpec("down", TradeAction.Sell, default)] },
        };
        var run = Run(d, null, null, FromCloses(90, 101, 105, 99, 98, 97));
        Assert.All(run.Orders.Where(o => o.Intent is OrderIntent.StopLoss or OrderIntent.TakeProfit),
            o => Assert.Equal(OrderState.Cancelled, o.State));
        Assert.Equal("signal_exit", Assert.Single(run.Trades).ExitReason);
    }

    [Fact]
    public void Every_lifecycle_state_is_reached()
    {
        var log = new EventLog();
        var thin = FromCloses(90, 101, 102, 103, 104, 99, 98, 101, 102, 103).Select(c => c with { Volume = 40 }).ToArray();
        var d = Level(100, "A", "B") with
        {
            Execution = new ExecutionSpec { MaxVolumeFraction = 0.1 },
            Risk = new RiskSpec { MaxPositions = 1 },
            Exit = new ExitSpec { TakeProfit = Pct(0.5), Signals = [new RuleSpec("down", TradeAction.Sell, default)] },
        };
        Run(d, log, null, thin, thin);
        var states = log.Events.OfType<OrderStateChanged>().Select(e => e.State).ToHashSet();
        Assert.Equal(["cancelled", "created", "filled", "partially_filled", "rejected", "submitted", "validated"], states.Select(WireNames.Of).Order());
    }

    [Fact]
    public void Maker_and_taker_rates_minimum_fee_and_per_symbol_costs()
    {
        var costs = new ExecutionSpec
        {
            FeeRate = 0.002m, MakerFeeRate = 0.0001m, TakerFeeRate = 0.001m, FeeMinimum = 5m,
            PerSymbol = new Dictionary<string, ExecutionSpec> { ["B"] = new() { FeeRate = 0.003m } },
        };
        var candles = FromCloses(90, 101, 102, 103);
        var market = Level(100, "A", "B") with { Execution = costs };
        var run = Run(market, null, null, candles, candles);
        var a = Assert.Single(run.Orders, o => o.Symbol == 0);
        var b = Assert.Single(run.Orders, o => o.Symbol == 1);
        Assert.Equal(5m, a.Fees);                          // taker 0.1% of 1,010 = 1.01, below the 5 minimum
        Assert.Equal(101m * 10 * 0.003m, b.Fees);          // B's own rate, no minimum
    }

    [Fact]
    public void Range_slippage_takes_a_fraction_of_the_candle_range()
    {
        var candles = FromCloses(90, 101, 102, 103);
        var d = Level(100) with { Execution = new ExecutionSpec { Slippage = SlippageModel.RangeFraction, SlippageValue = 0.1 } };
        var entry = Assert.Single(Run(d, null, null, candles).Orders);
        decimal range = (decimal)(candles[2].High - candles[2].Low);
        Assert.Equal(Math.Round(101m + 0.1m * range, 10), entry.AveragePrice);
    }
}
