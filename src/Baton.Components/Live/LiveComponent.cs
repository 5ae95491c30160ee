using Baton.Core.Market;
using Baton.Engine.Components;
using Baton.Engine.Events;
using Baton.Engine.Strategy;

namespace Baton.Components.Live;

/// <summary>One component in live mode: answers each new candle, keeps its counters, copies due lines to the feed.</summary>
internal abstract class LiveComponent(LiveContext context) : IAsyncDisposable
{
    private string? _error;

    protected LiveContext Context { get; } = context;
    public int Index => Context.Component.Index;
    public string Id => Context.Component.Spec.Id;
    public ComponentErrorPolicy OnError => Context.Component.Spec.OnError;
    public bool Failed => _error is not null;
    protected long Lines { get; set; }
    protected long Accepted { get; set; }
    protected int? ExitCode { get; set; }

    /// <summary>Answers the new candle; returns null, or why the component failed.</summary>
    public abstract Task<string?> OnCandleAsync(int symbol, Candle candle, StampWindow due, CancellationToken cancellationToken);

    public void Fail(string error)
    {
        _error = error;
        Context.Log.Error(error);
    }

    public ComponentReport Report() => new(Id, Context.Component.Spec.Kind, Failed ? ComponentStatus.Failed : ComponentStatus.Ok)
    {
        ExitCode = ExitCode,
        Error = _error,
        Lines = Lines,
        Accepted = Accepted,
        Warnings = Context.Log.Warnings,
        Errors = Context.Log.Errors,
        StderrLines = Context.Log.StderrLines,
        Messages = [.. Context.Log.Messages.Select(m => $"{WireNames.Of(m.Level)}: {m.Text}")],
    };

    public abstract ValueTask DisposeAsync();

    /// <summary>Fresh series to parse one answer into, one per symbol of <paramref name="symbols"/>.</summary>
    protected ComponentSeries[] Staging(int symbols)
    {
        var staging = new ComponentSeries[symbols];
        for (int i = 0; i < symbols; i++) staging[i] = new ComponentSeries(Context.Component);
        return staging;
    }

    /// <summary>Copies the rows of <paramref name="staged"/> (parsed for strategy symbol <paramref name="symbol"/>)
    /// that are due into the feed's series.</summary>
    protected void Keep(ComponentSeries staged, int symbol, StampWindow due)
    {
        staged.SortByTime();
        var target = Context.Series[symbol];
        bool signal = Context.Component.Spec.Kind == ComponentKind.Signal;
        for (int i = 0; i < staged.Count; i++)
        {
            long time = staged.TimeAt(i);
            if (!due.Contains(symbol, time)) continue;
            var row = staged.RowAt(i);
            if (signal) target.AddEvent(time, (int)row[0], (int)row[1], row[2]);
            else target.AddValues(time, row);
        }
    }
}
