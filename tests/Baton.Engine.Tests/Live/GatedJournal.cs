using Baton.Engine.Live;
using Baton.Engine.Live.Journal;

namespace Baton.Engine.Tests.Live;

/// <summary>A <see cref="MemoryJournal"/> whose commits wait until <see cref="Open"/>: a slow disk, held still.</summary>
internal sealed class GatedJournal(MemoryJournal inner) : IJournal
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Commits started and held at the gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Open() => _open.TrySetResult();

    public Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken) => inner.OpenAsync(header, cancellationToken);

    public IAsyncEnumerable<JournalInput> ReadInputsAsync(CancellationToken cancellationToken) => inner.ReadInputsAsync(cancellationToken);

    public IAsyncEnumerable<JournalDecision> ReadDecisionsAsync(CancellationToken cancellationToken) => inner.ReadDecisionsAsync(cancellationToken);

    public IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index, CancellationToken cancellationToken) =>
        inner.ReadDecisionsAfterAsync(input, index, cancellationToken);

    public Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken) => inner.ReadPortfolioAsync(cancellationToken);

    public async Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        await _open.Task.ConfigureAwait(false);
        Interlocked.Decrement(ref _waiting);
        await inner.CommitAsync(batch, portfolio, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
