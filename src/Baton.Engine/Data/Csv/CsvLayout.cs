using System.Text;
using Baton.Engine.Data.Files;

namespace Baton.Engine.Data.Csv;

/// <summary>What a CSV column holds.</summary>
internal enum CsvColumn : byte
{
    Ignored,
    Timestamp,
    Open,
    High,
    Low,
    Close,
    Volume,
    Symbol,
}

/// <summary>
/// The columns of a candle CSV file, from its header line: any order, names case-insensitive,
/// <c>time</c>/<c>date</c>/<c>datetime</c>/<c>ts</c> accepted for <c>timestamp</c>, <c>symbol</c> optional,
/// other columns ignored.
/// </summary>
internal sealed class CsvLayout
{
    private static readonly CsvColumn[] Required =
        [CsvColumn.Timestamp, CsvColumn.Open, CsvColumn.High, CsvColumn.Low, CsvColumn.Close, CsvColumn.Volume];

    private CsvLayout(string[] names, int[] columnOf)
    {
        Names = names;
        ColumnOf = columnOf;
    }

    /// <summary>Header names as written (trimmed).</summary>
    public string[] Names { get; }

    /// <summary>Number of columns every row must have.</summary>
    public int ColumnCount => Names.Length;

    /// <summary>Column index of each <see cref="CsvColumn"/> (indexed by its value); -1 when absent.</summary>
    public int[] ColumnOf { get; }

    /// <summary>Index of the symbol column, or -1 when the file holds one symbol.</summary>
    public int SymbolColumn => ColumnOf[(int)CsvColumn.Symbol];

    /// <summary>The header names joined for messages, bounded (<see cref="Excerpt"/>): a header can be megabytes long.</summary>
    public string NameList => Excerpt.Of(string.Join(", ", Names));

    /// <summary>Canonical name of a column kind, as messages use it.</summary>
    public static string NameOf(CsvColumn column) => column.ToString().ToLowerInvariant();

    /// <summary>Reads the header line (without its line break); throws <see cref="CandleDataException"/> at row 1
    /// for a missing or repeated required column.</summary>
    public static CsvLayout Parse(string source, ReadOnlySpan<byte> header)
    {
        var names = new List<string>();
        foreach (var range in header.Split((byte)','))
        {
            names.Add(Encoding.UTF8.GetString(CsvFields.Trim(header[range])));
        }
        var columnOf = new int[(int)CsvColumn.Symbol + 1];
        Array.Fill(columnOf, -1);
        for (int i = 0; i < names.Count; i++)
        {
            var kind = Classify(names[i]);
            if (kind == CsvColumn.Ignored) continue;
            if (columnOf[(int)kind] >= 0)
            {
                throw new CandleDataException(source, 1, NameOf(kind),
                    $"expected one {NameOf(kind)} column, got two ({Excerpt.Of(names[columnOf[(int)kind]])} and {Excerpt.Of(names[i])})");
            }
            columnOf[(int)kind] = i;
        }
        var layout = new CsvLayout([.. names], columnOf);
        foreach (var kind in Required)
        {
            if (columnOf[(int)kind] < 0)
            {
                string aliases = kind == CsvColumn.Timestamp ? " (or time, date, datetime, ts)" : "";
                throw new CandleDataException(source, 1, NameOf(kind),
                    $"expected a column named {NameOf(kind)}{aliases}, found columns: {layout.NameList}");
            }
        }
        return layout;
    }

    private static CsvColumn Classify(string name) => name.ToLowerInvariant() switch
    {
        "timestamp" or "time" or "date" or "datetime" or "ts" => CsvColumn.Timestamp,
        "open" => CsvColumn.Open,
        "high" => CsvColumn.High,
        "low" => CsvColumn.Low,
        "close" => CsvColumn.Close,
        "volume" => CsvColumn.Volume,
        "symbol" => CsvColumn.Symbol,
        _ => CsvColumn.Ignored,
    };
}
