using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Engine.Strategy;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Venue;

/// <summary>The simulated venue's caps and the life of a bracket, through the engine.</summary>
public class SimulatedVenueTests
{
    private static readonly ExitSpec Stop4 = new() { StopLoss = new PriceDistance(DistanceKind.Fraction, 0.04) };   // 96.96 below a fill at 101

    /// <summary>Decided at bar 1's close of 101; 10 units bought at bar 2's open of 101 unless capped.</summary>
    private static Candle[] Bars(params Candle[] after)
    {
        Candle[] head = [new Candle(0, 90, 91, 89, 90, 1000), new Candle(Day, 90, 101.5, 89.5, 101, 1000)];
        return [.. head, .. after.Select((c, i) => c with { OpenTime = (i + 2) * Day })];
    }

    [Fact]
    public void A_bracket_protects_the_position_on_a_candle_with_no_volume()
    {
        var candles = Bars(new Candle(0, 101, 102, 100, 101, 1000), new Candle(0, 101, 101.5, 96, 100, 0));
        var trade = Assert.Single(Run(Level(100) with { Exit = Stop4 }, null, null, candles).Trades);
        Assert.Equal(("stop_loss", 96.96m, 4 * Day), (trade.ExitReason, trade.ExitPrice, trade.ExitTime));
    }

    [Fact]
    public void A_bracket_fill_is_not_capped_by_the_candle_volume()
    {
        var candles = Bars(new Candle(0, 101, 102, 100, 101, 1000), new Candle(0, 101, 101.5, 96, 100, 20));   // 10% of 20 is 2
        var d = Level(100) with { Exit = Stop4, Execution = new ExecutionSpec { MaxVolumeFraction = 0.1 } };
        var trade = Assert.Single(Run(d, null, null, candles).Trades);
        Assert.Equal((10m, 96.96m), (trade.Quantity, trade.ExitPrice));
    }

    [Fact]
    public void A_position_whose_entry_still_works_gets_its_bracket_when_the_entry_is_done()
    {
        // 10% of 40: the entry fills 4, 4 and 2 on bars 2-4; bars 2 and 3 reach 96, below the stop, before it is done
        var candles = Bars(new Candle(0, 101, 102, 96, 100, 40), new Candle(0, 100, 101, 96, 100, 40),
            new Candle(0, 100, 101, 99, 100, 40), new Candle(0, 100, 101, 96, 100, 1000));
        var d = Level(100) with { Exit = Stop4, Execution = new ExecutionSpec { MaxVolumeFraction = 0.1 } };
        var run = Run(d, null, null, candles);
        var stop = Assert.Single(run.Orders, o => o.Intent == OrderIntent.StopLoss);
        Assert.Equal(5 * Day, stop.CreatedAt);                      // with the entry's last fill, on bar 4
        var trade = Assert.Single(run.Trades);
        Assert.Equal((10m, 96.96m, 6 * Day), (trade.Quantity, trade.ExitPrice, trade.ExitTime));   // bar 5
    }

    [Fact]
    public void The_other_child_of_a_bracket_is_cancelled_when_one_fills()
    {
        var exit = Stop4 with { TakeProfit = new PriceDistance(DistanceKind.Fraction, 0.1) };
        var candles = Bars(new Candle(0, 101, 102, 100, 101, 1000), new Candle(0, 101, 112, 100, 101, 1000));
        var run = Run(Level(100) with { Exit = exit }, null, null, candles);
        var target = Assert.Single(run.Orders, o => o.Intent == OrderIntent.TakeProfit);
        var stop = Assert.Single(run.Orders, o => o.Intent == OrderIntent.StopLoss);
        Assert.Equal((OrderState.Filled, OrderState.Cancelled), (target.State, stop.State));
        Assert.Equal("oco: the other side of the bracket closed the position", stop.History[^1].Reason);
    }
}
