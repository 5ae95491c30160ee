namespace Baton.Core.Orders;

public enum OrderSide
{
    Buy,
    Sell,
}

/// <summary>Why an order exists: to open a position or to close one (and which exit closed it).</summary>
public enum OrderIntent
{
    Entry,
    SignalExit,
    StopLoss,
    TakeProfit,
    TrailingStop,
    RiskBreach,
    EndOfData,
}

/// <summary>One move of an order's lifecycle, at <see cref="Time"/> (Unix ms UTC), with an optional reason.</summary>
public readonly record struct OrderTransition(long Time, OrderState From, OrderState To, string? Reason);

/// <summary>
/// A market order for one symbol. Quantities are exact (decimal, always positive; the side gives the
/// direction). The state follows <see cref="OrderStates.CanMove"/>; an illegal move is a bug and throws.
/// </summary>
public sealed class Order
{
    private readonly List<OrderTransition> _history = new(4);

    public Order(long id, int symbol, OrderSide side, decimal quantity, OrderIntent intent, long createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Id = id;
        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        Intent = intent;
        CreatedAt = createdAt;
    }

    public long Id { get; }
    /// <summary>Index of the symbol in the strategy's symbol list.</summary>
    public int Symbol { get; }
    public OrderSide Side { get; }
    /// <summary>The quantity asked for; may be lowered by the risk manager before validation.</summary>
    public decimal Quantity { get; private set; }
    public decimal FilledQuantity { get; private set; }
    public OrderIntent Intent { get; }
    public long CreatedAt { get; }
    public OrderState State { get; private set; } = OrderState.Created;
    /// <summary>Volume-weighted average fill price; 0 before any fill.</summary>
    public decimal AveragePrice { get; private set; }
    public decimal Fees { get; private set; }
    public OrderType Type { get; init; } = OrderType.Market;
    /// <summary>Limit price of limit and stop-limit orders; NaN otherwise.</summary>
    public double LimitPrice { get; init; } = double.NaN;
    /// <summary>Stop price of stop and stop-limit orders, and the current stop of a trailing stop; NaN otherwise.</summary>
    public double StopPrice { get; set; } = double.NaN;
    /// <summary>Trailing distance (price amount) of a trailing stop; NaN otherwise.</summary>
    public double TrailDistance { get; init; } = double.NaN;
    /// <summary>For a protective trailing stop that also has a fixed stop: the fixed stop, which the trail never loosens
    /// (a sell's stop stays at or above it, a buy's at or below); NaN otherwise.</summary>
    public double StopFloor { get; init; } = double.NaN;
    /// <summary>True for a take-profit: the limit fills when the price touches it. A resting limit order (false) needs the
    /// price to trade through it.</summary>
    public bool FillsOnTouch { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;
    /// <summary>A candle opening at or after this instant (Unix ms) finds the order expired; long.MaxValue for never.</summary>
    public long ExpiresAt { get; init; } = long.MaxValue;
    /// <summary>True once the stop was touched: a stop or trailing stop then works as a market order, a stop-limit
    /// as a limit (for what did not fill on the triggering candle).</summary>
    public bool Triggered { get; set; }
    /// <summary>Best price seen since submission, for a trailing stop (highest for a sell, lowest for a buy).</summary>
    public double TrailReference { get; set; } = double.NaN;
    /// <summary>The order this one is the other half of (one-cancels-other), or 0.</summary>
    public long OcoWith { get; set; }
    public IReadOnlyList<OrderTransition> History => _history;

    public decimal RemainingQuantity => Quantity - FilledQuantity;

    /// <summary>Moves to <paramref name="to"/>; throws <see cref="InvalidOperationException"/> on an illegal move.</summary>
    public void MoveTo(OrderState to, long time, string? reason = null)
    {
        if (!OrderStates.CanMove(State, to))
            throw new InvalidOperationException($"order {Id}: illegal transition {State} -> {to}");
        _history.Add(new OrderTransition(time, State, to, reason));
        State = to;
    }

    /// <summary>Lowers the quantity before the order is validated (risk reduction).</summary>
    public void Reduce(decimal quantity)
    {
        if (State != OrderState.Created) throw new InvalidOperationException($"order {Id}: cannot resize in state {State}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, Quantity);
        Quantity = quantity;
    }

    /// <summary>Records a fill of <paramref name="quantity"/> at <paramref name="price"/> and moves to
    /// Filled or PartiallyFilled.</summary>
    public void Fill(decimal quantity, decimal price, decimal fee, long time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, RemainingQuantity);
        AveragePrice = (AveragePrice * FilledQuantity + price * quantity) / (FilledQuantity + quantity);
        FilledQuantity += quantity;
        Fees += fee;
        var next = FilledQuantity == Quantity ? OrderState.Filled : OrderState.PartiallyFilled;
        if (next != State) MoveTo(next, time);
    }
}
