using System.Globalization;
using Baton.Components;
using Baton.Components.Live;
using Baton.Engine.Compilation;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Cli.Commands;

/// <summary>
/// External signal components in live mode: reads <c>prices:live</c> through a consumer group of its own
/// (<c>baton.STRATEGY.components</c>), runs the strategy's external signals per candle (their <c>live</c> mode: window or
/// stream) and publishes each event they emit to <c>signals:live</c>: producer <c>COMPONENT.SYMBOL</c>, seq the event's
/// number in this run, id <c>SYMBOL@TIME[.name]</c>: stable, so an event emitted again after a restart has no second effect. The session then
/// consumes them like any signal, journaled, so replay stays exact. They count one candle later than in a backtest (at
/// the first candle the session applies after the event).
/// </summary>
internal static class LiveComponentPublisher
{
    public static bool Needed(CompiledStrategy strategy) => strategy.Components.Any(c => c.Spec.Kind == ComponentKind.Signal);

    public static async Task RunAsync(CompiledStrategy strategy, IMessageBus bus, CancellationToken cancellationToken)
    {
        var d = strategy.Definition;
        var symbols = d.Symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var options = new ComponentHostOptions(OnMessage: m => Console.Error.WriteLine("baton live: " + m));
        await using var live = new LiveComponents(strategy, options, NullEventSink.Instance);
        var published = new int[strategy.Components.Count, d.Symbols.Count];
        var lastOpen = new long[d.Symbols.Count];
        Array.Fill(lastOpen, long.MinValue);
        await bus.StartAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<BusEntry> entries;
            try
            {
                entries = (await bus.ReadAsync(64, cancellationToken).ConfigureAwait(false)).Entries;
                if (entries.Count == 0) await bus.WaitAsync(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (BusUnavailableException)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                continue;
            }
            foreach (var entry in entries)
            {
                if (!TryCandle(entry, symbols, out int symbol, out var m) || m.Candle.OpenTime <= lastOpen[symbol]) continue;
                lastOpen[symbol] = m.Candle.OpenTime;
                await live.OnCandleAsync(symbol, m.Candle, d.Timeframe, cancellationToken).ConfigureAwait(false);
                foreach (var c in strategy.Components.Where(c => c.Spec.Kind == ComponentKind.Signal))
                    await PublishNewAsync(bus, live, c.Index, c.Spec, symbol, d.Symbols[symbol], published, cancellationToken).ConfigureAwait(false);
            }
            if (entries.Count > 0) await bus.AckAsync(entries, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool TryCandle(BusEntry entry, Dictionary<string, int> symbols, out int symbol, out LiveMessage message)
    {
        symbol = -1;
        message = null!;
        if (entry.Stream != LiveStreams.Prices) return false;
        try
        {
            message = LiveMessageParser.Parse(entry.Stream, entry.Id, entry.Data);
        }
        catch (LiveMessageException)
        {
            return false;   // the session dead-letters it
        }
        return message.Kind == LiveMessageKind.Candle && symbols.TryGetValue(message.Symbol, out symbol);
    }

    private static async Task PublishNewAsync(IMessageBus bus, LiveComponents live, int component, ComponentSpec spec, int symbol,
        string symbolName, int[,] published, CancellationToken cancellationToken)
    {
        if (live.Feed.SeriesOf(component, symbol) is not { } series) return;
        for (int i = published[component, symbol]; i < series.Count; i++)
        {
            var row = series.RowAt(i);
            string? name = row[0] >= 0 ? spec.Outputs[(int)row[0]] : null;
            string id = symbolName + "@" + series.TimeAt(i).ToString(CultureInfo.InvariantCulture) + (name is null ? "" : "." + name);
            string json = LiveMessageWriter.Signal(spec.Id + "." + symbolName, i + 1, id, symbolName, spec.Id, (int)row[1], row[2], name);
            await bus.PublishAsync(LiveStreams.Signals, json, cancellationToken).ConfigureAwait(false);
        }
        published[component, symbol] = series.Count;
    }
}
