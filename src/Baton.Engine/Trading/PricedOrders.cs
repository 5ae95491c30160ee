using Baton.Core.Orders;
using Baton.Engine.Strategy;

namespace Baton.Engine.Trading;

/// <summary>Turns a rule's <see cref="OrderSpec"/> into an order priced from the deciding close.</summary>
internal static class PricedOrders
{
    /// <param name="close">The deciding candle's close, the reference of every offset.</param>
    /// <param name="atr">The ATR at decision time, for offsets in ATR multiples (NaN when none).</param>
    /// <param name="time">The decision instant (the deciding candle's close), Unix ms.</param>
    public static Order Entry(long id, int symbol, OrderSide side, decimal quantity, OrderSpec spec, double close, double atr, long time,
        long barLength) => new(id, symbol, side, quantity, OrderIntent.Entry, time)
        {
            Type = spec.Type,
            LimitPrice = spec.Limit is { } l ? close + ExitLevels.Distance(l, close, atr) : double.NaN,
            StopPrice = spec.Stop is { } s ? close + ExitLevels.Distance(s, close, atr) : double.NaN,
            TrailDistance = spec.Trail is { } t ? Math.Abs(ExitLevels.Distance(t, close, atr)) : double.NaN,
            TrailReference = spec.Type == OrderType.TrailingStop ? close : double.NaN,
            TimeInForce = spec.TimeInForce,
            ExpiresAt = ExpiresAt(spec, time, barLength),
        };

    /// <summary>DAY: the end of the UTC day of the decision; GTD: the given time, or N candles after the decision.</summary>
    private static long ExpiresAt(OrderSpec spec, long time, long barLength) => spec.TimeInForce switch
    {
        TimeInForce.Day => (Math.DivRem(time, Core.Market.Timeframe.Day).Quotient + 1) * Core.Market.Timeframe.Day,
        TimeInForce.Gtd when spec.ExpireAfterCandles is { } n => time + n * barLength,
        TimeInForce.Gtd when spec.ExpireAt is { } at => at,
        _ => long.MaxValue,
    };
}
