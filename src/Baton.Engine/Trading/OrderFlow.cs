using Baton.Core.Execution;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Sizing;
using Baton.Engine.Events;

namespace Baton.Engine.Trading;

/// <summary>
/// Moves orders through the seed's lifecycle and books their fills: every transition and fill becomes an
/// event, every fill goes to the portfolio, an entry's exit levels are set from its fill price. At most one
/// working order per symbol; working orders fill at the next candle's open of their symbol.
/// </summary>
internal sealed class OrderFlow
{
    private readonly Portfolio _portfolio;
    private readonly FillModel _fills;
    private readonly PositionSizer _sizer;
    private readonly IEventSink _events;
    private readonly IReadOnlyList<string> _symbols;
    private readonly Order?[] _working;
    private readonly ExitLevels[] _pendingLevels;
    private readonly List<Order> _orders = [];
    private long _nextId = 1;

    public OrderFlow(Portfolio portfolio, FillModel fills, PositionSizer sizer, IEventSink events, IReadOnlyList<string> symbols)
    {
        _portfolio = portfolio;
        _fills = fills;
        _sizer = sizer;
        _events = events;
        _symbols = symbols;
        _working = new Order?[symbols.Count];
        _pendingLevels = new ExitLevels[symbols.Count];
    }

    /// <summary>Every order created, in creation order.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    public bool HasWorking(int symbol) => _working[symbol] is not null;

    /// <summary>Entry orders submitted and not yet filled: they count as positions for the risk limits.</summary>
    public int WorkingEntries { get; private set; }

    public Order Create(int symbol, OrderSide side, decimal quantity, OrderIntent intent, long time, double trigger = double.NaN)
    {
        var order = new Order(_nextId++, symbol, side, quantity, intent, time) { TriggerPrice = trigger };
        _orders.Add(order);
        Publish(order, time, OrderState.Created, null);
        return order;
    }

    public void Move(Order order, OrderState to, long time, string? reason = null)
    {
        order.MoveTo(to, time, reason);
        Publish(order, time, to, reason);
    }

    /// <summary>Validates and submits; the order then works until the next open of its symbol.</summary>
    public void SubmitWorking(Order order, long time, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        _working[order.Symbol] = order;
        _pendingLevels[order.Symbol] = levels;
        if (order.Intent == OrderIntent.Entry) WorkingEntries++;
    }

    /// <summary>Validates, submits and fills at once (stops and targets hit intrabar, or <c>fill: close</c>).</summary>
    public void SubmitAndFill(Order order, long time, double rawPrice, bool market, ExitLevels levels)
    {
        Move(order, OrderState.Validated, time);
        Move(order, OrderState.Submitted, time);
        Execute(order, time, rawPrice, market, levels);
    }

    /// <summary>Step 1 of the loop: fills the symbol's working order at this candle's open. A candle with no
    /// volume fills nothing; the order keeps working.</summary>
    public void FillWorking(int symbol, double open, double volume, long time)
    {
        var order = _working[symbol];
        if (order is null || volume <= 0) return;
        _working[symbol] = null;
        if (order.Intent == OrderIntent.Entry) WorkingEntries--;
        Execute(order, time, open, market: true, _pendingLevels[symbol]);
    }

    private void Execute(Order order, long time, double rawPrice, bool market, ExitLevels levels)
    {
        decimal price = market ? _fills.MarketPrice(order.Side, rawPrice) : FillModel.ToMoney(rawPrice);
        decimal quantity = Math.Min(order.RemainingQuantity, Fillable(order, rawPrice));
        if (quantity <= 0)
        {
            Move(order, OrderState.Cancelled, time, "insufficient cash at fill");
            return;
        }
        decimal fee = _fills.Fee(quantity, price, order.FilledQuantity == 0);
        var before = order.State;
        order.Fill(quantity, price, fee, time);
        _events.Publish(new FillEvent(time, order.Id, _symbols[order.Symbol], Side(order), quantity, price, fee, OrderFlowNames.Intent(order)));
        if (order.State != before) Publish(order, time, order.State, null);
        _portfolio.ApplyFill(order.Symbol, order.Side, quantity, price, fee, time, OrderFlowNames.Intent(order));
        if (order.Intent == OrderIntent.Entry) SetLevels(order.Symbol, (double)price, levels);
        if (order.State == OrderState.PartiallyFilled) Move(order, OrderState.Cancelled, time, "insufficient cash at fill");
    }

    private decimal Fillable(Order order, double rawPrice)
    {
        if (order.Intent != OrderIntent.Entry) return order.RemainingQuantity;
        return _sizer.Affordable(_portfolio.Cash, rawPrice);
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

    private void Publish(Order order, long time, OrderState state, string? reason) =>
        _events.Publish(new OrderEvent(time, order.Id, _symbols[order.Symbol], Side(order), order.Quantity, OrderFlowNames.Intent(order),
            state.ToSnakeCase(), reason));

    private static string Side(Order o) => o.Side == OrderSide.Buy ? "buy" : "sell";

}

/// <summary>Wire names of order intents.</summary>
public static class OrderFlowNames
{
    public static string Intent(Order o) => o.Intent switch
    {
        OrderIntent.Entry => "entry",
        OrderIntent.SignalExit => "signal_exit",
        OrderIntent.StopLoss => "stop_loss",
        OrderIntent.TakeProfit => "take_profit",
        OrderIntent.TrailingStop => "trailing_stop",
        OrderIntent.RiskBreach => "risk_breach",
        _ => "end_of_data",
    };
}
