using Baton.Research.Trials;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// A cluster sweep's outcomes in PostgreSQL (<c>baton sweep --cluster ... --results postgresql://...</c>): the table
/// <c>baton_trial_results</c> (sweep key, trial id, outcome JSON; created when missing), one row per trial id by its
/// primary key, a second insert for the same id ignored (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
public sealed class PostgresTrialResults : ITrialResultStore, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _ready;

    public PostgresTrialResults(PostgresUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _source = NpgsqlDataSource.Create(uri.ConnectionString);
    }

    public async Task<int> PutAsync(string sweep, IReadOnlyList<(int Id, string Json)> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0) return 0;
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand("""
            INSERT INTO baton_trial_results (sweep, trial, outcome)
            SELECT $1, t, o FROM unnest($2::integer[], $3::text[]) AS x(t, o)
            ON CONFLICT (sweep, trial) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sweep });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Json).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<int, string>> GetAsync(string sweep, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<int, string>();
        if (ids.Count == 0) return found;
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand("SELECT trial, outcome FROM baton_trial_results WHERE sweep = $1 AND trial = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = sweep });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) found[reader.GetInt32(0)] = reader.GetString(1);
        return found;
    }

    public async Task<IReadOnlySet<int>> IdsAsync(string sweep, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand("SELECT trial FROM baton_trial_results WHERE sweep = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sweep });
        var ids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    public async Task ForgetAsync(string sweep, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand("DELETE FROM baton_trial_results WHERE sweep = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sweep });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready) return;
        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready) return;
            await using var command = _source.CreateCommand(
                "CREATE TABLE IF NOT EXISTS baton_trial_results (sweep text NOT NULL, trial integer NOT NULL, outcome text NOT NULL, PRIMARY KEY (sweep, trial))");
            try { await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // another worker created it at the same moment
            }
            _ready = true;
        }
        finally { _created.Release(); }
    }

    public void Dispose()
    {
        _source.Dispose();
        _created.Dispose();
    }
}
