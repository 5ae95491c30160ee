using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;

namespace Baton.Core.Execution;

/// <summary>Which protective level a candle reached, if any.</summary>
public enum ExitTrigger
{
    None,
    Stop,
    Target,
}

/// <summary>
/// The simulated venue's price rules. Market fills pay slippage against the trader (buy higher, sell lower);
/// take-profit exits are limit-like and fill at the target (or better, at a gapping open) without slippage;
/// a stop fills at the stop, or at the open when the candle gapped past it, plus slippage.
/// </summary>
public sealed class FillModel(CostModel costs)
{
    public CostModel Costs { get; } = costs;

    /// <summary>The price a market order on <paramref name="side"/> pays for a quoted <paramref name="price"/>.</summary>
    public decimal MarketPrice(OrderSide side, double price)
    {
        double factor = Costs.SlippageBps / 10_000.0;
        double slipped = side == OrderSide.Buy ? price * (1 + factor) : price * (1 - factor);
        return ToMoney(slipped);
    }

    /// <summary>Fee for filling <paramref name="quantity"/> at <paramref name="price"/>: rate × notional +
    /// per-unit × quantity + per-order (the per-order part charged on the order's first fill only).</summary>
    public decimal Fee(decimal quantity, decimal price, bool firstFill) =>
        Costs.FeeRate * quantity * price + Costs.FeePerUnit * quantity + (firstFill ? Costs.FeePerOrder : 0m);

    /// <summary>
    /// Checks a position's stop and target against one candle, intrabar: the open first (a gap past a level
    /// triggers at the open), then both extremes. When the candle touches both levels and the open touched
    /// neither, the stop is assumed first unless <paramref name="targetFirst"/>.
    /// </summary>
    /// <returns>The trigger and the raw (pre-slippage) exit price.</returns>
    public static (ExitTrigger Trigger, double Price) CheckExit(bool isLong, double stop, double target, in Candle c, bool targetFirst)
    {
        bool hasStop = !double.IsNaN(stop), hasTarget = !double.IsNaN(target);
        if (!hasStop && !hasTarget) return (ExitTrigger.None, 0);
        if (hasStop && (isLong ? c.Open <= stop : c.Open >= stop)) return (ExitTrigger.Stop, c.Open);
        if (hasTarget && (isLong ? c.Open >= target : c.Open <= target)) return (ExitTrigger.Target, c.Open);
        bool stopTouched = hasStop && (isLong ? c.Low <= stop : c.High >= stop);
        bool targetTouched = hasTarget && (isLong ? c.High >= target : c.Low <= target);
        if (stopTouched && targetTouched) return targetFirst ? (ExitTrigger.Target, target) : (ExitTrigger.Stop, stop);
        if (stopTouched) return (ExitTrigger.Stop, stop);
        if (targetTouched) return (ExitTrigger.Target, target);
        return (ExitTrigger.None, 0);
    }

    /// <summary>Converts a market price to money, rounded to 10 decimals so the ledger is reproducible.</summary>
    public static decimal ToMoney(double price) => Math.Round((decimal)price, 10, MidpointRounding.ToEven);
}
