using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Postgres;

/// <summary>What an import did: rows read from the file, rows new to the table, and the timeframe stored.</summary>
public sealed record ImportResult(long Read, long Inserted, Timeframe Timeframe);

/// <summary>
/// Imports validated candle rows into the <see cref="CandleTable"/> table in one transaction: binary COPY into a
/// temporary table, then <c>INSERT ... ON CONFLICT DO NOTHING</c>, so importing the same file twice adds
/// nothing, and a failure (a bad row, a lost connection, cancellation) leaves the table as it was.
/// </summary>
public static class PostgresCandleImporter
{
    private const string Staging = "baton_import";

    /// <param name="rows">Checked rows (a bad row throws before anything is committed).</param>
    /// <param name="timeframe">The timeframe to store; null takes the smallest step between two candles of a symbol.</param>
    /// <param name="onlySymbol">Import only this symbol's rows; null for all.</param>
    /// <param name="progress">Told (rows read, fraction of the file) after each batch.</param>
    public static async Task<ImportResult> ImportAsync(PostgresUri uri, CheckedCandleRows rows, Timeframe? timeframe,
        string? onlySymbol, IProgress<(long Rows, double Fraction)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(rows);
        var connection = await CandleTable.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await CandleTable.CheckSchemaAsync(connection, uri, cancellationToken).ConfigureAwait(false);
            long read = 0;
            try
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await CandleTable.ExecuteAsync(connection,
                        $"CREATE TEMP TABLE {Staging} (symbol text NOT NULL, ts timestamptz NOT NULL, open float8 NOT NULL, " +
                        "high float8 NOT NULL, low float8 NOT NULL, close float8 NOT NULL, volume float8 NOT NULL) ON COMMIT DROP",
                        cancellationToken, transaction).ConfigureAwait(false);
                    read = await CopyAsync(connection, rows, onlySymbol, progress, cancellationToken).ConfigureAwait(false);
                    var tf = timeframe ?? Infer(rows, uri);
                    long inserted = await InsertAsync(connection, transaction, uri, tf, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new ImportResult(read, inserted, tf);
                }
            }
            catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
            {
                throw CandleTable.Failure(uri, read, "import", $"import failed after {read} rows, nothing was imported", e);
            }
        }
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, CheckedCandleRows rows, string? onlySymbol,
        IProgress<(long, double)>? progress, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (symbol, ts, open, high, low, close, volume) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var batch = new CandleRowBatch();
            long read = 0;
            int count;
            while ((count = await rows.ReadAsync(batch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (int i = 0; i < count; i++)
                {
                    string symbol = rows.Symbols[batch.SymbolIds[i]];
                    if (onlySymbol is not null && symbol != onlySymbol) continue;
                    await WriteRowAsync(importer, symbol, batch.Candles[i], cancellationToken).ConfigureAwait(false);
                }
                read += count;
                progress?.Report((read, rows.Progress));
            }
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return read;
        }
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, string symbol, Candle candle, CancellationToken token)
    {
        await importer.StartRowAsync(token).ConfigureAwait(false);
        await importer.WriteAsync(symbol, NpgsqlDbType.Text, token).ConfigureAwait(false);
        await importer.WriteAsync(DateTime.UnixEpoch.AddMilliseconds(candle.OpenTime), NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
        await importer.WriteAsync(candle.Open, NpgsqlDbType.Double, token).ConfigureAwait(false);
        await importer.WriteAsync(candle.High, NpgsqlDbType.Double, token).ConfigureAwait(false);
        await importer.WriteAsync(candle.Low, NpgsqlDbType.Double, token).ConfigureAwait(false);
        await importer.WriteAsync(candle.Close, NpgsqlDbType.Double, token).ConfigureAwait(false);
        await importer.WriteAsync(candle.Volume, NpgsqlDbType.Double, token).ConfigureAwait(false);
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresUri uri,
        Timeframe timeframe, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"INSERT INTO {uri.QuotedTable} (symbol, timeframe, ts, open, high, low, close, volume) " +
            $"SELECT symbol, @tf, ts, open, high, low, close, volume FROM {Staging} ORDER BY symbol, ts ON CONFLICT DO NOTHING",
            connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("tf", timeframe.ToString());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Timeframe Infer(CheckedCandleRows rows, PostgresUri uri) =>
        rows.SmallestStep is { } step
            ? new Timeframe(step)
            : throw new CandleDataException(rows.Source, 0, "timeframe",
                $"expected two candles of one symbol to infer the timeframe for {uri.Redacted}; give --timeframe");
}
