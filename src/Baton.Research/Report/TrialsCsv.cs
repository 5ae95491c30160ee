using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Research.Report;

/// <summary>
/// Reads a sweep's <c>trials.csv</c> (RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled) into
/// the report's <c>trials</c> object: the parameter names, the numeric columns (every metric, then <c>orders</c>,
/// <c>final_equity</c>, <c>candles</c>) and one row per trial. A row that breaks the contract throws
/// <see cref="InvalidDataException"/> naming the file, the line, the column and what was expected.
/// </summary>
internal static class TrialsCsv
{
    public const string FileName = "trials.csv";

    private static readonly string[] TextColumns = ["final_state", "fills_hash"];

    public static JsonObject Read(string path, IReadOnlyList<string> parameters)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var records = Records(reader, path).GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException($"{path}: empty, expected a header line");
        var header = records.Current.Fields;
        var layout = Layout.Of(path, header, parameters);
        var rows = new JsonArray();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            rows.Add(Row(new Where(path, line, header), fields, layout));
        }
        return new JsonObject
        {
            ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["metrics"] = new JsonArray(layout.Numbers.Select(i => (JsonNode?)JsonValue.Create(header[i])).ToArray()),
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(Where at, List<string> fields, Layout layout)
    {
        if (fields.Count != at.Header.Count)
            throw at.Error($"has {fields.Count} fields, expected {at.Header.Count} as in the header");
        int id = int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t
            : throw at.Error(0, "a trial id (a whole number ≥ 0)", fields[0]);
        string status = fields[layout.Status] is "ok" or "failed" ? fields[layout.Status]
            : throw at.Error(layout.Status, "ok or failed", fields[layout.Status]);
        var values = new JsonArray();
        for (int i = 1; i <= layout.ParameterCount; i++) values.Add(JsonValue.Create(fields[i]));
        var numbers = new JsonArray();
        foreach (int i in layout.Numbers) numbers.Add(Number(at, i, fields[i]));
        var row = new JsonObject
        {
            ["trial"] = id,
            ["values"] = values,
            ["status"] = status,
            ["error"] = fields[layout.Status + 1].Length == 0 ? null : fields[layout.Status + 1],
            ["score"] = Number(at, layout.Status + 2, fields[layout.Status + 2]),
            ["metrics"] = numbers,
        };
        foreach (int i in layout.Texts) row[at.Header[i]] = fields[i].Length == 0 ? null : fields[i];
        return row;
    }

    /// <summary>A number as <c>Formats.Number</c> spells it; empty, NaN and infinities are null (undefined).</summary>
    private static JsonNode? Number(Where at, int column, string text)
    {
        if (text.Length == 0) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw at.Error(column, "a number", text);
        return double.IsFinite(v) ? JsonValue.Create(v) : null;
    }

    /// <summary>Where the fixed columns are: trial, the parameters, status, error, score, then numbers and texts.</summary>
    private sealed record Layout(int ParameterCount, int Status, int[] Numbers, int[] Texts)
    {
        public static Layout Of(string path, List<string> header, IReadOnlyList<string> parameters)
        {
            string[] fixedStart = ["trial", .. parameters, "status", "error", "score"];
            for (int i = 0; i < fixedStart.Length; i++)
            {
                if (i >= header.Count || header[i] != fixedStart[i])
                    throw new InvalidDataException($"{path} line 1 (header): column {i + 1} is '{(i < header.Count ? header[i] : "")}', " +
                        $"expected '{fixedStart[i]}' (trial, the manifest's parameters in order, status, error, score, then the metrics)");
            }
            var rest = Enumerable.Range(fixedStart.Length, header.Count - fixedStart.Length).ToArray();
            return new Layout(parameters.Count, parameters.Count + 1,
                rest.Where(i => !TextColumns.Contains(header[i])).ToArray(),
                rest.Where(i => TextColumns.Contains(header[i])).ToArray());
        }
    }

    private sealed record Where(string Path, int Line, List<string> Header)
    {
        public InvalidDataException Error(string what) => new($"{Path} line {Line}: {what}");

        public InvalidDataException Error(int column, string expected, string got) =>
            new($"{Path} line {Line}, column {Header[column]}: expected {expected}, got '{Shorten(got)}'");

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }

    /// <summary>The CSV's records with the line each starts on; a quoted field may span lines.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader, string path)
    {
        int line = 1;
        while (reader.Peek() >= 0)
        {
            int start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, wasQuoted = false;
            while (true)
            {
                int c = reader.Read();
                if (c < 0) { if (quoted) throw new InvalidDataException($"{path} line {start}: a quoted field is not closed"); break; }
                if (quoted)
                {
                    if (c == '"' && reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') line++; field.Append((char)c); }
                    continue;
                }
                if (c == '"' && field.Length == 0 && !wasQuoted) { quoted = wasQuoted = true; continue; }
                if (c == ',') { fields.Add(field.ToString()); field.Clear(); wasQuoted = false; continue; }
                if (c == '\r' && reader.Peek() == '\n') continue;
                if (c == '\n') { line++; break; }
                field.Append((char)c);
            }
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
