using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Tests.Trading;
using Baton.Engine.Trading;

namespace Baton.Engine.Tests.Backtest;

/// <summary>The backtest loop reads batches ahead on another thread: many more batches than it holds at once.</summary>
public class ReadAheadTests
{
    private const int Candles = 1_600_000;   // about 390 batches of 4,096, three times the read-ahead (128)

    /// <summary>Serves daily candles in short, uneven reads; throws after <c>failAfter</c> candles, and records how it is used.</summary>
    private sealed class CountingStream(int total, int failAfter = int.MaxValue) : ICandleStream
    {
        private int _next, _read;

        public string Symbol => "A";
        public bool Disposed { get; private set; }
        public int ReadsAfterDispose { get; private set; }
        public int Served => _next;

        public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
        {
            if (Disposed) ReadsAfterDispose++;
            if (_next >= failAfter) throw new InvalidDataException($"data.csv:{failAfter + 2}: close: expected a number");
            int n = Math.Min(Math.Min(buffer.Length, 1000 + 37 * (_read++ % 50)), Math.Min(total, failAfter) - _next);
            for (int i = 0; i < n; i++, _next++)
            {
                double close = 100 + 10 * Math.Sin(_next / 40.0);
                buffer.Span[i] = new Candle(_next * TestStrategies.Day, close, close + 1, close - 1, close, 1000);
            }
            return ValueTask.FromResult(n);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class OneStreamSource(CountingStream stream) : ICandleSource
    {
        public string Description => "counting";

        public ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
            CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ICandleStream>>([stream]);
    }

    private sealed class MarkTimes : IEquitySink
    {
        public List<long> Times { get; } = [];
        public void OnEquity(long time, double equity, double cash, double drawdown) => Times.Add(time);
    }

    /// <summary>Cancels its token once told that <c>after</c> candles were processed.</summary>
    private sealed class CancelAfter(CancellationTokenSource cts, long after) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= after) cts.Cancel();
        }
    }

    private static Task<BacktestResult> Run(CountingStream stream, MarkTimes marks, IProgress<long>? progress = null,
        CancellationToken token = default) =>
        BacktestRunner.RunAsync(StrategyCompiler.Compile(TestStrategies.Level(100)), new OneStreamSource(stream), TimeRange.All,
            new EngineSinks(null, marks), null, progress, token);

    [Fact]
    public async Task Every_candle_reaches_the_engine_once_and_in_order()
    {
        var stream = new CountingStream(Candles);
        var marks = new MarkTimes();
        var result = await Run(stream, marks);

        Assert.Equal(Candles, result.Candles);
        Assert.Equal(Enumerable.Range(1, Candles).Select(i => i * TestStrategies.Day), marks.Times);
        Assert.True(result.Trades.Count > 100, $"{result.Trades.Count} trades");
        Assert.True(stream.Disposed);
    }

    [Fact]
    public async Task A_read_error_surfaces_after_every_candle_read_before_it()
    {
        var stream = new CountingStream(Candles, failAfter: 50_000);
        var marks = new MarkTimes();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Run(stream, marks));

        Assert.Equal("data.csv:50002: close: expected a number", error.Message);
        // every timestamp before the last good candle's was marked (a timestamp is marked when the next one starts)
        Assert.Equal(Enumerable.Range(1, 49_999).Select(i => i * TestStrategies.Day), marks.Times);
        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
    }

    [Fact]
    public async Task A_cancelled_run_stops_reading_and_closes_its_streams()
    {
        var stream = new CountingStream(Candles);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Run(stream, new MarkTimes(), new CancelAfter(cts, 10_000), cts.Token));

        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
        Assert.True(stream.Served < Candles, $"read all {stream.Served} candles after the cancel");
    }
}
