using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Baton.Engine.Compilation;
using System.Diagnostics.CodeAnalysis;
using Baton.Engine.Events;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Publishing;
using Baton.Engine.Live.Snapshots;

namespace Baton.Engine.Live.Sessions;

/// <summary>
/// A live trading session: restores the engine from the journal, then reads the bus in a loop. Each batch of entries is
/// applied to the one engine (<see cref="LiveEngine"/>), committed to the journal with its decisions in one transaction,
/// and only then published, dead-lettered and acknowledged, so a crash at any moment loses nothing and a redelivered or
/// re-sent message has no second effect. The next batch is read and decided while the previous one commits
/// (<see cref="CommitPipeline"/>). Events go to <see cref="Subscribe"/>rs and to <c>events:live</c>.
/// </summary>
public sealed partial class LiveSession : IAsyncDisposable
{
    private readonly LiveSessionOptions _options;
    private readonly CompiledStrategy _strategy;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private LiveEngine _engine;   // these four are rebuilt when a snapshot is refused half-way (BuildState)
    private SequenceGaps _gaps;
    private InputBatch _batch;
    private SessionState _state;
    private int _maxSkewBars;     // the journal's bound (BuildState builds the engine with it)
    private long _snapshotAt;     // the input the latest snapshot covers
    private readonly InputSequencer _sequencer;
    private readonly List<BusEntry> _released = [];
    private readonly LiveEventPublisher _events;
    private readonly RateLimitedLog _trouble;
    private readonly ConcurrentQueue<(string Reason, TaskCompletionSource Done)> _stops = new();
    private readonly Lock _decidersLock = new();   // guards replacing _deciders; readers take the array as it is
    private readonly BusRetry _retry;
    private readonly CommitPipeline _commits;
    private long _stopCount;
    private JournalHeader? _journal;
    private IEventSink[] _deciders = [];

    public LiveSession(CompiledStrategy strategy, LiveSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _strategy = strategy;
        _maxSkewBars = options.MaxSkewBars;
        BuildState();
        _sequencer = new InputSequencer(options.BatchSize);
        _trouble = new RateLimitedLog(options.Log, options.Clock, TimeSpan.FromSeconds(5));
        _events = new LiveEventPublisher(options, _trouble);
        _retry = new BusRetry(options, _trouble);
        _commits = new CommitPipeline(options, _events, _retry);
    }

    /// <summary>The engine (read it on the session's thread: from a subscriber). Decisions run ahead of the commit, so when a
    /// subscriber gets an event the engine may already hold the next batch; state as of a decision is read from
    /// <see cref="SubscribeDecisions"/>.</summary>
    public LiveEngine Engine => _engine;

    /// <summary>Inputs journaled so far (restored ones included).</summary>
    public long Inputs => _batch.Sequence;
    public long Duplicates => _batch.Duplicates;
    public long DeadLettered => _commits.DeadLettered;
    public long MissingBySequence => _gaps.Missing;

    /// <summary>Receives every live event (decisions, <c>portfolio_update</c>, <c>log</c>) on the session's thread, in order, once
    /// the journal transaction holding it committed.</summary>
    public IDisposable Subscribe(IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return _events.Subscribe(e => sink.Publish(e.Event));
    }

    /// <summary>As <see cref="Subscribe"/>, each event with the strategy and its seq (the same number it has on
    /// <c>events:live</c>; 0 for the portfolio said again at start and for a dead-letter warning, which are not journaled).</summary>
    public IDisposable SubscribeNumbered(Action<LiveEvent> handler) => _events.Subscribe(handler);

