using Baton.Core.Execution;
using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Performance;
using Baton.Core.Portfolio;
using Baton.Core.Risk;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Venue;

namespace Baton.Engine.Trading;

/// <summary>
/// The one per-candle loop, shared by backtest and live: they differ only in who calls
/// <see cref="OnCandle"/> (a merged historical stream or a live consumer) and in the clock behind it.
/// Candles must arrive in time order; those sharing a timestamp arrive together, in symbol order.
/// </summary>
public sealed class TradingEngine
{
    private readonly CompiledStrategy _strategy;
    private readonly SymbolPipeline[] _pipelines;
    private readonly Portfolio _portfolio;
    private readonly RiskManager _risk;
    private readonly PerformanceTracker _tracker;
    private readonly SimulatedVenue _venue;   // the one venue today: held by its sealed class, so the per-candle check is a direct call
    private readonly OrderFlow _orders;
    private readonly RuleRunner _rules;
    private readonly IEventSink _events;
    private readonly IEquitySink? _equity;
    private readonly long _barLength;
    private readonly bool _checksLosses;
    private readonly ComponentFeed? _components;
    private long _time = long.MinValue;
    private bool _holdingStart = true;       // "engine started" is held until the first candle gives it a time
    private PortfolioStateChanged? _started;

    /// <param name="components">Outputs of the strategy's external components, joined to candles as they are
    /// processed; null when the strategy has none.</param>
    public TradingEngine(CompiledStrategy strategy, EngineSinks sinks, ComponentFeed? components = null)
        : this(strategy, sinks, components, strategy.CreatePipeline)
    {
    }

    /// <summary>A trial of a sweep's pass: its indicators' outputs come from a graph shared with the pass's other trials
    /// (<see cref="SharedGraph"/>, through <paramref name="shared"/>); its signals, rules, orders and portfolio are its own.</summary>
    internal TradingEngine(CompiledStrategy strategy, SharedSlots shared)
        : this(strategy, EngineSinks.None, null, () => strategy.SharedPipeline!(shared))
    {
    }

    private TradingEngine(CompiledStrategy strategy, EngineSinks sinks, ComponentFeed? components, Func<SymbolPipeline> pipeline)
    {
        var d = strategy.Definition;
        _strategy = strategy;
        _events = sinks.Events ?? NullEventSink.Instance;
        _equity = sinks.Equity;
        _barLength = d.Timeframe.Milliseconds;
        _components = components;
        _pipelines = d.Symbols.Select(_ => pipeline()).ToArray();
        _portfolio = new Portfolio(d.InitialCash, d.Symbols.Count);
        _portfolio.StateChanged += (from, to, why) =>
        {
            var e = new PortfolioStateChanged(EventTime, from, to, why);
            if (_holdingStart) _started = e;
            else _events.Publish(e);
        };
        _risk = new RiskManager(EngineSetup.Limits(d.Risk));
        _checksLosses = d.Risk.MaxDrawdown is not null || d.Risk.DailyLoss is not null;
        _tracker = new PerformanceTracker((double)d.InitialCash, EngineSetup.Zone(d.Risk.TimeZone), d.PeriodsPerYear);
        var costs = EngineSetup.SymbolCosts(d.Execution, d.Symbols);
        var sizers = EngineSetup.Sizers(d.Sizing, costs);
        _venue = new SimulatedVenue(costs, sizers, new VenueRules(d.Execution.IntrabarPath, d.Execution.MaxVolumeFraction, d.Exit.TargetFirst));
        _orders = new OrderFlow(_portfolio, sizers, _events, d.Symbols, _venue);
        _rules = new RuleRunner(strategy, _portfolio, _risk, _orders, _events, costs, RiskSnapshot);
        _portfolio.MoveTo(PortfolioState.Trading, "engine started");
    }

    public Portfolio Portfolio => _portfolio;
    public PerformanceTracker Tracker => _tracker;
    public IReadOnlyList<Order> Orders => _orders.Orders;

    /// <summary>Processes one closed candle of symbol <paramref name="symbol"/> (index in the strategy's list). With
    /// <paramref name="decide"/> false (live: a price too old to trade on) fills, protective exits and indicators run
    /// as usual but no rule creates an order at its close.</summary>
    public void OnCandle(int symbol, in Candle candle, bool decide = true)
    {
        long time = candle.OpenTime + _barLength;                      // known only at its close
        if (time != _time) BeginTimestamp(time);
        // skipped, not just returned from, when there is nothing to do: most candles have no order at the venue
        if (_venue.HasOrders(symbol)) _venue.OnCandle(symbol, candle, time, _orders);   // 1-2. working order, then stop / target
        _portfolio.Mark(symbol, candle.Close);
        var pipeline = _pipelines[symbol];
        _components?.Apply(symbol, candle.OpenTime, pipeline.Slots);  // 3a. external outputs due at this candle
        pipeline.Update(candle);                                       // 3-4. indicators, then signals
        if (decide) _rules.Run(symbol, pipeline.Slots, candle, time);  // 5-8. rules, risk, size, order
    }

