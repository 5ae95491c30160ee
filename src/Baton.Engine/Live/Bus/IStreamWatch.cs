namespace Baton.Engine.Live.Bus;

/// <summary>
/// Streams read as a watcher, outside any consumer group: nothing is pending, acknowledged or claimed, so watching
/// never takes an entry from a session. The dashboard follows <c>events:live</c> and <c>prices:live</c> through it and
/// sends stops to <c>control:live</c>. Entries come as <see cref="BusEntry"/> (deliveries 0). Every call throws
/// <see cref="BusUnavailableException"/> when the server cannot be reached; the caller retries.
/// </summary>
public interface IStreamWatch : IAsyncDisposable
{
    /// <summary>Where the streams are, for the operator (a password hidden).</summary>
    string Description { get; }

    /// <summary>Up to <paramref name="max"/> entries of <paramref name="stream"/> after the entry id
    /// <paramref name="afterId"/> (<c>0-0</c>: from the start), oldest first; empty when there is none (or no stream).</summary>
    Task<IReadOnlyList<BusEntry>> ReadAfterAsync(string stream, string afterId, int max, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="max"/> entries of <paramref name="stream"/>, oldest first.</summary>
    Task<IReadOnlyList<BusEntry>> ReadLastAsync(string stream, int max, CancellationToken cancellationToken);

    /// <summary>Appends a JSON message (in the <c>data</c> field) to <paramref name="stream"/>; returns the entry id.</summary>
    Task<string> AppendAsync(string stream, string json, CancellationToken cancellationToken);
}
