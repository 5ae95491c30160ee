namespace Baton.Engine.Live.Inputs;

/// <summary>Detects gaps in each producer's sequence numbers per stream: a message whose <c>seq</c> jumps past the last
/// one seen plus one means messages were lost (or dead-lettered) upstream. Re-sent and reordered messages are not gaps.</summary>
internal sealed class SequenceGaps
{
    private readonly Dictionary<(string Stream, string Producer), long> _last = [];

    /// <summary>Messages found missing so far.</summary>
    public long Missing { get; private set; }

    /// <summary>Records <paramref name="seq"/>; returns a description of the gap it reveals, or null.</summary>
    public string? Observe(string stream, string producer, long seq)
    {
        var key = (stream, producer);
        if (!_last.TryGetValue(key, out long last))
        {
            _last[key] = seq;
            return null;
        }
        if (seq <= last) return null;
        _last[key] = seq;
        if (seq == last + 1) return null;
        Missing += seq - last - 1;
        return $"{stream}: producer {producer} jumped from seq {last} to {seq} ({seq - last - 1} missing)";
    }
}
