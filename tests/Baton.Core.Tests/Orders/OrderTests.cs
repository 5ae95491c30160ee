using Baton.Core.Orders;

namespace Baton.Core.Tests.Orders;

public class OrderTests
{
    private static readonly OrderState[] All = Enum.GetValues<OrderState>();

    private static readonly HashSet<(OrderState, OrderState)> Legal =
    [
        (OrderState.Created, OrderState.Validated), (OrderState.Created, OrderState.Rejected),
        (OrderState.Validated, OrderState.Submitted),
        (OrderState.Submitted, OrderState.Filled), (OrderState.Submitted, OrderState.PartiallyFilled),
        (OrderState.Submitted, OrderState.Cancelled),
        (OrderState.PartiallyFilled, OrderState.Filled), (OrderState.PartiallyFilled, OrderState.Cancelled),
    ];

    [Fact]
    public void Every_pair_of_states_is_legal_exactly_when_the_seed_says_so()
    {
        foreach (var from in All)
            foreach (var to in All)
                Assert.Equal(Legal.Contains((from, to)), OrderStates.CanMove(from, to));
    }

    [Fact]
    public void Illegal_transition_throws_and_leaves_the_state_unchanged()
    {
        var order = new Order(1, 0, OrderSide.Buy, 10, OrderIntent.Entry, 0);
        var e = Assert.Throws<InvalidOperationException>(() => order.MoveTo(OrderState.Filled, 1));
        Assert.Contains("Created -> Filled", e.Message, StringComparison.Ordinal);
        Assert.Equal(OrderState.Created, order.State);
        Assert.Empty(order.History);
    }

    [Fact]
    public void Partial_then_full_fill_walks_the_lifecycle_and_averages_the_price()
    {
        var order = new Order(1, 0, OrderSide.Buy, 10, OrderIntent.Entry, 0);
        order.MoveTo(OrderState.Validated, 1);
        order.MoveTo(OrderState.Submitted, 1);
        order.Fill(4, 100m, 0.4m, 2);
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        order.Fill(6, 110m, 0.6m, 3);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(106m, order.AveragePrice);
        Assert.Equal(1.0m, order.Fees);
        Assert.Equal([OrderState.Validated, OrderState.Submitted, OrderState.PartiallyFilled, OrderState.Filled],
            order.History.Select(h => h.To));
    }

    [Fact]
    public void Overfilling_throws()
    {
        var order = new Order(1, 0, OrderSide.Sell, 1, OrderIntent.StopLoss, 0);
        order.MoveTo(OrderState.Validated, 0);
        order.MoveTo(OrderState.Submitted, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => order.Fill(2, 1m, 0m, 1));
    }

    [Fact]
    public void Reduce_is_allowed_only_before_validation()
    {
        var order = new Order(1, 0, OrderSide.Buy, 10, OrderIntent.Entry, 0);
        order.Reduce(5);
        Assert.Equal(5, order.Quantity);
        order.MoveTo(OrderState.Validated, 0);
        Assert.Throws<InvalidOperationException>(() => order.Reduce(4));
    }
}
