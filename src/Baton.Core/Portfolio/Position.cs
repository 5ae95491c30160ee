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

    public double StopPrice { get; set; } = double.NaN;
    public double TargetPrice { get; set; } = double.NaN;
    /// <summary>Trailing distance as a price amount (NaN when no trailing stop).</summary>
    public double TrailDistance { get; set; } = double.NaN;
    /// <summary>Best price seen since entry: highest high when long, lowest low when short.</summary>
    public double BestPrice { get; set; } = double.NaN;

    public bool IsLong => Quantity > 0;
    public bool IsOpen => Quantity != 0;

    /// <summary>The effective protective stop: the tighter of the fixed stop and the trailing stop.</summary>
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

/// <summary>A closed round trip. <see cref="Pnl"/> is net of entry and exit fees.</summary>
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
