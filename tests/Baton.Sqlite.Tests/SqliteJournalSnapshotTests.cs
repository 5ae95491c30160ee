using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Microsoft.Data.Sqlite;

namespace Baton.Sqlite.Tests;

/// <summary>The SQLite journal's snapshot members (latest kept, inputs after it, keys before it) and its readability while a
/// session holds it: one writer by an OS lock on <c>JOURNAL.lock</c>, readers (replay, sqlite3) never blocked.</summary>
public sealed class SqliteJournalSnapshotTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-sqlite-tests", Guid.NewGuid().ToString("N"));
    private readonly JournalHeader _header = new("s", "/x/s.yaml", "name: s", 42);

    public SqliteJournalSnapshotTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path0 => Path.Combine(_dir, "j.db");

    private static JournalRecord Record(long seq) =>
        new(new JournalInput(seq, LiveStreams.Signals, seq + "-0", "k" + seq, "{\"v\":1}", false, 1000 + seq), ["d" + seq]);

    [Fact]
    public async Task Only_the_latest_snapshot_is_kept_and_the_inputs_after_it_and_keys_before_it_read_back()
    {
        await using (var j = new SqliteJournal(Path0))
        {
            await j.OpenAsync(_header, CancellationToken.None);
            Assert.Null(await j.ReadSnapshotAsync(CancellationToken.None));
            await j.CommitAsync([.. Enumerable.Range(1, 5).Select(i => Record(i))], "p5", CancellationToken.None);
            await j.WriteSnapshotAsync(new JournalSnapshot(2, [1, 2]), CancellationToken.None);
            await j.WriteSnapshotAsync(new JournalSnapshot(4, [4, 4, 4]), CancellationToken.None);
        }
        await using var again = new SqliteJournal(Path0);
        await again.OpenAsync(_header, CancellationToken.None);
        var snapshot = await again.ReadSnapshotAsync(CancellationToken.None);
        Assert.Equal(4, snapshot!.Sequence);
        Assert.Equal([4, 4, 4], snapshot.State);
        Assert.Equal([5L], (await again.ReadInputsAfterAsync(4, CancellationToken.None).ToListAsync()).Select(i => i.Sequence));
        Assert.Equal(["k1", "k2", "k3", "k4"], (await again.ReadKeysAsync(4, CancellationToken.None).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM snapshots"));
    }

    [Fact]
    public async Task A_second_session_is_refused_naming_the_holder()
    {
        await using var first = new SqliteJournal(Path0);
        await first.OpenAsync(_header, CancellationToken.None);
        await using var second = new SqliteJournal(Path0);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.OpenAsync(_header, CancellationToken.None));
        Assert.Contains($"is in use by another live session (process {Environment.ProcessId} on {Environment.MachineName}, since ", e.Message, StringComparison.Ordinal);
        Assert.Contains("j.db.lock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_held_by_a_session_is_read_by_replay_in_one_consistent_view_and_by_plain_sqlite_while_it_commits()
    {
        await using var session = new SqliteJournal(Path0);
        await session.OpenAsync(_header, CancellationToken.None);
        await session.CommitAsync([Record(1), Record(2)], "p2", CancellationToken.None);
        await using (var replay = new SqliteJournal(Path0))
        {
            Assert.Equal(_header, await replay.OpenAsync(null, CancellationToken.None));
            Assert.Equal(2, (await replay.ReadInputsAsync(CancellationToken.None).ToListAsync()).Count);
            await session.CommitAsync([Record(3)], "p3", CancellationToken.None);   // a writer goes on while a reader has it open
            Assert.Equal("p2", await replay.ReadPortfolioAsync(CancellationToken.None));   // the reader's one consistent view
            Assert.Equal(2, (await replay.ReadInputsAsync(CancellationToken.None).ToListAsync()).Count);
        }
        Assert.Equal(3L, Scalar("SELECT count(*) FROM inputs"));
    }

    [Fact]
    public async Task The_lock_goes_with_the_session_so_the_next_one_opens()
    {
        await using (var first = new SqliteJournal(Path0)) await first.OpenAsync(_header, CancellationToken.None);
        await using var next = new SqliteJournal(Path0);
        Assert.Equal(_header, await next.OpenAsync(_header, CancellationToken.None));
    }

    private long Scalar(string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path0, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
