using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Sizing;
using Baton.Engine.Events;

namespace Baton.Engine.Trading;

/// <summary>
/// Moves orders through the seed's lifecycle and books their fills: every transition and fill becomes an
/// event, every fill goes to the portfolio, an entry's exit levels are set from its first fill price. At most
/// one working order per symbol; it is matched against each new candle of its symbol (<see cref="OrderMatcher"/>),
/// expires by its time in force, and fills at most a set fraction of a candle's volume. Once an entry is done,
/// its stop and target stand as a bracket: two child orders, one cancelling the other.
/// </summary>
internal sealed class OrderFlow
{
    private readonly Portfolio _portfolio;
    private readonly FillModel[] _fills;
    private readonly PositionSizer[] _sizers;
    private readonly IEventSink _events;
    private readonly IReadOnlyList<string> _symbols;
    private readonly ExecutionRules _rules;
    private readonly Order?[] _working;
    private readonly ExitLevels[] _pendingLevels;
    private readonly Order?[] _stopChild;
    private readonly Order?[] _targetChild;
    private readonly List<Order> _orders = [];
    private long _nextId = 1;

    /// <param name="costs">Each symbol's cost model (fills are priced and charged by it).</param>
    /// <param name="sizers">Each symbol's sizer of the strategy's sizing: rounding and affordability at fill time.</param>
    public OrderFlow(Portfolio portfolio, CostModel[] costs, PositionSizer[] sizers, IEventSink events, IReadOnlyList<string> symbols,
        ExecutionRules rules)
    {
        _portfolio = portfolio;
        _fills = costs.Select(c => new FillModel(c)).ToArray();
        _sizers = sizers;
        _events = events;
        _symbols = symbols;
        _rules = rules;
        _working = new Order?[symbols.Count];
        _pendingLevels = new ExitLevels[symbols.Count];
        _stopChild = new Order?[symbols.Count];
        _targetChild = new Order?[symbols.Count];
    }

    /// <summary>Every order created, in creation order.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    public bool HasWorking(int symbol) => _working[symbol] is not null;

    /// <summary>Entry orders submitted and not yet done: they count as positions for the risk limits.</summary>
    public int WorkingEntries { get; private set; }

    public Order Create(int symbol, OrderSide side, decimal quantity, OrderIntent intent, long time, double trigger = double.NaN) =>
        Add(new Order(_nextId++, symbol, side, quantity, intent, time) { TriggerPrice = trigger }, time);

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

    /// <summary>Validates and submits; the order then works from the next candle of its symbol.</summary>
    public void SubmitWorking(Order order, long time, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        _working[order.Symbol] = order;
        _pendingLevels[order.Symbol] = levels;
        if (order.Intent == OrderIntent.Entry) WorkingEntries++;
    }

    /// <summary>Validates, submits and fills at once (<c>fill: close</c>).</summary>
    public void SubmitAndFill(Order order, long time, double rawPrice, in Candle candle, bool market, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        Execute(order, time, rawPrice, candle, market, levels, WireNames.Of(order.Intent), volumeCap: decimal.MaxValue);
        if (order.Intent == OrderIntent.Entry && order.State.IsFinal()) Bracket(order.Symbol, time);
    }

    /// <summary>
    /// Step 1 of the loop: the symbol's working order against this candle. Expired orders are cancelled first;
    /// a candle with no volume fills nothing; an IOC order is cancelled after its first candle.
    /// </summary>
    public void FillWorking(int symbol, in Candle candle, long time)
    {
        var order = _working[symbol];
        if (order is null) return;
        if (candle.OpenTime >= order.ExpiresAt)
        {
            Finish(order, time, OrderState.Cancelled, order.TimeInForce == TimeInForce.Day ? "expired: end of day" : "expired: good-till date reached");
            return;
        }
        if (candle.Volume > 0 && OrderMatcher.TryMatch(order, candle, _rules.Path, out double raw))
        {
            decimal cap = _rules.MaxVolumeFraction is { } f ? (decimal)(candle.Volume * f) : decimal.MaxValue;
            bool market = order.Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop;
            Execute(order, time, raw, candle, market, _pendingLevels[symbol], WireNames.Of(order.Intent), cap);
        }
        if (order.State.IsFinal()) Finish(order, time, order.State, null);
        else if (order.TimeInForce == TimeInForce.Ioc)
            Finish(order, time, OrderState.Cancelled, order.FilledQuantity > 0 ? "ioc: the rest not filled on its first candle" : "ioc: not filled on its first candle");
    }

