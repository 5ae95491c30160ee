using Baton.Core.Market;

namespace Baton.Engine.Data;

/// <summary>Open-time bounds of a run, Unix ms UTC, inclusive; null = unbounded.</summary>
public readonly record struct TimeRange(long? From, long? To)
{
    public static readonly TimeRange All = new(null, null);

    public bool Contains(long openTime) => (From is not { } f || openTime >= f) && (To is not { } t || openTime <= t);
}

/// <summary>
/// Candles of one symbol, in strictly increasing open time, delivered in batches into a buffer the caller
/// reuses, so any amount of data flows through in bounded memory. Every candle is validated by the stream
/// (finite, positive prices, low ≤ open/close ≤ high, volume ≥ 0, time strictly increasing); a bad one throws
/// <see cref="CandleDataException"/> naming source, row and field.
/// </summary>
public interface ICandleStream : IAsyncDisposable
{
    string Symbol { get; }

    /// <summary>Fills <paramref name="buffer"/> from the start; returns how many candles were written, 0 at the end.
    /// May return fewer than the buffer holds before the end.</summary>
    ValueTask<int> ReadAsync(Memory<Candle> buffer, CancellationToken cancellationToken);
}

/// <summary>A place candles come from (a CSV file, a Parquet file, a database, a generator).</summary>
public interface ICandleSource
{
    /// <summary>A description safe to print and log (never a password).</summary>
    string Description { get; }

    /// <summary>Opens one stream per symbol, each restricted to <paramref name="range"/>.</summary>
    ValueTask<IReadOnlyList<ICandleStream>> OpenAsync(IReadOnlyList<string> symbols, Timeframe timeframe, TimeRange range,
        CancellationToken cancellationToken);
}

/// <summary>Bad market data: names where (<see cref="DataSource"/>, 1-based <see cref="Row"/>, <see cref="Field"/>)
/// and what was expected.</summary>
public sealed class CandleDataException : Exception
{
    public CandleDataException(string source, long row, string field, string problem)
        : base(row > 0 ? $"{source}:{row}:{field}: {problem}" : $"{source}: {field}: {problem}")
    {
        DataSource = source;
        Row = row;
        Field = field;
    }

    public string DataSource { get; }
    public long Row { get; }
    public string Field { get; }
}
