using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Sizing;
using Baton.Engine.Events;
using Baton.Engine.Venue;

namespace Baton.Engine.Trading;

/// <summary>
/// The engine's side of execution: creates orders and moves them through the seed's lifecycle, hands them to the venue
/// (<see cref="IExecutionVenue"/>, where a fill is decided), and books what the venue reports: every transition and fill
/// becomes an event, every fill goes to the portfolio, an entry's exit levels are set from its first fill price. Once an
/// entry is done, its stop and target go to the venue as a bracket: two child orders, one cancelling the other. Every fill
/// passes the one refusal gate (<see cref="Refused"/>).
/// </summary>
internal sealed class OrderFlow : IVenueListener
{
    private readonly Portfolio _portfolio;
    private readonly PositionSizer[] _sizers;
    private readonly IEventSink _events;
    private readonly IReadOnlyList<string> _symbols;
    private readonly IExecutionVenue _venue;
    private readonly ExitLevels[] _pendingLevels;
    private readonly List<Order> _orders = [];
    private long _nextId = 1;

    /// <param name="sizers">Each symbol's sizer of the strategy's sizing: affordability at fill time.</param>
    public OrderFlow(Portfolio portfolio, PositionSizer[] sizers, IEventSink events, IReadOnlyList<string> symbols, IExecutionVenue venue)
    {
        _portfolio = portfolio;
        _sizers = sizers;
        _events = events;
        _symbols = symbols;
        _venue = venue;
        _pendingLevels = new ExitLevels[symbols.Count];
    }

    /// <summary>Every order created, in creation order.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    public bool HasWorking(int symbol) => _venue.HasWorking(symbol);

    /// <summary>Entry orders submitted and not yet done: they count as positions for the risk limits.</summary>
    public int WorkingEntries { get; private set; }

    public Order Create(int symbol, OrderSide side, decimal quantity, OrderIntent intent, long time) =>
        Add(new Order(_nextId++, symbol, side, quantity, intent, time), time);

    /// <summary>Registers an order built by the caller (priced orders) and publishes its creation.</summary>
    public Order Add(Order order, long time)
    {
        _orders.Add(order);
        Publish(order, time, OrderState.Created, null);
        return order;
    }

    public long NextId() => _nextId++;

    public void Move(Order order, OrderState to, long time, string? reason = null)
    {
        order.MoveTo(to, time, reason);
        Publish(order, time, to, reason);
    }

    /// <summary>Validates and submits; the order then works at the venue from the next candle of its symbol.</summary>
    public void SubmitWorking(Order order, long time, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        _venue.Submit(order);
        _pendingLevels[order.Symbol] = levels;
        if (order.Intent == OrderIntent.Entry) WorkingEntries++;
    }

    /// <summary>Validates, submits and fills at the deciding candle's close (<c>fill: close</c>).</summary>
    public void SubmitAndFill(Order order, long time, in Candle candle, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        _pendingLevels[order.Symbol] = levels;
        _venue.FillAtClose(order, candle, time, this);
        if (order.Intent == OrderIntent.Entry && order.State.IsFinal()) Bracket(order.Symbol, time);
    }

    /// <summary>Cancels the symbol's working entry order, if any (trading stopped).</summary>
    public void CancelWorkingEntry(int symbol, long time, string reason) => _venue.CancelWorkingEntry(symbol, time, reason, this);

    /// <summary>Why a fill of <paramref name="order"/> may not happen at all, or null. The one gate every fill passes (working,
    /// <c>fill: close</c>, bracket child): once trading has stopped (a loss limit or a manual stop) no entry fills, and an exit
    /// only reduces the position it closes, never opens or grows one.</summary>
    public string? Refused(Order order)
    {
        if (order.Intent == OrderIntent.Entry)
            return _portfolio.State is PortfolioState.RiskLimitHit or PortfolioState.Stopped
                ? "trading stopped: an entry may not open or add to a position" : null;
        var p = _portfolio.PositionOf(order.Symbol);
        return p is null || p.IsLong == (order.Side == OrderSide.Buy) ? "no position to close" : null;
    }

