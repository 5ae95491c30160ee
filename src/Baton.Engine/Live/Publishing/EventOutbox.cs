using System.Threading.Channels;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Sessions;

namespace Baton.Engine.Live.Publishing;

/// <summary>
/// Writes a strategy's journaled events to <c>events:live</c> at least once: a bounded queue drained by a background writer
/// (the bus is never inside the loop), which after each batch of XADDs succeeded stores the cursor (the last event
/// written). Nothing is dropped: when the queue is full the session stops queueing and later reads the missing events
/// back from the journal (<see cref="CatchUpAsync"/>); at start it re-publishes the journal's events after the cursor, so
/// what a crash left unwritten is written then. An event can be written twice (a crash between the XADDs and the
/// cursor), never lost: readers dedupe on (strategy, seq).
/// </summary>
internal sealed class EventOutbox : IAsyncDisposable
{
    private readonly record struct Outgoing(long Seq, long Input, int Index, string Json);

    private readonly LiveSessionOptions _options;
    private readonly IEventCursorStore _cursor;
    private readonly RateLimitedLog _log;
    private readonly Func<string, long, string> _stamp;
    private readonly Channel<Outgoing> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private long _createdAt;
    private EventCursor _queued;   // the last journaled event queued (session thread only)
    private bool _behind;          // events after _queued are in the journal, not in the queue

    public EventOutbox(LiveSessionOptions options, RateLimitedLog log, Func<string, long, string> stamp)
    {
        _options = options;
        _cursor = options.EventCursor ?? new MemoryEventCursorStore();
        _log = log;
        _stamp = stamp;
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(Math.Max(2, options.EventQueue)) { SingleReader = true });
        _writer = Task.Run(WriteAsync);
    }

    public void Announce(string json) => _queue.Writer.TryWrite(new Outgoing(0, 0, 0, json));

    /// <summary>Re-queues the journal's events after the stored cursor (all of them when it is missing or belongs to another
    /// journal); returns the seq of the journal's last event.</summary>
    public async Task<long> StartAsync(long createdAt, CancellationToken cancellationToken)
    {
        _createdAt = createdAt;
        var saved = EventCursor.Parse(await _cursor.ReadAsync(cancellationToken).ConfigureAwait(false));
        _queued = saved is { } c && c.JournalCreatedAt == createdAt ? c : new EventCursor(createdAt, 0, 0, 0);
        long seq = _queued.Seq;
        await foreach (var d in _options.Journal.ReadDecisionsAfterAsync(_queued.Input, _queued.Index, cancellationToken).ConfigureAwait(false))
        {
            seq++;
            if (!_behind) Offer(seq, d.Input, d.Index, d.Event);   // past the queue's room, only counted
        }
        return seq;
    }

    /// <summary>Queues a committed journaled event (session thread), unless earlier ones are still to be read back.</summary>
    public void Offer(long seq, long input, int index, string json)
    {
        if (_behind) return;
        if (_queue.Writer.TryWrite(new Outgoing(seq, input, index, _stamp(json, seq)))) _queued = new EventCursor(_createdAt, seq, input, index);
        else _behind = true;
    }

    /// <summary>When behind and the queue has drained to half: queues the journal's events after the last one queued, up to
    /// the queue's room. The journal must hold every committed event, and no commit be in flight (session thread).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!_behind || _queue.Reader.Count > _options.EventQueue / 2) return;
        bool full = false;
        await foreach (var d in _options.Journal.ReadDecisionsAfterAsync(_queued.Input, _queued.Index, cancellationToken).ConfigureAwait(false))
        {
            long seq = _queued.Seq + 1;
            if (!_queue.Writer.TryWrite(new Outgoing(seq, d.Input, d.Index, _stamp(d.Event, seq))))
            {
                full = true;
                break;
            }
            _queued = new EventCursor(_createdAt, seq, d.Input, d.Index);
        }
        _behind = full;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Outgoing>(256);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (batch.Count < 256 && _queue.Reader.TryRead(out var o)) batch.Add(o);
                while (batch.Count > 0)
                {
                    try
                    {
                        await WriteBatchAsync(batch).ConfigureAwait(false);
                        batch.Clear();
                    }
                    catch (BusUnavailableException e)
                    {
                        _log.Write($"{LiveStreams.Events}: cannot publish events ({e.Message}); retrying");
                        await Task.Delay(200, _stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The XADDs pipelined (the connection keeps their order), then the cursor: stored only once they all succeeded.</summary>
    private async Task WriteBatchAsync(List<Outgoing> batch)
    {
        var writes = new Task[batch.Count];
        for (int i = 0; i < writes.Length; i++) writes[i] = _options.Bus.PublishAsync(LiveStreams.Events, batch[i].Json, _stop.Token);
        await Task.WhenAll(writes).ConfigureAwait(false);
        for (int i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i].Seq == 0) continue;
            var last = batch[i];
            await _cursor.WriteAsync(new EventCursor(_createdAt, last.Seq, last.Input, last.Index).ToString(), _stop.Token).ConfigureAwait(false);
            break;
        }
    }

    /// <summary>Writes what is queued (for up to two seconds), then stops the writer; what is left is re-published at the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _stop.CancelAfter(TimeSpan.FromSeconds(2));
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }
}