    /// <summary>Cancels the symbol's working entry order, if any (trading stopped).</summary>
    public void CancelWorkingEntry(int symbol, long time, string reason)
    {
        if (_working[symbol] is { Intent: OrderIntent.Entry } order) Finish(order, time, OrderState.Cancelled, reason);
    }

    /// <summary>A stop or target of the position was hit (decided by the protective-exit check): fills the
    /// bracket child and cancels its sibling, or places an order on the spot when there is no child yet.</summary>
    public void FillProtective(int symbol, bool target, OrderIntent intent, long time, double rawPrice, double level, in Candle candle)
    {
        var p = _portfolio.PositionOf(symbol)!;
        var child = target ? _targetChild[symbol] : _stopChild[symbol];
        string reason = WireNames.Of(intent);
        if (child is null)
        {
            child = Create(symbol, p.IsLong ? OrderSide.Sell : OrderSide.Buy, Math.Abs(p.Quantity), intent, time, level);
            Move(child, OrderState.Validated, time);
            Move(child, OrderState.Submitted, time);
        }
        if (!target) child.StopPrice = level;
        Execute(child, time, rawPrice, candle, market: !target, ExitLevels.None, reason, decimal.MaxValue);
        CloseBracket(symbol, time);
    }

    private void Finish(Order order, long time, OrderState state, string? reason)
    {
        if (!order.State.IsFinal()) Move(order, state, time, reason);
        _working[order.Symbol] = null;
        if (order.Intent != OrderIntent.Entry) return;
        WorkingEntries--;
        if (order.FilledQuantity > 0) Bracket(order.Symbol, time);
    }

    private void Execute(Order order, long time, double rawPrice, in Candle candle, bool market, ExitLevels levels, string reason,
        decimal volumeCap)
    {
        if (Refused(order) is { } refusal)
        {
            Move(order, OrderState.Cancelled, time, refusal);
            return;
        }
        var fills = _fills[order.Symbol];
        decimal want = Math.Min(order.RemainingQuantity, volumeCap);
        decimal price = market ? fills.MarketPrice(order.Side, rawPrice, candle, want) : FillModel.ToMoney(rawPrice);
        decimal affordable = Fillable(order, (double)price);
        decimal quantity = Math.Min(want, affordable);
        if (quantity < order.RemainingQuantity) quantity = _sizers[order.Symbol].RoundDown(quantity);
        if (quantity <= 0)
        {
            if (affordable <= 0) Move(order, OrderState.Cancelled, time, "insufficient cash at fill");
            return;
        }
        bool first = order.FilledQuantity == 0;
        decimal fee = fills.Fee(quantity, price, first, order.Type.IsMaker());
        var before = order.State;
        order.Fill(quantity, price, fee, time);
        _events.Publish(new OrderFilled(time, order.Id, _symbols[order.Symbol], order.Side, quantity, price, fee, order.Intent));
        if (order.State != before) Publish(order, time, order.State, null);
        _portfolio.ApplyFill(order.Symbol, order.Side, quantity, price, fee, time, reason);
        if (order.Intent == OrderIntent.Entry && first) SetLevels(order.Symbol, (double)price, levels);
        if (order.State == OrderState.PartiallyFilled && affordable < want) Move(order, OrderState.Cancelled, time, "insufficient cash at fill");
        if (order.Intent != OrderIntent.Entry && _portfolio.PositionOf(order.Symbol) is null) CloseBracket(order.Symbol, time);
    }

