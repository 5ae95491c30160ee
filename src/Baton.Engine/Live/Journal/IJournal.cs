using Baton.Engine.Live.Sessions;
namespace Baton.Engine.Live.Journal;

/// <summary>What a journal was started for: the strategy (its YAML text, so <c>baton replay</c> needs nothing else) and
/// the journal format. A journal belongs to one strategy: re-feeding its inputs through another would not rebuild the state.</summary>
public sealed record JournalHeader(string StrategyName, string StrategyPath, string StrategyText, long CreatedAt)
{
    public const int Format = 1;

    private const string SkewMarker = "#baton-max-skew ";

    /// <summary>The skew bound the journal's engine runs with (<see cref="LiveSessionOptions.MaxSkewBars"/>), kept as the last
    /// line of <see cref="StrategyText"/> (a YAML comment); 0 when absent: journals from before the bound never held candles.</summary>
    public int MaxSkewBars => StrategyText.LastIndexOf("\n" + SkewMarker, StringComparison.Ordinal) is int at and >= 0
        && int.TryParse(StrategyText.AsSpan(at + 1 + SkewMarker.Length).TrimEnd('\n'), System.Globalization.CultureInfo.InvariantCulture, out int bars) ? bars : 0;

    /// <summary>This header with <paramref name="bars"/> as its skew bound (replacing any).</summary>
    public JournalHeader WithMaxSkewBars(int bars) =>
        this with { StrategyText = WithoutSkew.TrimEnd('\n') + "\n" + SkewMarker + bars.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary><see cref="StrategyText"/> without the skew bound's line: what says which strategy the journal is for.</summary>
    public string WithoutSkew => StrategyText.LastIndexOf("\n" + SkewMarker, StringComparison.Ordinal) is int at and >= 0 ? StrategyText[..at] : StrategyText;
}

/// <summary>One consumed message, in the order it was applied: <see cref="Sequence"/> counts from 1 without gaps.
/// <see cref="Key"/> is its idempotency key (unique); <see cref="Payload"/> the entry's JSON as received;
/// <see cref="Stale"/> whether it was too old to trade on when consumed; <see cref="Rejected"/> null when it was applied, else
/// why it was refused and dead-lettered (key <c>rejected/STREAM/ENTRYID</c>, no decisions, no engine effect: restore and replay
/// skip it, so a refusal that depended on the clock or the delivery count is decided once).</summary>
public sealed record JournalInput(long Sequence, string Stream, string EntryId, string Key, string Payload, bool Stale, long ReceivedAt,
    string? Rejected = null);

/// <summary>An input with its effects, committed together: the engine's decisions as event JSON lines (orders, fills,
/// risk events, state changes, the portfolio after it).</summary>
public sealed record JournalRecord(JournalInput Input, IReadOnlyList<string> Decisions);

/// <summary>A decision as journaled: its input's sequence, its index among that input's decisions, the event JSON.</summary>
public readonly record struct JournalDecision(long Input, int Index, string Event);

/// <summary>The session's state after input <see cref="Sequence"/>, as bytes only this build of the engine reads (a restore
/// checks the build and the strategy and re-feeds the whole journal when they differ).</summary>
public sealed record JournalSnapshot(long Sequence, byte[] State);

/// <summary>
/// The port live state is journaled through (SQLite by default in <c>Baton.Sqlite</c>, PostgreSQL in
/// <c>Baton.Postgres</c>). A batch commits in one durable transaction or not at all; the unique key makes a second
/// commit of the same message fail instead of applying it twice. One live session owns a journal at a time.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Opens (creating the schema when new) and returns the stored header, storing <paramref name="header"/> when
    /// the journal is new. With a null header (replay) the journal must exist.</summary>
    Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken);

    /// <summary>Every input, in sequence order.</summary>
    IAsyncEnumerable<JournalInput> ReadInputsAsync(CancellationToken cancellationToken);

    /// <summary>Every decision, in (input, index) order.</summary>
    IAsyncEnumerable<JournalDecision> ReadDecisionsAsync(CancellationToken cancellationToken);

    /// <summary>The decisions after position (<paramref name="input"/>, <paramref name="index"/>), in (input, index) order:
    /// (0, 0) gives every decision. The session re-publishes the events a crash left unpublished from here.</summary>
    IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index, CancellationToken cancellationToken);

    /// <summary>The portfolio snapshot after the last committed input, or null when there is none.</summary>
    Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken);

    /// <summary>Commits <paramref name="batch"/> (inputs in sequence order) and <paramref name="portfolio"/>, the snapshot after
    /// its last input, in one durable transaction.</summary>
    Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken);

    /// <summary>The inputs after sequence number <paramref name="after"/>, in order: what a restore from a snapshot re-feeds.</summary>
    IAsyncEnumerable<JournalInput> ReadInputsAfterAsync(long after, CancellationToken cancellationToken) =>
        JournalDefaults.After(ReadInputsAsync(cancellationToken), after);

    /// <summary>The keys of the inputs up to and including sequence number <paramref name="through"/> (a restore from a snapshot
    /// needs them to recognise a message sent again, but not their payloads).</summary>
    IAsyncEnumerable<string> ReadKeysAsync(long through, CancellationToken cancellationToken) =>
        JournalDefaults.Keys(ReadInputsAsync(cancellationToken), through);

    /// <summary>The latest snapshot stored, or null (a journal that stores none re-feeds every input at restore).</summary>
    Task<JournalSnapshot?> ReadSnapshotAsync(CancellationToken cancellationToken) => Task.FromResult<JournalSnapshot?>(null);

    /// <summary>Stores <paramref name="snapshot"/>, written after the commit of its last input, replacing older ones.</summary>
    Task WriteSnapshotAsync(JournalSnapshot snapshot, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The snapshot members of a journal that does not store snapshots, from its inputs.</summary>
internal static class JournalDefaults
{
    public static async IAsyncEnumerable<JournalInput> After(IAsyncEnumerable<JournalInput> inputs, long after)
    {
        await foreach (var i in inputs.ConfigureAwait(false)) if (i.Sequence > after) yield return i;
    }

    public static async IAsyncEnumerable<string> Keys(IAsyncEnumerable<JournalInput> inputs, long through)
    {
        await foreach (var i in inputs.ConfigureAwait(false)) if (i.Sequence <= through) yield return i.Key;
    }
}
