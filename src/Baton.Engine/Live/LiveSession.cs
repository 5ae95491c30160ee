using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Baton.Engine.Compilation;
using Baton.Engine.Events;
using Baton.Engine.Reporting;

namespace Baton.Engine.Live;

/// <summary>
/// A live trading session: restores the engine from the journal, then reads the bus in a loop. Each batch of entries is
/// applied to the one engine (<see cref="LiveEngine"/>), committed to the journal with its decisions in one transaction,
/// and only then dead-lettered / acknowledged, so a crash at any moment loses nothing and a redelivered or re-sent message
/// has no second effect. Events go to <see cref="Subscribe"/>rs and to <c>events:live</c>.
/// </summary>
public sealed class LiveSession : IAsyncDisposable
{
    private readonly LiveSessionOptions _options;
    private readonly LiveEngine _engine;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly SequenceGaps _gaps = new();
    private readonly InputBatch _batch;
    private readonly EventFanout _events;
    private readonly RateLimitedLog _trouble;
    private readonly ConcurrentQueue<(string Reason, TaskCompletionSource Done)> _stops = new();
    private long _stopCount;
    private (List<BusEntry> Entries, Task Sent)? _acking;

    public LiveSession(CompiledStrategy strategy, LiveSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _engine = new LiveEngine(strategy);
        _batch = new InputBatch(_engine, options, _keys, _gaps);
        _trouble = new RateLimitedLog(options.Log, options.Clock, TimeSpan.FromSeconds(5));
        _events = new EventFanout(options.Bus, _trouble);
    }

    /// <summary>The engine's portfolio (read it on the session's thread, or from a subscriber).</summary>
    public LiveEngine Engine => _engine;

    /// <summary>Inputs journaled so far (restored ones included).</summary>
    public long Inputs => _batch.Sequence;
    public long Duplicates => _batch.Duplicates;
    public long DeadLettered { get; private set; }
    public long MissingBySequence => _gaps.Missing;

    /// <summary>Receives every live event (decisions, <c>portfolio_update</c>, <c>log</c>) on the session's thread, in order.</summary>
    public IDisposable Subscribe(IEventSink sink) => _events.Subscribe(sink);

