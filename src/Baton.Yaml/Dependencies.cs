using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>dependencies:</c> (indicators and signals) and knows every name a rule may use.</summary>
internal sealed partial class Dependencies
{
    private static readonly Dictionary<string, string[]> SignalKeys = new()
    {
        ["crossover"] = ["id", "type", "above", "below"],
        ["threshold"] = ["id", "type", "input", "level", "direction"],
        ["breakout"] = ["id", "type", "input", "upper", "lower", "direction"],
        ["rising"] = ["id", "type", "input", "bars"],
        ["falling"] = ["id", "type", "input", "bars"],
        ["divergence"] = ["id", "type", "price", "oscillator", "lookback", "direction"],
        ["engulfing"] = ["id", "type", "direction"],
        ["hammer"] = ["id", "type", "shadow_ratio", "max_upper_shadow"],
        ["doji"] = ["id", "type", "max_body"],
        ["morning_star"] = ["id", "type", "star_body"],
        ["evening_star"] = ["id", "type", "star_body"],
        ["external"] = ExternalKeys,   // read by ReadExternal (ExternalComponents.cs)
    };
    private static readonly string[] SignalTypes =
        ["crossover", "threshold", "breakout", "rising", "falling", "divergence", "engulfing", "hammer", "doji", "morning_star", "evening_star", "external"];
    private static readonly Dictionary<string, string[]> RequiredSignalKeys = new()
    {
        ["crossover"] = ["above", "below"],
        ["threshold"] = ["input", "level"],
        ["rising"] = ["bars"],
        ["falling"] = ["bars"],
        ["divergence"] = ["oscillator", "lookback", "direction"],
        ["engulfing"] = ["direction"],
    };
    private static readonly Dictionary<string, string[]> SignalDirections = new()
    {
        ["threshold"] = ["above", "below"],
        ["breakout"] = ["up", "down", "any"],
        ["divergence"] = ["bullish", "bearish"],
        ["engulfing"] = ["bullish", "bearish"],
    };
    /// <summary>Signal fields that name a series a rule could read (price field, indicator output, earlier signal).</summary>
    private static readonly string[] SignalSeriesKeys = ["above", "below", "input", "upper", "lower", "price", "oscillator"];
    /// <summary>Numeric signal fields: whole numbers of bars, fractions of a candle, ratios, levels.</summary>
    private static readonly Dictionary<string, (double Min, double Max, bool Integer)> SignalNumbers = new()
    {
        ["level"] = (-YamlReader.MaxMagnitude, YamlReader.MaxMagnitude, false),
        ["bars"] = (1, 100_000, true),
        ["lookback"] = (1, 100_000, true),
        ["shadow_ratio"] = (0, YamlReader.MaxMagnitude, false),
        ["max_upper_shadow"] = (0, 1, false),
        ["max_body"] = (0, 1, false),
        ["star_body"] = (0, 1, false),
    };

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

    private void ReadSignal(YamlNode node, string path)
    {
        if (_r.Map(node, path) is not { } map) return;
        var raw = _r.Entries(map, path, null);
        string? id = Id(raw, map, path);
        string? type = raw.TryGetValue("type", out var t) ? _r.Choice(t, path + ".type", SignalTypes) : Missing(map, path + ".type");
        if (id is null || type is null) return;
        if (type == "external")
        {
            ReadExternal(map, id, path, ComponentKind.Signal);
            return;
        }
        var e = _r.Entries(map, path, SignalKeys[type]);
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
            if (key is not ("id" or "type") && (value is YamlScalarNode ? _r.Text(value, path + "." + key) : value.ToString()) is { } text)
                args[key] = text;
        foreach (var key in RequiredSignalKeys.GetValueOrDefault(type) ?? [])
            if (!args.ContainsKey(key)) _r.Error(map, path + "." + key, $"missing required key for type {type}");
        foreach (var key in SignalSeriesKeys)
            if (args.TryGetValue(key, out var name) && !IsKnown(name))
                _r.Error(e[key], path + "." + key, $"unknown name '{name}' (known: {string.Join(", ", Names)})");
        CheckSignalValues(type, e, args, path);
        if (type == "breakout") CheckBreakoutChannel(args, map, path);
        Signals.Add(new SignalSpec(id, type, args, new SourceLocation(_r.File, (int)map.Start.Line, (int)map.Start.Column)));
    }

    /// <summary>Numbers in range (stored back in invariant round-trip form, so <c>10%</c> becomes 0.1) and directions
    /// among the type's choices.</summary>
    private void CheckSignalValues(string type, Dictionary<string, YamlNode> e, Dictionary<string, string> args, string path)
    {
        foreach (var (key, (min, max, integer)) in SignalNumbers)
        {
            if (!e.TryGetValue(key, out var node)) continue;
            double? v = integer ? _r.Integer(node, path + "." + key, (int)min, (int)max)
                : min == 0 && max == 1 ? _r.Fraction(node, path + "." + key, min, max)
                : _r.Number(node, path + "." + key, min, max);
            if (v is { } x) args[key] = x.ToString("R", CultureInfo.InvariantCulture);
        }
        if (e.TryGetValue("direction", out var dir) && SignalDirections.TryGetValue(type, out var choices))
            _r.Choice(dir, path + ".direction", choices);
    }

    /// <summary>A breakout needs the channel edge its direction watches: <c>up</c> an upper series, <c>down</c> a
    /// lower one, <c>any</c> (the default) at least one of them.</summary>
    private void CheckBreakoutChannel(Dictionary<string, string> args, YamlMappingNode map, string path)
    {
        string direction = args.GetValueOrDefault("direction") ?? "any";
        if (direction == "up" && !args.ContainsKey("upper"))
            _r.Error(map, path + ".upper", "missing required key for type breakout with direction up");
        else if (direction == "down" && !args.ContainsKey("lower"))
            _r.Error(map, path + ".lower", "missing required key for type breakout with direction down");
        else if (direction == "any" && !args.ContainsKey("upper") && !args.ContainsKey("lower"))
            _r.Error(map, path + ".upper", "a breakout needs its channel: upper, lower or both (series ids such as donchian.upper)");
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
