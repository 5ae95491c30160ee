using Baton.Core.Market;

namespace Baton.Components.Live;

/// <summary>
/// <c>live: window</c>: on each new candle, writes the symbol's last <c>window</c> candles to a CSV file and runs
/// the component over it (<c>BATON_MODE=live</c>, <c>BATON_SYMBOLS</c> = that symbol), as in a backtest of that
/// short window. Of its lines, those stamped at the new candle are kept.
/// </summary>
internal sealed class WindowedComponent : LiveComponent
{
    private readonly Candle[][] _rings;
    private readonly long[] _seen;
    private readonly string _folder;

    public WindowedComponent(LiveContext context) : base(context)
    {
        int symbols = context.Strategy.Symbols.Count;
        _rings = new Candle[symbols][];
        for (int s = 0; s < symbols; s++) _rings[s] = new Candle[context.Component.Spec.WindowBars];
        _seen = new long[symbols];
        _folder = Path.Combine(Path.GetTempPath(), "baton-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    public override async Task<string?> OnCandleAsync(int symbol, Candle candle, StampWindow due, CancellationToken cancellationToken)
    {
        var spec = Context.Component.Spec;
        var d = Context.Strategy;
        string name = d.Symbols[symbol];
        var window = Push(symbol, candle);
        string path = Path.Combine(_folder, "window.csv");
        await WindowFile.WriteAsync(path, name, window, d.Timeframe, cancellationToken).ConfigureAwait(false);
        var context = new ComponentRunContext([name], d.Timeframe, window[0].OpenTime, candle.OpenTime,
            ComponentHost.WorkingDirectory(d), string.IsNullOrEmpty(d.SourceFile) ? null : Path.GetFullPath(d.SourceFile));
        var data = new ComponentDataLocation("window", path, spec.Query is null ? null : spec.Database, spec.Query);
        var staging = Staging(1);
        ProcessOutcome outcome;
        try
        {
            var info = ComponentEnvironment.StartInfo(spec, context, data, "live");
            outcome = await ComponentProcess.RunAsync(info, spec.Timeout, new LineParser(Context.Component, [name], staging), Context.Log,
                Context.Options.Limits, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            return $"command: {e.Message}";
        }
        Lines += outcome.Lines;
        Accepted += outcome.Accepted;
        ExitCode = outcome.ExitCode;
        if (!outcome.Ok) return outcome.Error;
        Keep(staging[0], symbol, due);
        return null;
    }

    /// <summary>Adds the candle to the symbol's ring; returns the last N candles in time order.</summary>
    private Candle[] Push(int symbol, Candle candle)
    {
        var ring = _rings[symbol];
        long seen = _seen[symbol]++;
        ring[seen % ring.Length] = candle;
        int count = (int)Math.Min(seen + 1, ring.Length);
        var window = new Candle[count];
        for (int i = 0; i < count; i++) window[i] = ring[(seen + 1 - count + i) % ring.Length];
        return window;
    }

    public override ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
        return ValueTask.CompletedTask;
    }
}
