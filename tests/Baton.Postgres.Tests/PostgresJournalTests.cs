using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Baton.Engine.Live.Messages;

namespace Baton.Postgres.Tests;

/// <summary>The PostgreSQL live journal against the script's server, in tables of the test's own (<c>?table=NAME</c>).</summary>
public sealed class PostgresJournalTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly JournalHeader _header = new("s", "/x/s.yaml", "name: s", 42);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var t in new[] { "session", "inputs", "decisions", "state" }) await _db.ExecuteAsync($"DROP TABLE IF EXISTS {_db.Table}_{t}");
        await _db.DisposeAsync();
    }

    private static JournalRecord Record(long seq, string key, params string[] decisions) =>
        new(new JournalInput(seq, LiveStreams.Signals, seq + "-0", key, "{\"v\":1}", seq % 2 == 0, 1000 + seq), decisions);

    [Fact]
    public async Task Committed_batches_read_back_in_order_after_reopening()
    {
        await using (var j = new PostgresJournal(_db.Uri))
        {
            Assert.Equal(_header, await j.OpenAsync(_header, CancellationToken.None));
            await j.CommitAsync([Record(1, "a", "d1", "d2"), Record(2, "b")], "p2", CancellationToken.None);
            await j.CommitAsync([Record(3, "c", "d3")], "p3", CancellationToken.None);
        }
        await using var again = new PostgresJournal(_db.Uri);
        Assert.Equal(_header, await again.OpenAsync(null, CancellationToken.None));
        var inputs = await again.ReadInputsAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(["a", "b", "c"], inputs.Select(i => i.Key));
        Assert.Equal(Record(2, "b").Input, inputs[1]);
        Assert.Equal([new JournalDecision(1, 0, "d1"), new JournalDecision(1, 1, "d2"), new JournalDecision(3, 0, "d3")],
            await again.ReadDecisionsAsync(CancellationToken.None).ToListAsync());
        Assert.Equal("p3", await again.ReadPortfolioAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Decisions_after_a_position_are_read_in_order_from_the_next_one()
    {
        await using var j = new PostgresJournal(_db.Uri);
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
        await using var j = new PostgresJournal(_db.Uri);
        await j.OpenAsync(_header, CancellationToken.None);
        await j.CommitAsync([Record(1, "a")], "p1", CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => j.CommitAsync([Record(2, "b"), Record(3, "a")], "p3", CancellationToken.None));
        Assert.Equal(["a"], (await j.ReadInputsAsync(CancellationToken.None).ToListAsync()).Select(i => i.Key));
        Assert.Equal("p1", await j.ReadPortfolioAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_session_cannot_open_a_journal_in_use()
    {
        await using var first = new PostgresJournal(_db.Uri);
        await first.OpenAsync(_header, CancellationToken.None);
        await using var second = new PostgresJournal(_db.Uri);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.OpenAsync(_header, CancellationToken.None));
        Assert.Contains("in use by another live session", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_db.Password, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_snapshot_the_inputs_after_it_and_the_keys_before_it_read_back_while_a_reader_shares_the_journal()
    {
        await using var j = new PostgresJournal(_db.Uri);
        await j.OpenAsync(_header, CancellationToken.None);
        await j.CommitAsync([Record(1, "a"), Record(2, "b"), Record(3, "c")], "p3", CancellationToken.None);
        await j.WriteSnapshotAsync(new JournalSnapshot(1, [1]), CancellationToken.None);
        await j.WriteSnapshotAsync(new JournalSnapshot(2, [2, 2]), CancellationToken.None);
        await using var reader = new PostgresJournal(_db.Uri);   // replay of a running session: no lock taken
        Assert.Equal(_header, await reader.OpenAsync(null, CancellationToken.None));
        var snapshot = await reader.ReadSnapshotAsync(CancellationToken.None);
        Assert.Equal(2, snapshot!.Sequence);
        Assert.Equal([2, 2], snapshot.State);
        Assert.Equal(["c"], (await reader.ReadInputsAfterAsync(2, CancellationToken.None).ToListAsync()).Select(i => i.Key));
        Assert.Equal(["a", "b"], (await reader.ReadKeysAsync(2, CancellationToken.None).ToListAsync()).Order(StringComparer.Ordinal));
    }
}