    /// <summary>Receives each decision the moment the engine makes it, on the session's thread, before it is journaled: not
    /// durable yet (a crash before the commit undoes it), and the engine may move on to the next batch before the commit
    /// releases it to <see cref="Subscribe"/>rs. For timing and for capturing the engine's state as of a decision; never act
    /// on it.</summary>
    public IDisposable SubscribeDecisions(IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_decidersLock) _deciders = [.. _deciders, sink];
        return new Unsubscribe(() => { lock (_decidersLock) _deciders = [.. _deciders.Where(s => !ReferenceEquals(s, sink))]; });
    }

    [MemberNotNull(nameof(_engine), nameof(_gaps), nameof(_batch), nameof(_state))]
    private void BuildState()
    {
        _engine = new LiveEngine(_strategy, _maxSkewBars);
        _gaps = new SequenceGaps();
        _batch = new InputBatch(_engine, _options, _keys, _gaps, Decided);
        _state = new SessionState(_engine, _gaps, _batch.Order);
    }

    private void Decided(EngineEvent e)
    {
        if (e is TradingStopped stopped) _state.Stopped = stopped;
        foreach (var sink in Volatile.Read(ref _deciders)) sink.Publish(e);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

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
        var stopped = await RestoreAsync(cancellationToken).ConfigureAwait(false);
        await _retry.Run(() => _options.Bus.StartAsync(cancellationToken), "create consumer groups", cancellationToken).ConfigureAwait(false);
        await _retry.Run(async () => _batch.EventSeq = await _events.StartAsync(_journal!, SessionAnnouncement.Json(_strategy, _options), cancellationToken)
            .ConfigureAwait(false), "re-publish events", cancellationToken).ConfigureAwait(false);
        _events.PublishLocal(_engine.Snapshot());
        // a session stopped before this process started says where it stands (the snapshot), then why again
        if (stopped is not null && _engine.Portfolio.State == Baton.Core.Portfolio.PortfolioState.Stopped) _events.PublishLocal(stopped);
        var idle = new Backoff(TimeSpan.FromMilliseconds(1), _options.MaxPollInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is not { } got) break;
            _sequencer.Add(got);
            var entries = Release();
            await _commits.SettleAckAsync(cancellationToken).ConfigureAwait(false);
            var stops = TakeStops();
            if (entries.Count == 0 && stops.Count == 0)
            {
                if (_commits.Committed) await _commits.FinishAsync(cancellationToken).ConfigureAwait(false);   // durable: release it, read again
                else if (got.Entries.Count == 0)
                {
                    if (!_commits.Busy) await _events.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                    await Delay(idle.Next(), cancellationToken).ConfigureAwait(false);   // polling on while a commit runs
                }
                // entries read but not released yet: read again at once, the horizon moves on with each read
                continue;
            }
            idle.Reset();
            string portfolio = await DecideAsync(entries, stops, cancellationToken).ConfigureAwait(false);
            var snapshot = TakeSnapshot();
            await _commits.FinishAsync(cancellationToken).ConfigureAwait(false);
            _commits.Start(_batch, portfolio, [.. stops.Select(s => s.Item2)], snapshot);
        }
        await _commits.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a batch to the engine (the decisions are made here), while the previous batch may still be committing.</summary>
    private async Task<string> DecideAsync(IReadOnlyList<BusEntry> entries, List<(string Reason, TaskCompletionSource Done)> stops,
        CancellationToken cancellationToken)
    {
        _batch.Clear();
        foreach (var entry in entries)
        {
            _batch.Add(entry);
            if (_batch.Broken) await RebuildAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var (reason, _) in stops) _batch.Add(LocalStop(reason), fromBus: false);
        return _batch.Records.Count > 0 ? JsonSerializer.Serialize<EngineEvent>(_engine.Snapshot(), Formats.Json) : "";
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

    /// <summary>The entries to decide now: up to a batch, in their total order, the ones at or before the bus's horizon.</summary>
    private List<BusEntry> Release()
    {
        _released.Clear();
        _sequencer.Release(_released, _options.BatchSize);
        return _released;
    }

    /// <summary>The next read (of the streams the sequencer wants more of), retrying a lost bus forever with back-off; null
    /// when cancelled. A batch still committing is released before the retrying starts, so an outage never holds back
    /// decisions already made durable.</summary>
    private async Task<BusRead?> ReadAsync(CancellationToken cancellationToken)
    {
        BusRead read = default;
        var streams = _sequencer.StreamsToRead;
        try
        {
            if (_commits.Busy)
            {
                try
                {
                    return await _options.Bus.ReadAsync(_options.BatchSize, streams, cancellationToken).ConfigureAwait(false);
                }
                catch (BusUnavailableException)
                {
                    await _commits.FinishAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            await _retry.Run(async () => read = await _options.Bus.ReadAsync(_options.BatchSize, streams, cancellationToken).ConfigureAwait(false),
                "read", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return read;
    }

    /// <summary>The idle wait: until the bus may have entries, <paramref name="delay"/> passed, or the commit in flight ended.</summary>
    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            var wait = _options.Bus.WaitAsync(delay, cancellationToken);
            if (_commits.Commit is { } commit) await Task.WhenAny(wait, commit).ConfigureAwait(false);
            else await wait.ConfigureAwait(false);
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
