using System.Text.RegularExpressions;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>dependencies:</c> (indicators and signals) and knows every name a rule may use.</summary>
internal sealed partial class Dependencies
{
    private readonly YamlReader _r;
    private readonly Dictionary<string, IndicatorDescriptor> _indicatorTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (YamlNode Node, string Path, IndicatorInput Input)> _sourceNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);

    private readonly Timeframe _timeframe;

    /// <param name="timeframe">The strategy's timeframe (default when it did not parse): indicator timeframes must be multiples.</param>
    public Dependencies(YamlReader r, YamlNode? node, Timeframe timeframe)
    {
        _r = r;
        _timeframe = timeframe;
        if (node is null || r.Map(node, "dependencies") is not { } map) return;
        var e = r.Entries(map, "dependencies", ["indicators", "signals"]);
        if (e.TryGetValue("indicators", out var ind))
            foreach (var (item, i) in r.List(ind, "dependencies.indicators").Select((n, i) => (n, i)))
                ReadIndicator(item, $"dependencies.indicators[{i}]");
        CheckSources();
        if (e.TryGetValue("signals", out var sig))
            foreach (var (item, i) in r.List(sig, "dependencies.signals").Select((n, i) => (n, i)))
                ReadSignal(item, $"dependencies.signals[{i}]");
    }

    public List<IndicatorSpec> Indicators { get; } = [];
    public List<SignalSpec> Signals { get; } = [];

    /// <summary>Every name a rule can read: price fields, indicator ids and outputs, signal ids.</summary>
    public IEnumerable<string> Names => PriceFields.Names.Concat(Indicators.SelectMany(OutputNames)).Concat(Signals.Select(s => s.Id))
        .Concat(Components.SelectMany(c => c.Names));

    /// <summary>True for any name a rule may read. Ids of indicators whose definition has an error count as known,
    /// so one mistake gives one error rather than one per use.</summary>
    public bool IsKnown(string name) =>
        PriceFields.TryParse(name, out _) || Names.Contains(name) || _broken.Contains(name.Split('.')[0]);


    private IEnumerable<string> OutputNames(IndicatorSpec spec)
    {
        yield return spec.Id;
        if (_indicatorTypes.TryGetValue(spec.Id, out var d))
            foreach (var output in d.Outputs) yield return spec.Id + "." + output;
    }

    private void ReadIndicator(YamlNode node, string path)
    {
        if (_r.Map(node, path) is not { } map) return;
        var e = _r.Entries(map, path, null);
        string? id = Id(e, map, path);
        string? type = e.TryGetValue("type", out var t) ? _r.Text(t, path + ".type") : Missing(map, path + ".type");
        if (id is not null) _broken.Add(id);
        if (id is null || type is null) return;
        if (type == "external")
        {
            ReadExternal(map, id, path, ComponentKind.Indicator);
            _broken.Remove(id);
            return;
        }
        if (!IndicatorRegistry.TryGet(type, out var descriptor))
        {
            string hint = YamlReader.Suggest(type, IndicatorRegistry.Descriptors.Select(x => x.Name).Append("external")) is { } s ? $"; did you mean '{s}'?" : "";
            _r.Error(t!, path + ".type", $"unknown indicator type '{type}'{hint} (known: {string.Join(", ", IndicatorRegistry.Descriptors.Select(x => x.Name))})");
            return;
        }
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        int errorsBefore = _r.Errors.Count;
        foreach (var (key, value) in e)
        {
            if (key is "id" or "type" or "source" or "timeframe") continue;
            if (descriptor.FindParameter(key) is not { } p)
            {
                string known = string.Join(", ", descriptor.Parameters.Select(x => x.Name).Concat(["source", "timeframe"]));
                _r.Error(value, path + "." + key, $"unknown parameter '{key}' for {type} (known: {known})");
                continue;
            }
            double? v = p.IsInteger ? _r.Integer(value, path + "." + key, (int)p.Min, (int)Math.Min(p.Max, int.MaxValue))
                : _r.Number(value, path + "." + key, p.Min, p.Max);
            if (v is { } x) parameters[key] = x;
        }
        // relations only between values that all parsed (a refused one would be compared as its default)
        foreach (var problem in _r.Errors.Count == errorsBefore ? descriptor.Check(parameters) : [])
            _r.Error(e.GetValueOrDefault(problem.Parameter) ?? map, path + "." + problem.Parameter, problem.Message);
        string source = e.TryGetValue("source", out var src) ? _r.Text(src, path + ".source") ?? "close" : "close";
        Timeframe? timeframe = null;
        if (e.TryGetValue("timeframe", out var tfNode) && _r.Text(tfNode, path + ".timeframe") is { } tfText)
        {
            if (Timeframe.TryParse(tfText, out var tf))
            {
                if (_timeframe.Milliseconds > 0 && (tf.Milliseconds <= _timeframe.Milliseconds || tf.Milliseconds % _timeframe.Milliseconds != 0))
                    _r.Error(tfNode, path + ".timeframe", $"expected a whole multiple of the strategy timeframe {_timeframe} larger than it, got {tf}");
                else if (src is not null && !PriceFields.TryParse(source, out _))
                    _r.Error(src, path + ".source", "an indicator on its own timeframe reads a price field of the resampled candles, not another indicator");
                else timeframe = tf;
            }
            else _r.Error(tfNode, path + ".timeframe", $"expected {Timeframe.Expected}, got \"{tfText}\"");
        }
        _broken.Remove(id);
        _indicatorTypes[id] = descriptor;
        Indicators.Add(new IndicatorSpec(id, type, parameters, source, timeframe,
            new SourceLocation(_r.File, (int)map.Start.Line, (int)map.Start.Column)));
        _sourceNodes[id] = (src ?? map, path + ".source", descriptor.Input);
    }

    /// <summary>A source must be a price field or another indicator (or one of its outputs), with no cycle.</summary>
    private void CheckSources()
    {
        foreach (var spec in Indicators)
        {
            var (node, path, input) = _sourceNodes[spec.Id];
            if (PriceFields.TryParse(spec.Source, out _)) continue;
            if (input == IndicatorInput.Bar) { _r.Error(node, path, $"{spec.Type} reads whole candles; it takes no source"); continue; }
            if (_broken.Contains(spec.Source.Split('.')[0])) continue;
            if (!Indicators.SelectMany(OutputNames).Concat(ComponentIndicatorNames).Contains(spec.Source))
            {
                _r.Error(node, path, $"unknown source '{spec.Source}' (expected a price field: {string.Join(", ", PriceFields.Names)}, or an indicator id)");
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal) { spec.Id };
            for (var s = spec.Source.Split('.')[0]; Indicators.FirstOrDefault(x => x.Id == s) is { } next; s = next.Source.Split('.')[0])
                if (!seen.Add(next.Id)) { _r.Error(node, path, $"indicator sources form a cycle through '{spec.Id}'"); break; }
        }
    }

    private string? Id(Dictionary<string, YamlNode> e, YamlMappingNode map, string path)
    {
        if (!e.TryGetValue("id", out var node)) return Missing(map, path + ".id");
        if (_r.Text(node, path + ".id") is not { } id) return null;
        if (!IdPattern().IsMatch(id)) { _r.Error(node, path + ".id", $"'{id}' is not a valid id (letters, digits, _; not starting with a digit)"); return null; }
        if (PriceFields.TryParse(id, out _)) { _r.Error(node, path + ".id", $"'{id}' is a price field name; choose another id"); return null; }
        if (Indicators.Any(x => x.Id == id) || Signals.Any(x => x.Id == id) || Components.Any(x => x.Id == id)) { _r.Error(node, path + ".id", $"duplicate id '{id}'"); return null; }
        return id;
    }

    private string? Missing(YamlMappingNode map, string path)
    {
        _r.Error(map, path, "missing required key");
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdPattern();
}
