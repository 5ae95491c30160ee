namespace Baton.Core.Orders;

/// <summary>The seed's order lifecycle. Legal moves: Created → Validated | Rejected; Validated → Submitted;
/// Submitted → Filled | PartiallyFilled | Cancelled; PartiallyFilled → Filled | Cancelled.</summary>
public enum OrderState
{
    Created,
    Validated,
    Rejected,
    Submitted,
    PartiallyFilled,
    Filled,
    Cancelled,
}

public static class OrderStates
{
    /// <summary>True when the lifecycle allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(OrderState from, OrderState to) => (from, to) switch
    {
        (OrderState.Created, OrderState.Validated or OrderState.Rejected) => true,
        (OrderState.Validated, OrderState.Submitted) => true,
        (OrderState.Submitted, OrderState.Filled or OrderState.PartiallyFilled or OrderState.Cancelled) => true,
        (OrderState.PartiallyFilled, OrderState.Filled or OrderState.Cancelled) => true,
        _ => false,
    };

    /// <summary>Filled, Rejected and Cancelled are final.</summary>
    public static bool IsFinal(this OrderState state) =>
        state is OrderState.Filled or OrderState.Rejected or OrderState.Cancelled;
}
