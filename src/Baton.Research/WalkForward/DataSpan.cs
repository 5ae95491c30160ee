using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Resampling;
using Baton.Engine.Strategy;

namespace Baton.Research.WalkForward;

/// <summary>Where the data a strategy would run over starts and ends: one pass over its candles in the range (as the
/// backtest reads them: held to the strategy's timeframe, or resampled to it).</summary>
public static class DataSpan
{
    /// <summary>The first candle's open time and the end of the data (the last candle's open time plus the timeframe),
    /// over every symbol; null when the range holds no candle.</summary>
    public static async Task<(long First, long End)?> FindAsync(ICandleSource source, StrategyDefinition strategy,
        TimeRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(strategy);
        var guarded = new TimeframeGuard(source, strategy.Data.Resample);
        var streams = await guarded.OpenAsync(strategy.Symbols, strategy.Timeframe, range, cancellationToken).ConfigureAwait(false);
        long first = long.MaxValue, last = long.MinValue;
        var buffer = new Candle[4096];
        foreach (var stream in streams)
        {
            await using (stream.ConfigureAwait(false))
            {
                for (int n; (n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0;)
                {
                    first = Math.Min(first, buffer[0].OpenTime);
                    last = Math.Max(last, buffer[n - 1].OpenTime);
                }
            }
        }
        return first > last ? null : (first, last + strategy.Timeframe.Milliseconds);
    }
}
