using System.Globalization;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Portfolio;
using Baton.Core.Risk;
using Baton.Core.Sizing;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Strategy;

namespace Baton.Engine.Trading;

/// <summary>
/// Steps 5-8 of the loop: exit and entry rules, the risk gate, sizing and order
/// creation. Orders decided at a candle's close fill at the next open unless the strategy opts into
/// <c>fill: close</c>.
/// </summary>
internal sealed class RuleRunner
{
    private readonly CompiledStrategy _strategy;
    private readonly ExitSpec _exit;
    private readonly Portfolio _portfolio;
    private readonly RiskManager _risk;
    private readonly OrderFlow _orders;
    private readonly IEventSink _events;
    private readonly PositionSizer[][] _sizers;   // [rule][symbol]
    private readonly CompiledRule[] _exits;
    private readonly CompiledRule[] _entries;
    private readonly bool _entriesOnlyOpen;
    private readonly Func<long, RiskSnapshot> _snapshot;
    private readonly bool _fillAtClose;
    private readonly long _barLength;
    private readonly long[] _unsized;   // per entry rule: how often it fired with a size below one step
    private long _entriesOrdered;

    public RuleRunner(CompiledStrategy strategy, Portfolio portfolio, RiskManager risk, OrderFlow orders, IEventSink events,
        CostModel[] costs, Func<long, RiskSnapshot> snapshot)
    {
        _strategy = strategy;
        _exit = strategy.Definition.Exit;
        _portfolio = portfolio;
        _risk = risk;
        _orders = orders;
        _events = events;
        _snapshot = snapshot;
        _fillAtClose = strategy.Definition.Execution.Fill == FillTiming.Close;
        _barLength = strategy.Definition.Timeframe.Milliseconds;
        _exits = [.. strategy.Exits];
        _entries = [.. strategy.Entries];
        _entriesOnlyOpen = _entries.All(r => r.Action is TradeAction.Buy or TradeAction.Short);
        _sizers = strategy.Entries.Select(r => EngineSetup.Sizers(r.Sizing ?? strategy.Definition.Sizing, costs)).ToArray();
        _unsized = new long[_entries.Length];
    }

    private bool Halted => _portfolio.State is PortfolioState.RiskLimitHit or PortfolioState.Stopped;