    /// <summary>
    /// True once nothing can change this engine's results but the passing of time: trading stopped (a terminal state),
    /// no position open and no order at the venue. From then on no rule can act (an entry is refused while halted before
    /// anything is sized or ordered, an exit needs a position), no fill can happen, and equity is the cash: a candle
    /// only moves the clock and records that constant equity, which <see cref="OnFrozenCandle"/> does without running
    /// the symbol's graph and rules.
    /// </summary>
    internal bool IsFrozen
    {
        get
        {
            if (_portfolio.State != PortfolioState.Stopped || _portfolio.OpenPositions > 0) return false;
            for (int s = 0; s < _pipelines.Length; s++)
                if (_venue.HasOrders(s)) return false;
            return true;
        }
    }

    /// <summary><see cref="OnCandle"/> for a frozen engine (<see cref="IsFrozen"/>): the timestamp's bookkeeping and the
    /// symbol's last price, the only state a candle still changes.</summary>
    internal void OnFrozenCandle(int symbol, in Candle candle)
    {
        long time = candle.OpenTime + _barLength;
        if (time != _time) BeginTimestamp(time);
        _portfolio.Mark(symbol, candle.Close);
    }

    /// <summary><see cref="OnFrozenCandle"/> for a whole batch at once: <paramref name="closes"/> its distinct close times
    /// in increasing order, <paramref name="instants"/> the same minus 1 ms (what the tracker records), and each symbol's
    /// last close in it (NaN for a symbol without a candle). Every timestamp but the last is recorded at the constant
    /// equity in O(days) (<see cref="PerformanceTracker.RecordConstant"/>); the last stays open, as after
    /// <see cref="OnCandle"/>.</summary>
    internal void OnFrozenBatch(ReadOnlySpan<long> closes, ReadOnlySpan<long> instants, ReadOnlySpan<double> lastCloses)
    {
        if (closes.IsEmpty) return;
        if (closes[0] != _time) BeginTimestamp(closes[0]);
        if (_equity is not null)
            for (int k = 1; k < closes.Length; k++) BeginTimestamp(closes[k]);
        else if (closes.Length > 1)
        {
            _tracker.RecordConstant(instants[..^1], _portfolio.Equity);
            _time = closes[^1];
        }
        for (int s = 0; s < lastCloses.Length; s++)
            if (!double.IsNaN(lastCloses[s])) _portfolio.Mark(s, lastCloses[s]);
    }

    /// <summary>The close time of the latest candle processed (Unix ms), or <see cref="long.MinValue"/> before the first.</summary>
    public long Time => _time;

    /// <summary>The time events carry: <see cref="Time"/>, or 0 before the first candle.</summary>
    private long EventTime => _time == long.MinValue ? 0 : _time;

    /// <summary>A manual stop (live: <c>baton live stop</c>): no new entries from now on, working entries cancelled,
    /// a <c>stopped</c> event with <paramref name="reason"/>. Open positions stay and their exits keep running.
    /// Does nothing when trading has already stopped.</summary>
    public void Stop(string reason)
    {
        PublishStarted(EventTime);
        _rules.Stop(reason, EventTime);
    }

    /// <summary>Closes the last timestamp: records its equity and checks the loss limits.</summary>
    public void Finish()
    {
        if (_time == long.MinValue) return;
        EndTimestamp();
        _rules.Finish(_time);
    }

    private void BeginTimestamp(long time)
    {
        if (time < _time) throw new InvalidOperationException($"candle at {time} arrived after {_time}: input is not time-ordered");
        if (_time != long.MinValue) EndTimestamp();
        else PublishStarted(time);
        _time = time;
    }

    /// <summary>The start event carries the close time of the first candle (or 0 when stopped before any).</summary>
    private void PublishStarted(long time)
    {
        if (!_holdingStart) return;
        _holdingStart = false;
        if (_started is { } e) _events.Publish(e with { Time = time });
        _started = null;
    }

    /// <summary>Step 9: mark to market, track performance, stop on a breached loss limit.</summary>
    private void EndTimestamp()
    {
        double equity = _portfolio.Equity;
        _tracker.Record(_time - 1, equity, _portfolio.OpenPositions > 0);
        _equity?.OnEquity(_time, equity, _portfolio.CashValue, _tracker.Drawdown);
        if (_checksLosses && _portfolio.State is PortfolioState.Trading or PortfolioState.PositionOpen
            && _risk.CheckBreach(RecordedSnapshot(equity)) is { } breach)
            _rules.Halt(breach, _time);
    }

    /// <summary>The snapshot right after this timestamp was recorded: the tracker already holds its drawdown
    /// and the start equity of its day.</summary>
    private RiskSnapshot RecordedSnapshot(double equity) =>
        new(_portfolio.OpenPositions + _orders.WorkingEntries, equity, _tracker.Drawdown, equity / _tracker.DayStartEquity - 1);

    private RiskSnapshot RiskSnapshot(long time)
    {
        double equity = _portfolio.Equity;
        double peak = Math.Max(_tracker.BarsRecorded == 0 ? _tracker.InitialEquity : _tracker.HighWaterMark, equity);
        double dayStart = _tracker.DayStartEquityAt(time - 1);
        return new RiskSnapshot(_portfolio.OpenPositions + _orders.WorkingEntries, equity, equity / peak - 1, equity / dayStart - 1);
    }
}
