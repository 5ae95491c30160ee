using System.Net.Sockets;
using Baton.Engine.Data;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// The candles table and the one way this adapter reaches it. Schema (created by <c>baton data init</c>):
/// <code>
/// CREATE TABLE candles (
///   symbol    text             NOT NULL,
///   timeframe text             NOT NULL,   -- 1m, 1h, 1d ... as in strategy files
///   ts        timestamptz      NOT NULL,   -- the candle's open time
///   open      double precision NOT NULL,
///   high      double precision NOT NULL,
///   low       double precision NOT NULL,
///   close     double precision NOT NULL,
///   volume    double precision NOT NULL,
///   PRIMARY KEY (symbol, timeframe, ts));
/// </code>
/// Every failure leaves as a <see cref="CandleDataException"/> naming the redacted URI, never the password.
/// </summary>
public static class CandleTable
{
    private static readonly (string Name, string Type)[] Schema =
    [
        ("symbol", "text"), ("timeframe", "text"), ("ts", "timestamp with time zone"), ("open", "double precision"),
        ("high", "double precision"), ("low", "double precision"), ("close", "double precision"), ("volume", "double precision"),
    ];

    /// <summary>The DDL for <paramref name="uri"/>'s table (idempotent).</summary>
    public static string CreateSql(PostgresUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"""
            CREATE TABLE IF NOT EXISTS {uri.QuotedTable} (
              symbol text NOT NULL, timeframe text NOT NULL, ts timestamptz NOT NULL,
              open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
              close double precision NOT NULL, volume double precision NOT NULL,
              PRIMARY KEY (symbol, timeframe, ts))
            """;
    }

    /// <summary>Creates the table (and its schema, when qualified) if missing.</summary>
    public static async Task CreateAsync(PostgresUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                if (uri.Table.Contains('.', StringComparison.Ordinal))
                {
                    string schema = uri.QuotedTable.Split('.')[0];
                    await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken).ConfigureAwait(false);
                }
                await ExecuteAsync(connection, CreateSql(uri), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsDatabaseFailure(e))
            {
                throw Failure(uri, 0, "table", "could not create the table", e);
            }
        }
    }

    /// <summary>Opens a connection; a server that is down or refuses the login throws a clear error.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(PostgresUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = new NpgsqlConnection(uri.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Failure(uri, 0, "connection", "could not connect", e);
        }
    }

    /// <summary>Checks that the table exists with the documented columns and types.</summary>
    public static async Task CheckSchemaAsync(NpgsqlConnection connection, PostgresUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(uri);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var command = new NpgsqlCommand(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a " +
                "WHERE a.attrelid = to_regclass(@t) AND a.attnum > 0 AND NOT a.attisdropped", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("t", uri.QuotedTable);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) found[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            throw Failure(uri, 0, "table", "could not read the table's columns", e);
        }
        if (found.Count == 0)
            throw new CandleDataException(uri.Redacted, 0, "table", $"expected a table named {uri.Table}; create it with: baton data init URI");
        foreach (var (name, type) in Schema)
        {
            if (!found.TryGetValue(name, out string? actual))
                throw new CandleDataException(uri.Redacted, 0, name,
                    $"expected table {uri.Table} to have a column {name} {type}, found columns: {string.Join(", ", found.Keys.Order(StringComparer.Ordinal))}");
            if (actual != type)
                throw new CandleDataException(uri.Redacted, 0, name, $"expected column {name} of table {uri.Table} to be {type}, got {actual}");
        }
    }

    /// <summary>True for the exceptions a database call can fail with (server down, connection lost, SQL error).</summary>
    public static bool IsDatabaseFailure(Exception e) =>
        e is NpgsqlException or SocketException or IOException or TimeoutException or EndOfStreamException
        || (e is InvalidOperationException && e.InnerException is not null && IsDatabaseFailure(e.InnerException));

    /// <summary>A clear, redacted <see cref="CandleDataException"/> for a database failure.</summary>
    public static CandleDataException Failure(PostgresUri uri, long row, string field, string what, Exception e)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(e);
        string reason = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : Innermost(e).Message;
        return new CandleDataException(uri.Redacted, row, field, uri.Redact($"{what}: {reason}"));
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Exception Innermost(Exception e)
    {
        if (e is NpgsqlException && e.InnerException is { } inner) return Innermost(inner);
        return e;
    }
}