    public decimal Fillable(Order order, double price) =>
        order.Intent == OrderIntent.Entry ? _sizers[order.Symbol].Affordable(_portfolio.Cash, price)
            : Math.Min(order.RemainingQuantity, Math.Abs(_portfolio.PositionOf(order.Symbol)!.Quantity));

    public void Filled(Order order, decimal quantity, decimal price, decimal fee, long time, OrderIntent reason)
    {
        bool first = order.FilledQuantity == 0;
        var before = order.State;
        order.Fill(quantity, price, fee, time);
        _events.Publish(new OrderFilled(time, order.Id, _symbols[order.Symbol], order.Side, quantity, price, fee, order.Intent));
        if (order.State != before) Publish(order, time, order.State, null);
        _portfolio.ApplyFill(order.Symbol, order.Side, quantity, price, fee, time, WireNames.Of(reason));
        if (order.Intent == OrderIntent.Entry && first) SetLevels(order.Symbol, (double)price, _pendingLevels[order.Symbol]);
    }

    public void Moved(Order order, OrderState to, long time, string? reason) => Move(order, to, time, reason);

    public void Settled(Order order, long time)
    {
        if (order.Intent != OrderIntent.Entry && _portfolio.PositionOf(order.Symbol) is null) _venue.CancelBracket(order.Symbol, time, this);
    }

    public void Done(Order order, long time)
    {
        if (order.Intent != OrderIntent.Entry) return;
        WorkingEntries--;
        if (order.FilledQuantity > 0) Bracket(order.Symbol, time);
    }

    private void SetLevels(int symbol, double fillPrice, ExitLevels levels)
    {
        var p = _portfolio.PositionOf(symbol)!;
        double sign = p.IsLong ? 1 : -1;
        p.StopPrice = fillPrice - sign * levels.Stop;
        p.TargetPrice = fillPrice + sign * levels.Target;
        p.TrailDistance = levels.Trail;
        p.BestPrice = fillPrice;
    }

    /// <summary>Places the stop and target of a finished entry at the venue as two one-cancels-other child orders. A
    /// trailing stop trails from the entry's fill price, never looser than the fixed stop when there is one.</summary>
    private void Bracket(int symbol, long time)
    {
        if (_portfolio.PositionOf(symbol) is not { } p) return;
        var side = p.IsLong ? OrderSide.Sell : OrderSide.Buy;
        decimal quantity = Math.Abs(p.Quantity);
        double stop = p.EffectiveStop;
        Order? stopChild = null, targetChild = null;
        if (!double.IsNaN(stop))
        {
            bool trailing = !double.IsNaN(p.TrailDistance);
            stopChild = Child(new Order(NextId(), symbol, side, quantity, trailing ? OrderIntent.TrailingStop : OrderIntent.StopLoss, time)
            {
                Type = trailing ? OrderType.TrailingStop : OrderType.Stop,
                StopPrice = stop,
                TrailDistance = p.TrailDistance,
                TrailReference = trailing ? p.BestPrice : double.NaN,
                StopFloor = trailing ? p.StopPrice : double.NaN,
            }, time);
        }
        if (!double.IsNaN(p.TargetPrice))
            targetChild = Child(new Order(NextId(), symbol, side, quantity, OrderIntent.TakeProfit, time)
            {
                Type = OrderType.Limit,
                LimitPrice = p.TargetPrice,
                FillsOnTouch = true,
            }, time);
        if (stopChild is not null && targetChild is not null)
        {
            stopChild.OcoWith = targetChild.Id;
            targetChild.OcoWith = stopChild.Id;
        }
        _venue.PlaceBracket(symbol, stopChild, targetChild);
    }

    private Order Child(Order order, long time)
    {
        Add(order, time);
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        return order;
    }

    private void Publish(Order order, long time, OrderState state, string? reason) =>
        _events.Publish(new OrderStateChanged(time, order.Id, _symbols[order.Symbol], order.Side, order.Quantity, order.Intent, state, reason));
}

