using System.Globalization;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Messages;

namespace Baton.Engine.Live.Bus;

/// <summary>
/// The bus with no server: streams in memory with one consumer group, for <c>baton live</c> without <c>--redis</c>
/// (fed by <see cref="ReplayPublisher"/>), tests and benchmarks. Entries read and not acknowledged are delivered
/// again by the next <see cref="Restart"/>, as a restarted Redis consumer reads its pending entries. Thread-safe.
/// </summary>
public sealed class InProcessBus : IMessageBus
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly Wakeup _published = new();
    private long _lastMs;
    private long _lastSeq;

    public InProcessBus(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes every pending (delivered, unacknowledged) entry deliverable again, counting one more delivery.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            foreach (var s in _streams.Values)
            {
                s.Next = 0;
                s.LastRead = InputPosition.Start;
            }
        }
    }

    /// <summary>Reads each of <paramref name="streams"/> on from where it stopped. Ids are assigned here, increasing over all
    /// streams, so a stream read to its end is known up to the last id assigned; one cut short by <paramref name="max"/>,
    /// up to its last entry read; the horizon is the least of these over the input streams.</summary>
    public Task<BusRead> ReadAsync(int max, IReadOnlyCollection<string> streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var batch = new List<BusEntry>();
        _published.Arm();
        lock (_gate)
        {
            foreach (var name in LiveStreams.Inputs)
                if (streams.Contains(name) && _streams.TryGetValue(name, out var s)) ReadFrom(name, s, max, batch);
            var horizon = InputPosition.Through(_lastMs, _lastSeq);
            foreach (var name in LiveStreams.Inputs)
                if (_streams.TryGetValue(name, out var s) && s.Next < s.Entries.Count) horizon = InputPosition.Min(horizon, s.LastRead);
            return Task.FromResult(new BusRead(batch, horizon));
        }
    }

    private static void ReadFrom(string name, Stream s, int max, List<BusEntry> batch)
    {
        for (int n = 0; n < max && s.Next < s.Entries.Count;)
        {
            var e = s.Entries[s.Next++];
            s.LastRead = e.Position;
            if (e.Acked) continue;
            e.Deliveries++;
            n++;
            batch.Add(new BusEntry(name, e.Id, e.Data, e.Deliveries));
        }
    }

    /// <summary>Woken by a publish to an input stream, including one between the last (empty) read and this wait.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _published.WaitAsync(timeout, _clock, cancellationToken);

    public Task AckAsync(IReadOnlyList<BusEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                var s = _streams[entry.Stream];
                int i = s.IndexOf(entry.Id);
                if (i >= 0) s.Entries[i].Acked = true;
            }
            foreach (var s in _streams.Values) s.Trim();
        }
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(BusEntry entry, string reason, CancellationToken cancellationToken)
    {
        lock (_gate) Add(LiveStreams.DeadLetter(entry.Stream), $"{{\"stream\":\"{entry.Stream}\",\"id\":\"{entry.Id}\",\"reason\":{System.Text.Json.JsonSerializer.Serialize(reason)}}}");
        return Task.CompletedTask;
    }

    public Task<string> PublishAsync(string stream, string json, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(Add(stream, json));
    }

    /// <summary>Every entry of <paramref name="stream"/> still held (events and dead letters: the latest 100,000).</summary>
    public IReadOnlyList<string?> Entries(string stream)
    {
        lock (_gate) return _streams.TryGetValue(stream, out var s) ? [.. s.Entries.Select(e => e.Data)] : [];
    }

    /// <summary>Entries of the input streams not yet acknowledged.</summary>
    public int Unacknowledged
    {
        get { lock (_gate) return LiveStreams.Inputs.Sum(n => _streams.TryGetValue(n, out var s) ? s.Entries.Count(e => !e.Acked) : 0); }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Add(string stream, string? json)
    {
        long ms = Math.Max(_clock.GetUtcNow().ToUnixTimeMilliseconds(), _lastMs);
        _lastSeq = ms == _lastMs ? _lastSeq + 1 : 0;
        _lastMs = ms;
        string id = ms.ToString(CultureInfo.InvariantCulture) + "-" + _lastSeq.ToString(CultureInfo.InvariantCulture);
        if (!_streams.TryGetValue(stream, out var s)) _streams[stream] = s = new Stream(!LiveStreams.Inputs.Contains(stream));
        s.Entries.Add(new Entry(id, json, InputPosition.Through(ms, _lastSeq)));
        if (s.KeepAll) s.Trim();
        else _published.Set();
        return id;
    }

    private sealed class Entry(string id, string? data, InputPosition position)
    {
        public string Id { get; } = id;
        public InputPosition Position { get; } = position;
        public string? Data { get; } = data;
        public long Deliveries { get; set; }
        public bool Acked { get; set; }
    }

    private sealed class Stream(bool keepAll)
    {
        public bool KeepAll => keepAll;
        public List<Entry> Entries { get; } = [];
        public int Next { get; set; }

        /// <summary>The last entry read (acknowledged ones included): the stream is known up to it.</summary>
        public InputPosition LastRead { get; set; } = InputPosition.Start;

        public int IndexOf(string id)
        {
            for (int i = 0; i < Entries.Count; i++) if (Entries[i].Id == id) return i;
            return -1;
        }

        /// <summary>Output streams (events, dead letters) keep their latest entries, as Redis's MAXLEN would.</summary>
        private const int KeptOutputs = 100_000;

        /// <summary>Drops acknowledged entries at the head (an input stream's memory stays bounded by the backlog).</summary>
        public void Trim()
        {
            if (keepAll)
            {
                if (Entries.Count > KeptOutputs + 1024) Entries.RemoveRange(0, Entries.Count - KeptOutputs);
                return;
            }
            int n = 0;
            while (n < Entries.Count && n < Next && Entries[n].Acked) n++;
            if (n < 1024 && n < Entries.Count) return;
            Entries.RemoveRange(0, n);
            Next -= n;
        }
    }
}
