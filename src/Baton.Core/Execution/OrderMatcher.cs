using Baton.Core.Market;
using Baton.Core.Orders;

namespace Baton.Core.Execution;

/// <summary>Which extreme a candle is assumed to reach first after its open.</summary>
public enum IntrabarPath
{
    /// <summary>Open → the extreme nearer the open → the other extreme → close (default).</summary>
    Nearest,
    HighFirst,
    LowFirst,
}

/// <summary>
/// Decides whether a working order trades on a candle, and at what raw price (before slippage), walking the
/// candle's assumed path open → first extreme → second extreme → close:
/// <list type="bullet">
/// <item>market: the open;</item>
/// <item>limit: the open if it is already at the limit or better, else the limit, only when the price trades
/// strictly through it (a touch does not fill);</item>
/// <item>stop: triggers when touched; fills at the stop, or at the open when the candle gapped past it; what
/// did not fill then (volume limit) is a market order on later candles;</item>
/// <item>stop-limit: once the stop is touched it is a limit, on this candle's remaining path and later ones;</item>
/// <item>trailing stop: the stop follows the best price on the path point by point, then triggers as a stop.</item>
/// </list>
/// </summary>
public static class OrderMatcher
{
    /// <returns>True with the raw fill price when the order trades on <paramref name="c"/>. Updates the order's
    /// trigger and trailing state as the path is walked.</returns>
    public static bool TryMatch(Order order, in Candle c, IntrabarPath path, out double price)
    {
        bool highFirst = path switch
        {
            IntrabarPath.HighFirst => true,
            IntrabarPath.LowFirst => false,
            _ => c.High - c.Open <= c.Open - c.Low,
        };
        double p1 = highFirst ? c.High : c.Low, p2 = highFirst ? c.Low : c.High;
        bool buy = order.Side == OrderSide.Buy;
        price = 0;
        switch (order.Type)
        {
            case OrderType.Market:
                price = c.Open;
                return true;
            case OrderType.Limit:
                return Limit(buy, order.LimitPrice, c.Open, p1, p2, c.Close, out price);
            case OrderType.Stop:
                if (order.Triggered) return AtOpen(c.Open, out price);
                return order.Triggered = Stop(buy, order.StopPrice, c.Open, p1, p2, out price, out _);
            case OrderType.StopLimit:
                return StopLimit(order, buy, c.Open, p1, p2, c.Close, out price);
            default:
                if (order.Triggered) return AtOpen(c.Open, out price);
                return order.Triggered = Trailing(order, buy, c.Open, p1, p2, c.Close, out price);
        }
    }

    /// <summary>A stop triggered on an earlier candle is a market order for what did not fill then.</summary>
    private static bool AtOpen(double open, out double price)
    {
        price = open;
        return true;
    }

    private static bool Better(bool buy, double p, double limit) => buy ? p <= limit : p >= limit;

    private static bool Through(bool buy, double p, double limit) => buy ? p < limit : p > limit;

    private static bool Touched(bool buy, double p, double stop) => buy ? p >= stop : p <= stop;

    private static bool Limit(bool buy, double limit, double open, double p1, double p2, double close, out double price)
    {
        price = Better(buy, open, limit) ? open : limit;
        return Better(buy, open, limit) || Through(buy, p1, limit) || Through(buy, p2, limit) || Through(buy, close, limit);
    }

    /// <param name="leg">The path leg (0 open, 1 first extreme, 2 second extreme) where the stop was touched.</param>
    private static bool Stop(bool buy, double stop, double open, double p1, double p2, out double price, out int leg)
    {
        price = stop;
        leg = Touched(buy, open, stop) ? 0 : Touched(buy, p1, stop) ? 1 : Touched(buy, p2, stop) ? 2 : -1;
        if (leg == 0) price = open;
        return leg >= 0;
    }

    private static bool StopLimit(Order order, bool buy, double open, double p1, double p2, double close, out double price)
    {
        double limit = order.LimitPrice;
        if (order.Triggered) return Limit(buy, limit, open, p1, p2, close, out price);
        if (!Stop(buy, order.StopPrice, open, p1, p2, out double at, out int leg))
        {
            price = 0;
            return false;
        }
        order.Triggered = true;
        price = at;
        if (Better(buy, at, limit)) return true;
        price = limit;
        // after the trigger the limit can still fill on the rest of the path
        return (leg < 1 && Through(buy, p1, limit)) || (leg < 2 && Through(buy, p2, limit)) || Through(buy, close, limit);
    }

    private static bool Trailing(Order order, bool buy, double open, double p1, double p2, double close, out double price)
    {
        double d = order.TrailDistance;
        if (double.IsNaN(order.TrailReference)) order.TrailReference = open;
        ReadOnlySpan<double> points = [open, p1, p2, close];
        for (int i = 0; i < points.Length; i++)
        {
            double stop = buy ? order.TrailReference + d : order.TrailReference - d;
            order.StopPrice = stop;
            if (Touched(buy, points[i], stop))
            {
                price = i == 0 ? points[0] : stop;
                return true;
            }
            order.TrailReference = buy ? Math.Min(order.TrailReference, points[i]) : Math.Max(order.TrailReference, points[i]);
        }
        order.StopPrice = buy ? order.TrailReference + d : order.TrailReference - d;
        price = 0;
        return false;
    }
}
