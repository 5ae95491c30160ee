using System.Data.Common;
using Baton.Engine.History;
using Microsoft.Data.Sqlite;

namespace Baton.Sqlite;

/// <summary>
/// The run history in one SQLite file (created with its folder when missing): the default when no PostgreSQL
/// URI is given. One connection per call; SQLite serialises the writers.
/// </summary>
public sealed class SqliteRunHistory : IRunHistory
{
    private const string Columns =
        "id, strategy, strategy_file, started_at, finished_at, status, data, parameters, total_return, sharpe, max_drawdown, trades, final_equity, final_state, error, stop_reason";

    private readonly string _connectionString;

    public SqliteRunHistory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Description = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Description, Pooling = false }.ToString();
    }

    public string Description { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        SqliteFiles.Check(Description, "runs", "a run history", mayCreate: true);
        Directory.CreateDirectory(Path.GetDirectoryName(Description)!);
        await ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS runs (
              id TEXT PRIMARY KEY, strategy TEXT NOT NULL, strategy_file TEXT NOT NULL, started_at INTEGER NOT NULL,
              finished_at INTEGER, status TEXT NOT NULL, data TEXT NOT NULL, parameters TEXT NOT NULL, total_return REAL,
              sharpe REAL, max_drawdown REAL, trades INTEGER, final_equity REAL, final_state TEXT, error TEXT, stop_reason TEXT);
            UPDATE runs SET status = '{RunStatus.Interrupted}' WHERE status IN ('{RunStatus.Running}', '{RunStatus.Queued}');
            """, _ => { }, cancellationToken).ConfigureAwait(false);
        // a history written before stop_reason existed
        long has = 0;
        await ExecuteScalarAsync("SELECT COUNT(*) FROM pragma_table_info('runs') WHERE name = 'stop_reason'", v => has = (long)v!, cancellationToken)
            .ConfigureAwait(false);
        if (has == 0) await ExecuteAsync("ALTER TABLE runs ADD COLUMN stop_reason TEXT", _ => { }, cancellationToken).ConfigureAwait(false);
    }

    public Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ExecuteAsync($"INSERT OR REPLACE INTO runs ({Columns}) VALUES ({RunRows.Parameters})",
            c => RunRows.Bind(run, (name, value) => c.Parameters.AddWithValue(name, value)), cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM runs ORDER BY started_at DESC, id DESC", null, cancellationToken).ConfigureAwait(false);

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM runs WHERE id = $id", id, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        int rows = 0;
        await ExecuteAsync("DELETE FROM runs WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken,
            n => rows = n).ConfigureAwait(false);
        return rows > 0;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<List<RunRecord>> QueryAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null) command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) runs.Add(RunRows.Read(reader));
        return runs;
    }

    private async Task ExecuteScalarAsync(string sql, Action<object?> result, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        result(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken, Action<int>? rows = null)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        int n = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        rows?.Invoke(n);
    }
}

/// <summary>The columns of a <see cref="RunRecord"/> row, in <c>Columns</c> order.</summary>
internal static class RunRows
{
    public const string Parameters = "$id, $strategy, $file, $started, $finished, $status, $data, $parameters, $return, $sharpe, $dd, $trades, $equity, $state, $error, $stop";

    public static void Bind(RunRecord r, Action<string, object> add)
    {
        add("$id", r.Id);
        add("$strategy", r.Strategy);
        add("$file", r.StrategyFile);
        add("$started", r.StartedAt);
        add("$finished", (object?)r.FinishedAt ?? DBNull.Value);
        add("$status", r.Status);
        add("$data", r.Data);
        add("$parameters", r.Parameters);
        add("$return", Finite(r.TotalReturn));
        add("$sharpe", Finite(r.Sharpe));
        add("$dd", Finite(r.MaxDrawdown));
        add("$trades", (object?)r.Trades ?? DBNull.Value);
        add("$equity", Finite(r.FinalEquity));
        add("$state", (object?)r.FinalState ?? DBNull.Value);
        add("$error", (object?)r.Error ?? DBNull.Value);
        add("$stop", (object?)r.StopReason ?? DBNull.Value);
    }

    public static RunRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5),
        r.GetString(6), r.GetString(7), Double(r, 8), Double(r, 9), Double(r, 10), r.IsDBNull(11) ? null : r.GetInt32(11),
        Double(r, 12), r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14),
        r.IsDBNull(15) ? null : r.GetString(15));

    private static double? Double(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    // SQLite stores NaN as NULL anyway; say so explicitly.
    private static object Finite(double? v) => v is { } x && double.IsFinite(x) ? x : DBNull.Value;
}
