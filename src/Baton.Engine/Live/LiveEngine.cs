using Baton.Core.Market;
using Baton.Core.Portfolio;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Engine.Live;

/// <summary>
/// The deterministic heart of live mode: the backtest's <see cref="TradingEngine"/> plus the external-signal slots that
/// <c>signals:live</c> fills. Its state after N messages is a pure function of those N messages (and of each candle's
/// stale flag), so a restart re-feeds the journal and <c>baton replay</c> can check a session decision by decision.
/// <para>A signal sets its slots at the first candle of its symbol applied after it, exactly as a backtest applies a
/// component's event stamped at that candle's open (<see cref="ComponentSeries"/>).</para>
/// <para>Several symbols: a candle of a symbol ahead of the others waits (<see cref="SkewHold"/>) until the slower symbols
/// reach its bar or it is more than <c>maxSkewBars</c> bars ahead, then candles are applied in time order as a backtest
/// merges them. A signal counts at the first candle of its symbol received after it (waiting or not), so where it lands
/// does not depend on the other symbols' timing.</para>
/// </summary>
public sealed class LiveEngine
{
    private readonly CompiledStrategy _strategy;
    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledComponent> _signals = new(StringComparer.Ordinal);
    private readonly int _maxSkewBars;
    private readonly Capture _decisions = new();
    private ComponentSeries[][] _series = [];
    private TradeBars _trades = null!;
    private SkewHold _hold = null!;
    private TradingEngine _engine = null!;

    /// <summary>Why <paramref name="strategy"/> cannot trade live (its place in the file and the reason), or null when it
    /// can: checked before a live session opens its bus or journal, so the refusal is the only output.</summary>
    public static string? Unsupported(CompiledStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Components.FirstOrDefault(c => c.Spec.Kind == ComponentKind.Indicator) is { } indicator
            ? $"{indicator.Spec.Location}: external indicator '{indicator.Spec.Id}' cannot run live yet: " +
              "only external signals (fed by signals:live) are supported in live mode"
            : null;
    }

