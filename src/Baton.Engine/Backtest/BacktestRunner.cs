using Baton.Core.Market;
using Baton.Core.Orders;
using Baton.Core.Performance;
using Baton.Core.Portfolio;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Merging;
using Baton.Engine.Trading;

namespace Baton.Engine.Backtest;

/// <summary>What a backtest produced: metrics, trades, every order, and the extent of the data.</summary>
public sealed record BacktestResult(
    PerformanceMetrics Metrics,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<Order> Orders,
    long Candles,
    long? FirstTime,
    long? LastTime,
    double FinalEquity,
    PortfolioState FinalState)
{
    /// <summary>What became of each external component (empty when the strategy has none).</summary>
    public IReadOnlyList<ComponentReport> Components { get; init; } = [];

    /// <summary>End-of-day equities, element 0 the initial equity (<see cref="PerformanceTracker.DailyEquities"/>): what
    /// the metrics' returns come from.</summary>
    public IReadOnlyList<double> DailyEquities { get; init; } = [];
}

/// <summary>
/// Drives the engine over historical candles: opens one stream per symbol, merges them by time (ties in
/// symbol order) in batches into reused buffers, read up to <see cref="ReadAhead"/> batches ahead on another thread
/// (<see cref="PrefetchingReader"/>), and feeds each candle to <see cref="TradingEngine.OnCandle"/>.
/// </summary>
public static class BacktestRunner
{
    private const int BatchSize = 4096;
    /// <summary>Batches read ahead at most: 128 of 4,096 candles, about 27 MB. A Parquet reader works in bursts (a new
    /// page of every column decompressed at once, a few ms) that a shallow ring cannot cover, and then the engine
    /// waits; on 10 M candles 128 beat 8 by 6 % and 32 or 64 by 3 %, and 256 (54 MB, past the caches) was slower.</summary>
    private const int ReadAhead = 128;

    /// <param name="components">The external components' outputs (from <see cref="IComponentHost"/>), or null.</param>
    /// <param name="progress">Told the number of candles processed after each batch.</param>
    public static async Task<BacktestResult> RunAsync(CompiledStrategy strategy, ICandleSource source, TimeRange range,
        EngineSinks sinks, ComponentFeed? components, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var d = strategy.Definition;
        var streams = await source.OpenAsync(d.Symbols, d.Timeframe, range, cancellationToken).ConfigureAwait(false);
        await using var reader = new PrefetchingReader(new CandleMerger(streams), BatchSize, ReadAhead);
        var engine = new TradingEngine(strategy, sinks, components);
        long count = 0;
        long? first = null, last = null;
        try
        {
            while (true)
            {
                var (candles, symbols, n) = await reader.NextAsync(cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                first ??= candles[0].OpenTime;
                last = candles[n - 1].OpenTime;
                Feed(engine, candles, symbols, n);
                count += n;
                progress?.Report(count);
            }
            engine.Finish();
        }
        catch (OverflowException e)
        {
            // Prices within CandleValidator's bounds and money within a strategy's keep nearly every amount in range; a
            // short held while its price rises a billion-fold can still pass decimal's. Said, never a crash.
            throw new InvalidOperationException(
                $"at {CandleTimestamp.Format(engine.Time)} (the close of the candle being traded) an amount passed the ledger's exact "
                + $"range (about ±7.9e28): {e.Message} Prices this far apart cannot be traded exactly; nothing was written", e);
        }
        return Result(engine, count, first, last);
    }

    private static void Feed(TradingEngine engine, Candle[] candles, int[] symbols, int count)
    {
        for (int i = 0; i < count; i++) engine.OnCandle(symbols[i], candles[i]);
    }

    /// <summary>Collects the outcome of a finished engine.</summary>
    /// <param name="keepDailyEquities">Copies the daily equities into the result (a sweep's trial reads them from the engine
    /// instead, so as not to copy a long run's days once per trial).</param>
    public static BacktestResult Result(TradingEngine engine, long candles, long? first, long? last, bool keepDailyEquities = true)
    {
        var trades = engine.Portfolio.Trades;
        var pnl = trades.Select(t => t.Pnl).ToArray();
        var metrics = engine.Tracker.ComputeMetrics(pnl);
        return new BacktestResult(metrics, trades, engine.Orders, candles, first, last, engine.Portfolio.Equity,
            engine.Portfolio.State) { DailyEquities = keepDailyEquities ? engine.Tracker.DailyEquities.ToArray() : [] };
    }
}
