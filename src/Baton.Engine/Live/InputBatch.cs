using System.Text.Json;
using Baton.Engine.Data;
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
    public List<EngineEvent> Events { get; private set; } = [];
    public long Duplicates { get; private set; }

    /// <summary>The prices of the candles applied, to tell a correction from a duplicate (filled at restore too).</summary>
    public AppliedCandles Candles { get; } = new();

    /// <summary>An input failed half-way through the engine (an amount out of the ledger's range): it was dead-lettered and
    /// the engine must be rebuilt from the journal and <see cref="Records"/> before the next input.</summary>
    public bool Broken { get; set; }

    /// <summary>The sequence number of the last input journaled (this batch's included).</summary>
    public long Sequence { get; set; }

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
        if (keys.Contains(m.Key))
        {
            if (Candles.Correction(m) is { } correction) DeadLetter(entry, $"{entry.Stream} {entry.Id}: {correction}");
            else Duplicates++;   // re-sent or redelivered: it already had its effect
            return;
        }
        if (entry.Deliveries > options.MaxDeliveries)
        {
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: delivered {entry.Deliveries} times without being applied (max {options.MaxDeliveries})");
            return;
        }
        if (TooFarAhead(m) is { } ahead)
        {
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: {ahead}");
            return;
        }
        if (engine.Check(m) is { } problem)
        {
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: {problem}");
            return;
        }
        Apply(entry, m);
    }

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

    private void Apply(BusEntry entry, LiveMessage m)
    {
        long now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        long maxAge = options.MaxPriceAge is { } age ? (long)age.TotalMilliseconds : long.MaxValue;
        long waited = entry.AddedAt is { } at ? now - at : 0;
        bool stale = m.Kind is LiveMessageKind.Candle or LiveMessageKind.Trade && waited > maxAge;
        IReadOnlyList<EngineEvent> decisions;
        try
        {
            decisions = engine.Apply(m, stale);
        }
        catch (ArithmeticException e)
        {
            // an amount past decimal's range (e.g. a short's loss as its price rises a trillion-fold) part-way through the engine
            DeadLetter(entry, $"{entry.Stream} {entry.Id}: an amount would pass the ledger's exact range (about ±7.9e28): {e.Message} Not applied");
            Broken = true;
            return;
        }
        if (gaps.Observe(entry.Stream, m.Producer, m.Sequence) is { } gap) Events.Add(new LogEvent(engine.Time, "warning", "gap: " + gap));
        if (stale)
            Events.Add(new LogEvent(engine.Time, "warning", $"{entry.Stream} {entry.Id}: price waited {waited}ms (max {maxAge}ms): no order placed at its close"));
        foreach (var e in decisions) decided(e);
        keys.Add(m.Key);
        Candles.Add(m);
        var json = new string[decisions.Count];
        for (int i = 0; i < json.Length; i++) json[i] = JsonSerializer.Serialize(decisions[i], Formats.Json);
        Records.Add(new JournalRecord(new JournalInput(++Sequence, entry.Stream, entry.Id, m.Key, entry.Data!, stale, now), json));
        Events.AddRange(decisions);
    }

    private void DeadLetter(BusEntry entry, string reason)
    {
        DeadLetters.Add((entry, reason));
        Events.Add(new LogEvent(engine.Time, "warning", "dead-lettered: " + reason));
    }
}