    /// <param name="maxSkewBars">How many bars a candle of one symbol may wait ahead of the slowest symbol (0: never wait;
    /// <see cref="LiveSessionOptions.MaxSkewBars"/>). Part of the state's definition: a journal is re-fed with its own.</param>
    public LiveEngine(CompiledStrategy strategy, int maxSkewBars = 0)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSkewBars);
        var d = strategy.Definition;
        if (Unsupported(strategy) is { } why) throw new ArgumentException(why);
        _strategy = strategy;
        _maxSkewBars = maxSkewBars;
        for (int i = 0; i < d.Symbols.Count; i++) _symbols[d.Symbols[i]] = i;
        foreach (var c in strategy.Components) _signals[c.Spec.Id] = c;
        Reset();
    }

    /// <summary>Back to the state before the first message (a fresh engine), e.g. to rebuild it after an input that could
    /// not be applied whole.</summary>
    public void Reset()
    {
        var d = _strategy.Definition;
        var feed = new ComponentFeed(_strategy.Components, d.Symbols.Count);
        _series = new ComponentSeries[_strategy.Components.Count][];
        foreach (var c in _strategy.Components)
        {
            _series[c.Index] = feed.CreateSeries(c.Index);
            feed.Attach(c.Index, _series[c.Index]);
        }
        _trades = new TradeBars(d.Symbols.Count, d.Timeframe.Milliseconds);
        _hold = new SkewHold(d.Symbols.Count, d.Timeframe.Milliseconds, _maxSkewBars);
        _engine = new TradingEngine(_strategy, new EngineSinks(_decisions), _strategy.Components.Count > 0 ? feed : null);
    }

    /// <summary>How many bars a candle of one symbol may wait ahead of the slowest (0: never waits).</summary>
    public int MaxSkewBars => _maxSkewBars;

    /// <summary>Candles received but waiting for a slower symbol (see <see cref="SkewHold"/>).</summary>
    public int Held => _hold.Count;

    /// <summary>When a price message takes effect, in Unix ms: a candle at its close, a trade at its time; null for others.</summary>
    public long? EffectiveTime(LiveMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Kind switch
        {
            LiveMessageKind.Candle => m.Candle.OpenTime + _strategy.Definition.Timeframe.Milliseconds,
            LiveMessageKind.Trade => m.Candle.OpenTime,
            _ => null,
        };
    }

    public Portfolio Portfolio => _engine.Portfolio;
    public TradingEngine Engine => _engine;

    /// <summary>Drops the external-signal rows already applied (a snapshot then holds only what is still due).</summary>
    internal void DropApplied()
    {
        foreach (var perSymbol in _series) foreach (var series in perSymbol) series.DropApplied();
    }

    /// <summary>The compiled strategy this engine runs (shared, never changed by trading: a snapshot does not copy it).</summary>
    internal CompiledStrategy Strategy => _strategy;

    /// <summary>The close time of the latest candle applied (Unix ms), or 0 before the first.</summary>
    public long Time => _engine.Time == long.MinValue ? 0 : _engine.Time;

    /// <summary>Why <paramref name="m"/> cannot be applied now (unknown symbol or signal, a candle not after the last one
    /// applied for its symbol or before the engine's time, another timeframe), or null when it can.</summary>
    public string? Check(LiveMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Kind == LiveMessageKind.Stop) return null;
        if (!_symbols.TryGetValue(m.Symbol, out int symbol))
            return $"symbol: expected one of the strategy's symbols ({string.Join(", ", _strategy.Definition.Symbols)}), got \"{m.Symbol}\"";
        if (m.Kind == LiveMessageKind.Signal) return CheckSignal(m);
        var tf = _strategy.Definition.Timeframe;
        if (m.Kind == LiveMessageKind.Trade) return CheckTrade(m, symbol, tf);
        if (m.Name is { } name && name != tf.ToString()) return $"timeframe: expected {tf}, got {name}";
        if (m.Candle.OpenTime % tf.Milliseconds != 0) return $"ts: expected an open time on the {tf} grid, got {m.Candle.OpenTime}";
        if (m.Candle.OpenTime <= _hold.Received(symbol)) return $"ts: candle of {m.Symbol} at {m.Candle.OpenTime} is not after the last one applied ({_hold.Received(symbol)})";
        if (_trades.Building(symbol) is { } building && m.Candle.OpenTime <= building)
            return $"ts: candle of {m.Symbol} at {m.Candle.OpenTime} overlaps the bar being built from trades ({building})";
        return CheckTime(m.Symbol, m.Candle.OpenTime + tf.Milliseconds);
    }

    private string? CheckTrade(LiveMessage m, int symbol, Timeframe tf)
    {
        long bar = _trades.BarOf(m.Candle.OpenTime);
        if (bar <= _hold.Received(symbol)) return $"ts: trade of {m.Symbol} at {m.Candle.OpenTime} belongs to the bar at {bar}, already closed";
        if (_trades.Building(symbol) is not { } building) return null;
        if (bar < building) return $"ts: trade of {m.Symbol} at {m.Candle.OpenTime} belongs to the bar at {bar}, before the one being built ({building})";
        return bar > building ? CheckTime(m.Symbol, building + tf.Milliseconds) : null;
    }

    private string? CheckTime(string symbol, long close) =>
        _engine.Time != long.MinValue && close < _engine.Time
            ? $"ts: candle of {symbol} closing at {close} arrived after the engine reached {_engine.Time} " +
              $"(other symbols may run at most {_maxSkewBars} bars ahead of the slowest: --max-skew)"
            : null;

    private string? CheckSignal(LiveMessage m)
    {
        if (!_signals.TryGetValue(m.Signal, out var c))
            return _signals.Count == 0 ? "signal: the strategy declares no external signal (type: external in dependencies.signals)"
                : $"signal: expected one of the strategy's external signals ({string.Join(", ", _signals.Keys)}), got \"{m.Signal}\"";
        if (m.Name is { } name && !c.Spec.Outputs.Contains(name))
            return $"name: expected one of the names of signal {m.Signal} ({string.Join(", ", c.Spec.Outputs)}), got \"{name}\"";
        return null;
    }

    /// <summary>Applies a message <see cref="Check"/> accepted and returns what the engine decided because of it (orders,
    /// fills, risk events, state changes and, after a candle or stop, a <c>portfolio_update</c>). The list is reused by the
    /// next call. <paramref name="stale"/>: the candle is too old to trade on, so no rule places an order at its close.</summary>
    public IReadOnlyList<EngineEvent> Apply(LiveMessage m, bool stale)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (Check(m) is { } problem) throw new InvalidOperationException("cannot apply " + m.Key + ": " + problem);
        _decisions.Events.Clear();
        switch (m.Kind)
        {
            case LiveMessageKind.Candle:
                Receive(_symbols[m.Symbol], m.Candle, stale);
                break;
            case LiveMessageKind.Trade:
                int traded = _symbols[m.Symbol];
                if (_trades.Add(traded, m.Candle, out var bar)) Receive(traded, bar, stale);
                break;
            case LiveMessageKind.Signal:
                AddSignal(m);
                break;
            default:
                _engine.Stop(m.Reason);
                _decisions.Publish(Snapshot());
                break;
        }
        return _decisions.Events;
    }

    /// <summary>Takes a closed candle and applies every candle that may go now, each followed by a <c>portfolio_update</c>.</summary>
    private void Receive(int symbol, in Candle candle, bool stale)
    {
        _hold.Add(symbol, candle, stale);
        while (_hold.TryRelease(out var next))
        {
            _engine.OnCandle(next.Symbol, next.Candle, decide: !next.Stale);
            _decisions.Publish(Snapshot());
        }
    }

    private void AddSignal(LiveMessage m)
    {
        var c = _signals[m.Signal];
        int symbol = _symbols[m.Symbol];
        long last = _hold.Received(symbol);
        long due = last == long.MinValue ? long.MinValue : last + 1;   // applied at the next candle of the symbol
        int name = m.Name is null ? -1 : IndexOf(c.Spec.Outputs, m.Name);
        _series[c.Index][symbol].AddEvent(due, name, m.Direction, m.Strength);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    /// <summary>The portfolio now, as a <c>portfolio_update</c> event.</summary>
    public PortfolioUpdated Snapshot()
    {
        var p = _engine.Portfolio;
        var symbols = _strategy.Definition.Symbols;
        var positions = new List<PositionView>();
        for (int s = 0; s < symbols.Count; s++)
            if (p.PositionOf(s) is { } pos) positions.Add(new PositionView(symbols[s], pos.Quantity, pos.AveragePrice, p.LastPrice(s)));
        double equity = p.Equity;
        double peak = Math.Max(_engine.Tracker.BarsRecorded == 0 ? _engine.Tracker.InitialEquity : _engine.Tracker.HighWaterMark, equity);
        return new PortfolioUpdated(Time, equity, p.Cash, p.RealizedPnl, p.State, equity / peak - 1, positions);
    }

    /// <summary>Collects the engine's events for the message being applied.</summary>
    private sealed class Capture : IEventSink
    {
        public List<EngineEvent> Events { get; } = [];

        public void Publish(EngineEvent e) => Events.Add(e);
    }
}
