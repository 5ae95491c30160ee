using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Sizing;

namespace Baton.Engine.Venue;

/// <summary>Execution settings of the simulated venue: the path of working orders (<c>execution.intrabar</c>), the share of
/// a candle's volume one order may take (<c>execution.max_volume</c>, null: all) and the path of a bracket
/// (<c>exit.target_first</c>).</summary>
internal sealed record VenueRules(IntrabarPath Path, double? MaxVolumeFraction, bool TargetFirst);

/// <summary>
/// Where a fill is decided, for backtests and paper trading. Per symbol it holds at most one working order and a
/// position's bracket (a stop child and a take-profit child, one cancelling the other). On each candle of the symbol the
/// working order is walked on the <c>intrabar</c> path (<see cref="OrderMatcher"/>) and the bracket on the protective
/// path; what trades is priced by the symbol's <see cref="FillModel"/> (slippage for orders taking liquidity, the maker or
/// taker fee), capped by the candle's volume (working orders) and by what the account can take, and reported to the engine.
/// </summary>
internal sealed class SimulatedVenue : IExecutionVenue
{
    private readonly FillModel[] _fills;
    private readonly PositionSizer[] _sizers;
    private readonly VenueRules _rules;
    private readonly Order?[] _working;
    private readonly Order?[] _stop;
    private readonly Order?[] _target;

    /// <param name="costs">Each symbol's cost model.</param>
    /// <param name="sizers">Each symbol's sizer: a partial fill is rounded down to its quantity step.</param>
    public SimulatedVenue(CostModel[] costs, PositionSizer[] sizers, VenueRules rules)
    {
        _fills = costs.Select(c => new FillModel(c)).ToArray();
        _sizers = sizers;
        _rules = rules;
        _working = new Order?[costs.Length];
        _stop = new Order?[costs.Length];
        _target = new Order?[costs.Length];
    }

    public bool HasWorking(int symbol) => _working[symbol] is not null;

    public bool HasOrders(int symbol) => _working[symbol] is not null || _stop[symbol] is not null || _target[symbol] is not null;

    public void Submit(Order order) => _working[order.Symbol] = order;

    public void FillAtClose(Order order, in Candle candle, long time, IVenueListener listener) =>
        Execute(order, time, candle.Close, candle, market: true, decimal.MaxValue, order.Intent, listener);

    public void PlaceBracket(int symbol, Order? stop, Order? target)
    {
        _stop[symbol] = stop;
        _target[symbol] = target;
    }

    public void OnCandle(int symbol, in Candle candle, long time, IVenueListener listener)
    {
        if (_working[symbol] is { } order) Work(order, candle, time, listener);
        if (_stop[symbol] is not null || _target[symbol] is not null) Protect(symbol, candle, time, listener);
    }

    public void CancelWorkingEntry(int symbol, long time, string reason, IVenueListener listener)
    {
        if (_working[symbol] is { Intent: OrderIntent.Entry } order) Finish(order, time, OrderState.Cancelled, reason, listener);
    }

    public void CancelBracket(int symbol, long time, IVenueListener listener)
    {
        foreach (var child in (ReadOnlySpan<Order?>)[_stop[symbol], _target[symbol]])
            if (child is { } c && !c.State.IsFinal())
                listener.Moved(c, OrderState.Cancelled, time, c.OcoWith != 0 ? "oco: the other side of the bracket closed the position" : "position closed");
        _stop[symbol] = null;
        _target[symbol] = null;
    }

    /// <summary>The working order: expired orders are cancelled first; a candle with no volume fills nothing; an IOC order is
    /// cancelled after its first candle.</summary>
    private void Work(Order order, in Candle candle, long time, IVenueListener listener)
    {
        if (candle.OpenTime >= order.ExpiresAt)
        {
            Finish(order, time, OrderState.Cancelled, order.TimeInForce == TimeInForce.Day ? "expired: end of day" : "expired: good-till date reached", listener);
            return;
        }
        if (candle.Volume > 0 && OrderMatcher.TryMatch(order, candle, _rules.Path, out double raw))
        {
            decimal cap = _rules.MaxVolumeFraction is { } f ? (decimal)(candle.Volume * f) : decimal.MaxValue;
            bool market = order.Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop;
            Execute(order, time, raw, candle, market, cap, order.Intent, listener);
        }
        if (order.State.IsFinal()) Finish(order, time, order.State, null, listener);
        else if (order.TimeInForce == TimeInForce.Ioc)
            Finish(order, time, OrderState.Cancelled, order.FilledQuantity > 0 ? "ioc: the rest not filled on its first candle" : "ioc: not filled on its first candle", listener);
    }

    /// <summary>The bracket: whichever child the protective path reaches first trades, whatever the candle's volume; the
    /// engine then takes the other one down with the position.</summary>
    private void Protect(int symbol, in Candle candle, long time, IVenueListener listener)
    {
        var stop = _stop[symbol];
        var hit = OrderMatcher.MatchBracket(stop, _target[symbol], candle, _rules.TargetFirst, out double raw);
        if (hit is null) return;
        bool isStop = hit == stop;
        var reason = !isStop ? OrderIntent.TakeProfit
            : hit.Type == OrderType.TrailingStop && !hit.StopPrice.Equals(hit.StopFloor) ? OrderIntent.TrailingStop : OrderIntent.StopLoss;
        Execute(hit, time, raw, candle, market: isStop, decimal.MaxValue, reason, listener);
    }

    private void Finish(Order order, long time, OrderState state, string? reason, IVenueListener listener)
    {
        if (!order.State.IsFinal()) listener.Moved(order, state, time, reason);
        _working[order.Symbol] = null;
        listener.Done(order, time);
    }

    /// <summary>Prices a fill of <paramref name="order"/> at <paramref name="rawPrice"/> and caps it by
    /// <paramref name="volumeCap"/> and by what the account can take; the engine books it.</summary>
    private void Execute(Order order, long time, double rawPrice, in Candle candle, bool market, decimal volumeCap, OrderIntent reason,
        IVenueListener listener)
    {
        if (listener.Refused(order) is { } refusal)
        {
            listener.Moved(order, OrderState.Cancelled, time, refusal);
            return;
        }
        var fills = _fills[order.Symbol];
        decimal want = Math.Min(order.RemainingQuantity, volumeCap);
        decimal price = market ? fills.MarketPrice(order.Side, rawPrice, candle, want) : FillModel.ToMoney(rawPrice);
        decimal affordable = listener.Fillable(order, (double)price);
        decimal quantity = Math.Min(want, affordable);
        if (quantity < order.RemainingQuantity) quantity = _sizers[order.Symbol].RoundDown(quantity);
        if (quantity <= 0)
        {
            if (affordable <= 0) listener.Moved(order, OrderState.Cancelled, time, "insufficient cash at fill");
            return;
        }
        listener.Filled(order, quantity, price, fills.Fee(quantity, price, order.FilledQuantity == 0, order.Type.IsMaker()), time, reason);
        if (order.State == OrderState.PartiallyFilled && affordable < want) listener.Moved(order, OrderState.Cancelled, time, "insufficient cash at fill");
        listener.Settled(order, time);
    }
}
