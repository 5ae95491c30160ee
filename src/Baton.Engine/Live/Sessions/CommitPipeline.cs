using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Publishing;
namespace Baton.Engine.Live.Sessions;

/// <summary>
/// The session's journal commits, one in flight at a time: while batch N's transaction commits (on the thread pool), the
/// session reads and decides batch N+1. Nothing of a batch leaves before its own commit is durable: its events, its dead
/// letters and its acknowledgements are released by <see cref="FinishAsync"/> once the commit completed, batch after
/// batch in order. The acknowledgement is sent without waiting for the reply, so the next read goes out right behind it
/// (Redis: one round trip and one AOF write for both); <see cref="SettleAckAsync"/> collects the reply, retrying a failed
/// one (XACK is idempotent).
/// </summary>
internal sealed class CommitPipeline(LiveSessionOptions options, LiveEventPublisher events, BusRetry retry)
{
    private Batch? _committing;
    private (List<BusEntry> Entries, Task Sent)? _acking;

    /// <summary>A commit is under way or done, its batch not yet released.</summary>
    public bool Busy => _committing is not null;

    /// <summary>The commit in flight, or null: completes when it is durable (or failed).</summary>
    public Task? Commit => _committing?.Commit;

    /// <summary>The commit in flight has completed: <see cref="FinishAsync"/> will not wait.</summary>
    public bool Committed => _committing is { Commit.IsCompleted: true };

    public long DeadLettered { get; private set; }

    /// <summary>Starts committing a decided batch (the lists are the batch's own: the caller starts a new one).
    /// <paramref name="portfolio"/> is the snapshot after its last input; the previous batch must be finished.
    /// <paramref name="snapshot"/>, when given, is the state after the batch's last input, stored once the batch is durable.</summary>
    public void Start(InputBatch batch, string portfolio, List<TaskCompletionSource> stops, JournalSnapshot? snapshot = null)
    {
        if (_committing is not null) throw new InvalidOperationException("a commit is still in flight");
        var records = batch.Records;
        Task commit = records.Count == 0 ? Task.CompletedTask
            : Task.Run(async () =>
            {
                await options.Journal.CommitAsync(records, portfolio, CancellationToken.None).ConfigureAwait(false);
                if (snapshot is not null) await options.Journal.WriteSnapshotAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
            });
        _committing = new Batch(commit, batch.Events, batch.DeadLetters, batch.Acks, stops);
    }

    /// <summary>Waits for the commit in flight (its failure ends the session), then releases its batch.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_committing is not { } b) return;
        _committing = null;
        await b.Commit.ConfigureAwait(false);
        foreach (var done in b.Stops) done.TrySetResult();
        foreach (var e in b.Events) events.Publish(e);       // durable now: the decisions may be seen
        await events.CatchUpAsync(cancellationToken).ConfigureAwait(false);   // no commit in flight: the journal can be read
        foreach (var (entry, reason) in b.DeadLetters)
            await retry.Run(() => options.Bus.DeadLetterAsync(entry, reason, cancellationToken), "dead-letter", cancellationToken).ConfigureAwait(false);
        DeadLettered += b.DeadLetters.Count;
        if (b.Acks.Count > 0) _acking = (b.Acks, SendAck(b.Acks, cancellationToken));
    }

    private Task SendAck(List<BusEntry> acks, CancellationToken cancellationToken)
    {
        try
        {
            return options.Bus.AckAsync(acks, cancellationToken);
        }
        catch (BusUnavailableException e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>Collects the reply to the acknowledgement sent last, sending it again until it succeeds when it failed.</summary>
    public async Task SettleAckAsync(CancellationToken cancellationToken)
    {
        if (_acking is not { } acking) return;
        _acking = null;
        try
        {
            await acking.Sent.ConfigureAwait(false);
        }
        catch (BusUnavailableException)
        {
            await retry.Run(() => options.Bus.AckAsync(acking.Entries, cancellationToken), "acknowledge", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>On the way out: the batch in flight is committed and released, its dead letters and acknowledgement tried once
    /// more at most. Entries left unacknowledged stay pending and come back after a restart, where the journal's keys make
    /// them harmless.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FinishAsync(cancellationToken).ConfigureAwait(false);
            if (_acking is { } acking)
            {
                _acking = null;
                await acking.Sent.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is BusUnavailableException or OperationCanceledException)
        {
        }
    }

    private sealed record Batch(Task Commit, List<SessionEvent> Events, List<(BusEntry Entry, string Reason)> DeadLetters, List<BusEntry> Acks,
        List<TaskCompletionSource> Stops);
}
