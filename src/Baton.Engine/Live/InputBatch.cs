using System.Text.Json;
using Baton.Engine.Events;
using Baton.Engine.Reporting;

namespace Baton.Engine.Live;

/// <summary>
/// One read's worth of entries on their way through the session: each is parsed, checked, deduplicated and applied to
/// the engine in order, and sorted into what to journal, what to dead-letter and what to acknowledge. Nothing here
/// talks to the bus or the journal; <see cref="CommitPipeline"/> commits, then dead-letters and acknowledges.
/// </summary>
internal sealed class InputBatch(LiveEngine engine, LiveSessionOptions options, HashSet<string> keys, SequenceGaps gaps, Action<EngineEvent> decided)
{
    public List<JournalRecord> Records { get; private set; } = [];
    public List<(BusEntry Entry, string Reason)> DeadLetters { get; private set; } = [];
    public List<BusEntry> Acks { get; private set; } = [];
    public List<SessionEvent> Events { get; private set; } = [];
    public long Duplicates { get; private set; }

    /// <summary>The sequence number of the last input journaled (this batch's included).</summary>
    public long Sequence { get; set; }

    /// <summary>The seq of the last event journaled (this batch's included): events are numbered as they are decided.</summary>
    public long EventSeq { get; set; }

    /// <summary>The strategy's name and the journal's creation (Unix ms), for the stops: set before the first batch.</summary>
    public string Strategy { get; set; } = "";
    public long JournalCreatedAt { get; set; }

    /// <summary>Starts the next batch in new lists: the previous batch's stay with its commit, which may still be under way.</summary>
    public void Clear()
    {
        Records = [];
        DeadLetters = [];
        Acks = [];
        Events = [];
    }

    /// <summary>Handles one entry; <paramref name="fromBus"/> false for a stop requested in process (nothing to acknowledge).</summary>
    public void Add(BusEntry entry, bool fromBus = true)
    {
        if (fromBus) Acks.Add(entry);
        LiveMessage m;
        try
        {
            m = LiveMessageParser.Parse(entry.Stream, entry.Id, entry.Data);
        }
        catch (LiveMessageException e)
        {
            DeadLetter(entry, e.Message);
            return;
        }
        if (m.Kind == LiveMessageKind.Stop && fromBus && !ForThisStrategy(entry, m)) return;
        if (keys.Contains(m.Key))
        {
            Duplicates++;   // re-sent or redelivered: it already had its effect
            return;
        }
        if (entry.Deliveries > options.MaxDeliveries)
        {
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: delivered {entry.Deliveries} times without being applied (max {options.MaxDeliveries})");
            return;
        }
        if (engine.Check(m) is { } problem)
        {
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: {problem}");
            return;
        }
        Apply(entry, m);
    }

    /// <summary>Whether a stop read from the bus is an input of this strategy: it names it (or every strategy: <c>*</c>, or no
    /// name), and it was sent after the journal was created (an older stop is not for a strategy started after it).</summary>
    private bool ForThisStrategy(BusEntry entry, LiveMessage m)
    {
        if (m.Target != LiveMessage.AllStrategies && m.Target != Strategy) return false;
        if (entry.AddedAt is not { } at || at >= JournalCreatedAt) return true;
        options.Log?.Invoke($"{entry.Stream} {entry.Id}: stop sent before this journal was created ({JournalCreatedAt}): ignored");
        return false;
    }

    /// <summary>Applies an accepted message. Its warnings (a gap, a stale price) and the engine's decisions are journaled
    /// together as its decisions, warnings first, each numbered with the next event seq.</summary>
    private void Apply(BusEntry entry, LiveMessage m)
    {
        long now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var warnings = new List<EngineEvent>(0);
        if (gaps.Observe(entry.Stream, m.Producer, m.Sequence) is { } gap) warnings.Add(new LogEvent(engine.Time, "warning", "gap: " + gap));
        long maxAge = options.MaxPriceAge is { } age ? (long)age.TotalMilliseconds : long.MaxValue;
        long waited = entry.AddedAt is { } at ? now - at : 0;
        bool stale = m.Kind is LiveMessageKind.Candle or LiveMessageKind.Trade && waited > maxAge;
        if (stale)
            warnings.Add(new LogEvent(engine.Time, "warning", $"{entry.Stream} {entry.Id}: price waited {waited}ms (max {maxAge}ms): no order placed at its close"));
        var decisions = engine.Apply(m, stale);
        foreach (var e in decisions) decided(e);
        keys.Add(m.Key);
        long input = ++Sequence;
        var json = new string[warnings.Count + decisions.Count];
        for (int i = 0; i < json.Length; i++)
        {
            var e = i < warnings.Count ? warnings[i] : decisions[i - warnings.Count];
            json[i] = JsonSerializer.Serialize(e, Formats.Json);
            Events.Add(new SessionEvent(e, json[i], ++EventSeq, input, i));
        }
        Records.Add(new JournalRecord(new JournalInput(input, entry.Stream, entry.Id, m.Key, entry.Data!, stale, now), json));
    }

    /// <summary>The warning of a dead letter goes to in-process subscribers, not journaled: the entry has no journal record
    /// (once rejected entries are journaled, the warning becomes a decision of that record and gets its seq).</summary>
    private void DeadLetter(BusEntry entry, string reason)
    {
        DeadLetters.Add((entry, reason));
        Events.Add(new SessionEvent(new LogEvent(engine.Time, "warning", "dead-lettered: " + reason), null, 0, 0, 0));
    }
}
