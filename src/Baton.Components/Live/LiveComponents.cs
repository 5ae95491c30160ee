using System.Collections.Concurrent;
using Baton.Core.Market;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Components.Live;

/// <summary>
/// A strategy's components in live mode. Call <see cref="OnCandleAsync"/> with each new closed candle before
/// handing it to the engine (<c>TradingEngine.OnCandle</c>, built with <see cref="Feed"/>): every component answers
/// for that candle first, so its lines stamped at the candle are in the slots when the engine processes it, exactly
/// as in a backtest. Each component runs as its <c>live</c> key says: <c>window</c> starts it per candle over a file
/// of the symbol's last <c>window</c> candles; <c>stream</c> starts it once and writes each candle to its stdin.
/// <para>A line is used only when it is stamped after the previous candle of its symbol and not after that
/// symbol's latest candle (older stamps were already decided on; later ones do not exist yet). A component that
/// fails is detached (its slots read NaN from then on) and, with <c>on_error: fail</c>, the failure is thrown.</para>
/// </summary>
public sealed class LiveComponents : IAsyncDisposable
{
    private readonly LiveComponent[] _components;
    private readonly long[] _previous;
    private readonly long[] _latest;
    private readonly IEventSink _events;
    private readonly ConcurrentQueue<ComponentMessage> _messages = new();

    public LiveComponents(CompiledStrategy strategy, ComponentHostOptions options, IEventSink events)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        var d = strategy.Definition;
        _events = events ?? NullEventSink.Instance;
        Feed = new ComponentFeed(strategy.Components, d.Symbols.Count);
        _previous = new long[d.Symbols.Count];
        _latest = new long[d.Symbols.Count];
        Array.Fill(_previous, long.MinValue);
        Array.Fill(_latest, long.MinValue);
        _components = strategy.Components.Select(c =>
        {
            var series = Feed.CreateSeries(c.Index);
            Feed.Attach(c.Index, series);
            var log = new ComponentLog(c.Spec.Id, m =>
            {
                options.OnMessage?.Invoke(m);
                _messages.Enqueue(m);   // published on the caller's thread: a stream's stderr is read on another
            });
            var context = new LiveContext(c, d, options, log, series);
            return c.Spec.Live == LiveComponentMode.Stream ? (LiveComponent)new StreamingComponent(context) : new WindowedComponent(context);
        }).ToArray();
    }

    /// <summary>The components' outputs, to give the engine.</summary>
    public ComponentFeed Feed { get; }

    /// <summary>The close time of the candle being answered (the time of log events).</summary>
    public long Now { get; private set; }

    /// <summary>Each component's state so far.</summary>
    public IReadOnlyList<ComponentReport> Reports => [.. _components.Select(c => c.Report())];

    /// <summary>Runs every live component for the new closed candle of <paramref name="symbol"/>.</summary>
    /// <exception cref="ComponentFailedException">A component with <c>on_error: fail</c> failed.</exception>
    public async Task OnCandleAsync(int symbol, Candle candle, Timeframe timeframe, CancellationToken cancellationToken)
    {
        Now = candle.OpenTime + timeframe.Milliseconds;
        _previous[symbol] = _latest[symbol];
        _latest[symbol] = candle.OpenTime;
        var due = new StampWindow(_previous, _latest);
        try
        {
            foreach (var component in _components)
            {
                if (component.Failed) continue;
                string? error = await component.OnCandleAsync(symbol, candle, due, cancellationToken).ConfigureAwait(false);
                if (error is null) continue;
                component.Fail(error);
                Feed.Detach(component.Index);
                if (component.OnError == ComponentErrorPolicy.Fail) throw new ComponentFailedException(component.Id, error);
            }
        }
        finally
        {
            while (_messages.TryDequeue(out var m))
                _events.Publish(new MessageLogged(Now, m.Level, $"component {m.Component}: {m.Text}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _components) await c.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Which stamps are due, per symbol: after the previous candle, up to the latest one.</summary>
internal readonly record struct StampWindow(long[] Previous, long[] Latest)
{
    public bool Contains(int symbol, long time) => time > Previous[symbol] && time <= Latest[symbol];
}

/// <summary>What a live component runs with.</summary>
internal sealed record LiveContext(CompiledComponent Component, StrategyDefinition Strategy, ComponentHostOptions Options, ComponentLog Log,
    ComponentSeries[] Series);
