using System.Text.Json;
using System.Threading.Channels;
using Baton.Engine.Events;
using Baton.Engine.Reporting;

namespace Baton.Engine.Live;

/// <summary>
/// Hands live events to in-process subscribers (the dashboard, the CLI) on the session's thread, and to the
/// <c>events:live</c> stream through a bounded channel drained by a background writer, so the bus is never inside the
/// loop. The stream is for watching, not a record (the journal is): when it cannot keep up the oldest events are dropped.
/// </summary>
internal sealed class EventFanout : IAsyncDisposable
{
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(16_384)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });
    private readonly IMessageBus _bus;
    private readonly RateLimitedLog _log;
    private readonly Task _writer;
    private readonly CancellationTokenSource _stop = new();
    private IEventSink[] _subscribers = [];

    public EventFanout(IMessageBus bus, RateLimitedLog log)
    {
        _bus = bus;
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    public IDisposable Subscribe(IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_stop) _subscribers = [.. _subscribers, sink];
        return new Subscription(this, sink);
    }

    public void Publish(EngineEvent e)
    {
        foreach (var s in Volatile.Read(ref _subscribers)) s.Publish(e);
        _outbox.Writer.TryWrite(JsonSerializer.Serialize(e, Formats.Json));
    }

    private async Task WriteAsync()
    {
        var batch = new List<string>(256);
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (batch.Count < 256 && _outbox.Reader.TryRead(out var json)) batch.Add(json);
                while (batch.Count > 0)
                {
                    try
                    {
                        // Pipelined: the adapter sends them without waiting for each reply; order is kept by the connection.
                        var writes = new Task[batch.Count];
                        for (int i = 0; i < writes.Length; i++) writes[i] = _bus.PublishAsync(LiveStreams.Events, batch[i], _stop.Token);
                        await Task.WhenAll(writes).ConfigureAwait(false);
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

    /// <summary>Writes what is queued (for up to two seconds), then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        _stop.CancelAfter(TimeSpan.FromSeconds(2));
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class Subscription(EventFanout owner, IEventSink sink) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._stop) owner._subscribers = [.. owner._subscribers.Where(s => !ReferenceEquals(s, sink))];
        }
    }
}
