using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Engine.Events;

namespace Baton.Cli.Commands;

/// <summary>
/// Writes <c>baton indicators compute</c>'s table, one row per candle: the open time (ISO-8601 UTC), then one value
/// per column, empty (CSV) or null (JSON) while not ready, numbers in shortest round-trip form ("R"), so parsing
/// them gives the computed doubles bit for bit. Rows are streamed; nothing is kept.
/// </summary>
internal abstract class IndicatorRows : IDisposable
{
    protected readonly char[] Number = new char[32];

    public static IndicatorRows Create(string format, Stream output, IReadOnlyList<string> columns) => format switch
    {
        "csv" => new Csv(output, columns),
        "json" => new Json(output, columns),
        _ => throw new CliException($"--format {format}: expected csv or json"),
    };

    public abstract void Write(long openTime, double[] values);

    /// <summary>Ends the table and flushes it.</summary>
    public abstract void Finish();

    public abstract void Dispose();

    protected int Format(double value) =>
        value.TryFormat(Number, out int n, "R", CultureInfo.InvariantCulture) ? n : throw new InvalidOperationException("number too long");

    /// <summary>Header <c>timestamp,col,col...</c>; an empty field while a value is not ready.</summary>
    private sealed class Csv : IndicatorRows
    {
        private readonly StreamWriter _writer;

        public Csv(Stream output, IReadOnlyList<string> columns)
        {
            _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            _writer.WriteLine("timestamp," + string.Join(',', columns));
        }

        public override void Write(long openTime, double[] values)
        {
            _writer.Write(Formats.Time(openTime));
            foreach (double v in values)
            {
                _writer.Write(',');
                if (!double.IsNaN(v)) _writer.Write(Number, 0, Format(v));
            }
            _writer.Write('\n');
        }

        public override void Finish() => _writer.Flush();

        public override void Dispose() => _writer.Dispose();
    }

    /// <summary>An array of objects <c>{"timestamp": "...", "sma_10": 101.2 | null, ...}</c>, one per candle.</summary>
    private sealed class Json : IndicatorRows
    {
        private readonly Utf8JsonWriter _writer;
        private readonly JsonEncodedText _timestamp = JsonEncodedText.Encode("timestamp");
        private readonly JsonEncodedText[] _columns;

        public Json(Stream output, IReadOnlyList<string> columns)
        {
            _writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false });
            _columns = [.. columns.Select(c => JsonEncodedText.Encode(c))];
            _writer.WriteStartArray();
        }

        public override void Write(long openTime, double[] values)
        {
            _writer.WriteStartObject();
            _writer.WriteString(_timestamp, Formats.Time(openTime));
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                _writer.WritePropertyName(_columns[i]);
                if (double.IsNaN(v)) _writer.WriteNullValue();
                else if (double.IsInfinity(v)) _writer.WriteStringValue(v > 0 ? "Infinity" : "-Infinity");
                else _writer.WriteRawValue(Number.AsSpan(0, Format(v)), skipInputValidation: true);
            }
            _writer.WriteEndObject();
            if (_writer.BytesPending > 1 << 16) _writer.Flush();
        }

        public override void Finish()
        {
            _writer.WriteEndArray();
            _writer.Flush();
        }

        public override void Dispose() => _writer.Dispose();
    }
}
