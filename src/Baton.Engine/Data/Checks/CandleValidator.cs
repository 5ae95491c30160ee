using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Core.Market;

namespace Baton.Engine.Data.Checks;

/// <summary>
/// The one check every candle passes at the edge that builds it (CSV, Parquet, PostgreSQL, the generator):
/// every price within [<see cref="MinPrice"/>, <see cref="MaxPrice"/>], high ≥ low, open and close within
/// [low, high], volume within [0, <see cref="MaxVolume"/>], and open time within years 1 to 9999 and strictly after the
/// previous candle of the same symbol. The price and volume bounds keep every amount the ledger derives from a candle
/// (a fill's price and value, a volume cap, a quantity sized from equity) inside <c>decimal</c>'s range, so no candle
/// that passes can crash a run. A failure throws
/// <see cref="CandleDataException"/> naming source, row and field, e.g.
/// <c>data/btc.csv:17:high: expected high &gt;= low (101.5), got 99.2</c>.
/// <para>One instance per symbol stream, since it remembers the previous open time. The passing path is a
/// handful of comparisons and allocates nothing; messages are built only when throwing.</para>
/// </summary>
public sealed class CandleValidator
{
    /// <summary>The smallest price a candle may hold: a hundred-millionth (one satoshi in BTC), 10 decimals are kept.</summary>
    public const double MinPrice = 1e-8;

    /// <summary>The largest price a candle may hold: a trillion per unit.</summary>
    public const double MaxPrice = 1e12;

    /// <summary>The largest volume a candle may hold: a quintillion units.</summary>
    public const double MaxVolume = 1e18;

    private long _previousOpenTime;
    private bool _hasPrevious;

    /// <param name="source">Where the candles come from, as messages should name it (a path, a table).</param>
    /// <param name="symbol">The symbol, named in ordering messages when a source holds several; null for none.</param>
    public CandleValidator(string source, string? symbol = null)
    {
        Source = source;
        Symbol = symbol;
    }

    /// <summary>The source named in messages.</summary>
    public string Source { get; }

    /// <summary>The symbol named in ordering messages, or null.</summary>
    public string? Symbol { get; }

    /// <summary>Open time of the last candle that passed, or null before the first.</summary>
    public long? PreviousOpenTime => _hasPrevious ? _previousOpenTime : null;

    /// <summary>Checks <paramref name="candle"/>, found at 1-based <paramref name="row"/> of the source, and
    /// remembers its open time; throws <see cref="CandleDataException"/> when it is not valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Validate(in Candle candle, long row)
    {
        bool valid = AreValid(candle.Open, candle.High, candle.Low, candle.Close, candle.Volume)
            && (!_hasPrevious || candle.OpenTime > _previousOpenTime) && IsInCalendar(candle.OpenTime);
        if (!valid) ThrowInvalid(candle, row);
        _previousOpenTime = candle.OpenTime;
        _hasPrevious = true;
    }

    /// <summary>
    /// Checks rows held as columns (all the same length), in order from 1-based <paramref name="firstRow"/>, exactly
    /// as <see cref="Validate(in Candle, long)"/> checks each, and stops after the first row whose open time is later than
    /// <paramref name="stopAfter"/> (that row is checked too). Returns how many rows were checked.
    /// </summary>
    public int Validate(ReadOnlySpan<long> times, ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<double> volume, long firstRow, long stopAfter)
    {
        int n = times.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
            throw new ArgumentException("columns differ in length");
        long previous = _hasPrevious ? _previousOpenTime : long.MinValue;
        bool first = !_hasPrevious;
        int k = 0;
        for (; k < n; k++)
        {
            double l = low[k], h = high[k], o = open[k], c = close[k], v = volume[k];
            long t = times[k];
            bool valid = AreValid(o, h, l, c, v) && (first || t > previous) && IsInCalendar(t);
            if (!valid)
            {
                (_previousOpenTime, _hasPrevious) = (previous, !first);
                ThrowInvalid(new Candle(t, o, h, l, c, v), firstRow + k);
            }
            previous = t;
            first = false;
            if (t > stopAfter)
            {
                k++;
                break;
            }
        }
        if (k > 0) (_previousOpenTime, _hasPrevious) = (previous, true);
        return k;
    }

