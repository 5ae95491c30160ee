using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Messages;
namespace Baton.Engine.Live.Bus;

/// <summary>One stream entry delivered to this consumer: its stream, id (<c>MS-SEQ</c>, as Redis assigns), the JSON in
/// its <c>data</c> field (null when missing) and how many times it has been delivered (1 the first time).</summary>
public readonly record struct BusEntry(string Stream, string Id, string? Data, long Deliveries)
{
    /// <summary>The Unix ms at which the entry was added to its stream (the first part of its id), or null.</summary>
    public long? AddedAt
    {
        get
        {
            int dash = Id.IndexOf('-', StringComparison.Ordinal);
            return long.TryParse(dash < 0 ? Id : Id[..dash], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out long ms) ? ms : null;
        }
    }
}

/// <summary>What one <see cref="IMessageBus.ReadAsync"/> gave: the entries (per stream in id order, pending ones of a stream before its
/// new ones) and the <see cref="Horizon"/>: no entry at or before it can still appear, unseen by this consumer, in any input
/// stream. A reader releases its entries in <see cref="InputPosition"/> order up to the horizon (<c>InputSequencer</c>), so the
/// order never depends on read sizes, restarts or which stream was read first.</summary>
public readonly record struct BusRead(IReadOnlyList<BusEntry> Entries, InputPosition Horizon);

/// <summary>
/// The port live mode reads its inputs from and writes its events to: Redis Streams (<c>Baton.Redis</c>) or the
/// in-process <see cref="InProcessBus"/>. Reading has consumer-group semantics: an entry stays pending for this
/// consumer until <see cref="AckAsync"/>; after a restart the consumer's pending entries come first (the pending phase, during
/// which the horizon stays at <see cref="InputPosition.Start"/>), then new ones. No call blocks waiting for data.
/// </summary>
public interface IMessageBus : IAsyncDisposable
{
    /// <summary>Creates the consumer group on every input stream when missing (at the start of the stream).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> entries of each stream of <paramref name="streams"/> (input streams; the others are not
    /// read this time, their part of the horizon stays where it was; the pending phase reads every input stream), and the
    /// horizon over all input streams. No entries when none is waiting (the caller backs off). Throws
    /// <see cref="BusUnavailableException"/> when the bus cannot be reached.</summary>
    Task<BusRead> ReadAsync(int max, IReadOnlyCollection<string> streams, CancellationToken cancellationToken);

    /// <summary>Returns when new entries may be waiting, or after <paramref name="timeout"/>: the idle wait between polls.
    /// A bus that cannot be woken (Redis: no blocking read in StackExchange.Redis) simply waits.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Acknowledges entries: they are done and will not be delivered again.</summary>
    Task AckAsync(IReadOnlyList<BusEntry> entries, CancellationToken cancellationToken);

    /// <summary>Copies <paramref name="entry"/> to its dead-letter stream (<see cref="LiveStreams.DeadLetter"/>) with
    /// <paramref name="reason"/>. The caller acknowledges it afterwards.</summary>
    Task DeadLetterAsync(BusEntry entry, string reason, CancellationToken cancellationToken);

    /// <summary>Appends a JSON message to <paramref name="stream"/> (producers, <c>events:live</c>); returns the entry id.</summary>
    Task<string> PublishAsync(string stream, string json, CancellationToken cancellationToken);
}

/// <summary>Shorthands of <see cref="IMessageBus"/>.</summary>
public static class MessageBusExtensions
{
    /// <summary>Up to <paramref name="max"/> entries of every input stream (producers' helpers and tests; the session reads
    /// through its sequencer).</summary>
    public static Task<BusRead> ReadAsync(this IMessageBus bus, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.ReadAsync(max, (IReadOnlyCollection<string>)LiveStreams.Inputs, cancellationToken);
    }
}

/// <summary>The bus cannot be reached now (a lost connection); the caller retries with back-off.</summary>
public sealed class BusUnavailableException : Exception
{
    public BusUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
