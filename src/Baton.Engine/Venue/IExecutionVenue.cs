using Baton.Core.Market;
using Baton.Core.Orders;

namespace Baton.Engine.Venue;

/// <summary>
/// The engine's one door to a market: it submits and cancels orders here, and learns of fills and cancellations through
/// the <see cref="IVenueListener"/> it passes in. The simulated venue (<see cref="SimulatedVenue"/>, backtest and paper)
/// decides everything on <see cref="OnCandle"/>; a real venue would acknowledge and fill later, reporting what it has
/// learnt the next time the engine calls it.
/// </summary>
internal interface IExecutionVenue
{
    /// <summary>True when the symbol has a working order (not a bracket child): no rule acts on it meanwhile.</summary>
    bool HasWorking(int symbol);

    /// <summary>True when the symbol has anything the venue must look at on its next candle (a working order or a bracket child).</summary>
    bool HasOrders(int symbol);

    /// <summary>Accepts a submitted order; it works from the next candle of its symbol.</summary>
    void Submit(Order order);

    /// <summary>Fills a submitted market order at once against the close of <paramref name="candle"/> (<c>fill: close</c>).</summary>
    void FillAtClose(Order order, in Candle candle, long time, IVenueListener listener);

    /// <summary>Places a position's protective children, submitted: a stop and a take-profit (either may be null), one
    /// cancelling the other.</summary>
    void PlaceBracket(int symbol, Order? stop, Order? target);

    /// <summary>Step 1 of the loop: everything working on the symbol against its new candle (<paramref name="time"/>: the
    /// candle's close, Unix ms), working order first, then the bracket.</summary>
    void OnCandle(int symbol, in Candle candle, long time, IVenueListener listener);

    /// <summary>Cancels the symbol's working entry order, if any (trading stopped).</summary>
    void CancelWorkingEntry(int symbol, long time, string reason, IVenueListener listener);

    /// <summary>Cancels the symbol's bracket children still working (the position they protect is gone).</summary>
    void CancelBracket(int symbol, long time, IVenueListener listener);
}

/// <summary>What the venue tells the engine as orders trade, and the account questions it asks before a fill.</summary>
internal interface IVenueListener
{
    /// <summary>Why <paramref name="order"/> may not fill at all now, or null (the engine's one refusal gate).</summary>
    string? Refused(Order order);

    /// <summary>How much of <paramref name="order"/> the account can take at <paramref name="price"/>: cash for an entry, the
    /// position for an exit.</summary>
    decimal Fillable(Order order, double price);

    /// <summary>A fill: the engine records it on the order, books it and publishes it. <paramref name="reason"/> is why the
    /// position moved (a bracket stop's reason says whether its fixed stop or its trail was hit).</summary>
    void Filled(Order order, decimal quantity, decimal price, decimal fee, long time, OrderIntent reason);

    /// <summary>A state change decided by the venue (expired, cancelled, refused).</summary>
    void Moved(Order order, OrderState to, long time, string? reason);

    /// <summary>After a fill and what followed from it: an exit that left the symbol flat takes its bracket down.</summary>
    void Settled(Order order, long time);

    /// <summary>A working order left the venue (filled, cancelled or expired).</summary>
    void Done(Order order, long time);
}
