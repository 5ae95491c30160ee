using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Npgsql;

namespace Baton.Postgres;

/// <summary>
/// <c>baton data inspect</c> for the candles table, computed by the server: per timeframe and symbol the row
/// count, first and last time, rows breaking a candle rule (NaN, ∞, price ≤ 0, high &lt; low, open or close
/// outside the range, negative volume) and the gaps between consecutive candles. The primary key already
/// rules out duplicates.
/// </summary>
public static class PostgresCandleInspector
{
    private const string Valid = "low > 0 AND high < 'Infinity' AND open >= low AND open <= high AND close >= low AND close <= high " +
        "AND volume >= 0 AND volume < 'Infinity'";

    /// <summary>One report per timeframe in the table, in timeframe order.</summary>
    public static async Task<IReadOnlyList<CandleInspection>> InspectAsync(PostgresUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await CandleTable.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await CandleTable.CheckSchemaAsync(connection, uri, cancellationToken).ConfigureAwait(false);
            try
            {
                var steps = await StepsAsync(connection, uri, cancellationToken).ConfigureAwait(false);
                return await SummaryAsync(connection, uri, steps, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
            {
                throw CandleTable.Failure(uri, 0, "inspect", "could not inspect the table", e);
            }
        }
    }

    private static async Task<List<CandleInspection>> SummaryAsync(NpgsqlConnection connection, PostgresUri uri,
        Dictionary<(string, string), (long Missing, long Gaps)> steps, CancellationToken token)
    {
        string sql = $"SELECT timeframe, symbol, count(*), min(ts), max(ts), count(*) FILTER (WHERE NOT ({Valid})) " +
            $"FROM {uri.QuotedTable} GROUP BY timeframe, symbol ORDER BY timeframe, symbol";
        var byTimeframe = new SortedDictionary<string, List<SymbolInspection>>(StringComparer.Ordinal);
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    string tf = reader.GetString(0), symbol = reader.GetString(1);
                    var (missing, gaps) = steps.GetValueOrDefault((tf, symbol));
                    if (!byTimeframe.TryGetValue(tf, out var list)) byTimeframe[tf] = list = [];
                    list.Add(new SymbolInspection(symbol, reader.GetInt64(2), Ms(reader.GetFieldValue<DateTime>(3)),
                        Ms(reader.GetFieldValue<DateTime>(4)), reader.GetInt64(5), missing, gaps));
                }
            }
        }
        return [.. byTimeframe.Select(p => new CandleInspection($"{uri.Redacted} [{p.Key}]",
            Timeframe.TryParse(p.Key, out var t) ? t : null, p.Value, 0, []))];
    }

    /// <summary>Missing bars and gap count per (timeframe, symbol), from the steps between consecutive candles.</summary>
    private static async Task<Dictionary<(string, string), (long, long)>> StepsAsync(NpgsqlConnection connection, PostgresUri uri,
        CancellationToken token)
    {
        string sql = "SELECT timeframe, symbol, step, count(*) FROM (SELECT timeframe, symbol, " +
            "(extract(epoch FROM ts - lag(ts) OVER (PARTITION BY timeframe, symbol ORDER BY ts)) * 1000)::bigint AS step " +
            $"FROM {uri.QuotedTable}) s WHERE step IS NOT NULL GROUP BY 1, 2, 3";
        var result = new Dictionary<(string, string), (long, long)>();
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    string tf = reader.GetString(0), symbol = reader.GetString(1);
                    long step = reader.GetInt64(2), n = reader.GetInt64(3);
                    if (!Timeframe.TryParse(tf, out var t) || step <= t.Milliseconds) continue;
                    var (missing, gaps) = result.GetValueOrDefault((tf, symbol));
                    long absent = step / t.Milliseconds - (step % t.Milliseconds == 0 ? 1 : 0);
                    result[(tf, symbol)] = (missing + n * absent, gaps + n);
                }
            }
        }
        return result;
    }

    private static long Ms(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