    /// <summary>Stops trading: a stop input is journaled like any other (so it survives a restart), the portfolio moves
    /// to <c>Stopped</c> with <paramref name="reason"/> and a <c>stopped</c> event goes out. Completes once journaled.</summary>
    public Task StopAsync(string reason)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stops.Enqueue((reason, done));
        return done.Task;
    }

    /// <summary>Restores the state from the journal; then runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken).ConfigureAwait(false);
        await Retry(() => _options.Bus.StartAsync(cancellationToken), "create consumer groups", cancellationToken).ConfigureAwait(false);
        _events.Publish(_engine.Snapshot());
        var idle = new Backoff(TimeSpan.FromMilliseconds(1), _options.MaxPollInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (entries is null) break;
            await SettleAckAsync(cancellationToken).ConfigureAwait(false);
            var stops = TakeStops();
            if (entries.Count == 0 && stops.Count == 0)
            {
                await Delay(idle.Next(), cancellationToken).ConfigureAwait(false);
                continue;
            }
            idle.Reset();
            await ProcessAsync(entries, stops, cancellationToken).ConfigureAwait(false);
        }
        await SettleAckOnExitAsync().ConfigureAwait(false);
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var stored = await _options.Journal.OpenAsync(_options.Header, cancellationToken).ConfigureAwait(false);
        if (stored.StrategyText != _options.Header.StrategyText)
            throw new InvalidOperationException($"the journal was written for another strategy ({stored.StrategyName} from {stored.StrategyPath}); " +
                "its inputs would not rebuild this one's state: use a new journal");
        await foreach (var input in _options.Journal.ReadInputsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (input.Sequence != _batch.Sequence + 1)
                throw new InvalidOperationException($"journal: input {input.Sequence} follows {_batch.Sequence}: inputs are missing");
            var m = LiveMessageParser.Parse(input.Stream, input.EntryId, input.Payload);
            _gaps.Observe(input.Stream, m.Producer, m.Sequence);
            _engine.Apply(m, input.Stale);
            _keys.Add(m.Key);
            _batch.Sequence = input.Sequence;
        }
        string? saved = await _options.Journal.ReadPortfolioAsync(cancellationToken).ConfigureAwait(false);
        string now = JsonSerializer.Serialize<EngineEvent>(_engine.Snapshot(), Formats.Json);
        if (saved is not null && saved != now)
            throw new InvalidOperationException($"journal: re-feeding {_batch.Sequence} inputs gave another portfolio than the one journaled:\n  journaled {saved}\n  rebuilt   {now}");
        if (_batch.Sequence > 0) _options.Log?.Invoke($"restored {_batch.Sequence} inputs from the journal: {_engine.Portfolio.State}, equity {_engine.Portfolio.Equity:F2}");
    }

    private async Task ProcessAsync(IReadOnlyList<BusEntry> entries, List<(string Reason, TaskCompletionSource Done)> stops, CancellationToken cancellationToken)
    {
        _batch.Clear();
        foreach (var entry in entries) _batch.Add(entry);
        foreach (var (reason, _) in stops) _batch.Add(LocalStop(reason), fromBus: false);
        if (_batch.Records.Count > 0)
        {
            string portfolio = JsonSerializer.Serialize<EngineEvent>(_engine.Snapshot(), Formats.Json);
            await _options.Journal.CommitAsync(_batch.Records, portfolio, CancellationToken.None).ConfigureAwait(false);
        }
        foreach (var (_, done) in stops) done.TrySetResult();
        foreach (var e in _batch.Events) _events.Publish(e);       // durable now: the decisions may be seen
        foreach (var (entry, reason) in _batch.DeadLetters)
            await Retry(() => _options.Bus.DeadLetterAsync(entry, reason, cancellationToken), "dead-letter", cancellationToken).ConfigureAwait(false);
        DeadLettered += _batch.DeadLetters.Count;
        if (_batch.Acks.Count > 0)
        {
            List<BusEntry> acks = [.. _batch.Acks];
            _acking = (acks, SendAck(acks, cancellationToken));
        }
    }

    /// <summary>Sends the acknowledgements of a committed batch without waiting for the reply, so the next read goes out right
    /// behind them (Redis: one round trip for both, and one AOF write). <see cref="SettleAckAsync"/> collects the reply
    /// before the next batch is processed; a failed acknowledgement is retried then (XACK is idempotent).</summary>
    private Task SendAck(List<BusEntry> acks, CancellationToken cancellationToken)
    {
        try
        {
            return _options.Bus.AckAsync(acks, cancellationToken);
        }
        catch (BusUnavailableException e)
        {
            return Task.FromException(e);
        }
    }

    private async Task SettleAckAsync(CancellationToken cancellationToken)
    {
        if (_acking is not { } acking) return;
        _acking = null;
        try
        {
            await acking.Sent.ConfigureAwait(false);
        }
        catch (BusUnavailableException)
        {
            await Retry(() => _options.Bus.AckAsync(acking.Entries, cancellationToken), "acknowledge", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>On the way out, the last acknowledgement once more at most: entries it misses stay pending and come back after
    /// a restart, where the journal's keys make them harmless.</summary>
    private async Task SettleAckOnExitAsync()
    {
        if (_acking is not { } acking) return;
        _acking = null;
        try
        {
            await acking.Sent.ConfigureAwait(false);
        }
        catch (Exception e) when (e is BusUnavailableException or OperationCanceledException)
        {
        }
    }

    private BusEntry LocalStop(string reason)
    {
        long n = ++_stopCount;
        string id = Guid.NewGuid().ToString("N");
        string json = JsonSerializer.Serialize(new { v = LiveMessageParser.Version, type = "stop", producer = "local", seq = n, id, reason });
        return new BusEntry(LiveStreams.Control, "local-" + n.ToString(CultureInfo.InvariantCulture), json, 1);
    }

    private List<(string, TaskCompletionSource)> TakeStops()
    {
        var list = new List<(string, TaskCompletionSource)>();
        while (_stops.TryDequeue(out var s)) list.Add(s);
        return list;
    }

    /// <summary>The next entries, retrying a lost bus forever with back-off; null when cancelled.</summary>
    private async Task<IReadOnlyList<BusEntry>?> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BusEntry>? read = null;
        try
        {
            await Retry(async () => read = await _options.Bus.ReadAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false),
                "read", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return read;
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds: a lost bus is retried with back-off (100 ms to 5 s) and
    /// logged at most every 5 s. Cancellation ends it.</summary>
    private async Task Retry(Func<Task> action, string what, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        for (long failures = 1; ; failures++)
        {
            try
            {
                await action().ConfigureAwait(false);
                if (failures > 1) _options.Log?.Invoke($"bus: {what} works again after {failures - 1} failed attempts");
                return;
            }
            catch (BusUnavailableException e)
            {
                _trouble.Write($"bus: cannot {what} ({e.Message}); retrying");
                await Task.Delay(backoff.Next(), _options.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await _options.Bus.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_stops.TryDequeue(out var s)) s.Done.TrySetCanceled();
        await _events.DisposeAsync().ConfigureAwait(false);
    }
}
