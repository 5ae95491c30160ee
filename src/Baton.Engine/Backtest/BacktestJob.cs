using Baton.Engine.Compilation;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Data.Resampling;
using Baton.Engine.Events;
using Baton.Engine.Reporting;
using Baton.Engine.Strategy;
using Baton.Engine.Trading;

namespace Baton.Engine.Backtest;

/// <summary>A backtest to run: the strategy, its data, the window, and where its files go (none when null).</summary>
/// <param name="Components">Runs the strategy's external components; required when it has any.</param>
/// <param name="ExtraEquity">Also receives every equity mark (besides <c>equity.csv</c>).</param>
/// <param name="DataHash">The hash of <paramref name="DataFileForHash"/>, already started by the caller (who disposes it), for
/// instance before the strategy was loaded; when null the job starts its own as it starts.</param>
/// <param name="Finish">Writes more files into the run's (staging) folder once the run's own are written, such as
/// <c>report.html</c>; the run is published only when it succeeds too.</param>
public sealed record BacktestJobSpec(StrategyDefinition Strategy, ICandleSource Source, TimeRange Range, string? OutputDirectory,
    string? DataFileForHash = null, IEventSink? ExtraEvents = null, IComponentHost? Components = null, IEquitySink? ExtraEquity = null,
    DataFileHash? DataHash = null, Action<string>? Finish = null);

/// <summary>
/// One backtest from a validated strategy to its files: <c>events.jsonl</c> and <c>equity.csv</c> are streamed
/// while it runs, then <c>metrics.json</c>, <c>trades.csv</c>, <c>orders.csv</c>, <c>candles.csv</c> (the price
/// chart's bars, see <see cref="CandleRecorder"/>) and <c>manifest.json</c> are written, all into a staging folder
/// (<see cref="RunFolder"/>) that is published only when the whole run, <see cref="BacktestJobSpec.Finish"/> included,
/// succeeded. A failed run leaves nothing behind and never replaces an earlier run's files.
/// </summary>
public static class BacktestJob
{
    public static async Task<BacktestResult> RunAsync(BacktestJobSpec spec, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Every source is held to the strategy's timeframe (or resampled to it), whoever composed the run.
        spec = spec with { Source = new TimeframeGuard(spec.Source, spec.Strategy.Data.Resample) };
        var compiled = StrategyCompiler.Compile(spec.Strategy);
        if (spec.OutputDirectory is null)
        {
            var run = await RunComponentsAsync(spec, compiled, spec.ExtraEvents ?? NullEventSink.Instance, cancellationToken)
                .ConfigureAwait(false);
            var plain = await BacktestRunner.RunAsync(compiled, spec.Source, spec.Range,
                new EngineSinks(spec.ExtraEvents, spec.ExtraEquity), run?.Feed, progress, cancellationToken).ConfigureAwait(false);
            RefuseEmpty(spec, plain);
            return plain with { Components = run?.Reports ?? [] };
        }

        // The data file's hash (for the manifest) is read on another core from now on (if the caller has not started it
        // already), while the run starts and trades.
        using var folder = RunFolder.Open(spec.OutputDirectory, [spec.DataFileForHash, spec.Strategy.SourceFile]);
        await using var ownHash = spec.DataHash is null && spec.DataFileForHash is { } data ? DataFileHash.Start(data, cancellationToken) : null;
        var dataHash = (spec.DataHash ?? ownHash)?.Value;
        var result = await RunIntoAsync(spec, compiled, folder.Staging, dataHash, progress, cancellationToken).ConfigureAwait(false);
        spec.Finish?.Invoke(folder.Staging);
        folder.Publish();
        return result;
    }

    private static async Task<BacktestResult> RunIntoAsync(BacktestJobSpec spec, CompiledStrategy compiled, string dir,
        Task<string>? dataHash, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var events = new AtomicFile(Path.Combine(dir, "events.jsonl"));
        using var equity = new AtomicFile(Path.Combine(dir, "equity.csv"), large: true);
        IEventSink eventSink = new JsonlEventWriter(events);
        if (spec.ExtraEvents is not null) eventSink = new CompositeEventSink(eventSink, spec.ExtraEvents);
        var components = await RunComponentsAsync(spec, compiled, eventSink, cancellationToken).ConfigureAwait(false);
        var candles = new CandleRecorder(spec.Source);
        IEquitySink equitySink = new CsvEquityWriter(equity);
        if (spec.ExtraEquity is not null) equitySink = new CompositeEquitySink(equitySink, spec.ExtraEquity);
        var result = await BacktestRunner.RunAsync(compiled, candles, spec.Range,
            new EngineSinks(eventSink, equitySink), components?.Feed, progress, cancellationToken).ConfigureAwait(false);
        RefuseEmpty(spec, result);
        result = result with { Components = components?.Reports ?? [] };
        WriteFiles(spec, compiled, result, dir, dataHash is null ? null : await dataHash.ConfigureAwait(false));
        candles.Write(Path.Combine(dir, "candles.csv"));
        events.Commit();
        equity.Commit();
        return result;
    }

    /// <summary>A run that saw no candle (an empty file, a window outside the data, a header without rows) is an error
    /// naming the source and the window, never a success with empty results; its files are discarded.</summary>
    private static void RefuseEmpty(BacktestJobSpec spec, BacktestResult result)
    {
        if (result.Candles > 0) return;
        string from = spec.Range.From is { } f ? CandleTimestamp.Format(f) : "the start of the data";
        string to = spec.Range.To is { } t ? CandleTimestamp.Format(t) : "the end of the data";
        throw new CandleDataException(spec.Source.Description, 0, "window",
            $"no candle of {string.Join(", ", spec.Strategy.Symbols)} from {from} to {to}; nothing was run");
    }

    /// <summary>Runs the external components once over the window, before the loop; null when there are none.</summary>
    private static async Task<ComponentRun?> RunComponentsAsync(BacktestJobSpec spec, CompiledStrategy compiled, IEventSink events,
        CancellationToken cancellationToken)
    {
        if (compiled.Components.Count == 0) return null;
        if (spec.Components is null)
            throw new InvalidOperationException($"{spec.Strategy.SourceFile}: the strategy has external components but no component runner was given");
        return await spec.Components.RunAsync(compiled, spec.Source, spec.Range, events, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteFiles(BacktestJobSpec spec, CompiledStrategy compiled, BacktestResult result, string dir, string? dataHash)
    {
        var d = spec.Strategy;
        string? from = result.FirstTime is { } f ? Formats.Time(f) : null;
        string? to = result.LastTime is { } l ? Formats.Time(l) : null;
        var summary = new RunSummary(d.Name, result.Candles, from, to, result.Trades.Count, result.Orders.Count,
            result.FinalEquity, result.FinalState.ToString(), compiled.WarmUp);
        ResultWriter.WriteMetrics(Path.Combine(dir, "metrics.json"), result, summary);
        ResultWriter.WriteTrades(Path.Combine(dir, "trades.csv"), result, d.Symbols);
        ResultWriter.WriteOrders(Path.Combine(dir, "orders.csv"), result, d.Symbols);
        new RunManifest(RunManifest.Version, Path.GetFileName(d.SourceFile),
            File.Exists(d.SourceFile) ? RunManifest.HashFile(d.SourceFile) : RunManifest.HashText(d.Name),
            spec.Source.Description, dataHash,
            d.Parameters, from, to, d.Data.Source == DataSourceKind.Synthetic ? d.Data.Seed : null,
            FillsHash.Of(result.Orders, d.Symbols)).Write(Path.Combine(dir, "manifest.json"));
    }
}
