using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Data;
using Baton.Engine.Tests.Trading;

namespace Baton.Engine.Tests.Backtest;

public class BacktestJobTests
{
    /// <summary>Good candles, then a read error (as a bad row deep in a file gives).</summary>
    private sealed class FailingSource : ICandleSource
    {
        public string Description => "failing";

        public ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
            CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ICandleStream>>([new Stream()]);

        private sealed class Stream : ICandleStream
        {
            private bool _served;

            public string Symbol => "A";

            public ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
            {
                if (_served) throw new InvalidDataException("data.csv:5000: close: expected a number");
                _served = true;
                var candles = TestStrategies.FromCloses(90, 95, 101, 103);
                candles.CopyTo(buffer.Span);
                return ValueTask.FromResult(candles.Length);
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private static Task<BacktestResult> Run(string dir) =>
        BacktestJob.RunAsync(new BacktestJobSpec(TestStrategies.Level(100), new FailingSource(), TimeRange.All, dir), null,
            CancellationToken.None);

    [Fact]
    public async Task A_failed_run_leaves_no_folder_it_created_and_keeps_one_that_was_there()
    {
        string root = Path.Combine(Path.GetTempPath(), "baton-job-tests", Guid.NewGuid().ToString("N"));
        string created = Path.Combine(root, "new", "run");
        await Assert.ThrowsAsync<InvalidDataException>(() => Run(created));
        Assert.False(Directory.Exists(created));

        string existing = Path.Combine(root, "mine");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "notes.txt"), "keep");
        await Assert.ThrowsAsync<InvalidDataException>(() => Run(existing));
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(existing).Select(Path.GetFileName));
        Directory.Delete(root, recursive: true);
    }
}