    private decimal Fillable(Order order, double price) =>
        order.Intent == OrderIntent.Entry ? _sizers[order.Symbol].Affordable(_portfolio.Cash, price)
            : Math.Min(order.RemainingQuantity, Math.Abs(_portfolio.PositionOf(order.Symbol)!.Quantity));

    /// <summary>Why a fill of <paramref name="order"/> may not happen at all, or null. The one gate every fill passes (working,
    /// <c>fill: close</c>, bracket child): once trading has stopped (a loss limit or a manual stop) no entry fills, and an exit
    /// only reduces the position it closes, never opens or grows one.</summary>
    private string? Refused(Order order)
    {
        if (order.Intent == OrderIntent.Entry)
            return _portfolio.State is PortfolioState.RiskLimitHit or PortfolioState.Stopped
                ? "trading stopped: an entry may not open or add to a position" : null;
        var p = _portfolio.PositionOf(order.Symbol);
        return p is null || p.IsLong == (order.Side == OrderSide.Buy) ? "no position to close" : null;
    }

    private void SetLevels(int symbol, double fillPrice, ExitLevels levels)
    {
        if (_portfolio.PositionOf(symbol) is not { } p) return;
        double sign = p.IsLong ? 1 : -1;
        p.StopPrice = fillPrice - sign * levels.Stop;
        p.TargetPrice = fillPrice + sign * levels.Target;
        p.TrailDistance = levels.Trail;
        p.BestPrice = fillPrice;
    }

    /// <summary>Places the stop and target of a finished entry as two one-cancels-other child orders.</summary>
    private void Bracket(int symbol, long time)
    {
        if (_portfolio.PositionOf(symbol) is not { } p) return;
        var side = p.IsLong ? OrderSide.Sell : OrderSide.Buy;
        decimal quantity = Math.Abs(p.Quantity);
        double stop = p.EffectiveStop;
        if (!double.IsNaN(stop))
        {
            bool trailing = !double.IsNaN(p.TrailDistance);
            _stopChild[symbol] = Child(new Order(NextId(), symbol, side, quantity, trailing ? OrderIntent.TrailingStop : OrderIntent.StopLoss, time)
            {
                Type = trailing ? OrderType.TrailingStop : OrderType.Stop,
                StopPrice = stop,
                TrailDistance = p.TrailDistance,
            }, time);
        }
        if (!double.IsNaN(p.TargetPrice))
            _targetChild[symbol] = Child(new Order(NextId(), symbol, side, quantity, OrderIntent.TakeProfit, time)
            {
                Type = OrderType.Limit,
                LimitPrice = p.TargetPrice,
            }, time);
        if (_stopChild[symbol] is { } s && _targetChild[symbol] is { } t)
        {
            s.OcoWith = t.Id;
            t.OcoWith = s.Id;
        }
    }

    private Order Child(Order order, long time)
    {
        Add(order, time);
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        return order;
    }

    /// <summary>Cancels whatever bracket child is still working once the position is gone.</summary>
    private void CloseBracket(int symbol, long time)
    {
        if (_portfolio.PositionOf(symbol) is not null) return;
        foreach (var child in (ReadOnlySpan<Order?>)[_stopChild[symbol], _targetChild[symbol]])
            if (child is { } c && !c.State.IsFinal())
                Move(c, OrderState.Cancelled, time, c.OcoWith != 0 ? "oco: the other side of the bracket closed the position" : "position closed");
        _stopChild[symbol] = null;
        _targetChild[symbol] = null;
    }

    private void Publish(Order order, long time, OrderState state, string? reason) =>
        _events.Publish(new OrderStateChanged(time, order.Id, _symbols[order.Symbol], order.Side, order.Quantity, order.Intent, state, reason));
}

/// <summary>Execution settings the order flow applies to working orders.</summary>
internal sealed record ExecutionRules(IntrabarPath Path, double? MaxVolumeFraction);
