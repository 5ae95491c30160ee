using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Engine.Data.Files;

namespace Baton.Research.Report;

/// <summary>
/// Reads a sweep's <c>trials.csv</c> (RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled) into
/// the report's <c>trials</c> object: the parameter names, the numeric columns (every metric, then <c>orders</c>,
/// <c>final_equity</c>, <c>candles</c>: the columns whose cells are all numbers) and one row per trial, its text columns
/// (<c>final_state</c>, <c>fills_hash</c>, a metric such as <c>periods_per_year_source</c>) by name. A row that breaks the contract throws
/// <see cref="InvalidDataException"/> naming the file, the line, the column and what was expected.
/// </summary>
internal static class TrialsCsv
{
    public const string FileName = "trials.csv";

    /// <summary>The largest trials.csv read (a million trials of about forty columns fit).</summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>Columns that hold text whatever their cells look like.</summary>
    private static readonly string[] TextColumns = ["final_state", "fills_hash"];

    /// <summary>Columns that must hold numbers (or be empty): a cell that is not one is an error naming its line.
    /// Other metric columns are numbers when every cell is one, else text (e.g. <c>periods_per_year_source</c>).</summary>
    private static readonly string[] NumberColumns =
    [
        "score", "orders", "final_equity", "candles", "total_return", "cagr", "sharpe", "sortino", "calmar", "max_drawdown",
        "start_equity", "end_equity", "trades.trade_count", "trades.win_rate", "trades.profit_factor",
    ];

    public static JsonObject Read(string path, IReadOnlyList<string> parameters)
    {
        var (header, records) = Load(path);
        var layout = Layout.Of(path, header, parameters);
        foreach (var (line, fields) in records) Check(new Where(path, line, header), fields, layout);
        int[] numbers = layout.Rest.Where(i => !TextColumns.Contains(header[i])
            && records.All(r => r.Fields[i].Length == 0 || IsNumber(r.Fields[i]))).ToArray();
        int[] texts = layout.Rest.Except(numbers).ToArray();
        var rows = new JsonArray();
        foreach (var (_, fields) in records) rows.Add(Row(fields, layout, numbers, texts, header));
        return new JsonObject
        {
            ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["metrics"] = new JsonArray(numbers.Select(i => (JsonNode?)JsonValue.Create(header[i])).ToArray()),
            ["rows"] = rows,
        };
    }

    private static (List<string> Header, List<(int Line, List<string> Fields)> Records) Load(string path)
    {
        using var reader = new StreamReader(InputFile.OpenRead(path, FileOptions.SequentialScan, MaxBytes), new UTF8Encoding(false, throwOnInvalidBytes: true));
        List<(int Line, List<string> Fields)> all;
        try
        {
            all = Records(reader, path).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)).ToList();
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{path}: not valid UTF-8");
        }
        if (all.Count == 0) throw new InvalidDataException($"{path}: empty, expected a header line");
        return (all[0].Fields, all.GetRange(1, all.Count - 1));
    }

    /// <summary>The row's shape: as many fields as the header, a trial id, a status, numbers where they must be.</summary>
    private static void Check(Where at, List<string> fields, Layout layout)
    {
        if (fields.Count != at.Header.Count)
            throw at.Error($"has {fields.Count} fields, expected {at.Header.Count} as in the header");
        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw at.Error(0, "a trial id (a whole number ≥ 0)", fields[0]);
        if (fields[layout.Status] is not ("ok" or "failed"))
            throw at.Error(layout.Status, "ok or failed", fields[layout.Status]);
        for (int i = layout.Status + 2; i < fields.Count; i++)
        {
            if (fields[i].Length > 0 && NumberColumns.Contains(at.Header[i]) && !IsNumber(fields[i]))
                throw at.Error(i, "a number", fields[i]);
        }
    }

    private static JsonObject Row(List<string> fields, Layout layout, int[] numbers, int[] texts, List<string> header)
    {
        var values = new JsonArray();
        for (int i = 1; i <= layout.ParameterCount; i++) values.Add(JsonValue.Create(fields[i]));
        var metrics = new JsonArray();
        foreach (int i in numbers) metrics.Add(Number(fields[i]));
        var row = new JsonObject
        {
            ["trial"] = int.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture),
            ["values"] = values,
            ["status"] = fields[layout.Status],
            ["error"] = fields[layout.Status + 1].Length == 0 ? null : fields[layout.Status + 1],
            ["score"] = Number(fields[layout.Status + 2]),
            ["metrics"] = metrics,
        };
        foreach (int i in texts) row[header[i]] = fields[i].Length == 0 ? null : fields[i];
        return row;
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>A number as <c>Formats.Number</c> spells it (checked before); empty, NaN and infinities are null.</summary>
    private static JsonNode? Number(string text) =>
        text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? JsonValue.Create(v) : null;

    /// <summary>Where the fixed columns are: trial, the parameters, status, error, score, then numbers and texts.</summary>
    private sealed record Layout(int ParameterCount, int Status, int[] Rest)
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
            return new Layout(parameters.Count, parameters.Count + 1, Enumerable.Range(fixedStart.Length, header.Count - fixedStart.Length).ToArray());
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
