using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Engine.Components;
using Baton.Engine.Strategy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>type: external</c> entries of <c>dependencies.indicators</c> and <c>dependencies.signals</c>.</summary>
internal sealed partial class Dependencies
{
    /// <summary>Keys of a <c>type: external</c> entry (a property: <c>SignalKeys</c> in Dependencies.cs reads it while
    /// static fields initialise, in an order across partial files that C# does not define).</summary>
    private static string[] ExternalKeys =>
        ["id", "type", "command", "params", "timeout", "on_error", "outputs", "data", "query", "database", "live", "window"];

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>External components, in file order.</summary>
    public List<ComponentSpec> Components { get; } = [];

    private IEnumerable<string> ComponentIndicatorNames =>
        Components.Where(c => c.Kind == ComponentKind.Indicator).SelectMany(c => c.Names);

    private void ReadExternal(YamlMappingNode map, string id, string path, ComponentKind kind)
    {
        var e = _r.Entries(map, path, ExternalKeys);
        string? command = e.TryGetValue("command", out var c) ? _r.Text(c, path + ".command") : Missing(map, path + ".command");
        if (command is not null && string.IsNullOrWhiteSpace(command)) _r.Error(c!, path + ".command", "expected a program to run, got an empty command");
        else if (command is not null) CheckCommand(c!, path + ".command", command);
        var spec = new ComponentSpec(id, kind, command ?? "", new SourceLocation(_r.File, (int)map.Start.Line, (int)map.Start.Column));
        if (e.TryGetValue("params", out var p)) spec = spec with { ParametersJson = ParamsJson(p, path + ".params") };
        if (e.TryGetValue("timeout", out var t) && Duration(t, path + ".timeout") is { } timeout) spec = spec with { Timeout = timeout };
        if (e.TryGetValue("on_error", out var oe) && _r.Choice(oe, path + ".on_error", "skip", "fail") is { } onError)
            spec = spec with { OnError = onError == "fail" ? ComponentErrorPolicy.Fail : ComponentErrorPolicy.Skip };
        if (e.TryGetValue("outputs", out var o)) spec = spec with { Outputs = Outputs(o, path + ".outputs", kind) };
        if (e.TryGetValue("data", out var d) && _r.Choice(d, path + ".data", "window", "source") is { } data)
            spec = spec with { Data = data == "source" ? ComponentDataMode.Source : ComponentDataMode.Window };
        if (e.TryGetValue("query", out var q)) spec = spec with { Query = _r.Text(q, path + ".query") };
        if (e.TryGetValue("database", out var db)) spec = spec with { Database = _r.Text(db, path + ".database") };
        if (e.TryGetValue("live", out var l) && _r.Choice(l, path + ".live", "window", "stream") is { } live)
            spec = spec with { Live = live == "stream" ? LiveComponentMode.Stream : LiveComponentMode.Window };
        if (e.TryGetValue("window", out var w) && _r.Integer(w, path + ".window", 1, 1_000_000) is { } bars) spec = spec with { WindowBars = bars };
        Components.Add(spec);
    }

    /// <summary>The command splits into words (no open quote), as it will when the component runs.</summary>
    private void CheckCommand(YamlNode node, string path, string command)
    {
        try
        {
            CommandLine.Split(command);
        }
        catch (FormatException e)
        {
            _r.Error(node, path, $"{e.Message} in \"{command}\"");
        }
    }

    /// <summary><c>outputs: [upper, lower]</c>: ids, unique; a signal's may not shadow its fixed fields.</summary>
    private List<string> Outputs(YamlNode node, string path, ComponentKind kind)
    {
        var outputs = new List<string>();
        foreach (var (item, i) in _r.List(node, path).Select((n, i) => (n, i)))
        {
            if (_r.Text(item, $"{path}[{i}]") is not { } name) continue;
            if (!IdPattern().IsMatch(name)) _r.Error(item, $"{path}[{i}]", $"'{name}' is not a valid output name (letters, digits, _; not starting with a digit)");
            else if (outputs.Contains(name)) _r.Error(item, $"{path}[{i}]", $"output '{name}' is listed twice");
            else if (kind == ComponentKind.Signal && ComponentSpec.SignalFields.Contains(name))
                _r.Error(item, $"{path}[{i}]", $"'{name}' is a field every external signal has ({string.Join(", ", ComponentSpec.SignalFields)}); choose another name");
            else outputs.Add(name);
        }
        return outputs;
    }

    /// <summary><c>30s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, or a plain number of seconds.</summary>
    private TimeSpan? Duration(YamlNode node, string path)
    {
        if (_r.Text(node, path) is not { } text) return null;
        (string digits, double unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        // the range is checked on the number of seconds, before a TimeSpan is made (which overflows past ~29,000 years)
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            && v * unit is var seconds && seconds >= 0.001 && seconds <= MaxTimeout.TotalSeconds)
            return TimeSpan.FromSeconds(seconds);
        _r.Error(node, path, $"expected a duration such as 500ms, 30s, 2m (at most 24h), got \"{text}\"");
        return null;
    }

    /// <summary>The <c>params</c> mapping as JSON: unquoted numbers, booleans and null keep their type (so do
    /// <c>${parameter}</c> values), everything else is a string.</summary>
    private string ParamsJson(YamlNode node, string path)
    {
        if (_r.Map(node, path) is null) return "{}";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            WriteJson(json, node, path);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteJson(Utf8JsonWriter json, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    string name = (key as YamlScalarNode)?.Value ?? "";
                    json.WritePropertyName(name);
                    WriteJson(json, value, YamlReader.Join(path, name));
                }
                json.WriteEndObject();
                break;
            case YamlSequenceNode list:
                json.WriteStartArray();
                int i = 0;
                foreach (var item in list.Children) WriteJson(json, item, $"{path}[{i++}]");
                json.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(json, scalar, _r.Text(scalar, path) ?? "");
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter json, YamlScalarNode scalar, string text)
    {
        // A value written as a parameter ("${lookback}") is typed by what it became, quoted or not.
        bool plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any || scalar.Value?.Contains("${", StringComparison.Ordinal) == true;
        if (plain && text is "true" or "false") json.WriteBooleanValue(text == "true");
        else if (plain && text is "null" or "~" or "") json.WriteNullValue();
        else if (plain && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) json.WriteNumberValue(n);
        else if (plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
            json.WriteNumberValue(d);
        else json.WriteStringValue(text);
    }
}
