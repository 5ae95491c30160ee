using Baton.Engine.Backtest;
using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Resampling;
using Baton.Engine.Events;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;
using Baton.Runs.Files;
using Baton.Runs.Folder;
using Baton.Runs.Reading;
using Baton.Runs.Report;

namespace Baton.Runs.Backtests;

/// <summary>
/// How a backtest starts, for every caller (<c>baton backtest</c>, the dashboard, a sweep's trials): the strategy is
/// compiled, its external components run, and the engine's loop (<see cref="BacktestRunner"/>) runs over the window.
/// With no <see cref="BacktestSpec.Output"/> nothing is written: only the result comes back. With one,
/// <c>events.jsonl</c> and <c>equity.csv</c> are streamed while it runs, then <c>metrics.json</c>, <c>trades.csv</c>,
/// <c>orders.csv</c>, <c>candles.csv</c> (the price chart's bars, see <see cref="CandleRecorder"/>),
/// <c>manifest.json</c> and <c>report.html</c> are written, all into a staging folder (<see cref="RunFolder"/>) that is
/// published only when the whole run succeeded. A failed run leaves nothing behind and never replaces an earlier
/// run's files. A run is a pure function of its spec: the same spec gives the same result with files or without, so
/// a caller wanting files only for some runs (a sweep's best) runs those again with an output.
/// </summary>
public static class BacktestRun
{
    public static async Task<BacktestResult> RunAsync(BacktestSpec spec, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Every source is held to the strategy's timeframe (or resampled to it), whoever composed the run.
        spec = spec with { Source = new TimeframeGuard(spec.Source, spec.Strategy.Data.Resample) };
        var compiled = StrategyCompiler.Compile(spec.Strategy);
        if (spec.Output is not { } output)
        {
            var run = await RunComponentsAsync(spec, compiled, spec.Events ?? NullEventSink.Instance, cancellationToken)
                .ConfigureAwait(false);
            var plain = await BacktestRunner.RunAsync(compiled, spec.Source, spec.Range,
                new EngineSinks(spec.Events, spec.Equity), run?.Feed, progress, cancellationToken).ConfigureAwait(false);
            RefuseEmpty(spec, plain);
            return plain with { Components = run?.Reports ?? [] };
        }

        // The data file's hash (for the manifest) is read on another core from now on (if the caller has not started it
        // already), while the run starts and trades.
        using var folder = RunFolder.Open(output.Folder, [output.DataFile, spec.Strategy.SourceFile]);
        await using var ownHash = output.DataHash is null && output.DataFile is { } data ? DataFileHash.Start(data, cancellationToken) : null;
        var dataHash = (output.DataHash ?? ownHash)?.Value;
        var equity = output.Report ? new EquityHistory() : null;   // the report's equity view, so equity.csv is not read back
        if (equity is not null) spec = spec with { Equity = spec.Equity is null ? equity : new CompositeEquitySink(spec.Equity, equity) };
        var result = await RunIntoAsync(spec, compiled, folder.Staging, dataHash, progress, cancellationToken).ConfigureAwait(false);
        output.Finish?.Invoke(folder.Staging);
        if (equity is not null) ReportPage.Write(folder.Staging, equity);
        folder.Publish();
        return result;
    }

    private static async Task<BacktestResult> RunIntoAsync(BacktestSpec spec, CompiledStrategy compiled, string dir,
        Task<string>? dataHash, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var events = new AtomicFile(Path.Combine(dir, "events.jsonl"));
        using var equity = new AtomicFile(Path.Combine(dir, "equity.csv"), large: true);
        IEventSink eventSink = new JsonlEventWriter(events);
        if (spec.Events is not null) eventSink = new CompositeEventSink(eventSink, spec.Events);
        var components = await RunComponentsAsync(spec, compiled, eventSink, cancellationToken).ConfigureAwait(false);
        var candles = new CandleRecorder(spec.Source);
        IEquitySink equitySink = new CsvEquityWriter(equity);
        if (spec.Equity is not null) equitySink = new CompositeEquitySink(equitySink, spec.Equity);
        var result = await BacktestRunner.RunAsync(compiled, candles, spec.Range,
            new EngineSinks(eventSink, equitySink), components?.Feed, progress, cancellationToken).ConfigureAwait(false);
        RefuseEmpty(spec, result);
        result = result with { Components = components?.Reports ?? [] };
        ResultWriter.WriteAll(dir, spec.Strategy, spec.Source.Description, compiled.WarmUp, result,
            dataHash is null ? null : await dataHash.ConfigureAwait(false));
        candles.Write(Path.Combine(dir, "candles.csv"));
        events.Commit();
        equity.Commit();
        return result;
    }

    /// <summary>A run that saw no candle (an empty file, a window outside the data, a header without rows) is an error
    /// naming the source and the window, never a success with empty results; its files are discarded.</summary>
    private static void RefuseEmpty(BacktestSpec spec, BacktestResult result)
    {
        if (result.Candles > 0) return;
        string from = spec.Range.From is { } f ? CandleTimestamp.Format(f) : "the start of the data";
        string to = spec.Range.To is { } t ? CandleTimestamp.Format(t) : "the end of the data";
        throw new CandleDataException(spec.Source.Description, 0, "window",
            $"no candle of {string.Join(", ", spec.Strategy.Symbols)} from {from} to {to}; nothing was run");
    }

    /// <summary>Runs the external components once over the window, before the loop; null when there are none.</summary>
    private static async Task<ComponentRun?> RunComponentsAsync(BacktestSpec spec, CompiledStrategy compiled, IEventSink events,
        CancellationToken cancellationToken)
    {
        if (compiled.Components.Count == 0) return null;
        if (spec.Components is null)
            throw new InvalidOperationException($"{spec.Strategy.SourceFile}: the strategy has external components but no component runner was given");
        return await spec.Components.RunAsync(compiled, spec.Source, spec.Range, events, cancellationToken).ConfigureAwait(false);
    }
}
