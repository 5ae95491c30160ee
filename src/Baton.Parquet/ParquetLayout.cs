using Baton.Engine.Data;
using Baton.Engine.Strategy;
using ParquetSharp;

namespace Baton.Parquet;

/// <summary>How a Parquet timestamp column holds time.</summary>
internal enum TimeKind
{
    /// <summary>INT64 with a TIMESTAMP(MILLIS) logical type.</summary>
    Millis,
    /// <summary>INT64 with TIMESTAMP(MICROS).</summary>
    Micros,
    /// <summary>INT64 with TIMESTAMP(NANOS).</summary>
    Nanos,
    /// <summary>Plain INT64 epoch; the unit is read from the magnitude (s, ms, µs or ns).</summary>
    Epoch,
    /// <summary>INT32 with a DATE logical type: days since 1970-01-01.</summary>
    Days,
}

/// <summary>
/// Where the candle fields are in a Parquet file's schema, by the names of <see cref="DataColumns"/>
/// (exact match first, then case-insensitive), and how each is typed. Prices and volume may be DOUBLE, FLOAT,
/// INT32 or INT64; the timestamp a TIMESTAMP (ms, µs, ns), a plain INT64 epoch or a DATE; the symbol a string.
/// A missing or mistyped column throws <see cref="CandleDataException"/> naming the file and the field.
/// </summary>
internal sealed class ParquetLayout
{
    private static readonly string[] Fields = ["timestamp", "open", "high", "low", "close", "volume"];

    private ParquetLayout(int[] columns, PhysicalType[] types, TimeKind timeKind, int symbolColumn, string columnList)
    {
        Columns = columns;
        Types = types;
        TimeKind = timeKind;
        SymbolColumn = symbolColumn;
        ColumnList = columnList;
    }

    /// <summary>Column index of timestamp, open, high, low, close, volume, in that order.</summary>
    public int[] Columns { get; }

    /// <summary>Physical type of each of <see cref="Columns"/>.</summary>
    public PhysicalType[] Types { get; }

    public TimeKind TimeKind { get; }

    /// <summary>Index of the symbol column, or -1 when the file holds one symbol.</summary>
    public int SymbolColumn { get; }

    /// <summary>The file's column names, for messages.</summary>
    public string ColumnList { get; }

    /// <summary>The field name as messages use it (timestamp, open ...).</summary>
    public static string FieldName(int field) => Fields[field];

    public static ParquetLayout Read(string source, SchemaDescriptor schema, DataColumns names)
    {
        var all = new string[schema.NumColumns];
        for (int i = 0; i < all.Length; i++) all[i] = schema.Column(i).Name;
        string list = string.Join(", ", all);
        string[] wanted = [names.Timestamp, names.Open, names.High, names.Low, names.Close, names.Volume];
        var columns = new int[wanted.Length];
        var types = new PhysicalType[wanted.Length];
        for (int f = 0; f < wanted.Length; f++)
        {
            columns[f] = Find(all, wanted[f]);
            if (columns[f] < 0)
            {
                string mapped = wanted[f] == Fields[f] ? "" : $" (data.columns.{Fields[f]})";
                throw new CandleDataException(source, 0, Fields[f], $"expected a column named {wanted[f]}{mapped}, found columns: {list}");
            }
            var column = schema.Column(columns[f]);
            types[f] = column.PhysicalType;
            if (column.MaxRepetitionLevel > 0) throw Mistyped(source, Fields[f], column, "a plain (not repeated) column");
            if (f > 0 && types[f] is not (PhysicalType.Double or PhysicalType.Float or PhysicalType.Int32 or PhysicalType.Int64)
                || f > 0 && column.LogicalType.Type == LogicalTypeEnum.Decimal)
                throw Mistyped(source, Fields[f], column, "a DOUBLE, FLOAT, INT32 or INT64 column");
        }
        var timeKind = TimeKindOf(source, schema.Column(columns[0]));
        int symbol = Find(all, names.Symbol);
        if (symbol >= 0 && schema.Column(symbol).PhysicalType != PhysicalType.ByteArray)
            throw Mistyped(source, "symbol", schema.Column(symbol), "a string (BYTE_ARRAY) column");
        return new ParquetLayout(columns, types, timeKind, symbol, list);
    }

    private static int Find(string[] names, string wanted)
    {
        int exact = Array.IndexOf(names, wanted);
        if (exact >= 0) return exact;
        return Array.FindIndex(names, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static TimeKind TimeKindOf(string source, ColumnDescriptor column)
    {
        using var logical = column.LogicalType;
        if (column.PhysicalType == PhysicalType.Int64)
        {
            if (logical is TimestampLogicalType timestamp)
            {
                return timestamp.TimeUnit switch
                {
                    TimeUnit.Millis => TimeKind.Millis,
                    TimeUnit.Micros => TimeKind.Micros,
                    TimeUnit.Nanos => TimeKind.Nanos,
                    _ => throw Mistyped(source, "timestamp", column, "a timestamp in ms, µs or ns"),
                };
            }
            if (logical.Type is LogicalTypeEnum.None or LogicalTypeEnum.Undefined or LogicalTypeEnum.Int) return TimeKind.Epoch;
        }
        if (column.PhysicalType == PhysicalType.Int32 && logical.Type == LogicalTypeEnum.Date) return TimeKind.Days;
        throw Mistyped(source, "timestamp", column, "a TIMESTAMP, an INT64 epoch (s, ms, µs or ns) or a DATE column");
    }

    private static CandleDataException Mistyped(string source, string field, ColumnDescriptor column, string expected)
    {
        using var logical = column.LogicalType;
        string type = logical.Type is LogicalTypeEnum.None or LogicalTypeEnum.Undefined
            ? column.PhysicalType.ToString().ToUpperInvariant()
            : $"{column.PhysicalType.ToString().ToUpperInvariant()} ({logical.Type.ToString().ToUpperInvariant()})";
        return new CandleDataException(source, 0, field, $"expected column {column.Name} to be {expected}, got {type}");
    }
}
