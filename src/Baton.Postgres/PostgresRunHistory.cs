using Baton.Engine.History;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// The run history in a PostgreSQL table (default <c>baton_runs</c>) of the database a
/// <c>postgresql://</c> URI names (<c>baton serve --db postgresql://...</c>). <see cref="Description"/> is the
/// URI with its password as <c>***</c>.
/// </summary>
public sealed class PostgresRunHistory : IRunHistory
{
    private const string Columns =
        "id, strategy, strategy_file, started_at, finished_at, status, data, parameters, total_return, sharpe, max_drawdown, trades, final_equity, final_state, error, stop_reason";

    private readonly NpgsqlDataSource _source;
    private readonly string _table;

    /// <param name="table">A table name (letters, digits, underscores), created when missing.</param>
    public PostgresRunHistory(PostgresUri uri, string table = "baton_runs")
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (table.Length == 0 || !table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"expected a plain table name, got \"{table}\"", nameof(table));
        _source = NpgsqlDataSource.Create(uri.ConnectionString);
        _table = $"\"{table}\"";
        Description = uri.Redacted;
    }

    public string Description { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {_table} (
              id text PRIMARY KEY, strategy text NOT NULL, strategy_file text NOT NULL, started_at bigint NOT NULL,
              finished_at bigint, status text NOT NULL, data text NOT NULL, parameters text NOT NULL,
              total_return double precision, sharpe double precision, max_drawdown double precision, trades integer,
              final_equity double precision, final_state text, error text, stop_reason text);
            ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS stop_reason text;
            UPDATE {_table} SET status = '{RunStatus.Interrupted}' WHERE status IN ('{RunStatus.Running}', '{RunStatus.Queued}');
            """);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = _source.CreateCommand($"""
            INSERT INTO {_table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (id) DO UPDATE SET strategy = EXCLUDED.strategy, strategy_file = EXCLUDED.strategy_file,
              started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, status = EXCLUDED.status, data = EXCLUDED.data,
              parameters = EXCLUDED.parameters, total_return = EXCLUDED.total_return, sharpe = EXCLUDED.sharpe,
              max_drawdown = EXCLUDED.max_drawdown, trades = EXCLUDED.trades, final_equity = EXCLUDED.final_equity,
              final_state = EXCLUDED.final_state, error = EXCLUDED.error, stop_reason = EXCLUDED.stop_reason
            """);
        object?[] values =
        [
            run.Id, run.Strategy, run.StrategyFile, run.StartedAt, run.FinishedAt, run.Status, run.Data, run.Parameters,
            Finite(run.TotalReturn), Finite(run.Sharpe), Finite(run.MaxDrawdown), run.Trades, Finite(run.FinalEquity), run.FinalState, run.Error,
            run.StopReason,
        ];
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM {_table} ORDER BY started_at DESC, id DESC", null, cancellationToken).ConfigureAwait(false);

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM {_table} WHERE id = $1", id, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand($"DELETE FROM {_table} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private async Task<List<RunRecord>> QueryAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(sql);
        if (id is not null) command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.GetString(5), r.GetString(6), r.GetString(7), Double(r, 8), Double(r, 9), Double(r, 10), r.IsDBNull(11) ? null : r.GetInt32(11),
                Double(r, 12), r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14),
                r.IsDBNull(15) ? null : r.GetString(15)));
        }
        return runs;
    }

    private static double? Double(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