    /// <summary>Steps 5-8: exit rules first, then entry rules, for one symbol at its candle's close.</summary>
    public void Run(int symbol, double[] slots, in Candle candle, long time)
    {
        if (_orders.HasWorking(symbol)) return;
        bool flat = _portfolio.PositionOf(symbol) is null;
        if (!flat)
        {
            foreach (var rule in _exits)
                if (rule.Predicate(slots) && TryClose(symbol, rule.Action, OrderIntent.SignalExit, candle, time)) return;
            if (_entriesOnlyOpen) return;   // buy and short act only on a flat symbol
        }
        var entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            var rule = entries[i];
            if (!rule.Predicate(slots)) continue;
            bool acted = rule.Action switch
            {
                TradeAction.Buy => TryEnter(symbol, OrderSide.Buy, i, slots, candle, time),
                TradeAction.Short => TryEnter(symbol, OrderSide.Sell, i, slots, candle, time),
                _ => TryClose(symbol, rule.Action, OrderIntent.SignalExit, candle, time),
            };
            if (acted) return;
        }
    }

    /// <summary>A loss limit was breached: RiskLimitHit, then Stopped; with <c>on_breach: close_all</c>,
    /// every open position gets a closing order.</summary>
    public void Halt(RiskDecision breach, long time)
    {
        _events.Publish(new RiskDecided(time, "*", RiskVerdict.Breach, breach.Check, breach.Reason, breach.Value, breach.Limit, 0, 0));
        _portfolio.MoveTo(PortfolioState.RiskLimitHit, breach.Reason);
        _portfolio.MoveTo(PortfolioState.Stopped, breach.Reason);
        _events.Publish(new TradingStopped(time, $"{breach.Check}: {breach.Reason}"));
        int symbols = _strategy.Definition.Symbols.Count;
        for (int s = 0; s < symbols; s++) _orders.CancelWorkingEntry(s, time, $"risk limit hit: trading stopped ({breach.Check})");
        if (_strategy.Definition.Risk.OnBreach != BreachAction.CloseAll) return;
        for (int s = 0; s < symbols; s++)
        {
            double last = _portfolio.LastPrice(s);
            if (!_orders.HasWorking(s)) TryClose(s, TradeAction.Close, OrderIntent.RiskBreach, new Candle(time, last, last, last, last, 0), time);
        }
    }

    /// <summary>A manual stop: Trading goes straight to Stopped; with a position open the seed's machine has no such
    /// edge, so it passes through RiskLimitHit (the kill switch), both with <paramref name="reason"/>.</summary>
    public void Stop(string reason, long time)
    {
        if (Halted) return;
        if (_portfolio.State == PortfolioState.PositionOpen) _portfolio.MoveTo(PortfolioState.RiskLimitHit, reason);
        _portfolio.MoveTo(PortfolioState.Stopped, reason);
        _events.Publish(new TradingStopped(time, reason));
        for (int s = 0; s < _strategy.Definition.Symbols.Count; s++) _orders.CancelWorkingEntry(s, time, "trading stopped: " + reason);
    }

    private static bool NeedsAtr(OrderSpec o) =>
        o.Limit?.Kind == DistanceKind.AtrMultiple || o.Stop?.Kind == DistanceKind.AtrMultiple || o.Trail?.Kind == DistanceKind.AtrMultiple;

    private bool TryClose(int symbol, TradeAction action, OrderIntent intent, in Candle candle, long time)
    {
        if (_portfolio.PositionOf(symbol) is not { } p) return false;
        if ((action == TradeAction.Sell && !p.IsLong) || (action == TradeAction.Cover && p.IsLong)) return false;
        var order = _orders.Create(symbol, p.IsLong ? OrderSide.Sell : OrderSide.Buy, Math.Abs(p.Quantity), intent, time);
        Dispatch(order, time, candle, ExitLevels.None);
        return true;
    }

    private bool TryEnter(int symbol, OrderSide side, int rule, double[] slots, in Candle candle, long time)
    {
        double price = candle.Close;
        if (Halted || _portfolio.PositionOf(symbol) is not null) return false;
        double atr = _strategy.AtrSlot >= 0 ? slots[_strategy.AtrSlot] : double.NaN;
        var levels = ExitLevels.Measure(_exit, price, atr);
        var sizer = _sizers[rule][symbol];
        var sizing = _entries[rule].Sizing ?? _strategy.Definition.Sizing;
        double riskDistance = sizing.RiskDistance is { } rd ? ExitLevels.Distance(rd, price, atr) : levels.Stop;
        decimal quantity = sizer.Size(_portfolio.Equity, _portfolio.Cash, price, riskDistance);
        if (quantity <= 0)
        {
            ReportNoQuantity(symbol, rule, sizer.Step, price, time);
            return false;
        }
        if (double.IsNaN(atr) && _entries[rule].Order is { } o && NeedsAtr(o)) return false;   // not priceable yet
        var order = _entries[rule].Order is { } spec
            ? _orders.Add(PricedOrders.Entry(_orders.NextId(), symbol, side, quantity, spec, price, atr, time, _barLength), time)
            : _orders.Create(symbol, side, quantity, OrderIntent.Entry, time);
        _entriesOrdered++;
        var decision = _risk.EvaluateEntry(_snapshot(time), quantity, price);
        decimal approved = decision.Verdict == RiskVerdict.Reduced ? sizer.RoundDown(decision.ApprovedQuantity) : quantity;
        _events.Publish(new RiskDecided(time, _strategy.Definition.Symbols[symbol], decision.Verdict, decision.Check,
            decision.Reason, decision.Value, decision.Limit, quantity, decision.Verdict == RiskVerdict.Rejected ? 0 : approved));
        if (decision.Verdict == RiskVerdict.Rejected || approved <= 0)
        {
            _orders.Move(order, OrderState.Rejected, time, decision.Verdict == RiskVerdict.Rejected
                ? $"{decision.Check}: {decision.Reason}" : "position_size: reduced below one unit");
            return true;
        }
        if (approved < quantity) order.Reduce(approved);
        Dispatch(order, time, candle, levels);
        return true;
    }

    /// <summary>A rule fired but its sizing came to less than one step (say 10% of 1,000 at a price of 40,000 in whole
    /// units): nothing is ordered. The first time per rule a warning says why, so a strategy that never trades is not a
    /// mystery; later times are counted (see <see cref="Finish"/>), not each logged.</summary>
    private void ReportNoQuantity(int symbol, int rule, decimal step, double price, long time)
    {
        if (_unsized[rule]++ > 0) return;
        _events.Publish(new MessageLogged(time, Severity.Warning, string.Create(CultureInfo.InvariantCulture,
            $"{_strategy.Definition.Symbols[symbol]}: entry rule {rule + 1} fired at {price:0.########} but its sizing gives less than " +
            $"one step of {step} units (equity {_portfolio.Equity:F2}, cash {_portfolio.Cash:F2}); no order") +
            (step == 1m ? " (whole units: sizing.fractional: true allows fractions)" : "")));
    }

    /// <summary>End of a run: how often each entry rule could not size one step, when more than the first time logged; and
    /// when no entry was ever ordered because every size rounded to zero, a last warning that says so.</summary>
    public void Finish(long time)
    {
        long unsized = 0;
        for (int rule = 0; rule < _unsized.Length; rule++)
        {
            unsized += _unsized[rule];
            if (_unsized[rule] > 1)
                _events.Publish(new MessageLogged(time, Severity.Warning, string.Create(CultureInfo.InvariantCulture,
                    $"entry rule {rule + 1} fired {_unsized[rule]:N0} times in all with a size below one step; no order each time")));
        }
        if (unsized > 0 && _entriesOrdered == 0)
            _events.Publish(new MessageLogged(time, Severity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"no trade: every entry signal ({unsized:N0}) sized below one quantity step, so nothing was ordered; ") +
                "size larger, or allow smaller quantities (sizing.step, sizing.fractional)"));
    }

    private void Dispatch(Order order, long time, in Candle candle, ExitLevels levels)
    {
        if (_fillAtClose && order.Type == OrderType.Market) _orders.SubmitAndFill(order, time, candle, levels);
        else _orders.SubmitWorking(order, time, levels);
    }
}
