namespace Baton.Core.Sizing;

/// <summary>How an entry's quantity is chosen.</summary>
public enum SizingMethod
{
    /// <summary><c>Amount</c> units.</summary>
    FixedQuantity,
    /// <summary>Notional = <c>Amount</c> × equity (0.1 = 10%).</summary>
    EquityFraction,
    /// <summary>Notional = <c>Amount</c> in cash.</summary>
    FixedCash,
    /// <summary>Lose at most <c>Amount</c> × equity if the stop is hit: quantity = risk / stop distance.</summary>
    RiskFraction,
}

/// <summary>How slippage is computed for orders that take liquidity.</summary>
public enum SlippageModel
{
    /// <summary>A fixed number of basis points of the price.</summary>
    Bps,
    /// <summary>A fraction of the candle's range (high − low).</summary>
    RangeFraction,
    /// <summary>k · √(quantity / candle volume) of the price (square-root market impact).</summary>
    SquareRootImpact,
}

/// <summary>Trading costs: fee rate (or maker/taker rates), per-unit and per-order fees, a minimum fee, and slippage.</summary>
public readonly record struct CostModel(decimal FeeRate, decimal FeePerUnit, decimal FeePerOrder, double SlippageBps)
{
    public decimal FeeMinimum { get; init; }
    public decimal? MakerFeeRate { get; init; }
    public decimal? TakerFeeRate { get; init; }
    public SlippageModel Slippage { get; init; }
    public double SlippageValue { get; init; }

    /// <summary>The fee rate an order pays: the maker rate for an order that adds liquidity (<paramref name="maker"/> true),
    /// the taker rate for one that takes it (false), each falling back to <see cref="FeeRate"/> when not set; null asks
    /// for the plain rate.</summary>
    public decimal RateFor(bool? maker) => maker switch
    {
        true => MakerFeeRate ?? FeeRate,
        false => TakerFeeRate ?? FeeRate,
        _ => FeeRate,
    };

    /// <summary>The highest rate any order can pay, for checks that must hold whatever the order type.</summary>
    public decimal HighestRate => Math.Max(RateFor(true), RateFor(false));
}

/// <summary>
/// Turns a sizing rule into a quantity: rounded down to whole units or to <see cref="Step"/>, and never
/// more than the cash allows after fees and slippage at <c>price</c>. Returns 0 when nothing is affordable.
/// </summary>
public sealed class PositionSizer(SizingMethod method, decimal amount, bool fractional, decimal step, CostModel costs)
{
    public SizingMethod Method { get; } = method;
    public decimal Amount { get; } = amount;
    public decimal Step { get; } = fractional ? step : 1m;

    /// <param name="equity">Current equity (mark).</param>
    /// <param name="cash">Cash available.</param>
    /// <param name="price">Expected fill price (the deciding candle's close).</param>
    /// <param name="stopDistance">Price distance to the stop, for <see cref="SizingMethod.RiskFraction"/> (NaN otherwise).</param>
    public decimal Size(double equity, decimal cash, double price, double stopDistance)
    {
        if (!(price > 0) || !(equity > 0)) return 0;
        double raw = Method switch
        {
            SizingMethod.FixedQuantity => (double)Amount,
            SizingMethod.EquityFraction => equity * (double)Amount / price,
            SizingMethod.FixedCash => (double)Amount / price,
            _ => stopDistance > 0 ? equity * (double)Amount / stopDistance : 0,
        };
        decimal quantity = RoundDown(ToDecimal(raw));
        return Math.Min(quantity, Affordable(cash, price));
    }

    /// <summary>The largest quantity whose cost (price with slippage, plus fees at the highest rate the cost model charges)
    /// fits in <paramref name="cash"/>.</summary>
    public decimal Affordable(decimal cash, double price)
    {
        decimal unit = ToDecimal(price * (1 + costs.SlippageBps / 10_000.0));
        decimal perUnit = unit * (1 + costs.HighestRate) + costs.FeePerUnit;
        decimal available = cash - costs.FeePerOrder;
        if (available <= 0 || perUnit <= 0) return 0;
        return RoundDown(available / perUnit);
    }

    /// <summary><paramref name="quantity"/> down to a whole number of steps, by the remainder: dividing a large quantity by a
    /// small step could pass decimal's range.</summary>
    public decimal RoundDown(decimal quantity) =>
        quantity <= 0 ? 0 : Math.Round(quantity - quantity % Step, Step.Scale);   // written with the step's decimals

    private static decimal ToDecimal(double value) =>
        value is > 0 and < 7.9e27 ? (decimal)value : 0;
}
