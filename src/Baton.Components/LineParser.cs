using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Engine.Components;
using Baton.Engine.Data;
using Baton.Engine.Strategy;

namespace Baton.Components;

/// <summary>
/// Validates one stdout line of a component and adds it to the symbol's <see cref="ComponentSeries"/>.
/// Indicator lines: <c>{"ts":…,"symbol":…,"values":{"name":number|null,…}}</c> with exactly the declared outputs.
/// Signal lines: <c>{"ts":…,"symbol":…,"signal":name,"direction":"long"|"short"|"flat","strength":number}</c>
/// (direction defaults to long, strength to 1). <c>ts</c> is an ISO-8601 string or an integer epoch (s/ms/µs/ns by
/// magnitude, as in CSV files); <c>symbol</c> may be left out when the run has one symbol; other keys are ignored.
/// </summary>
internal sealed class LineParser
{
    private const int PreviewLength = 60;
    private readonly CompiledComponent _component;
    private readonly IReadOnlyList<string> _symbolNames;
    private readonly byte[][] _symbols;
    private readonly byte[][] _names;
    private readonly double[] _values;
    private readonly bool[] _seen;
    private readonly bool _signal;

    public LineParser(CompiledComponent component, IReadOnlyList<string> symbols, ComponentSeries[] series)
    {
        _component = component;
        _symbolNames = symbols;
        _symbols = symbols.Select(Encoding.UTF8.GetBytes).ToArray();
        _signal = component.Spec.Kind == ComponentKind.Signal;
        _names = (_signal ? component.Spec.Outputs : component.Spec.ValueNames).Select(Encoding.UTF8.GetBytes).ToArray();
        _values = new double[_names.Length];
        _seen = new bool[_names.Length];
        Series = series;
    }

    /// <summary>Where accepted lines go, one series per symbol (in the strategy's symbol order).</summary>
    public ComponentSeries[] Series { get; }

