using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Engine.Strategy;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

/// <summary>How one candle is walked for protective exits (a position's stop, target and trailing stop) and for a
/// working trailing-stop order: which level wins, gaps, the entry's own fill candle, and where a trail moves.</summary>
public class IntrabarWalkTests
{
    private static PriceDistance Pct(double f) => new(DistanceKind.Fraction, f);

    /// <summary>Bought at bar 2's open of 101 (decided at bar 1's close of 101), 10 units, no costs.</summary>
    private static Candle[] Bought(params Candle[] after)
    {
        Candle[] head = [new Candle(0, 90, 91, 89, 90, 1000), new Candle(Day, 90, 101.5, 89.5, 101, 1000)];
        return [.. head, .. after.Select((c, i) => c with { OpenTime = (i + 2) * Day })];
    }

    private static Trade OnlyTrade(ExitSpec exit, Candle[] candles, ExecutionSpec? execution = null)
    {
        var d = Level(100) with { Exit = exit, Execution = execution ?? new ExecutionSpec() };
        return Assert.Single(Run(d, null, null, candles).Trades);
    }

    [Fact]
    public void A_position_trail_moved_by_the_high_stops_the_close_that_falls_through_it_on_the_same_candle()
    {
        // trail 5.05 from 101: 95.95. Bar 2 opens 101, dips to 100, rises to 110 and closes at 104, below 110 − 5.05
        var candles = Bought(new Candle(0, 101, 110, 100, 104, 1000), new Candle(0, 104, 105, 103, 104, 1000));
        var trade = OnlyTrade(new ExitSpec { TrailingStop = Pct(0.05) }, candles);
        Assert.Equal("trailing_stop", trade.ExitReason);
        Assert.Equal(2 * Day + Day, trade.ExitTime);       // on bar 2 itself: its high came before its close
        Assert.Equal(104.95m, trade.ExitPrice);            // at the trail, 110 − 5.05 (was: bar 3's open of 104)
    }

    [Fact]
    public void A_position_trail_moved_by_the_open_stops_the_dip_that_follows_it()
    {
        // bar 2 closes at 106 (trail 100.95); bar 3 opens at 108 (trail 102.95) and dips to 102.5
        var candles = Bought(new Candle(0, 101, 106, 100.5, 106, 1000), new Candle(0, 108, 108.5, 102.5, 104, 1000),
            new Candle(0, 104, 105, 103, 104, 1000));
        var trade = OnlyTrade(new ExitSpec { TrailingStop = Pct(0.05) }, candles);
        Assert.Equal("trailing_stop", trade.ExitReason);
        Assert.Equal(3 * Day + Day, trade.ExitTime);       // on bar 3 (was: bar 4, at 103.45)
        Assert.Equal(102.95m, trade.ExitPrice);
    }

    [Fact]
    public void A_working_trailing_stop_order_follows_each_point_of_the_path_and_can_fill_on_the_close()
    {
        // a buy trailing 1.01 above the lowest, from the deciding close of 101. Bar 2 (high first: it is nearer the open)
        // opens 101, rises to 101.2, falls to 98 (stop 99.01) and closes at 99.5, through the stop
        var spec = new OrderSpec { Type = OrderType.TrailingStop, Trail = Pct(0.01) };
        var d = Level(100) with { Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)], Exit = new ExitSpec() };
        var entry = Run(d, null, null, Bought(new Candle(0, 101, 101.2, 98, 99.5, 1000), new Candle(0, 99.5, 100, 99, 99.5, 1000)))
            .Orders.First(o => o.Intent == OrderIntent.Entry);
        Assert.Equal(OrderState.Filled, entry.State);
        Assert.Equal(3 * Day, entry.History.Single(h => h.To == OrderState.Filled).Time);
        Assert.Equal(99.01m, entry.AveragePrice);
    }

    [Theory]
    [InlineData(false, "stop_loss", 96.96)]       // the stop is assumed first
    [InlineData(true, "take_profit", 111.1)]      // exit.target_first
    public void Stop_and_target_touched_on_one_candle(bool targetFirst, string reason, double price)
    {
        var candles = Bought(new Candle(0, 101, 101.5, 100.5, 101, 1000), new Candle(0, 101, 112, 96, 101, 1000));
        var trade = OnlyTrade(new ExitSpec { StopLoss = Pct(0.04), TakeProfit = Pct(0.1), TargetFirst = targetFirst }, candles);
        Assert.Equal((reason, (decimal)price, 3 * Day + Day), (trade.ExitReason, trade.ExitPrice, trade.ExitTime));
    }

    [Theory]
    [InlineData(IntrabarPath.HighFirst)]
    [InlineData(IntrabarPath.LowFirst)]
    [InlineData(IntrabarPath.Nearest)]
    public void Execution_intrabar_does_not_decide_between_a_position_stop_and_target(IntrabarPath path)
    {
        var candles = Bought(new Candle(0, 101, 101.5, 100.5, 101, 1000), new Candle(0, 101, 112, 96, 101, 1000));
        var trade = OnlyTrade(new ExitSpec { StopLoss = Pct(0.04), TakeProfit = Pct(0.1) }, candles,
            new ExecutionSpec { IntrabarPath = path });
        Assert.Equal(("stop_loss", 96.96m), (trade.ExitReason, trade.ExitPrice));
    }

    [Fact]
    public void A_target_gapped_through_fills_at_the_open_without_slippage()
    {
        var candles = Bought(new Candle(0, 101, 101.5, 100.5, 101, 1000), new Candle(0, 115, 116, 114, 115, 1000));
        var trade = OnlyTrade(new ExitSpec { TakeProfit = Pct(0.1) }, candles, new ExecutionSpec { SlippageBps = 50 });
        Assert.Equal(("take_profit", 115m), (trade.ExitReason, trade.ExitPrice));
    }

    [Fact]
    public void A_stop_can_trade_on_the_entry_fill_candle()
    {
        // filled at bar 2's open of 101; the stop 4% below, 96.96, is reached by bar 2's low
        var candles = Bought(new Candle(0, 101, 102, 96, 100, 1000), new Candle(0, 100, 101, 99, 100, 1000));
        var trade = OnlyTrade(new ExitSpec { StopLoss = Pct(0.04) }, candles);
        Assert.Equal((2 * Day + Day, 2 * Day + Day, 96.96m), (trade.EntryTime, trade.ExitTime, trade.ExitPrice));
    }
}
