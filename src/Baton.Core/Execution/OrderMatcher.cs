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
    /// <summary>The path of a bracket's children: the extreme against the position first (the stop before the target),
    /// or with <paramref name="targetFirst"/> the extreme in its favour first. <paramref name="childSide"/> is the side of the
    /// children: a sell closes a long.</summary>
    public static IntrabarPath Protective(OrderSide childSide, bool targetFirst) =>
        (childSide == OrderSide.Sell) == targetFirst ? IntrabarPath.HighFirst : IntrabarPath.LowFirst;

    /// <summary>Walks a position's bracket on one candle: its stop child and its take-profit child (either may be null) on
    /// the protective path (<see cref="Protective"/>), and returns the child that traded first, or null. At the same point
    /// (a gap past both at the open) the stop wins.</summary>
    public static Order? MatchBracket(Order? stop, Order? target, in Candle c, bool targetFirst, out double price)
    {
        var side = (stop ?? target)?.Side ?? OrderSide.Sell;
        var path = Protective(side, targetFirst);
        price = 0;
        int stopLeg = int.MaxValue, targetLeg = int.MaxValue;
        double stopPrice = 0, targetPrice = 0;
        if (stop is not null && !TryMatch(stop, c, path, out stopPrice, out stopLeg)) stopLeg = int.MaxValue;
        if (target is not null && !TryMatch(target, c, path, out targetPrice, out targetLeg)) targetLeg = int.MaxValue;
        if (stopLeg == int.MaxValue && targetLeg == int.MaxValue) return null;
        if (stopLeg <= targetLeg)
        {
            price = stopPrice;
            return stop;
        }
        price = targetPrice;
        return target;
    }

    /// <returns>True with the raw fill price when the order trades on <paramref name="c"/>. Updates the order's
    /// trigger and trailing state as the path is walked.</returns>
    public static bool TryMatch(Order order, in Candle c, IntrabarPath path, out double price) => TryMatch(order, c, path, out price, out _);

    /// <param name="leg">Where on the path the order traded: 0 the open, 1 the first extreme, 2 the second, 3 the close. Of two
    /// orders of one bracket the one that traded on the earlier leg is the one that happened.</param>
    public static bool TryMatch(Order order, in Candle c, IntrabarPath path, out double price, out int leg)
    {
        bool highFirst = path switch
        {
            IntrabarPath.HighFirst => true,
            IntrabarPath.LowFirst => false,
            _ => c.High - c.Open <= c.Open - c.Low,
        };
        ReadOnlySpan<double> points = [c.Open, highFirst ? c.High : c.Low, highFirst ? c.Low : c.High, c.Close];
        bool buy = order.Side == OrderSide.Buy;
        price = 0;
        leg = 0;
        switch (order.Type)
        {
            case OrderType.Market:
                price = c.Open;
                return true;
            case OrderType.Limit:
                return Limit(buy, order.LimitPrice, order.FillsOnTouch, points, 0, out price, out leg);
            case OrderType.Stop:
                if (order.Triggered) return AtOpen(c.Open, out price);
                return order.Triggered = Stop(buy, order.StopPrice, points[..3], out price, out leg);
            case OrderType.StopLimit:
                return StopLimit(order, buy, points, out price, out leg);
            default:
                if (order.Triggered) return AtOpen(c.Open, out price);
                return order.Triggered = Trailing(order, buy, points, out price, out leg);
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

    /// <summary>A limit from leg <paramref name="from"/> of the path on: at the open when it is at the limit or better, else
    /// at the limit once a later point trades through it (touches it, for a take-profit).</summary>
    private static bool Limit(bool buy, double limit, bool onTouch, ReadOnlySpan<double> points, int from, out double price, out int leg)
    {
        price = limit;
        for (leg = from; leg < points.Length; leg++)
        {
            if (leg == 0 ? Better(buy, points[0], limit) : onTouch ? Better(buy, points[leg], limit) : Through(buy, points[leg], limit))
            {
                if (leg == 0) price = points[0];
                return true;
            }
        }
        return false;
    }

    /// <summary>A stop touched on the path's open or extremes: at the stop, or at the open when the candle gapped past it.</summary>
    private static bool Stop(bool buy, double stop, ReadOnlySpan<double> points, out double price, out int leg)
    {
        price = stop;
        for (leg = 0; leg < points.Length; leg++)
        {
            if (!Touched(buy, points[leg], stop)) continue;
            if (leg == 0) price = points[0];
            return true;
        }
        return false;
    }

    private static bool StopLimit(Order order, bool buy, ReadOnlySpan<double> points, out double price, out int leg)
    {
        double limit = order.LimitPrice;
        if (order.Triggered) return Limit(buy, limit, false, points, 0, out price, out leg);
        if (!Stop(buy, order.StopPrice, points[..3], out double at, out leg))
        {
            price = 0;
            return false;
        }
        order.Triggered = true;
        price = at;
        if (Better(buy, at, limit)) return true;
        // after the trigger the limit can still fill on the rest of the path
        return Limit(buy, limit, false, points, leg + 1, out price, out leg);
    }

    /// <summary>The stop a trail gives from <paramref name="reference"/>, never looser than the order's fixed stop.</summary>
    private static double TrailStop(Order order, bool buy, double reference)
    {
        double trail = buy ? reference + order.TrailDistance : reference - order.TrailDistance;
        if (double.IsNaN(order.StopFloor)) return trail;
        return buy ? Math.Min(order.StopFloor, trail) : Math.Max(order.StopFloor, trail);
    }

    private static double Best(bool buy, double reference, double p) => buy ? Math.Min(reference, p) : Math.Max(reference, p);

    private static bool Trailing(Order order, bool buy, ReadOnlySpan<double> points, out double price, out int leg)
    {
        if (double.IsNaN(order.TrailReference)) order.TrailReference = points[0];
        for (leg = 0; leg < points.Length; leg++)
        {
            double stop = TrailStop(order, buy, order.TrailReference);
            order.StopPrice = stop;
            if (Touched(buy, points[leg], stop))
            {
                price = leg == 0 ? points[0] : stop;
                return true;
            }
            order.TrailReference = Best(buy, order.TrailReference, points[leg]);
        }
        order.StopPrice = TrailStop(order, buy, order.TrailReference);
        price = 0;
        return false;
    }
}
