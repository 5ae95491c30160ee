using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Merging;
using Baton.Engine.Live.Messages;
using Baton.Engine.Strategy;

namespace Baton.Engine.Live.Bus;

/// <summary>
/// Publishes historical candles to <c>prices:live</c> as a live feed would, in time order (ties in symbol order), at
/// <c>speed</c> candles per second (0: as fast as the bus takes them). <c>baton live --replay FILE</c> runs it against the
/// in-process bus; <c>baton publish prices FILE</c> against Redis.
/// </summary>
public static class ReplayPublisher
{
    /// <param name="firstSeq">The sequence number of the first message (a resumed publisher continues its numbering).</param>
    /// <returns>How many candles were published.</returns>
    public static async Task<long> RunAsync(IMessageBus bus, StrategyDefinition strategy, ICandleSource source, double speed,
        string producer, long firstSeq, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(source);
        var streams = await source.OpenAsync(strategy.Symbols, strategy.Timeframe, TimeRange.All, cancellationToken).ConfigureAwait(false);
        await using var merger = new CandleMerger(streams);
        var candles = new Candle[1024];
        var symbols = new int[1024];
        long published = 0;
        var start = clock.GetTimestamp();
        int n;
        while ((n = await merger.ReadAsync(candles, symbols, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                string json = LiveMessageWriter.Candle(producer, firstSeq + published, strategy.Symbols[symbols[i]], strategy.Timeframe, candles[i]);
                await bus.PublishAsync(LiveStreams.Prices, json, cancellationToken).ConfigureAwait(false);
                published++;
                if (speed > 0) await Pace(clock, start, published, speed, cancellationToken).ConfigureAwait(false);
            }
        }
        return published;
    }

    private static Task Pace(TimeProvider clock, long start, long published, double speed, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds(published / speed) - clock.GetElapsedTime(start);
        return due > TimeSpan.Zero ? Task.Delay(due, clock, cancellationToken) : Task.CompletedTask;
    }
}
