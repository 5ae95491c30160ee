using Baton.Core.Market;
using Baton.Core.Portfolio;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Engine.Live;

/// <summary>
/// The deterministic heart of live mode: the backtest's <see cref="TradingEngine"/> plus the external-signal slots that
/// <c>signals:live</c> fills. Its state after N messages is a pure function of those N messages (and of each candle's
/// stale flag), so a restart re-feeds the journal and <c>baton replay</c> can check a session decision by decision.
/// <para>A signal sets its slots at the first candle of its symbol applied after it, exactly as a backtest applies a
/// component's event stamped at that candle's open (<see cref="ComponentSeries"/>).</para>
/// </summary>
public sealed class LiveEngine
{
    private readonly CompiledStrategy _strategy;
    private readonly TradingEngine _engine;
    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledComponent> _signals = new(StringComparer.Ordinal);
    private readonly ComponentSeries[][] _series;
    private readonly long[] _lastOpen;
    private readonly TradeBars _trades;
    private readonly Capture _decisions = new();

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

    public LiveEngine(CompiledStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var d = strategy.Definition;
        if (Unsupported(strategy) is { } why) throw new ArgumentException(why);
        _strategy = strategy;
        for (int i = 0; i < d.Symbols.Count; i++) _symbols[d.Symbols[i]] = i;
        var feed = new ComponentFeed(strategy.Components, d.Symbols.Count);
        _series = new ComponentSeries[strategy.Components.Count][];
        foreach (var c in strategy.Components)
        {
            _signals[c.Spec.Id] = c;
            _series[c.Index] = feed.CreateSeries(c.Index);
            feed.Attach(c.Index, _series[c.Index]);
        }
        _lastOpen = new long[d.Symbols.Count];
        Array.Fill(_lastOpen, long.MinValue);
        _trades = new TradeBars(d.Symbols.Count, d.Timeframe.Milliseconds);
        _engine = new TradingEngine(strategy, new EngineSinks(_decisions), strategy.Components.Count > 0 ? feed : null);
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
        if (m.Candle.OpenTime <= _lastOpen[symbol]) return $"ts: candle of {m.Symbol} at {m.Candle.OpenTime} is not after the last one applied ({_lastOpen[symbol]})";
        if (_trades.Building(symbol) is { } building && m.Candle.OpenTime <= building)
            return $"ts: candle of {m.Symbol} at {m.Candle.OpenTime} overlaps the bar being built from trades ({building})";
        return CheckTime(m.Symbol, m.Candle.OpenTime + tf.Milliseconds);
    }

    private string? CheckTrade(LiveMessage m, int symbol, Timeframe tf)
    {
        long bar = _trades.BarOf(m.Candle.OpenTime);
        if (bar <= _lastOpen[symbol]) return $"ts: trade of {m.Symbol} at {m.Candle.OpenTime} belongs to the bar at {bar}, already closed";
        if (_trades.Building(symbol) is not { } building) return null;
        if (bar < building) return $"ts: trade of {m.Symbol} at {m.Candle.OpenTime} belongs to the bar at {bar}, before the one being built ({building})";
        return bar > building ? CheckTime(m.Symbol, building + tf.Milliseconds) : null;
    }

    private string? CheckTime(string symbol, long close) =>
        _engine.Time != long.MinValue && close < _engine.Time ? $"ts: candle of {symbol} closing at {close} arrived after the engine reached {_engine.Time}" : null;

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
                int symbol = _symbols[m.Symbol];
                _lastOpen[symbol] = m.Candle.OpenTime;
                _engine.OnCandle(symbol, m.Candle, decide: !stale);
                _decisions.Publish(Snapshot());
                break;
            case LiveMessageKind.Trade:
                int traded = _symbols[m.Symbol];
                if (!_trades.Add(traded, m.Candle, out var bar)) break;
                _lastOpen[traded] = bar.OpenTime;
                _engine.OnCandle(traded, bar, decide: !stale);
                _decisions.Publish(Snapshot());
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

    private void AddSignal(LiveMessage m)
    {
        var c = _signals[m.Signal];
        int symbol = _symbols[m.Symbol];
        long last = _lastOpen[symbol];
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
    public PortfolioUpdateEvent Snapshot()
    {
        var p = _engine.Portfolio;
        var symbols = _strategy.Definition.Symbols;
        var positions = new List<PositionView>();
        for (int s = 0; s < symbols.Count; s++)
            if (p.PositionOf(s) is { } pos) positions.Add(new PositionView(symbols[s], pos.Quantity, pos.AveragePrice, p.LastPrice(s)));
        double equity = p.Equity;
        double peak = Math.Max(_engine.Tracker.BarsRecorded == 0 ? _engine.Tracker.InitialEquity : _engine.Tracker.HighWaterMark, equity);
        return new PortfolioUpdateEvent(Time, equity, p.Cash, p.RealizedPnl, p.State.ToSnakeCase(), equity / peak - 1, positions);
    }

    /// <summary>Collects the engine's events for the message being applied.</summary>
    private sealed class Capture : IEventSink
    {
        public List<EngineEvent> Events { get; } = [];

        public void Publish(EngineEvent e) => Events.Add(e);
    }
}
