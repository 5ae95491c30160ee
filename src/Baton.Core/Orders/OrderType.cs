namespace Baton.Core.Orders;

/// <summary>How an order chooses its price.</summary>
public enum OrderType
{
    /// <summary>At the next price available (the next open).</summary>
    Market,
    /// <summary>At <see cref="Order.LimitPrice"/> or better, only once the market trades through it.</summary>
    Limit,
    /// <summary>Becomes a market order once the market touches <see cref="Order.StopPrice"/>.</summary>
    Stop,
    /// <summary>Becomes a limit order at <see cref="Order.LimitPrice"/> once the market touches <see cref="Order.StopPrice"/>.</summary>
    StopLimit,
    /// <summary>A stop that follows the market at <see cref="Order.TrailDistance"/>: for a sell, below the highest
    /// price since submission; for a buy, above the lowest.</summary>
    TrailingStop,
}

/// <summary>How long a working order lives.</summary>
public enum TimeInForce
{
    /// <summary>Good till cancelled.</summary>
    Gtc,
    /// <summary>Until the end of the UTC day it was submitted in.</summary>
    Day,
    /// <summary>Good till a date (<see cref="Order.ExpiresAt"/>), given as a time or a number of candles.</summary>
    Gtd,
    /// <summary>Immediate or cancel: whatever does not fill on the first candle it can is cancelled.</summary>
    Ioc,
}

public static class OrderTypes
{
    /// <summary>Limit orders add liquidity (maker); the others take it (taker).</summary>
    public static bool IsMaker(this OrderType type) => type == OrderType.Limit;
}
