using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Data.Merging;
using Baton.Engine.Data.Resampling;

namespace Baton.Research.Trials;

/// <summary>
/// One pass over the data for a group of trials with the same symbols, timeframe and resampling: the candles are read
/// and decoded once (<see cref="PrefetchingReader"/>, as a backtest reads them), each batch goes through the group's
/// shared indicator graph once (<see cref="SharedGraph"/>), then through every trial on the pass's threads
/// (<see cref="PassWorkers"/>). A trial the pass cannot finish exactly (it threw, or the window held no candle) comes
/// back in <c>Redo</c>, for the reference path.
/// </summary>
internal static class SharedPass
{
    /// <summary>Candles per batch unless told: a backtest's batch (<c>BacktestRunner</c>).</summary>
    public const int BatchSize = 4096;
    /// <summary>Batches read ahead: the trials, not the reading, are the slow side of a pass.</summary>
    private const int ReadAhead = 8;

    public static async Task<(List<(int Index, TrialOutcome Outcome)> Done, List<PreparedTrial> Redo)> RunAsync(
        IReadOnlyList<PreparedTrial> trials, TrialData data, TrialBatchOptions options, CancellationToken cancellationToken)
    {
        var d = trials[0].Strategy;
        var graph = SharedGraph.Build(trials.Select(t => t.Compiled).ToArray(), options.BatchSize, out var views);
        var runners = trials.Select((t, i) => new TrialRunner(t, views[i])).ToArray();
        var source = new TimeframeGuard(data.Source, d.Data.Resample);
        var streams = await source.OpenAsync(d.Symbols, d.Timeframe, data.Range, cancellationToken).ConfigureAwait(false);
        await using var reader = new PrefetchingReader(new CandleMerger(streams, options.BatchSize), options.BatchSize, ReadAhead);
        using var workers = new PassWorkers(runners, options.Jobs);
        var clock = new BatchClock(options.BatchSize, d.Symbols.Count, d.Timeframe.Milliseconds);
        long count = 0;
        long? first = null, last = null;
        while (true)
        {
            var (candles, symbols, n) = await reader.NextAsync(cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            first ??= candles[0].OpenTime;
            last = candles[n - 1].OpenTime;
            graph.Compute(candles, symbols, n);
            clock.Set(candles, symbols, n);
            await workers.RunAsync(candles, symbols, n, clock).ConfigureAwait(false);
            count += n;
        }
        await workers.FinishAsync(count, first, last).ConfigureAwait(false);
        var done = new List<(int, TrialOutcome)>();
        var redo = new List<PreparedTrial>();
        foreach (var runner in runners)
        {
            if (options.Counts is { } counts && runner.Frozen) counts.Frozen++;
            if (runner.Result is not { } outcome || count == 0) redo.Add(runner.Trial);
            else done.Add((runner.Trial.Index, outcome));
        }
        return (done, redo);
    }
}
