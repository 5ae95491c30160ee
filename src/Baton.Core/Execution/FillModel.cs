using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;

namespace Baton.Core.Execution;

/// <summary>
/// The simulated venue's price and fee rules; whether and at what raw price an order trades on a candle is
/// <see cref="OrderMatcher"/>'s. Orders taking liquidity (market, stop, trailing stop) pay slippage against the trader
/// (buy higher, sell lower); limit orders, take-profits included, fill at their raw price without slippage.
/// </summary>
public sealed class FillModel(CostModel costs)
{
    public CostModel Costs { get; } = costs;

    /// <summary>The price a market order on <paramref name="side"/> pays for a quoted <paramref name="price"/>
    /// with fixed basis-point slippage.</summary>
    public decimal MarketPrice(OrderSide side, double price) => MarketPrice(side, price, default, 0);

    /// <summary>The price an order taking liquidity pays for a quoted <paramref name="price"/> on candle
    /// <paramref name="c"/>: adverse slippage by the cost model (bps, a fraction of the range, or
    /// square-root impact of <paramref name="quantity"/> against the candle's volume).</summary>
    public decimal MarketPrice(OrderSide side, double price, in Candle c, decimal quantity)
    {
        double slip = Costs.Slippage switch
        {
            SlippageModel.RangeFraction => Costs.SlippageValue * (c.High - c.Low),
            SlippageModel.SquareRootImpact => c.Volume > 0 ? price * Costs.SlippageValue * Math.Sqrt((double)quantity / c.Volume) : 0,
            _ => price * Costs.SlippageBps / 10_000.0,
        };
        return ToMoney(side == OrderSide.Buy ? price + slip : Math.Max(price - slip, 0));
    }

    /// <summary>Fee for filling <paramref name="quantity"/> at <paramref name="price"/>: rate × notional +
    /// per-unit × quantity + per-order (the per-order part charged on the order's first fill only).</summary>
    public decimal Fee(decimal quantity, decimal price, bool firstFill) => Fee(quantity, price, firstFill, maker: null);

    /// <summary>As <see cref="Fee(decimal, decimal, bool)"/>, with the maker or taker rate when the model has one
    /// (<paramref name="maker"/> null: the plain rate), and never less than the minimum on a first fill.</summary>
    public decimal Fee(decimal quantity, decimal price, bool firstFill, bool? maker)
    {
        decimal fee = Costs.RateFor(maker) * quantity * price + Costs.FeePerUnit * quantity + (firstFill ? Costs.FeePerOrder : 0m);
        return firstFill ? Math.Max(fee, Costs.FeeMinimum) : fee;
    }

    /// <summary>Converts a market price to money, rounded to 10 decimals so the ledger is reproducible.</summary>
    public static decimal ToMoney(double price) => Math.Round((decimal)price, 10, MidpointRounding.ToEven);
}
