using System.Globalization;
using System.Text;

namespace Baton.Report;

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
    public static RunCsv? Open(string path) => File.Exists(path) ? new RunCsv(path) : null;

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

    public double Double(string column) =>
        double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "a number", Text(column));

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

    /// <summary>The form the run files are written in, <c>yyyy-MM-ddTHH:mm:ssZ</c>, read digit by digit (a report reads
    /// tens of thousands of them); anything else, or an impossible date, is left to the general parser.</summary>
    private static bool TryWritten(string s, out long ms)
    {
        ms = 0;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
        int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        ms = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return true;
    }

    /// <summary>The number spelled by <paramref name="count"/> ASCII digits at <paramref name="at"/>; -1 if any is not a digit.</summary>
    private static int Digits(string s, int at, int count)
    {
        int value = 0;
        for (int i = at; i < at + count; i++)
        {
            int digit = s[i] - '0';
            if ((uint)digit > 9) return -1;
            value = value * 10 + digit;
        }
        return value;
    }

    public static long? Seconds(string text) => Milliseconds(text) is { } ms ? FloorSeconds(ms) : null;

    public static long FloorSeconds(long ms) => ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}