    /// <summary>Adds the line to its series; returns null when accepted, else why it was skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per line of a one-shot run: skip tier-0
    public string? Parse(ReadOnlySpan<byte> line)
    {
        if (!Utf8.IsValid(line)) return $"not valid UTF-8 ({line.Length} bytes); skipped";
        try
        {
            return ParseJson(line);
        }
        catch (JsonException e)
        {
            return $"malformed JSON ({FirstSentence(e.Message)}): {Preview(line)}";
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per line of a one-shot run: skip tier-0
    private string? ParseJson(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return $"expected a JSON object, got: {Preview(line)}";
        long? time = null;
        int symbol = _symbols.Length == 1 ? 0 : -1;
        bool hasValues = false, hasSignal = false;
        int name = -1, direction = 1;
        double strength = 1;
        int given = 0;   // keys read so far: a key given twice is refused, not decided by its last value
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? problem = null;
            if (reader.ValueTextEquals("ts"u8)) problem = Once(ref given, 1, "ts") ?? ReadTime(ref reader, out time);
            else if (reader.ValueTextEquals("symbol"u8)) problem = Once(ref given, 2, "symbol") ?? ReadSymbol(ref reader, out symbol);
            else if (!_signal && reader.ValueTextEquals("values"u8)) { hasValues = true; problem = Once(ref given, 4, "values") ?? ReadValues(ref reader); }
            else if (_signal && reader.ValueTextEquals("signal"u8)) { hasSignal = true; problem = Once(ref given, 8, "signal") ?? ReadSignalName(ref reader, out name); }
            else if (_signal && reader.ValueTextEquals("direction"u8)) problem = Once(ref given, 16, "direction") ?? ReadDirection(ref reader, out direction);
            else if (_signal && reader.ValueTextEquals("strength"u8)) problem = Once(ref given, 32, "strength") ?? ReadStrength(ref reader, out strength);
            else { reader.Read(); reader.Skip(); }
            if (problem is not null) return problem;
        }
        if (reader.Read()) return $"more than one JSON value on the line: {Preview(line)}";
        if (time is not { } ts) return "missing \"ts\" (the candle's open time: ISO-8601 or epoch)";
        if (symbol < 0) return $"missing \"symbol\" (one of {string.Join(", ", _symbolNames)})";
        if (_signal)
        {
            if (!hasSignal) return $"missing \"signal\" (expected {ExpectedSignalNames()})";
            Series[symbol].AddEvent(ts, name, direction, strength);
            return null;
        }
        if (!hasValues) return $"missing \"values\" (an object with {string.Join(", ", _component.Spec.ValueNames)})";
        Series[symbol].AddValues(ts, _values);
        return null;
    }

    private static string? Once(ref int given, int key, string name)
    {
        if ((given & key) != 0) return $"\"{name}\" is given twice on the line";
        given |= key;
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per line of a one-shot run: skip tier-0
    private static string? ReadTime(ref Utf8JsonReader reader, out long? time)
    {
        time = null;
        reader.Read();
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            return $"\"ts\": expected an ISO-8601 string or an integer epoch, got {Describe(reader)}";
        Span<byte> text = stackalloc byte[64];
        ReadOnlySpan<byte> raw = reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > 64
            ? text[..reader.CopyString(text)]
            : reader.ValueSpan;
        if (!CandleTimestamp.TryParse(raw, out long ms)) return $"\"ts\": expected an ISO-8601 time or an integer epoch, got \"{Encoding.UTF8.GetString(raw)}\"";
        time = ms;
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per line of a one-shot run: skip tier-0
    private string? ReadSymbol(ref Utf8JsonReader reader, out int symbol)
    {
        symbol = -1;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) return $"\"symbol\": expected a string, got {Describe(reader)}";
        for (int i = 0; i < _symbols.Length; i++)
            if (reader.ValueTextEquals(_symbols[i])) { symbol = i; return null; }
        return $"\"symbol\": unknown symbol \"{reader.GetString()}\" (symbols of this run: {string.Join(", ", _symbolNames)})";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per line of a one-shot run: skip tier-0
    private string? ReadValues(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return $"\"values\": expected an object, got {Describe(reader)}";
        Array.Clear(_seen);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int output = IndexOf(ref reader, _names);
            if (output < 0) return $"\"values\": unknown output \"{reader.GetString()}\" (declared: {string.Join(", ", _component.Spec.ValueNames)})";
            if (_seen[output]) return $"\"values\".{_component.Spec.ValueNames[output]}: given twice on the line";
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) _values[output] = double.NaN;
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double v) && double.IsFinite(v)) _values[output] = v;
            else return $"\"values\".{_component.Spec.ValueNames[output]}: expected a number or null, got {Describe(reader)}";
            _seen[output] = true;
        }
        int missing = Array.IndexOf(_seen, false);
        return missing < 0 ? null : $"\"values\": missing output \"{_component.Spec.ValueNames[missing]}\" (write null for not ready)";
    }

    private string? ReadSignalName(ref Utf8JsonReader reader, out int name)
    {
        name = -1;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) return $"\"signal\": expected a string, got {Describe(reader)}";
        if (reader.ValueTextEquals(_component.Spec.Id)) return null;
        name = IndexOf(ref reader, _names);
        return name >= 0 ? null : $"\"signal\": unknown signal \"{reader.GetString()}\" (expected {ExpectedSignalNames()})";
    }

    private static string? ReadDirection(ref Utf8JsonReader reader, out int direction)
    {
        direction = 0;
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("long"u8)) direction = 1;
            else if (reader.ValueTextEquals("short"u8)) direction = -1;
            else if (!reader.ValueTextEquals("flat"u8)) return $"\"direction\": expected \"long\", \"short\" or \"flat\", got \"{reader.GetString()}\"";
            return null;
        }
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int d) && d is >= -1 and <= 1)
        {
            direction = d;
            return null;
        }
        return $"\"direction\": expected \"long\", \"short\" or \"flat\" (or 1, -1, 0), got {Describe(reader)}";
    }

    private static string? ReadStrength(ref Utf8JsonReader reader, out double strength)
    {
        strength = 1;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out strength) && double.IsFinite(strength)) return null;
        return $"\"strength\": expected a number, got {Describe(reader)}";
    }

    private static int IndexOf(ref Utf8JsonReader reader, byte[][] names)
    {
        for (int i = 0; i < names.Length; i++)
            if (reader.ValueTextEquals(names[i])) return i;
        return -1;
    }

    private string ExpectedSignalNames() =>
        string.Join(" or ", new[] { _component.Spec.Id }.Concat(_component.Spec.Outputs).Select(n => $"\"{n}\""));

    private static string Describe(Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{Truncate(reader.GetString() ?? "")}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    private static string FirstSentence(string message)
    {
        int at = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        string text = (at > 0 ? message[..at] : message).TrimEnd(' ', '.');
        return text.Replace("'\n'", "newline", StringComparison.Ordinal);
    }

    /// <summary>The line's start, printable ASCII only, for a message that must stay one short line.</summary>
    private static string Preview(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder();
        foreach (byte b in line[..Math.Min(line.Length, PreviewLength)]) text.Append(b is >= 32 and < 127 ? (char)b : '?');
        if (line.Length > PreviewLength) text.Append('…');
        return text.ToString();
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
