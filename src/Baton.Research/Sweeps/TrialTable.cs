using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Baton.Core.Performance;
using Baton.Engine.Events;
using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Trials;
using Baton.Runs.Files;

namespace Baton.Research.Sweeps;

/// <summary>What a column of <see cref="TrialTable"/> holds.</summary>
public enum TrialColumnKind
{
    Integer,
    Number,
    Text,
}

/// <summary>One column: its name, kind and one cell per row, spelled as in <c>trials.csv</c> (null: empty).</summary>
public sealed record TrialColumn(string Name, TrialColumnKind Kind, IReadOnlyList<string?> Cells);

/// <summary>Writes a trial table in a columnar format (<c>trials.parquet</c>); implemented by Baton.Parquet.</summary>
public interface ITrialTableWriter
{
    void Write(string path, TrialTable table);
}

/// <summary>
/// The table of a sweep's trials, one row per trial by id: <c>trial</c>, one column per parameter, <c>status</c>,
/// <c>error</c>, <c>score</c>, every metric of <c>metrics.json</c>'s <c>metrics</c> object flattened with dots in its
/// order, then <c>orders</c>, <c>final_equity</c>, <c>final_state</c>, <c>candles</c>, <c>fills_hash</c>. Numbers are
/// spelled with <see cref="Formats.Number(double)"/>.
/// </summary>
public sealed class TrialTable
{
    private static readonly JsonSerializerOptions Json = RunJson.Indented;

    private TrialTable(IReadOnlyList<TrialColumn> columns, int rows)
    {
        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<TrialColumn> Columns { get; }
    public int RowCount { get; }

    public static TrialTable Of(IReadOnlyList<TrialOutcome> trials, ParameterSpace space, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(objective);
        var rows = trials.OrderBy(t => t.Id).ToArray();
        var columns = new List<TrialColumn> { Column("trial", TrialColumnKind.Integer, rows, t => Int(t.Id)) };
        foreach (var axis in space.Axes)
            columns.Add(Column(axis.Name, TrialColumnKind.Text, rows, t => t.Settings.FirstOrDefault(s => s.Name == axis.Name)?.Value));
        columns.Add(Column("status", TrialColumnKind.Text, rows, t => t.Error is null ? "ok" : "failed"));
        columns.Add(Column("error", TrialColumnKind.Text, rows, t => t.Error?.ReplaceLineEndings("; ")));
        columns.Add(Column("score", TrialColumnKind.Number, rows, t => objective.Score(t) is { } s ? Formats.Number(s) : null));
        var metrics = rows.Select(t => t.Metrics is { } m ? JsonSerializer.SerializeToElement(m, Json) : (JsonElement?)null).ToArray();
        foreach (var (path, type) in MetricColumns())
            columns.Add(new TrialColumn(string.Join('.', path), Kind(type), metrics.Select(m => m is { } e ? Cell(e, path, type) : null).ToArray()));
        columns.Add(Column("orders", TrialColumnKind.Integer, rows, t => Ok(t, Int(t.Orders))));
        columns.Add(Column("final_equity", TrialColumnKind.Number, rows, t => Ok(t, Formats.Number(t.FinalEquity))));
        columns.Add(Column("final_state", TrialColumnKind.Text, rows, t => Ok(t, WireNames.Of(t.FinalState))));
        columns.Add(Column("candles", TrialColumnKind.Integer, rows, t => Ok(t, t.Candles.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        columns.Add(Column("fills_hash", TrialColumnKind.Text, rows, t => t.FillsHash));
        return new TrialTable(columns, rows.Length);
    }

    /// <summary>The table as CSV: a header line, then one line per trial, <c>\n</c> line ends.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Columns.Select(c => ResultWriter.Csv(c.Name))) + "\n");
        for (int r = 0; r < RowCount; r++)
            writer.Write(string.Join(',', Columns.Select(c => ResultWriter.Csv(c.Cells[r] ?? ""))) + "\n");
    }

    private static TrialColumn Column(string name, TrialColumnKind kind, TrialOutcome[] rows, Func<TrialOutcome, string?> cell) =>
        new(name, kind, rows.Select(cell).ToArray());

    private static string? Ok(TrialOutcome t, string value) => t.Error is null ? value : null;

    private static string Int(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The leaves of <see cref="PerformanceMetrics"/> as metrics.json writes them, in its order: nested objects
    /// (an episode, the trade statistics) give one column per property.</summary>
    internal static IReadOnlyList<(string[] Path, Type Type)> MetricColumns()
    {
        var columns = new List<(string[], Type)>();
        Leaves(typeof(PerformanceMetrics), [], columns);
        return columns;
    }

    private static void Leaves(Type type, string[] prefix, List<(string[], Type)> into)
    {
        foreach (var property in Json.GetTypeInfo(type).Properties)
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            string[] path = [.. prefix, property.Name];
            if (Json.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object) Leaves(t, path, into);
            else into.Add((path, t));
        }
    }

    private static TrialColumnKind Kind(Type t) =>
        t == typeof(int) || t == typeof(long) ? TrialColumnKind.Integer
        : t == typeof(double) || t == typeof(decimal) || t == typeof(float) ? TrialColumnKind.Number
        : TrialColumnKind.Text;

    /// <summary>The value at <paramref name="path"/>: numbers spelled by <see cref="Formats"/>, null when absent or null.</summary>
    private static string? Cell(JsonElement metrics, string[] path, Type type)
    {
        var e = metrics;
        foreach (string name in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        return e.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number when type == typeof(double) => Formats.Number(e.GetDouble()),
            JsonValueKind.Number when type == typeof(decimal) => Formats.Number(e.GetDecimal()),
            _ => e.GetRawText(),
        };
    }
}
