using System.Data;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Checks;
using Npgsql;

namespace Baton.Postgres;

/// <summary>One symbol's candles from one query, read row by row from the connection into the caller's buffer;
/// every candle is validated. Owns the connection.</summary>
internal sealed class PostgresCandleStream : ICandleStream
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;
    private readonly PostgresUri _uri;
    private readonly CandleValidator _validator;
    private long _row;
    private bool _finished;

    private PostgresCandleStream(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, PostgresUri uri,
        string symbol, Timeframe timeframe)
    {
        _connection = connection;
        _command = command;
        _reader = reader;
        _uri = uri;
        Symbol = symbol;
        _validator = new CandleValidator($"{uri.Redacted} [{symbol} {timeframe}]", symbol);
    }

    public string Symbol { get; }

    public static async Task<PostgresCandleStream> OpenAsync(NpgsqlConnection connection, PostgresUri uri, string symbol,
        Timeframe timeframe, TimeRange range, CancellationToken cancellationToken)
    {
        string sql = $"SELECT ts, open, high, low, close, volume FROM {uri.QuotedTable} WHERE symbol = @s AND timeframe = @tf" +
            (range.From is null ? "" : " AND ts >= @from") + (range.To is null ? "" : " AND ts <= @to") + " ORDER BY ts";
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", symbol);
        command.Parameters.AddWithValue("tf", timeframe.ToString());
        if (range.From is { } from) command.Parameters.AddWithValue("from", DateTime.UnixEpoch.AddMilliseconds(from));
        if (range.To is { } to) command.Parameters.AddWithValue("to", DateTime.UnixEpoch.AddMilliseconds(to));
        try
        {
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            return new PostgresCandleStream(connection, command, reader, uri, symbol, timeframe);
        }
        catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
        {
            await command.DisposeAsync().ConfigureAwait(false);
            throw CandleTable.Failure(uri, 0, "connection", $"could not query candles of {symbol} {timeframe}", e);
        }
    }

    public async ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken)
    {
        int written = 0;
        try
        {
            while (!_finished && written < buffer.Length)
            {
                if (!await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _finished = true;
                    break;
                }
                _row++;
                var candle = new Candle(ReadTime(), _reader.GetDouble(1), _reader.GetDouble(2),
                    _reader.GetDouble(3), _reader.GetDouble(4), _reader.GetDouble(5));
                _validator.Validate(candle, _row);
                buffer.Span[written++] = candle;
            }
        }
        catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
        {
            throw CandleTable.Failure(_uri, _row + 1, "connection",
                $"lost the connection while reading {Symbol} after {_row} rows", e);
        }
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (CandleTable.IsDatabaseFailure(e))
        {
            // the connection is already gone; the read that found out has reported it
        }
        await _command.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The row's <c>ts</c>; PostgreSQL holds times past 9999-12-31 and infinity (which Npgsql reads as
    /// DateTime.MaxValue or MinValue), which no candle can carry.</summary>
    private long ReadTime()
    {
        try
        {
            var time = _reader.GetFieldValue<DateTime>(0);
            if (time == DateTime.MaxValue || time == DateTime.MinValue) throw new InvalidCastException("infinity");
            return ToUnixMs(time);
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new CandleDataException(_validator.Source, _row, "ts",
                "expected a time from 0001-01-01 to 9999-12-31T23:59:59.999Z, got one outside it (infinity or past year 9999)");
        }
    }

    private static long ToUnixMs(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
