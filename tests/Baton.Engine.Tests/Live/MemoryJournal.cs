using System.Runtime.CompilerServices;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;

namespace Baton.Engine.Tests.Live;

/// <summary>A journal in memory with the real one's contract: a batch commits whole or not at all, keys are unique.
/// <see cref="FailNextCommit"/> simulates a crash before the commit.</summary>
internal sealed class MemoryJournal : IJournal
{
    private JournalHeader? _header;
    public List<JournalInput> Inputs { get; } = [];
    public List<JournalDecision> Decisions { get; } = [];
    public string? Portfolio { get; private set; }
    public int Commits { get; private set; }
    public bool FailNextCommit { get; set; }

    public Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken)
    {
        _header ??= header ?? throw new InvalidOperationException("no journal");
        return Task.FromResult(_header);
    }

    public async IAsyncEnumerable<JournalInput> ReadInputsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var i in Inputs.ToArray()) yield return i;
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var d in Decisions.ToArray()) yield return d;
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var d in Decisions.ToArray())
            if (d.Input > input || (d.Input == input && d.Index > index)) yield return d;
    }

    public Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken) => Task.FromResult(Portfolio);

    public Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken)
    {
        if (FailNextCommit)
        {
            FailNextCommit = false;
            throw new IOException("disk gone");
        }
        var keys = Inputs.Select(i => i.Key).ToHashSet();
        foreach (var r in batch)
            if (!keys.Add(r.Input.Key)) throw new InvalidOperationException("UNIQUE constraint failed: " + r.Input.Key);
        foreach (var r in batch)
        {
            Inputs.Add(r.Input);
            for (int n = 0; n < r.Decisions.Count; n++) Decisions.Add(new JournalDecision(r.Input.Sequence, n, r.Decisions[n]));
        }
        Portfolio = portfolio;
        Commits++;
        return Task.CompletedTask;
    }

    /// <summary>The latest snapshot written (only one is kept), or one a test put there.</summary>
    public JournalSnapshot? Snapshot { get; set; }

    public int SnapshotsWritten { get; private set; }

    public async IAsyncEnumerable<JournalInput> ReadInputsAfterAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var i in Inputs.Where(i => i.Sequence > after).ToArray()) yield return i;
    }

    public async IAsyncEnumerable<string> ReadKeysAsync(long through, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var i in Inputs.Where(i => i.Sequence <= through).ToArray()) yield return i.Key;
    }

    public Task<JournalSnapshot?> ReadSnapshotAsync(CancellationToken cancellationToken) => Task.FromResult(Snapshot);

    public Task WriteSnapshotAsync(JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Sequence > (Inputs.Count == 0 ? 0 : Inputs[^1].Sequence)) throw new InvalidOperationException("a snapshot ahead of the inputs");
        Snapshot = snapshot;
        SnapshotsWritten++;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
