using System.Runtime.CompilerServices;
using Baton.Engine.Live;
using Baton.Engine.Live.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Sqlite;

/// <summary>
/// The default live journal: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed batch survives a
/// crash or power loss. One session at a time writes it (an OS lock on <c>JOURNAL.lock</c>, <see cref="JournalLock"/>: a
/// second session on the same journal fails to open it, naming the holder); the database itself is not locked, so
/// <c>baton replay</c> and <c>sqlite3</c> read it while the session runs. Inputs carry a unique key, so the same message can
/// never be journaled twice. Opened with a null header (replay) it is only read.
/// </summary>
public sealed partial class SqliteJournal : IJournal
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL,
            strategy_name TEXT NOT NULL, strategy_path TEXT NOT NULL, strategy_text TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS inputs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
            entry_id TEXT NOT NULL, stale INTEGER NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS decisions (input_seq INTEGER NOT NULL, n INTEGER NOT NULL, event TEXT NOT NULL,
            PRIMARY KEY (input_seq, n));
        CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), input_seq INTEGER NOT NULL, portfolio TEXT NOT NULL);
        """;

    /// <summary>Columns added since format 1's first files (which still open: the column is added, null for their inputs).</summary>
    private const string Upgrade = """
        SELECT 'ALTER TABLE inputs ADD COLUMN rejected TEXT' WHERE NOT EXISTS (SELECT 1 FROM pragma_table_info('inputs') WHERE name = 'rejected');
        """;

    /// <summary>Added after format 1's tables (created on open, so older journals gain them): the latest snapshot of the
    /// session's state, and who holds the journal.</summary>
    private const string SnapshotSchema = """
        CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY, state BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), description TEXT NOT NULL);
        """;

    private readonly string _path;
    private JournalLock? _lock;
    private readonly SqliteConnection _connection;

    public SqliteJournal(string path)
    {
        _path = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 3 }.ToString());
    }

    public async Task<JournalHeader> OpenAsync(JournalHeader? header, CancellationToken cancellationToken)
    {
        if (header is null && !File.Exists(_path)) throw new FileNotFoundException($"journal {_path} does not exist", _path);
        SqliteFiles.Check(_path, "session", "a live journal", mayCreate: header is not null);
        if (header is not null) _lock = JournalLock.TryTake(_path) ?? throw new InvalidOperationException(
            $"journal {_path} is in use by another live session ({await HolderAsync(cancellationToken).ConfigureAwait(false)}; lock file {_path}.lock)");
        await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", cancellationToken).ConfigureAwait(false);
            if (header is not null)
            {
                await Execute("BEGIN IMMEDIATE; " + Schema + SnapshotSchema, cancellationToken).ConfigureAwait(false);
                using (var upgrade = Command(Upgrade))
                    if (await upgrade.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string alter) await Execute(alter, cancellationToken).ConfigureAwait(false);
                await Execute("COMMIT;", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new InvalidOperationException($"journal {_path} is busy (a writer held it for more than 3 s)", e);
        }
        if (header is not null) await SetHolderAsync(cancellationToken).ConfigureAwait(false);
        else await Execute("BEGIN", cancellationToken).ConfigureAwait(false);   // a reader sees one snapshot, whatever the session commits meanwhile
        var stored = await ReadHeader(cancellationToken).ConfigureAwait(false);
        if (stored is not null) return stored;
        if (header is null) throw new InvalidOperationException($"{_path} is not a live journal (no session recorded)");
        using var insert = Command("INSERT INTO session VALUES (1, $format, $name, $path, $text, $created)");
        insert.Parameters.AddWithValue("$format", JournalHeader.Format);
        insert.Parameters.AddWithValue("$name", header.StrategyName);
        insert.Parameters.AddWithValue("$path", header.StrategyPath);
        insert.Parameters.AddWithValue("$text", header.StrategyText);
        insert.Parameters.AddWithValue("$created", header.CreatedAt);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return header;
    }

    private async Task<JournalHeader?> ReadHeader(CancellationToken cancellationToken)
    {
        using var select = Command("SELECT format, strategy_name, strategy_path, strategy_text, created_at FROM session");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        if (r.GetInt32(0) != JournalHeader.Format)
            throw new InvalidOperationException($"journal {_path} has format {r.GetInt32(0)}; this build reads format {JournalHeader.Format}");
        return new JournalHeader(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4));
    }

    public async IAsyncEnumerable<JournalInput> ReadInputsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command("SELECT seq, stream, entry_id, key, payload, stale, received_at, rejected FROM inputs ORDER BY seq");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalInput(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5) != 0, r.GetInt64(6),
                r.IsDBNull(7) ? null : r.GetString(7));
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command("SELECT input_seq, n, event FROM decisions ORDER BY input_seq, n");
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalDecision(r.GetInt64(0), r.GetInt32(1), r.GetString(2));
    }

    public async IAsyncEnumerable<JournalDecision> ReadDecisionsAfterAsync(long input, int index,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var select = Command("SELECT input_seq, n, event FROM decisions WHERE (input_seq, n) > ($input, $n) ORDER BY input_seq, n");
        select.Parameters.AddWithValue("$input", input);
        select.Parameters.AddWithValue("$n", index);
        using var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return new JournalDecision(r.GetInt64(0), r.GetInt32(1), r.GetString(2));
    }

    public async Task<string?> ReadPortfolioAsync(CancellationToken cancellationToken)
    {
        using var select = Command("SELECT portfolio FROM state WHERE id = 1");
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task CommitAsync(IReadOnlyList<JournalRecord> batch, string portfolio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return;
        using var tx = _connection.BeginTransaction();
        using var input = Command("INSERT INTO inputs (seq, key, stream, entry_id, stale, received_at, payload, rejected) " +
            "VALUES ($seq, $key, $stream, $entry, $stale, $received, $payload, $rejected)", tx);
        var p = Parameters(input, "$seq", "$key", "$stream", "$entry", "$stale", "$received", "$payload", "$rejected");
        using var decision = Command("INSERT INTO decisions VALUES ($input, $n, $event)", tx);
        var d = Parameters(decision, "$input", "$n", "$event");
        foreach (var record in batch)
        {
            var i = record.Input;
            Set(p, i.Sequence, i.Key, i.Stream, i.EntryId, i.Stale ? 1 : 0, i.ReceivedAt, i.Payload, (object?)i.Rejected ?? DBNull.Value);
            await input.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            for (int n = 0; n < record.Decisions.Count; n++)
            {
                Set(d, i.Sequence, n, record.Decisions[n]);
                await decision.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        using var state = Command("INSERT INTO state VALUES (1, $seq, $portfolio) ON CONFLICT (id) DO UPDATE SET input_seq = excluded.input_seq, portfolio = excluded.portfolio", tx);
        state.Parameters.AddWithValue("$seq", batch[^1].Input.Sequence);
        state.Parameters.AddWithValue("$portfolio", portfolio);
        await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var c = _connection.CreateCommand();
        c.CommandText = sql;
        c.Transaction = tx;
        return c;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static void Set(SqliteParameter[] parameters, params object[] values)
    {
        for (int i = 0; i < values.Length; i++) parameters[i].Value = values[i];
    }

    private async Task Execute(string sql, CancellationToken cancellationToken)
    {
        using var c = Command(sql);
        await c.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _lock?.Dispose();
    }
}
