using System.Text.Json;
using Baton.Engine.Data;
using Baton.Engine.Events;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Inputs;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Engine.Live.Publishing;

namespace Baton.Engine.Live.Sessions;

/// <summary>
/// One read's worth of entries on their way through the session, in their total order: each is parsed, checked, deduplicated
/// and applied to the engine in order, and sorted into what to journal, what to dead-letter and what to acknowledge. An entry
/// refused is journaled too, as a rejected input (key <c>rejected/STREAM/ID</c>), so the refusal is decided once: after a
/// restart it is dead-lettered again, never decided anew. The cursor is the greatest position journaled: an entry at or
/// before it that is not a duplicate came too late for the order and is refused. Nothing here
/// talks to the bus or the journal; <see cref="CommitPipeline"/> commits, then dead-letters and acknowledges.
/// </summary>
internal sealed class InputBatch(LiveEngine engine, LiveSessionOptions options, HashSet<string> keys, SequenceGaps gaps, Action<EngineEvent> decided)
{
    public List<JournalRecord> Records { get; private set; } = [];
    public List<(BusEntry Entry, string Reason)> DeadLetters { get; private set; } = [];
    public List<BusEntry> Acks { get; private set; } = [];
    public List<SessionEvent> Events { get; private set; } = [];
    public long Duplicates { get; private set; }

    /// <summary>Where the order of inputs stands (the cursor and the refusals journaled): part of a snapshot.</summary>
    public InputCursor Order { get; } = new();

    /// <summary>The greatest position among journaled bus inputs (applied or rejected).</summary>
    public InputPosition Cursor => Order.Position;

    /// <summary>The key an entry refused is journaled under.</summary>
    public static string RejectedKey(string stream, string id) => "rejected/" + stream + "/" + id;

    /// <summary>Takes note of an input journaled (restored, or committed by this batch): the sequence, the cursor, a rejection.</summary>
    public void Journaled(JournalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Sequence = input.Sequence;
        Order.Journaled(input);
    }

    /// <summary>The prices of the candles applied, to tell a correction from a duplicate (filled at restore too).</summary>
    public AppliedCandles Candles { get; } = new();

