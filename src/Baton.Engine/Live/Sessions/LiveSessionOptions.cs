using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Publishing;
namespace Baton.Engine.Live.Sessions;

/// <summary>What a <see cref="LiveSession"/> runs with.</summary>
/// <param name="Header">The strategy the journal is for; a journal written for another strategy is refused.</param>
public sealed record LiveSessionOptions(IMessageBus Bus, IJournal Journal, JournalHeader Header)
{
    /// <summary>Wall clock for price ages and back-off (tests pass a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>An entry delivered more times than this without being applied goes to the dead-letter stream.</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>No order is placed at the close of a candle that waited longer than this in <c>prices:live</c>
    /// (measured from the entry id's time to when it is consumed); null: no limit.</summary>
    public TimeSpan? MaxPriceAge { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A candle closing (a trade stamped) later than the clock plus this is dead-lettered, never applied, so one
    /// candle stamped in the future cannot hold back every later one; null: no limit.</summary>
    public TimeSpan? MaxFuture { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Multi-symbol: a candle of a symbol ahead of the others is held until every other symbol reaches its bar, or
    /// until it is more than this many bars ahead of the slowest (then released, and a slower symbol's candle closing before
    /// the engine's time is dead-lettered); 0: never wait. Fixed when the journal is created (part of the engine's state,
    /// <see cref="LiveEngine"/>): an existing journal keeps its own.</summary>
    public int MaxSkewBars { get; init; } = 5;

    /// <summary>Entries read, applied and committed together (group commit: acknowledged only after the commit).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>The longest idle wait between polls of the bus (the wait starts at 1 ms and doubles up to this). Shorter
    /// means lower latency on a quiet stream and more idle polls (Redis: one XREADGROUP each).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Where the publishing of events to <c>events:live</c> stands (Redis: a key next to the streams), so that a
    /// restart re-publishes what a crash left unpublished. Null: kept in memory (the in-process bus).</summary>
    public IEventCursorStore? EventCursor { get; init; }

    /// <summary>Events held in memory on their way to <c>events:live</c>; past this they are read back from the journal.</summary>
    public int EventQueue { get; init; } = 16_384;

    /// <summary>For the <c>session</c> announcement on <c>events:live</c>: the consumer name and where the journal is.</summary>
    public string Consumer { get; init; } = "";
    public string JournalDescription { get; init; } = "";

    /// <summary>A snapshot of the engine's state is journaled after every this many inputs, so a restart re-feeds at most
    /// this many (0: never; a restart then re-feeds the whole journal). 10 000 inputs re-feed in about 45 ms.</summary>
    public long SnapshotEvery { get; init; } = 10_000;

    /// <summary>Diagnostics for the operator (connection trouble, restore), rate-limited by the session.</summary>
    public Action<string>? Log { get; init; }
}
