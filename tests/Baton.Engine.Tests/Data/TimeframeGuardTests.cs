using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Resampling;
using Baton.Engine.Tests.Trading;

namespace Baton.Engine.Tests.Data;

/// <summary>The timeframe check every run's source passes (<see cref="TimeframeGuard"/>) and its resampling mode.</summary>
public class TimeframeGuardTests
{
    private const long Hour = 3_600_000;

    private static Candle At(long time, double close = 10.5) => new(time, 10, 11, 9, close, 100);

    private static async Task<List<Candle>> ReadAsync(long[] times, long timeframe, bool resample, int batch = 3)
    {
        var source = new TimeframeGuard(new MemoryCandleSource([.. times.Select(t => At(t))]), resample);
        var streams = await source.OpenAsync(["X"], new Timeframe(timeframe), TimeRange.All, CancellationToken.None);
        await using var stream = streams[0];
        var all = new List<Candle>();
        var buffer = new Candle[batch];
        int n;
        while ((n = await stream.ReadAsync(buffer, CancellationToken.None)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return all;
    }

    [Theory]
    [InlineData(new long[] { 0, Hour, 2 * Hour }, Hour)]                       // one timeframe apart
    [InlineData(new long[] { 0, Hour, 5 * Hour, 6 * Hour }, Hour)]            // a gap of whole timeframes
    [InlineData(new long[] { Hour }, 4 * Hour)]                               // one candle, off the epoch's grid: nothing to compare
    [InlineData(new long[] { Hour, 5 * Hour, 9 * Hour }, 4 * Hour)]           // 4h candles from 01:00: steps count, not the epoch's grid
    public async Task Data_of_the_timeframe_with_gaps_passes_unchanged(long[] times, long timeframe)
    {
        var candles = await ReadAsync(times, timeframe, resample: false);
        Assert.Equal(times, candles.Select(c => c.OpenTime));
    }

    [Theory]
    [InlineData(new long[] { 0, Hour }, 4 * Hour, "X candle 2 at 1970-01-01T01:00:00Z: candles 1h apart, the strategy's timeframe is 4h (the data is finer")]
    [InlineData(new long[] { 0, Hour, 3 * Hour / 2 * 3 }, Hour, "X candle 3 at 1970-01-01T04:30:00Z: candles 210m apart")]
    [InlineData(new long[] { 0, 24 * Hour, 72 * Hour }, Hour, "X: candles at least 1d apart (first at candle 2), never one timeframe apart")]
    [InlineData(new long[] { 253_402_297_200_000 }, Hour, "X candle 1 at 9999-12-31T23:00:00Z: its close (open + 1h) is past")]
    public async Task Data_of_another_timeframe_is_refused_naming_the_candle(long[] times, long timeframe, string expected)
    {
        var e = await Assert.ThrowsAsync<CandleDataException>(() => ReadAsync(times, timeframe, resample: false));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("memory: timestamp: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resampling_builds_the_timeframe_candles_whatever_the_batch_size()
    {
        long[] times = [0, Hour, 2 * Hour, 3 * Hour, 4 * Hour, 6 * Hour, 9 * Hour];   // 05:00, 07:00, 08:00 missing
        foreach (int batch in new[] { 1, 2, 3, 64 })
        {
            var candles = await ReadAsync(times, 4 * Hour, resample: true, batch);
            Assert.Equal([0, 4 * Hour, 8 * Hour], candles.Select(c => c.OpenTime));
            Assert.Equal([400.0, 200.0, 100.0], candles.Select(c => c.Volume));
        }
    }

    [Theory]
    [InlineData(new long[] { 0, 3 * Hour, 6 * Hour }, "candles at least 3h apart cannot be resampled to the strategy's timeframe 4h (they do not divide it)")]
    [InlineData(new long[] { 0, 24 * Hour }, "candles at least 1d apart cannot be resampled to the strategy's timeframe 4h (the data is coarser")]
    [InlineData(new long[] { Hour / 2, 3 * Hour / 2 }, "X candle 1 at 1970-01-01T00:30:00Z: candles 1h apart starting there cannot be resampled")]
    public async Task Resampling_refuses_data_that_does_not_fit_the_periods(long[] times, string expected)
    {
        var e = await Assert.ThrowsAsync<CandleDataException>(() => ReadAsync(times, 4 * Hour, resample: true));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
