using System.Globalization;
using System.Text.Json;
using Baton.Engine.Events;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Sessions;

namespace Baton.Engine.Live.Publishing;

/// <summary>An event as a live session hands it out: the strategy's name, <see cref="Seq"/> (the event's ordinal among the
/// strategy's journaled events, 1, 2, 3 ..., the same number for the same event after any restart; 0 for an event that is
/// not journaled: the portfolio said again at start), and the event.</summary>
public sealed record LiveEvent(string Strategy, long Seq, EngineEvent Event);

/// <summary>An event of a decided batch: journaled ones carry their <see cref="Seq"/>, their JSON as journaled and their
/// place in the journal (decision <see cref="Index"/> of input <see cref="Input"/>); <see cref="Seq"/> 0 is not journaled.</summary>
internal readonly record struct SessionEvent(EngineEvent Event, string? Json, long Seq, long Input, int Index);

/// <summary>
/// Hands live events to in-process subscribers (the dashboard, the CLI) on the session's thread, and journaled ones to
/// <c>events:live</c> through <see cref="EventOutbox"/>, each stamped with the strategy and its seq. In-process subscribers
/// get what happens from now on; <c>events:live</c> gets every journaled event at least once.
/// </summary>
internal sealed class LiveEventPublisher : IAsyncDisposable
{
    private readonly string _strategy;
    private readonly string _stamp;
    private readonly EventOutbox _outbox;
    private readonly Lock _lock = new();
    private Action<LiveEvent>[] _subscribers = [];

    public LiveEventPublisher(LiveSessionOptions options, RateLimitedLog log)
    {
        _strategy = options.Header.StrategyName;
        _stamp = ",\"strategy\":" + JsonSerializer.Serialize(_strategy) + ",\"seq\":";
        _outbox = new EventOutbox(options, log, Stamp);
    }

    public IDisposable Subscribe(Action<LiveEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock) _subscribers = [.. _subscribers, handler];
        return new Subscription(this, handler);
    }

    /// <summary>A committed event: to the subscribers, and (journaled) to <c>events:live</c>.</summary>
    public void Publish(in SessionEvent e)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        if (subscribers.Length > 0)
        {
            var live = new LiveEvent(_strategy, e.Seq, e.Event);
            foreach (var s in subscribers) s(live);
        }
        if (e.Seq > 0) _outbox.Offer(e.Seq, e.Input, e.Index, e.Json!);
    }

    /// <summary>An event that is not journaled (seq 0): to the subscribers only.</summary>
    public void PublishLocal(EngineEvent e) => Publish(new SessionEvent(e, null, 0, 0, 0));

    /// <summary>At start: the <c>session</c> announcement (seq 0), then the journal's events after the cursor again;
    /// returns the seq of the journal's last event.</summary>
    public Task<long> StartAsync(JournalHeader journal, string announcement, CancellationToken cancellationToken)
    {
        _outbox.Announce(announcement);
        return _outbox.StartAsync(journal.CreatedAt, cancellationToken);
    }

    /// <summary>Queues journaled events the queue had no room for, read back from the journal. Call with no commit in flight.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => _outbox.CatchUpAsync(cancellationToken);

    /// <summary>The journaled event JSON with <c>"strategy"</c> and <c>"seq"</c> added as its last fields.</summary>
    private string Stamp(string json, long seq) =>
        string.Concat(json.AsSpan(0, json.Length - 1), _stamp, seq.ToString(CultureInfo.InvariantCulture), "}");

    public ValueTask DisposeAsync() => _outbox.DisposeAsync();

    private sealed class Subscription(LiveEventPublisher owner, Action<LiveEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock) owner._subscribers = [.. owner._subscribers.Where(s => !ReferenceEquals(s, handler))];
        }
    }
}
