using System.Runtime.CompilerServices;
using Baton.Core.Market;
using Baton.Engine.Data.Files;

namespace Baton.Engine.Data.Csv;

/// <summary>
/// Splits one CSV data line into the fields of a <see cref="CsvLayout"/> and parses them into a candle, with
/// errors naming source, row and field. Reused line after line: it keeps the field offsets of the last split.
/// </summary>
internal sealed class CsvRowParser
{
    private readonly string _source;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly int _timeColumn, _openColumn, _highColumn, _lowColumn, _closeColumn, _volumeColumn;

    public CsvRowParser(string source, CsvLayout layout)
    {
        _source = source;
        Layout = layout;
        _fieldStart = new int[layout.ColumnCount];
        _fieldLength = new int[layout.ColumnCount];
        int[] of = layout.ColumnOf;
        (_timeColumn, _openColumn, _highColumn) = (of[(int)CsvColumn.Timestamp], of[(int)CsvColumn.Open], of[(int)CsvColumn.High]);
        (_lowColumn, _closeColumn, _volumeColumn) = (of[(int)CsvColumn.Low], of[(int)CsvColumn.Close], of[(int)CsvColumn.Volume]);
    }

    public CsvLayout Layout { get; }

    /// <summary>True for a line of nothing but spaces or tabs (or nothing), which readers skip.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) =>
        line.IsEmpty || (line[0] is (byte)' ' or (byte)'\t' && CsvFields.Trim(line).IsEmpty);

    /// <summary>Finds the fields of <paramref name="line"/>; throws when it has the wrong number of columns.</summary>
    public void Split(ReadOnlySpan<byte> line, long row)
    {
        int last = _fieldStart.Length - 1;
        int position = 0;
        for (int column = 0; column < last; column++)
        {
            int comma = line[position..].IndexOf((byte)',');
            if (comma < 0) ThrowColumnCount(line, row);
            _fieldStart[column] = position;
            _fieldLength[column] = comma;
            position += comma + 1;
        }
        if (line[position..].Contains((byte)',')) ThrowColumnCount(line, row);
        _fieldStart[last] = position;
        _fieldLength[last] = line.Length - position;
    }

    /// <summary>A field of the line last split, trimmed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column) =>
        CsvFields.Trim(line.Slice(_fieldStart[column], _fieldLength[column]));

    /// <summary>The candle of the line last split (not validated).</summary>
    public Candle Candle(ReadOnlySpan<byte> line, long row) =>
        new(Time(line, row), Number(line, _openColumn, row), Number(line, _highColumn, row),
            Number(line, _lowColumn, row), Number(line, _closeColumn, row), Number(line, _volumeColumn, row));

    private long Time(ReadOnlySpan<byte> line, long row)
    {
        var text = Field(line, _timeColumn);
        if (!CandleTimestamp.TryParse(text, out long time))
        {
            throw new CandleDataException(_source, row, "timestamp",
                $"expected an ISO-8601 date or date-time, or an integer epoch, got {CsvFields.Describe(text)}");
        }
        return time;
    }

    private double Number(ReadOnlySpan<byte> line, int column, long row)
    {
        var text = Field(line, column);
        if (!CsvNumber.TryParse(text, out double value)) ThrowNumber(text, column, row);
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNumber(ReadOnlySpan<byte> text, int column, long row)
    {
        var kind = (CsvColumn)Array.IndexOf(Layout.ColumnOf, column);
        throw new CandleDataException(_source, row, CsvLayout.NameOf(kind), $"expected a number, got {CsvFields.Describe(text)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowColumnCount(ReadOnlySpan<byte> line, long row)
    {
        int found = line.Count((byte)',') + 1;
        throw new CandleDataException(_source, row, "columns",
            $"expected {Layout.ColumnCount} columns ({Excerpt.Of(string.Join(",", Layout.Names))}), got {found}");
    }
}
