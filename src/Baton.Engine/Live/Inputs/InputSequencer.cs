using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Messages;
namespace Baton.Engine.Live.Inputs;

/// <summary>
/// Puts the entries read from the input streams into their one total order (<see cref="InputPosition"/>): it buffers what
/// the bus gave, per stream, and releases the entries at or before the bus's horizon, smallest position first, so where a
/// signal lands among the candles depends on the entry ids alone, never on read sizes, on which stream was read first, on
/// restarts or on a backlog. Buffered entries stay pending on the bus (unacknowledged) until released and committed; a
/// stream whose buffer holds a batch already is not read again until it drains, so memory stays bounded whatever the backlog.
/// </summary>
internal sealed class InputSequencer(int batchSize)
{
    private readonly Queue<(BusEntry Entry, InputPosition Position)>[] _buffers =
        [.. LiveStreams.Inputs.Select(_ => new Queue<(BusEntry, InputPosition)>())];
    private readonly List<string> _toRead = new(LiveStreams.Inputs.Count);
    private InputPosition _horizon = InputPosition.Start;

    /// <summary>Entries read and not yet released.</summary>
    public int Buffered => _buffers.Sum(b => b.Count);

    /// <summary>The input streams worth reading now: those buffering less than a batch.</summary>
    public IReadOnlyCollection<string> StreamsToRead
    {
        get
        {
            _toRead.Clear();
            for (int i = 0; i < _buffers.Length; i++) if (_buffers[i].Count < batchSize) _toRead.Add(LiveStreams.Inputs[i]);
            return _toRead;
        }
    }

    /// <summary>Takes a read's entries (each stream's in id order) and its horizon.</summary>
    public void Add(BusRead read)
    {
        foreach (var entry in read.Entries)
        {
            int rank = InputPosition.RankOf(entry.Stream);
            if (rank < 0) throw new InvalidOperationException($"bus: {entry.Stream} {entry.Id} is not from an input stream");
            // an id that is not MS-SEQ (no Redis entry has one) has no place to wait for: it goes first, to be refused
            var position = InputPosition.Of(entry.Stream, entry.Id) ?? InputPosition.Start;
            _buffers[rank].Enqueue((entry, position));
        }
        _horizon = read.Horizon;
    }

    /// <summary>Moves up to <paramref name="max"/> entries at or before the horizon into <paramref name="released"/>, in
    /// position order.</summary>
    public void Release(List<BusEntry> released, int max)
    {
        ArgumentNullException.ThrowIfNull(released);
        while (released.Count < max)
        {
            int next = -1;
            for (int i = 0; i < _buffers.Length; i++)
            {
                if (!_buffers[i].TryPeek(out var head) || head.Position > _horizon) continue;
                if (next < 0 || head.Position < _buffers[next].Peek().Position) next = i;
            }
            if (next < 0) return;
            released.Add(_buffers[next].Dequeue().Entry);
        }
    }

    /// <summary>Forgets what is buffered (a new session reads it again from the bus's pending entries).</summary>
    public void Clear()
    {
        foreach (var b in _buffers) b.Clear();
        _horizon = InputPosition.Start;
    }
}
