using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Baton.Core.Risk;
using Baton.Engine.Events;

namespace Baton.Web.Backtests;

/// <summary>
/// What a running backtest has said so far: candles processed, log lines (the first <see cref="MaxLines"/>
/// kept, the rest counted), and how it ended. The engine writes it (as an <see cref="IEventSink"/> and a progress
/// sink); any number of pages read it as server-sent events, each from the start.
/// </summary>
public sealed class RunLog : IEventSink, IProgress<long>
{
    public const int MaxLines = 2_000;

    private const long MaxTime = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _candles;
    private long _dropped;
    private string? _end;
    private string? _stopReason;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsFinished
    {
        get { lock (_gate) return _end is not null; }
    }

    /// <summary>Why trading stopped (the first <c>stopped</c> event's reason), or null when it did not.</summary>
    public string? StopReason
    {
        get { lock (_gate) return _stopReason; }
    }

    /// <summary>Completes when the log is finished.</summary>
    public Task Ended => _ended.Task;

    public void Report(long value)
    {
        lock (_gate) _candles = value;
        Signal();
    }

    /// <summary>Turns the engine's notable events into log lines; routine ones (approvals, order steps) are skipped.</summary>
    public void Publish(EngineEvent e)
    {
        string? line = e switch
        {
            MessageLogged l => $"{WireNames.Of(l.Level)}: {l.Message}",
            OrderFilled f => $"fill {f.Symbol} {WireNames.Of(f.Side)} {Formats.Number(f.Quantity)} @ {Formats.Number(f.Price)} ({WireNames.Of(f.Intent)})",
            RiskDecided { Verdict: not RiskVerdict.Approved } r => $"risk {WireNames.Of(r.Verdict)} {r.Symbol}: {r.Check}: {r.Reason}",
            PortfolioStateChanged s => $"state {WireNames.Of(s.From)} → {WireNames.Of(s.To)}: {s.Reason}",
            TradingStopped s => $"stopped: {s.Reason}",
            _ => null,
        };
        if (line is null) return;
        if (e is TradingStopped stopped) lock (_gate) _stopReason ??= stopped.Reason;
        // events before the first candle carry no time
        Write(e.Time is > 0 and < MaxTime ? Formats.Time(e.Time) + " " + line : line);
    }

    /// <summary>A line from the dashboard itself (start, end, failure), not stamped with a candle's time.</summary>
    public void Write(string line)
    {
        lock (_gate)
        {
            if (_lines.Count < MaxLines) _lines.Add(line);
            else _dropped++;
        }
        Signal();
    }

    /// <summary>Ends the log: <paramref name="status"/> is a <c>RunStatus</c> value, <paramref name="error"/> why it failed.</summary>
    public void Finish(string status, string? error)
    {
        lock (_gate) _end = JsonSerializer.Serialize(new { status, error }, Formats.Json);
        Signal();
        _ended.TrySetResult();
    }

    /// <summary>The log as server-sent events: <c>progress</c> ({"candles":N}), <c>log</c> (a line), then one
    /// <c>end</c> ({"status", "error"}); at most ten batches a second.</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int sent = 0;
        long candles = -1, dropped = 0;
        while (true)
        {
            Task changed;
            string[] lines;
            long nowCandles, nowDropped;
            string? end;
            lock (_gate)
            {
                changed = _changed.Task;
                lines = _lines.Skip(sent).ToArray();
                sent = _lines.Count;
                (nowCandles, nowDropped, end) = (_candles, _dropped, _end);
            }
            if (nowCandles != candles)
            {
                candles = nowCandles;
                yield return new SseItem<string>(string.Create(CultureInfo.InvariantCulture, $"{{\"candles\":{candles}}}"), "progress");
            }
            foreach (string line in lines) yield return new SseItem<string>(line, "log");
            if (end is not null)
            {
                if (nowDropped > dropped) yield return new SseItem<string>($"… {nowDropped} more lines not shown", "log");
                yield return new SseItem<string>(end, "end");
                yield break;
            }
            dropped = nowDropped;
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the readers: completes the current signal and, unless the log has ended, arms a new one.</summary>
    private void Signal()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            if (_end is null) _changed = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