    /// <summary>Every rule but the time order. NaN fails every comparison, and low &gt;= MinPrice with high &lt;= MaxPrice
    /// bounds open and close, so this one expression covers them all; ThrowInvalid works out which one failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreValid(double open, double high, double low, double close, double volume) =>
        low >= MinPrice && high <= MaxPrice && open >= low && open <= high && close >= low && close <= high
        && volume >= 0 && volume <= MaxVolume;

    /// <summary>Within years 1 to 9999, in one comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsInCalendar(long time) =>
        (ulong)(time - CandleTimestamp.MinTime) <= (ulong)(CandleTimestamp.MaxTime - CandleTimestamp.MinTime);

    /// <summary>Forgets the previous open time, to validate a new pass over the data.</summary>
    public void Reset() => _hasPrevious = false;

    /// <summary>The first rule <paramref name="candle"/> breaks as (field, problem), or null when it is valid
    /// (ignoring order).</summary>
    public static (string Field, string Problem)? FindProblem(in Candle candle)
    {
        ReadOnlySpan<(string Name, double Value)> fields =
        [
            ("open", candle.Open), ("high", candle.High), ("low", candle.Low), ("close", candle.Close), ("volume", candle.Volume),
        ];
        foreach (var (name, value) in fields)
        {
            if (!double.IsFinite(value)) return (name, $"expected a finite number, got {Show(value)}");
        }
        foreach (var (name, value) in fields[..4])
        {
            if (value <= 0) return (name, $"expected {name} > 0, got {Show(value)}");
            if (value is < MinPrice or > MaxPrice)
                return (name, $"expected {name} within [{Show(MinPrice)}, {Show(MaxPrice)}] (the prices Baton's ledger holds), got {Show(value)}");
        }
        if (candle.High < candle.Low) return ("high", $"expected high >= low ({Show(candle.Low)}), got {Show(candle.High)}");
        if (candle.Open < candle.Low || candle.Open > candle.High) return ("open", OutsideRange("open", candle.Open, candle));
        if (candle.Close < candle.Low || candle.Close > candle.High) return ("close", OutsideRange("close", candle.Close, candle));
        if (candle.Volume < 0) return ("volume", $"expected volume >= 0, got {Show(candle.Volume)}");
        if (candle.Volume > MaxVolume) return ("volume", $"expected volume <= {Show(MaxVolume)}, got {Show(candle.Volume)}");
        return null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowInvalid(in Candle candle, long row)
    {
        if (FindProblem(candle) is var (field, problem)) throw new CandleDataException(Source, row, field, problem);
        if (!IsInCalendar(candle.OpenTime))
        {
            throw new CandleDataException(Source, row, "timestamp", string.Create(CultureInfo.InvariantCulture,
                $"expected a time from 0001-01-01 to 9999-12-31T23:59:59.999Z, got {candle.OpenTime} ms since 1970"));
        }
        string previous = CandleTimestamp.Format(_previousOpenTime);
        string of = Symbol is null ? "" : $" of {Symbol}";
        string kind = candle.OpenTime == _previousOpenTime ? "duplicate" : "out of order";
        throw new CandleDataException(Source, row, "timestamp",
            $"expected a time after the previous candle{of} ({previous}), got {CandleTimestamp.Format(candle.OpenTime)} ({kind})");
    }

    private static string OutsideRange(string name, double value, in Candle candle) =>
        $"expected {name} within [low, high] = [{Show(candle.Low)}, {Show(candle.High)}], got {Show(value)}";

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
