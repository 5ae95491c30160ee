using Baton.Core.Market;
using Baton.Engine.Data;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// Candles from the <see cref="CandleTable"/> table: one stream per symbol, each on its own connection, a
/// single query for the symbol, the strategy's timeframe (as written: <c>1h</c>, <c>1d</c>) and the time range,
/// ordered by time and read row by row as the server sends them, so memory stays bounded. A symbol with no row
/// for that timeframe is an error listing what the table holds. A server that is down, or a connection lost
/// mid-read, throws <see cref="CandleDataException"/> naming the redacted URI, the symbol and the row.
/// </summary>
public sealed class PostgresCandleSource : ICandleSource
{
    private readonly PostgresUri _uri;

    public PostgresCandleSource(PostgresUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _uri = uri;
    }

    /// <inheritdoc />
    public string Description => $"postgres {_uri.Redacted}";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe,
        TimeRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var streams = new List<ICandleStream>(symbols.Count);
        try
        {
            foreach (string symbol in symbols)
            {
                var connection = await CandleTable.OpenAsync(_uri, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (streams.Count == 0) await CandleTable.CheckSchemaAsync(connection, _uri, cancellationToken).ConfigureAwait(false);
                    await CheckSymbolAsync(connection, symbol, timeframe, cancellationToken).ConfigureAwait(false);
                    streams.Add(await PostgresCandleStream.OpenAsync(connection, _uri, symbol, timeframe, range, cancellationToken).ConfigureAwait(false));
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            return streams;
        }
        catch
        {
            foreach (var stream in streams) await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CheckSymbolAsync(NpgsqlConnection connection, string symbol, Timeframe timeframe, CancellationToken cancellationToken)
    {
        string tf = timeframe.ToString();
        try
        {
            if (await ExistsAsync(connection, $"SELECT EXISTS (SELECT 1 FROM {_uri.QuotedTable} WHERE symbol = @s AND timeframe = @tf)",
                    symbol, tf, cancellationToken).ConfigureAwait(false))
                return;
            var symbols = await ListAsync(connection, $"SELECT DISTINCT symbol FROM {_uri.QuotedTable} WHERE timeframe = @tf ORDER BY 1 LIMIT 51",
                symbol, tf, cancellationToken).ConfigureAwait(false);
            var timeframes = await ListAsync(connection, $"SELECT DISTINCT timeframe FROM {_uri.QuotedTable} WHERE symbol = @s ORDER BY 1",
                symbol, tf, cancellationToken).ConfigureAwait(false);
            string other = timeframes.Count > 0 ? $"; {symbol} has timeframes {string.Join(", ", timeframes)}" : "";
            string held = symbols.Count == 0 ? "no symbols" : string.Join(", ", symbols.Take(50)) + (symbols.Count > 50 ? ", ..." : "");
            throw new CandleDataException(_uri.Redacted, 0, "symbol",
                $"expected rows for symbol {symbol} and timeframe {tf} in table {_uri.Table}, found {held} at {tf}{other}");
        }
        catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
        {
            throw CandleTable.Failure(_uri, 0, "symbol", $"could not look up symbol {symbol}", e);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string symbol, string tf, CancellationToken token)
    {
        var command = Command(connection, sql, symbol, tf);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is true;
        }
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, string symbol, string tf, CancellationToken token)
    {
        var list = new List<string>();
        var command = Command(connection, sql, symbol, tf);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false)) list.Add(reader.GetString(0));
            }
        }
        return list;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string symbol, string tf)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", symbol);
        command.Parameters.AddWithValue("tf", tf);
        return command;
    }
}
