using Baton.Core.Market;
using Baton.Engine.Backtest;
using Baton.Engine.Data;
using Baton.Engine.Tests.Trading;
using Baton.Runs.Backtests;
using Baton.Runs.Files;
using Baton.Runs.Folder;

namespace Baton.Runs.Tests.Backtests;

public class BacktestRunTests
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
        BacktestRun.RunAsync(new BacktestSpec(TestStrategies.Level(100), new FailingSource(), TimeRange.All) { Output = new RunOutput(dir) },
            null, CancellationToken.None);

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

    [Fact]
    public async Task A_rerun_whose_report_fails_leaves_the_earlier_run_as_it_was_and_no_staging_folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-job-tests", Guid.NewGuid().ToString("N"), "run");
        var candles = TestStrategies.FromCloses(90, 95, 101, 103, 99, 104);
        BacktestSpec Spec(Action<string> finish) =>
            new(TestStrategies.Level(100), new MemoryCandleSource(candles), TimeRange.All) { Output = new RunOutput(dir, Report: false) { Finish = finish } };
        await BacktestRun.RunAsync(Spec(staging => File.WriteAllText(Path.Combine(staging, "report.html"), "good")), null, CancellationToken.None);
        var before = Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToArray();
        Assert.Equal(8, before.Length);

        await Assert.ThrowsAsync<IOException>(() => BacktestRun.RunAsync(Spec(_ => throw new IOException("report failed")), null,
            CancellationToken.None));
        Assert.Equal(before, Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToArray());
        Assert.Empty(Directory.GetDirectories(dir));
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }

    /// <summary>A sweep's trial runs with no output; the same spec with an output (a kept trial) must give the same result,
    /// and write the whole run folder, report included.</summary>
    [Fact]
    public async Task A_run_without_output_gives_the_result_of_the_same_run_with_its_files()
    {
        string dir = Path.Combine(Path.GetTempPath(), "baton-job-tests", Guid.NewGuid().ToString("N"), "run");
        var candles = TestStrategies.FromCloses(90, 95, 101, 103, 99, 104, 98, 102);
        var spec = new BacktestSpec(TestStrategies.Level(100), new MemoryCandleSource(candles), TimeRange.All);
        var bare = await BacktestRun.RunAsync(spec, null, CancellationToken.None);
        var kept = await BacktestRun.RunAsync(spec with { Output = new RunOutput(dir) }, null, CancellationToken.None);

        Assert.NotEmpty(bare.Orders);
        Assert.Equal(FillsHash.Of(bare.Orders, ["A"]), FillsHash.Of(kept.Orders, ["A"]));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(bare.Metrics, RunJson.Indented),
            System.Text.Json.JsonSerializer.Serialize(kept.Metrics, RunJson.Indented));
        Assert.Equal(bare.FinalEquity, kept.FinalEquity);
        Assert.Equal(RunFolder.FileNames.Order(StringComparer.Ordinal),
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }
}
