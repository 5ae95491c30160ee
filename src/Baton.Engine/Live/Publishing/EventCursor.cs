using System.Globalization;
using Baton.Engine.Live.Bus;

namespace Baton.Engine.Live.Publishing;

/// <summary>
/// Where the publishing of a strategy's events to <c>events:live</c> stands: the last event published (its
/// <see cref="Seq"/> and its place in the journal, decision <see cref="Index"/> of input <see cref="Input"/>), for the
/// journal created at <see cref="JournalCreatedAt"/>. Stored by <see cref="IEventCursorStore"/> after the events are
/// written; a restart re-publishes the journal's events after it.
/// </summary>
public readonly record struct EventCursor(long JournalCreatedAt, long Seq, long Input, int Index)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{JournalCreatedAt}:{Seq}:{Input}:{Index}");

    /// <summary>The cursor written by <see cref="ToString"/>, or null when <paramref name="text"/> is not one.</summary>
    public static EventCursor? Parse(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 4 }) return null;
        var n = CultureInfo.InvariantCulture;
        return long.TryParse(parts[0], NumberStyles.Integer, n, out long created) && long.TryParse(parts[1], NumberStyles.Integer, n, out long seq)
            && long.TryParse(parts[2], NumberStyles.Integer, n, out long input) && int.TryParse(parts[3], NumberStyles.Integer, n, out int index)
            && seq >= 0 && input >= 0 && index >= 0
            ? new EventCursor(created, seq, input, index) : null;
    }
}

/// <summary>Keeps a strategy's <see cref="EventCursor"/> where the events go (Redis: the key <c>baton:events:&lt;group&gt;</c>).
/// Both calls throw <see cref="BusUnavailableException"/> when the store cannot be reached.</summary>
public interface IEventCursorStore
{
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(string cursor, CancellationToken cancellationToken);
}

/// <summary>The cursor of the in-process bus: in memory, like the events it counts.</summary>
internal sealed class MemoryEventCursorStore : IEventCursorStore
{
    private volatile string? _cursor;

    public Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(_cursor);

    public Task WriteAsync(string cursor, CancellationToken cancellationToken)
    {
        _cursor = cursor;
        return Task.CompletedTask;
    }
}
