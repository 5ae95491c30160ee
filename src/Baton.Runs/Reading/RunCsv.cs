using System.Globalization;
using System.Text;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;

namespace Baton.Runs.Reading;

/// <summary>A run file that cannot be read back: names the file, the line and the field, and what was expected.</summary>
public sealed class RunFileException(string message) : IOException(message);

/// <summary>
/// Reads a CSV file written by the engine's run writers, row by row, by column name: a header line, then
/// fields separated by commas, quoted when they hold a comma or a quote. Bad values throw
/// <see cref="RunFileException"/> with <c>file:line:column</c>.
/// </summary>
internal sealed class RunCsv : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _name;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _fields = [];
    private long _line = 1;

    private RunCsv(string path)
    {
        _name = Path.GetFileName(path);
        _reader = new StreamReader(path, Encoding.UTF8);
        string header = _reader.ReadLine() ?? throw new RunFileException($"{_name}: empty file, expected a header line");
        var names = Split(header);
        for (int i = 0; i < names.Length; i++) _columns[names[i]] = i;
    }

    /// <summary>Opens <paramref name="path"/>, or returns null when the file does not exist.</summary>
    public static RunCsv? Open(string path) => Present(path) ? new RunCsv(path) : null;

    /// <summary>Whether the run file <paramref name="path"/> is there to read: false when it is missing; a folder, a
    /// named pipe, a device or a socket in its place is refused (opening a FIFO blocks forever, <c>/dev/zero</c> never
    /// ends), as is a file over <paramref name="maxBytes"/>.</summary>
    internal static bool Present(string path, long maxBytes = long.MaxValue)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return false;
        return InputFile.Problem(path, maxBytes) is { } problem
            ? throw new RunFileException($"{Path.GetFileName(path)}: {problem}")
            : true;
    }

    /// <summary>Moves to the next row; false at the end. Blank lines are skipped.</summary>
    public bool Read()
    {
        string? line;
        do
        {
            line = _reader.ReadLine();
            _line++;
            if (line is null) return false;
        } while (line.Length == 0);
        _fields = Split(line);
        return true;
    }

    public string Text(string column)
    {
        if (!_columns.TryGetValue(column, out int i)) throw new RunFileException($"{_name}: no column '{column}' in the header");
        if (i >= _fields.Length) throw Bad(column, "a value", "the end of the line");
        return _fields[i];
    }

    /// <summary>A finite number: the engine writes no NaN or infinity, so one in a run file is tampering, refused with its
    /// place rather than drawn as a broken chart.</summary>
    public double Double(string column) =>
        double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Bad(column, "a finite number", Text(column));

    public decimal Decimal(string column) =>
        decimal.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "a decimal number", Text(column));

    public long Long(string column) =>
        long.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "an integer", Text(column));

    /// <summary>An ISO-8601 UTC time as Unix seconds.</summary>
    public long Time(string column) => RunTime.Seconds(Text(column)) ?? throw Bad(column, "an ISO-8601 UTC time", Text(column));

    /// <summary>A time as Unix milliseconds.</summary>
    public long TimeMs(string column) => RunTime.Milliseconds(Text(column)) ?? throw Bad(column, "an ISO-8601 UTC time", Text(column));

    public RunFileException Bad(string column, string expected, string got) =>
        new($"{_name}:{_line}:{column}: expected {expected}, got \"{got}\"");

    public void Dispose() => _reader.Dispose();

    /// <summary>The fields of a line; a line without quotes (nearly every line) is cut at its commas in one pass.</summary>
    private static string[] Split(string line) => line.Contains('"', StringComparison.Ordinal) ? SplitQuoted(line) : line.Split(',');

    private static string[] SplitQuoted(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}

/// <summary>The run files' ISO-8601 UTC times (<c>2024-01-01T00:00:00Z</c>) to Unix time.</summary>
internal static class RunTime
{
    public static long? Milliseconds(string text) =>
        TryWritten(text, out long ms) ? ms
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToUnixTimeMilliseconds()
            : null;

    /// <summary>The form the run files are written in, <c>yyyy-MM-ddTHH:mm:ssZ</c>, read by the data files' own
    /// digit-by-digit parser (a report reads tens of thousands of them); anything else, or an impossible date, is left
    /// to the general parser.</summary>
    private static bool TryWritten(string s, out long ms)
    {
        ms = 0;
        return s.Length == 20 && s[10] == 'T' && s[19] == 'Z' && CandleTimestamp.TryParse(s, out ms);
    }

    public static long? Seconds(string text) => Milliseconds(text) is { } ms ? FloorSeconds(ms) : null;

    public static long FloorSeconds(long ms) => ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}
