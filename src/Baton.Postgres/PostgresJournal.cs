using System.Runtime.CompilerServices;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Postgres;

/// <summary>
/// The live journal in PostgreSQL (<c>--journal postgresql://…?table=NAME</c>): tables <c>NAME_session</c>,
/// <c>NAME_inputs</c> (unique key), <c>NAME_decisions</c> and <c>NAME_state</c>, NAME defaulting to <c>baton_live</c>.
/// A batch is one transaction; a session holds an advisory lock on the journal, so a second one cannot open it (a reader,
/// <c>baton replay</c>, takes no lock: it reads a running session's journal). <c>NAME_snapshots</c> keeps the latest snapshot.
/// </summary>
public sealed partial class PostgresJournal : IJournal
{
    private readonly PostgresUri _uri;
    private readonly string _t;
    private NpgsqlConnection? _connection;

    public PostgresJournal(PostgresUri uri)
    {
        _uri = uri ?? throw new ArgumentNullException(nameof(uri));
        _t = uri.Table == "candles" ? "baton_live" : uri.Table.Replace('.', '_');
    }

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("journal not open");

    public async Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken)
    {
        try
        {
            _connection = new NpgsqlConnection(_uri.ConnectionString);
            await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"journal {_uri.Redacted}: {_uri.Redact(e.Message)}", e);
        }
        if (header is not null)   // a writer; a reader (replay) reads a running session's journal without the lock
        using (var lockCommand = Command("SELECT pg_try_advisory_lock(hashtext($1))"))
        {
            lockCommand.Parameters.AddWithValue(_t);
            if (await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                throw new InvalidOperationException($"journal {_uri.Redacted} ({_t}) is in use by another live session");
        }
        await Execute($"""
            CREATE TABLE IF NOT EXISTS {_t}_session (id int PRIMARY KEY CHECK (id = 1), format int NOT NULL, strategy_name text NOT NULL,
                strategy_path text NOT NULL, strategy_text text NOT NULL, created_at bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS {_t}_inputs (seq bigint PRIMARY KEY, key text NOT NULL UNIQUE, stream text NOT NULL,
                entry_id text NOT NULL, stale boolean NOT NULL, received_at bigint NOT NULL, payload text NOT NULL);
            ALTER TABLE {_t}_inputs ADD COLUMN IF NOT EXISTS rejected text;
            CREATE TABLE IF NOT EXISTS {_t}_decisions (input_seq bigint NOT NULL, n int NOT NULL, event text NOT NULL, PRIMARY KEY (input_seq, n));
            CREATE TABLE IF NOT EXISTS {_t}_state (id int PRIMARY KEY CHECK (id = 1), input_seq bigint NOT NULL, portfolio text NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        await Execute(SnapshotSchema, cancellationToken).ConfigureAwait(false);
        using (var select = Command($"SELECT format, strategy_name, strategy_path, strategy_text, created_at FROM {_t}_session"))
        using (var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (r.GetInt32(0) != JournalHeader.Format)
                    throw new InvalidOperationException($"journal {_uri.Redacted} has format {r.GetInt32(0)}; this build reads format {JournalHeader.Format}");
                return new JournalHeader(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4));
            }
        }
        if (header is null) throw new InvalidOperationException($"journal {_uri.Redacted} ({_t}) holds no live session");
        using var insert = Command($"INSERT INTO {_t}_session VALUES (1, $1, $2, $3, $4, $5)");
        insert.Parameters.AddWithValue(JournalHeader.Format);
        insert.Parameters.AddWithValue(header.StrategyName);
        insert.Parameters.AddWithValue(header.StrategyPath);
        insert.Parameters.AddWithValue(header.StrategyText);
        insert.Parameters.AddWithValue(header.CreatedAt);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return header;
    }

    public async IAsyncEnumerable<JournalInput> ReadInputsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT seq, stream, entry_id, key, payload, stale, received_at, rejected FROM {_t}_inputs ORDER BY seq");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalInput(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), r.GetInt64(6),
                r.IsDBNull(7) ? null : r.GetString(7));
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A second connection: replay reads decisions while it reads inputs.
        await using var connection = new NpgsqlConnection(_uri.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = new NpgsqlCommand($"SELECT input_seq, n, event FROM {_t}_decisions ORDER BY input_seq, n", connection);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalDecision(r.GetInt64(0), r.GetInt32(1), r.GetString(2));
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT input_seq, n, event FROM {_t}_decisions WHERE (input_seq, n) > ($1, $2) ORDER BY input_seq, n");
        select.Parameters.AddWithValue(input);
        select.Parameters.AddWithValue(index);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalDecision(r.GetInt64(0), r.GetInt32(1), r.GetString(2));
    }

    public async Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken)
    {
        using var select = Command($"SELECT portfolio FROM {_t}_state WHERE id = 1");
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return;
        await using var tx = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var writes = new NpgsqlBatch(Connection, tx);
        foreach (var record in batch)
        {
            var i = record.Input;
            writes.BatchCommands.Add(BatchCommand($"INSERT INTO {_t}_inputs (seq, key, stream, entry_id, stale, received_at, payload, rejected) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", i.Sequence, i.Key, i.Stream, i.EntryId, i.Stale, i.ReceivedAt, i.Payload, (object?)i.Rejected ?? DBNull.Value));
            for (int n = 0; n < record.Decisions.Count; n++)
                writes.BatchCommands.Add(BatchCommand($"INSERT INTO {_t}_decisions VALUES ($1, $2, $3)", i.Sequence, n, record.Decisions[n]));
        }
        writes.BatchCommands.Add(BatchCommand($"INSERT INTO {_t}_state VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET " +
            "input_seq = excluded.input_seq, portfolio = excluded.portfolio", batch[^1].Input.Sequence, portfolio));
        await writes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v, NpgsqlDbType = Type(v) });
        return c;
    }

    private static NpgsqlDbType Type(object v) => v switch
    {
        long => NpgsqlDbType.Bigint,
        int => NpgsqlDbType.Integer,
        bool => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    };

    private NpgsqlCommand Command(string sql) => new(sql, Connection);

    private async Task Execute(string sql, CancellationToken cancellationToken)
    {
        using var c = Command(sql);
        await c.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the session's advisory lock, then the connection. The lock is released explicitly because a
    /// pooled connection keeps its session (and its locks) until it is next used, so reopening the journal at once
    /// could find it still "in use".</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = Command("SELECT pg_advisory_unlock_all()");
                await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // A broken connection holds no lock once the server drops it.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
    }
}
