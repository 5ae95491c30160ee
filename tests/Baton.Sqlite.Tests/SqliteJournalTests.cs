using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;
using Baton.Sqlite;

namespace Baton.Sqlite.Tests;

public sealed class SqliteJournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baton-sqlite-tests", Guid.NewGuid().ToString("N"));
    private readonly JournalHeader _header = new("s", "/x/s.yaml", "name: s", 42);

    public SqliteJournalTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path0 => Path.Combine(_dir, "j.db");

    private static JournalRecord Record(long seq, string key, params string[] decisions) =>
        new(new JournalInput(seq, LiveStreams.Signals, seq + "-0", key, "{\"v\":1}", seq % 2 == 0, 1000 + seq), decisions);

    [Fact]
    public async Task Committed_batches_read_back_in_order_after_reopening()
    {
        await using (var j = new SqliteJournal(Path0))
        {
            Assert.Equal(_header, await j.OpenAsync(_header, CancellationToken.None));
            await j.CommitAsync([Record(1, "a", "d1", "d2"), Record(2, "b")], "p2", CancellationToken.None);
            await j.CommitAsync([Record(3, "c", "d3")], "p3", CancellationToken.None);
        }
        await using var again = new SqliteJournal(Path0);
        Assert.Equal(_header, await again.OpenAsync(null, CancellationToken.None));
        var inputs = await again.ReadInputsAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(["a", "b", "c"], inputs.Select(i => i.Key));
        Assert.Equal(Record(2, "b").Input, inputs[1]);
        var decisions = await again.ReadDecisionsAsync(CancellationToken.None).ToListAsync();
        Assert.Equal([new JournalDecision(1, 0, "d1"), new JournalDecision(1, 1, "d2"), new JournalDecision(3, 0, "d3")], decisions);
        Assert.Equal("p3", await again.ReadPortfolioAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Decisions_after_a_position_are_read_in_order_from_the_next_one()
    {
        await using var j = new SqliteJournal(Path0);
        await j.OpenAsync(_header, CancellationToken.None);
        await j.CommitAsync([Record(1, "a", "d1", "d2"), Record(2, "b"), Record(3, "c", "d3", "d4")], "p3", CancellationToken.None);
        async Task<string[]> After(long input, int index) =>
            [.. (await j.ReadDecisionsAfterAsync(input, index, CancellationToken.None).ToListAsync()).Select(d => d.Event)];
        Assert.Equal(["d1", "d2", "d3", "d4"], await After(0, 0));
        Assert.Equal(["d2", "d3", "d4"], await After(1, 0));
        Assert.Equal(["d3", "d4"], await After(1, 1));
        Assert.Equal(["d4"], await After(3, 0));
        Assert.Empty(await After(3, 1));
        Assert.Equal(new JournalDecision(3, 1, "d4"), (await j.ReadDecisionsAfterAsync(3, 0, CancellationToken.None).ToListAsync())[0]);
    }

    [Fact]
    public async Task A_key_already_journaled_fails_the_whole_batch()
    {
        await using var j = new SqliteJournal(Path0);
        await j.OpenAsync(_header, CancellationToken.None);
        await j.CommitAsync([Record(1, "a")], "p1", CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => j.CommitAsync([Record(2, "b"), Record(3, "a")], "p3", CancellationToken.None));
        Assert.Equal(["a"], (await j.ReadInputsAsync(CancellationToken.None).ToListAsync()).Select(i => i.Key));
        Assert.Equal("p1", await j.ReadPortfolioAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_session_cannot_open_a_journal_in_use()
    {
        await using var first = new SqliteJournal(Path0);
        await first.OpenAsync(_header, CancellationToken.None);
        await using var second = new SqliteJournal(Path0);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.OpenAsync(_header, CancellationToken.None));
        Assert.Contains("is in use by another live session", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_missing_journal_names_the_file()
    {
        await using var j = new SqliteJournal(Path.Combine(_dir, "none.db"));
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => j.OpenAsync(null, CancellationToken.None));
        Assert.Contains("none.db does not exist", e.Message, StringComparison.Ordinal);
    }
}
