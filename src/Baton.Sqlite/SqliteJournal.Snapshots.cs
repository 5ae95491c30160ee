using System.Runtime.CompilerServices;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Sqlite;

/// <summary>Restore from a snapshot: the latest snapshot (table <c>snapshots</c>, one row kept), the inputs after it and
/// the keys before it; and who holds the journal (table <c>holder</c>).</summary>
public sealed partial class SqliteJournal
{
    public async IAsyncEnumerable<JournalInput> ReadInputsAfterAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command("SELECT seq, stream, entry_id, key, payload, stale, received_at, rejected FROM inputs WHERE seq > $after ORDER BY seq");
        select.Parameters.AddWithValue("$after", after);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalInput(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5) != 0, r.GetInt64(6),
                r.IsDBNull(7) ? null : r.GetString(7));
    }

    public async IAsyncEnumerable<string> ReadKeysAsync(long through, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // +seq: not a rowid range over the table (its rows hold the payloads) but a scan of the key index, which covers it
        using var select = Command("SELECT key FROM inputs WHERE +seq <= $through");
        select.Parameters.AddWithValue("$through", through);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return r.GetString(0);
    }

    public async Task<JournalSnapshot?> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        using var select = Command("SELECT seq, state FROM snapshots ORDER BY seq DESC LIMIT 1");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new JournalSnapshot(r.GetInt64(0), (byte[])r.GetValue(1)) : null;
    }

    public async Task WriteSnapshotAsync(JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var tx = _connection.BeginTransaction();
        using var insert = Command("INSERT OR REPLACE INTO snapshots VALUES ($seq, $state); DELETE FROM snapshots WHERE seq < $seq;", tx);
        insert.Parameters.AddWithValue("$seq", snapshot.Sequence);
        insert.Parameters.AddWithValue("$state", snapshot.State);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SetHolderAsync(CancellationToken cancellationToken)
    {
        using var set = Command("INSERT OR REPLACE INTO holder VALUES (1, $description)");
        set.Parameters.AddWithValue("$description", JournalLock.Describe());
        await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who holds the journal as it says itself, read on a connection of its own (the journal is not open yet).</summary>
    private async Task<string> HolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 3 };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT description FROM holder WHERE id = 1";
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? "holder unknown";
        }
        catch (SqliteException)
        {
            return "holder unknown";
        }
    }
}
