using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

/// <summary>After trading stops (a loss limit, either breach action, or a manual stop) no order opens or grows a
/// position: entries still working are cancelled at the stop with the reason, whatever their type or fill timing.</summary>
public class StopRefusesEntriesTests
{
    // A loses more than 1% by bar 3 (the breach, seen at the end of that timestamp). B, first in symbol order, crosses
    // its level at bar 3's close before A's loss is marked, so the risk gate approves it; its order is still working when
    // trading stops and would fill at bar 4 (market, stop order) or bar 5 (a limit below the close).
    private static readonly double[] AClose = [90, 101, 102, 96, 94, 94, 94, 94];
    private static readonly double[] BClose = [90, 90, 90, 101, 102, 99, 103, 104];
    // With fill: close an entry decided at the breach's own close fills before the breach is known (legitimately), so
    // there B crosses two closes later, after the stop.
    private static readonly double[] BCloseLate = [90, 90, 90, 90, 90, 101, 102, 104];

    public static TheoryData<string, BreachAction, OrderType, FillTiming> Cases() => new()
    {
        { "market, stop", BreachAction.Stop, OrderType.Market, FillTiming.NextOpen },
        { "market, close_all", BreachAction.CloseAll, OrderType.Market, FillTiming.NextOpen },
        { "limit, stop", BreachAction.Stop, OrderType.Limit, FillTiming.NextOpen },
        { "stop order, stop", BreachAction.Stop, OrderType.Stop, FillTiming.NextOpen },
        { "fill close, stop", BreachAction.Stop, OrderType.Market, FillTiming.Close },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_entry_fills_after_a_loss_limit_stops_trading(string name, BreachAction onBreach, OrderType type, FillTiming fill)
    {
        var log = new EventLog();
        var run = Run(Strategy(onBreach, type, fill), log, null, FromCloses(fill == FillTiming.Close ? BCloseLate : BClose),
            FromCloses(AClose));
        Assert.Equal(PortfolioState.Stopped, run.FinalState);
        long stoppedAt = Assert.Single(log.Events.OfType<TradingStopped>()).Time;
        Assert.DoesNotContain(run.Orders, o => o.Symbol == 0 && o.FilledQuantity > 0);          // B never opened
        Assert.All(run.Orders.Where(o => o.Intent == OrderIntent.Entry && o.History.Any(h => h.Time > stoppedAt)),
            o => Assert.Equal(0m, o.FilledQuantity));
        if (fill == FillTiming.NextOpen)
        {
            var b = Assert.Single(run.Orders, o => o.Symbol == 0);
            Assert.Equal(OrderState.Cancelled, b.State);
            Assert.Equal((stoppedAt, "risk limit hit: trading stopped (max_drawdown)"), (b.History[^1].Time, b.History[^1].Reason));
        }
        Assert.Null(run.Trades.FirstOrDefault(t => t.Symbol == 0));
        _ = name;
    }

    [Fact]
    public void A_manual_stop_cancels_a_working_entry_and_no_later_entry_fills()
    {
        var log = new EventLog();
        var engine = new TradingEngine(StrategyCompiler.Compile(Level(100)), new EngineSinks(log));
        var candles = FromCloses(90, 101, 102, 95, 101, 103);
        engine.OnCandle(0, candles[0]);
        engine.OnCandle(0, candles[1]);                     // entry decided at this close, working
        engine.Stop("operator");
        for (int i = 2; i < candles.Length; i++) engine.OnCandle(0, candles[i]);
        engine.Finish();
        var entry = Assert.Single(engine.Orders);
        Assert.Equal(OrderState.Cancelled, entry.State);
        Assert.Equal("trading stopped: operator", entry.History[^1].Reason);
        Assert.Null(engine.Portfolio.PositionOf(0));
    }

    private static StrategyDefinition Strategy(BreachAction onBreach, OrderType type, FillTiming fill) => Level(100, "B", "A") with
    {
        Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 45 },
        Risk = new RiskSpec { MaxDrawdown = 0.01, OnBreach = onBreach },
        Execution = new ExecutionSpec { Fill = fill },
        Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: type switch
        {
            OrderType.Limit => new OrderSpec { Type = OrderType.Limit, Limit = new PriceDistance(DistanceKind.Fraction, -0.015) },
            OrderType.Stop => new OrderSpec { Type = OrderType.Stop, Stop = new PriceDistance(DistanceKind.Fraction, 0.005) },
            _ => null,
        })],
    };
}
