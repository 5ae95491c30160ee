using System.Runtime.CompilerServices;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using NpgsqlTypes;

namespace Baton.Postgres;

/// <summary>Restore from a snapshot: the latest snapshot (table <c>NAME_snapshots</c>, one row kept), the inputs after it
/// and the keys before it.</summary>
public sealed partial class PostgresJournal
{
    private string SnapshotSchema => $"CREATE TABLE IF NOT EXISTS {_t}_snapshots (seq bigint PRIMARY KEY, state bytea NOT NULL)";

    public async IAsyncEnumerable<JournalInput> ReadInputsAfterAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT seq, stream, entry_id, key, payload, stale, received_at, rejected FROM {_t}_inputs WHERE seq > $1 ORDER BY seq");
        select.Parameters.AddWithValue(after);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalInput(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), r.GetInt64(6),
                r.IsDBNull(7) ? null : r.GetString(7));
    }

    public async IAsyncEnumerable<string> ReadKeysAsync(long through, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT key FROM {_t}_inputs WHERE seq <= $1");
        select.Parameters.AddWithValue(through);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return r.GetString(0);
    }

    public async Task<JournalSnapshot?> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT seq, state FROM {_t}_snapshots ORDER BY seq DESC LIMIT 1");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new JournalSnapshot(r.GetInt64(0), (byte[])r.GetValue(1)) : null;
    }

    public async Task WriteSnapshotAsync(JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var tx = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var insert = Command($"INSERT INTO {_t}_snapshots VALUES ($1, $2) ON CONFLICT (seq) DO UPDATE SET state = excluded.state"))
        {
            insert.Parameters.AddWithValue(snapshot.Sequence);
            insert.Parameters.AddWithValue(NpgsqlDbType.Bytea, snapshot.State);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        using (var prune = Command($"DELETE FROM {_t}_snapshots WHERE seq < $1"))
        {
            prune.Parameters.AddWithValue(snapshot.Sequence);
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
