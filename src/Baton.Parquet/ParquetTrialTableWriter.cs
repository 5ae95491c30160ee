using System.Globalization;
using Baton.Research.Sweeps;
using ParquetSharp;

namespace Baton.Parquet;

/// <summary>
/// <c>trials.parquet</c>: the columns of <c>trials.csv</c> with types, one row group, Snappy-compressed. Integer
/// columns are optional INT64, number columns optional DOUBLE (the round-trip text of <c>trials.csv</c> parsed back
/// to the same double), text columns optional UTF-8 strings; an empty cell is null.
/// </summary>
public sealed class ParquetTrialTableWriter : ITrialTableWriter
{
    public void Write(string path, TrialTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.Select(Column).ToArray();
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new ParquetFileWriter(path, columns, properties);
        using (var group = writer.AppendRowGroup())
        {
            foreach (var column in table.Columns) WriteColumn(group, column);
        }
        writer.Close();
    }

    private static Column Column(TrialColumn column) => column.Kind switch
    {
        TrialColumnKind.Integer => new Column<long?>(column.Name),
        TrialColumnKind.Number => new Column<double?>(column.Name),
        _ => new Column<string?>(column.Name, LogicalType.String()),
    };

    private static void WriteColumn(RowGroupWriter group, TrialColumn column)
    {
        using var writer = group.NextColumn();
        switch (column.Kind)
        {
            case TrialColumnKind.Integer:
                using (var w = writer.LogicalWriter<long?>())
                    w.WriteBatch(column.Cells.Select(c => c is null ? (long?)null : long.Parse(c, CultureInfo.InvariantCulture)).ToArray());
                break;
            case TrialColumnKind.Number:
                using (var w = writer.LogicalWriter<double?>())
                    w.WriteBatch(column.Cells.Select(c => c is null ? (double?)null : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray());
                break;
            default:
                using (var w = writer.LogicalWriter<string?>())
                    w.WriteBatch(column.Cells.ToArray());
                break;
        }
    }
}