    /// <summary>An input failed half-way through the engine (an amount out of the ledger's range): it was dead-lettered and
    /// the engine must be rebuilt from the journal and <see cref="Records"/> before the next input.</summary>
    public bool Broken { get; set; }

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
        if (fromBus && Order.Rejected.TryGetValue(RejectedKey(entry.Stream, entry.Id), out var refused))
        {
            DeadLetters.Add((entry, refused));   // refused before a restart: dead letters are at-least-once, the decision stays
            return;
        }
        LiveMessage m;
        try
        {
            m = LiveMessageParser.Parse(entry.Stream, entry.Id, entry.Data);
        }
        catch (LiveMessageException e)
        {
            Reject(entry, e.Message);
            return;
        }
        if (m.Kind == LiveMessageKind.Stop && fromBus && !ForThisStrategy(entry, m)) return;
        if (keys.Contains(m.Key))
        {
            if (Candles.Correction(m) is { } correction) Reject(entry, $"{entry.Stream} {entry.Id}: {correction}");
            else Duplicates++;   // re-sent or redelivered: it already had its effect
            return;
        }
        if (fromBus && Late(entry) is { } late)
        {
            Reject(entry, late);
            return;
        }
        if (entry.Deliveries > options.MaxDeliveries)
        {
            Reject(entry, $"{entry.Stream} {entry.Id}: delivered {entry.Deliveries} times without being applied (max {options.MaxDeliveries})");
            return;
        }
        if (TooFarAhead(m) is { } ahead)
        {
            Reject(entry, $"{entry.Stream} {entry.Id}: {ahead}");
            return;
        }
        if (engine.Check(m) is { } problem)
        {
            Reject(entry, $"{entry.Stream} {entry.Id}: {problem}");
            return;
        }
        Apply(entry, m);
    }

    /// <summary>Why an entry at or before the cursor (not a duplicate) cannot take its place any more, or null.</summary>
    private string? Late(BusEntry entry) =>
        InputPosition.Of(entry.Stream, entry.Id) is not { } p || p > Cursor ? null
            : $"{entry.Stream} {entry.Id}: before entry {Order.Entry} already applied (an explicit id or a server clock step back): too late for the order of inputs";

    /// <summary>Why a price message is refused as stamped too far ahead of the clock (<see cref="LiveSessionOptions.MaxFuture"/>), or null.</summary>
    private string? TooFarAhead(LiveMessage m)
    {
        if (options.MaxFuture is not { } tolerance || engine.EffectiveTime(m) is not { } at) return null;
        var now = options.Clock.GetUtcNow();
        long limit = now.ToUnixTimeMilliseconds() + (long)tolerance.TotalMilliseconds;
        if (at <= limit) return null;
        string what = m.Kind == LiveMessageKind.Candle ? $"candle of {m.Symbol} closes" : $"trade of {m.Symbol} is stamped";
        return $"ts: {what} at {CandleTimestamp.Format(at)}, more than {tolerance.TotalSeconds:0.###}s after the clock " +
            $"({CandleTimestamp.Format(now.ToUnixTimeMilliseconds())}; --max-future): not applied";
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
    /// together as its decisions, warnings first, each numbered with the next event seq. An amount past the ledger's range
    /// part-way through the engine refuses the input and marks the batch <see cref="Broken"/> (the engine is rebuilt).</summary>
    private void Apply(BusEntry entry, LiveMessage m)
    {
        long now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        long maxAge = options.MaxPriceAge is { } age ? (long)age.TotalMilliseconds : long.MaxValue;
        long waited = entry.AddedAt is { } at ? now - at : 0;
        bool stale = m.Kind is LiveMessageKind.Candle or LiveMessageKind.Trade && waited > maxAge;
        long time = engine.Time;
        IReadOnlyList<EngineEvent> decisions;
        try
        {
            decisions = engine.Apply(m, stale);
        }
        catch (ArithmeticException e)
        {
            // an amount past decimal's range (e.g. a short's loss as its price rises a trillion-fold) part-way through the engine
            Reject(entry, $"{entry.Stream} {entry.Id}: an amount would pass the ledger's exact range (about ±7.9e28): {e.Message} Not applied");
            Broken = true;
            return;
        }
        var warnings = new List<EngineEvent>(0);
        if (gaps.Observe(entry.Stream, m.Producer, m.Sequence) is { } gap) warnings.Add(new MessageLogged(time, Severity.Warning, "gap: " + gap));
        if (stale)
            warnings.Add(new MessageLogged(time, Severity.Warning, $"{entry.Stream} {entry.Id}: price waited {waited}ms (max {maxAge}ms): no order placed at its close"));
        foreach (var e in decisions) decided(e);
        keys.Add(m.Key);
        Candles.Add(m);
        long input = Sequence + 1;
        var json = new string[warnings.Count + decisions.Count];
        for (int i = 0; i < json.Length; i++)
        {
            var e = i < warnings.Count ? warnings[i] : decisions[i - warnings.Count];
            json[i] = JsonSerializer.Serialize(e, Formats.Json);
            Events.Add(new SessionEvent(e, json[i], ++EventSeq, input, i));
        }
        Journal(new JournalRecord(new JournalInput(input, entry.Stream, entry.Id, m.Key, entry.Data!, stale, now), json));
    }

    /// <summary>Refuses an entry: journaled as a rejected input (no engine effect) whose one decision is the warning saying why
    /// (so it has its seq on events:live), dead-lettered once the commit is durable.</summary>
    private void Reject(BusEntry entry, string reason)
    {
        var warning = new MessageLogged(engine.Time, Severity.Warning, "dead-lettered: " + reason);
        DeadLetters.Add((entry, reason));
        if (InputPosition.Of(entry.Stream, entry.Id) is null)   // a local stop has no entry to journal a refusal under
        {
            Events.Add(new SessionEvent(warning, null, 0, 0, 0));
            return;
        }
        long now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        long input = Sequence + 1;
        string json = JsonSerializer.Serialize<EngineEvent>(warning, Formats.Json);
        Events.Add(new SessionEvent(warning, json, ++EventSeq, input, 0));
        Journal(new JournalRecord(new JournalInput(input, entry.Stream, entry.Id, RejectedKey(entry.Stream, entry.Id), entry.Data ?? "",
            false, now, reason), [json]));
    }

    private void Journal(JournalRecord record)
    {
        Records.Add(record);
        Journaled(record.Input);
    }
}
