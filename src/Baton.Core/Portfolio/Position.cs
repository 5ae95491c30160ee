namespace Baton.Core.Portfolio;

/// <summary>
/// An open position in one symbol. <see cref="Quantity"/> is signed: positive long, negative short.
/// Exit levels are prices (NaN when not set); the trailing stop follows the best price since entry.
/// </summary>
public sealed class Position
{
    public Position(int symbol) => Symbol = symbol;

    public int Symbol { get; }
    public decimal Quantity { get; internal set; }
    /// <summary>Average entry price of the open quantity.</summary>
    public decimal AveragePrice { get; internal set; }
    public long OpenedAt { get; internal set; }
    /// <summary>Fees paid on the entry fills of the open quantity (allocated to the round trip).</summary>
    public decimal EntryFees { get; internal set; }

    /// <summary>The exits booked so far against this position: a round trip is one trade however many fills closed it.</summary>
    internal RoundTrip Trip { get; } = new();

    public double StopPrice { get; set; } = double.NaN;
    public double TargetPrice { get; set; } = double.NaN;
    /// <summary>Trailing distance as a price amount (NaN when no trailing stop).</summary>
    public double TrailDistance { get; set; } = double.NaN;
    /// <summary>Where the trailing stop starts: the entry's first fill price. From then on the trail moves on the bracket's
    /// trailing-stop order at the venue, not here.</summary>
    public double BestPrice { get; set; } = double.NaN;

    public bool IsLong => Quantity > 0;
    public bool IsOpen => Quantity != 0;

    /// <summary>The protective stop the bracket starts with: the tighter of the fixed stop and the trailing stop.</summary>
    public double EffectiveStop
    {
        get
        {
            if (double.IsNaN(TrailDistance)) return StopPrice;
            double trail = IsLong ? BestPrice - TrailDistance : BestPrice + TrailDistance;
            if (double.IsNaN(StopPrice)) return trail;
            return IsLong ? Math.Max(StopPrice, trail) : Math.Min(StopPrice, trail);
        }
    }
}

/// <summary>The fills of one position's round trip, summed exactly (decimal): one <see cref="Trade"/> when it closes.</summary>
internal sealed class RoundTrip
{
    private decimal _quantity, _entryNotional, _exitNotional, _fees;

    /// <summary>An opening or increasing fill.</summary>
    public void AddEntry(decimal quantity, decimal price, decimal fee)
    {
        _quantity += quantity;
        _entryNotional += price * quantity;
        _fees += fee;
    }

    /// <summary>A reducing fill (or its part that closes this position, when it flips).</summary>
    public void AddExit(decimal quantity, decimal price, decimal fee)
    {
        _exitNotional += price * quantity;
        _fees += fee;
    }

    /// <summary>The round trip as a trade: quantity-weighted average prices (rounded to 10 decimals, as fills are), fees
    /// summed, and P&amp;L exactly the cash it made: ± (exit notional − entry notional) − fees.</summary>
    public Trade ToTrade(Position p, bool isLong, long exitTime, string reason)
    {
        decimal gross = isLong ? _exitNotional - _entryNotional : _entryNotional - _exitNotional;
        return new(p.Symbol, isLong, _quantity, p.OpenedAt, Average(_entryNotional), exitTime, Average(_exitNotional), _fees,
            gross - _fees, reason);
    }

    private decimal Average(decimal notional) => Math.Round(notional / _quantity, 10, MidpointRounding.ToEven);
}

/// <summary>A closed round trip: from the first entry fill to the fill that brought the position back to zero, however
/// many fills each side took. Prices are quantity-weighted averages; <see cref="Fees"/> and <see cref="Pnl"/> are the
/// exact sums over its fills, <see cref="Pnl"/> net of entry and exit fees. <see cref="ExitReason"/> is the closing fill's.</summary>
public sealed record Trade(
    int Symbol,
    bool IsLong,
    decimal Quantity,
    long EntryTime,
    decimal EntryPrice,
    long ExitTime,
    decimal ExitPrice,
    decimal Fees,
    decimal Pnl,
    string ExitReason)
{
    /// <summary>P&amp;L as a fraction of the entry notional.</summary>
    public decimal ReturnFraction => EntryPrice * Quantity == 0 ? 0 : Pnl / (EntryPrice * Quantity);
}
