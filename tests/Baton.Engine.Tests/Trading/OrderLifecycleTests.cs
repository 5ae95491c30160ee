using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using static Baton.Engine.Tests.Trading.TestStrategies;

namespace Baton.Engine.Tests.Trading;

/// <summary>Every transition of the seed's lifecycle happens in a backtest, and each one is an event with its time.</summary>
public class OrderLifecycleTests
{
    private static readonly (OrderState, OrderState)[] Seed =
    [
        (OrderState.Created, OrderState.Validated), (OrderState.Created, OrderState.Rejected),
        (OrderState.Validated, OrderState.Submitted),
        (OrderState.Submitted, OrderState.Filled), (OrderState.Submitted, OrderState.PartiallyFilled),
        (OrderState.Submitted, OrderState.Cancelled),
        (OrderState.PartiallyFilled, OrderState.Filled), (OrderState.PartiallyFilled, OrderState.Cancelled),
    ];

    private static PriceDistance Pct(double f) => new(DistanceKind.Fraction, f);

    private static StrategyDefinition Entry(OrderSpec spec, double? maxVolume = null) => Level(100) with
    {
        Entry = [new RuleSpec("up", TradeAction.Buy, default, Order: spec)],
        Execution = new ExecutionSpec { MaxVolumeFraction = maxVolume },
    };

    private static Order[] Orders(StrategyDefinition d, EventLog log, params Candle[][] data)
    {
        var orders = Run(d, log, null, data).Orders.ToArray();
        AssertEventsMirrorHistory(orders, log);
        return orders;
    }

    /// <summary>events.jsonl and orders.csv are written from these: each order's events are its creation and then every
    /// transition of its history, in order, at the same times and with the same reasons.</summary>
    private static void AssertEventsMirrorHistory(Order[] orders, EventLog log)
    {
        foreach (var order in orders)
        {
            var events = log.Events.OfType<OrderStateChanged>().Where(e => e.OrderId == order.Id).ToList();
            var expected = order.History.Select(h => (h.To, h.Time, h.Reason)).Prepend((OrderState.Created, order.CreatedAt, null));
            Assert.Equal(expected, events.Select(e => (e.State, e.Time, e.Reason)));
        }
    }

    [Fact]
    public void Every_transition_of_the_seed_lifecycle_is_reached()
    {
        var thin = FromCloses(90, 101, 102, 103, 104).Select(c => c with { Volume = 40 }).ToArray();   // 4 units a candle
        var rejected = Orders(Level(100, "A", "B") with { Risk = new RiskSpec { MaxPositions = 1 } }, new EventLog(), thin, thin);
        var partial = Orders(Entry(new OrderSpec(), maxVolume: 0.1), new EventLog(), thin);
        var iocPartial = Orders(Entry(new OrderSpec { TimeInForce = TimeInForce.Ioc }, maxVolume: 0.1), new EventLog(), thin);
        var expired = Orders(Entry(new OrderSpec { Type = OrderType.Limit, Limit = Pct(-0.05), TimeInForce = TimeInForce.Gtd, ExpireAfterCandles = 1 }),
            new EventLog(), thin);

        var reached = rejected.Concat(partial).Concat(iocPartial).Concat(expired)
            .SelectMany(o => o.History).Select(h => (h.From, h.To)).ToHashSet();
        Assert.Equal(Seed.ToHashSet(), reached);

        var ioc = Assert.Single(iocPartial);
        Assert.Equal(4m, ioc.FilledQuantity);
        Assert.Equal((OrderState.PartiallyFilled, OrderState.Cancelled), (ioc.History[^1].From, ioc.History[^1].To));
        Assert.Equal("ioc: the rest not filled on its first candle", ioc.History[^1].Reason);
        Assert.Equal("rejected", WireNames.Of(Assert.Single(rejected, o => o.State == OrderState.Rejected).History[^1].To));
    }

    [Fact]
    public void An_entry_that_cash_cannot_fully_pay_fills_in_part_and_the_rest_is_cancelled()
    {
        var d = Level(100) with { Sizing = new SizingSpec { Kind = SizingKind.Quantity, Value = 98, Fractional = false } };   // 9,898 of 10,000 at 101
        var candles = FromCloses(90, 101, 102, 103);
        candles[2] = candles[2] with { Open = 150, High = 151, Low = 149, Close = 150 };                // gaps up: 66 affordable
        var entry = Assert.Single(Orders(d, new EventLog(), candles));
        Assert.Equal(OrderState.Cancelled, entry.State);
        Assert.Equal([OrderState.Validated, OrderState.Submitted, OrderState.PartiallyFilled, OrderState.Cancelled],
            entry.History.Select(h => h.To));
        Assert.Equal("insufficient cash at fill", entry.History[^1].Reason);
        Assert.Equal(66m, entry.FilledQuantity);
    }
}
