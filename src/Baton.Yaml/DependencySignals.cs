using Baton.Core.Signals;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>Reads <c>dependencies.signals[]</c> against the signal catalogue (<see cref="SignalRegistry"/>): keys,
/// required arguments, series names, numbers in range and choices, then the type's own rule.</summary>
internal sealed partial class Dependencies
{
    private static readonly string[] SignalTypes = [.. SignalRegistry.Descriptors.Select(d => d.Name), "external"];

    private void ReadSignal(YamlNode node, string path)
    {
        if (_r.Map(node, path) is not { } map) return;
        var raw = _r.Entries(map, path, null);
        string? id = Id(raw, map, path);
        string? type = raw.TryGetValue("type", out var t) ? _r.Choice(t, path + ".type", SignalTypes) : Missing(map, path + ".type");
        if (id is null || type is null) return;
        if (!SignalRegistry.TryGet(type, out var descriptor))
        {
            ReadExternal(map, id, path, ComponentKind.Signal);
            return;
        }
        var e = _r.Entries(map, path, ["id", "type", .. descriptor.Arguments.Select(a => a.Name)]);
        var values = ReadSignalValues(descriptor, e, map, path, out bool complete);
        // the type's rule only between values that all parsed (a refused one would be taken as its default)
        foreach (var problem in complete ? descriptor.Check(values) : [])
            _r.Error(e.GetValueOrDefault(problem.Argument) ?? map, path + "." + problem.Argument, problem.Message);
        Signals.Add(new SignalSpec(id, type, values, new SourceLocation(_r.File, (int)map.Start.Line, (int)map.Start.Column)));
    }

    /// <summary>The written arguments, typed; <paramref name="complete"/> is false when a required one is missing or a
    /// number or choice was refused (an unknown series name is reported but does not stop the type's rule).</summary>
    private SignalValues ReadSignalValues(SignalDescriptor descriptor, Dictionary<string, YamlNode> e, YamlMappingNode map, string path,
        out bool complete)
    {
        var series = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        complete = true;
        foreach (var a in descriptor.Arguments)
        {
            string at = path + "." + a.Name;
            if (!e.TryGetValue(a.Name, out var value))
            {
                if (a.Required) _r.Error(map, at, $"missing required key for type {descriptor.Name}");
                complete &= !a.Required;
                continue;
            }
            switch (a.Kind)
            {
                case SignalArgumentKind.Series:
                    if (SeriesName(value, at) is { } name) series[a.Name] = name;
                    break;
                case SignalArgumentKind.Number:
                    if (SignalNumber(a, value, at) is { } x) numbers[a.Name] = x;
                    else complete = false;
                    break;
                default:
                    if (_r.Choice(value, at, [.. a.Choices]) is { } word) choices[a.Name] = word;
                    else complete = false;
                    break;
            }
        }
        return new SignalValues(series, numbers, choices);
    }

    /// <summary>The series named (a price field, an indicator output, an earlier signal); an unknown name is reported
    /// and still returned, so the type's rule sees the argument as given.</summary>
    private string? SeriesName(YamlNode value, string path)
    {
        if ((value is YamlScalarNode ? _r.Text(value, path) : value.ToString()) is not { } name) return null;
        if (!IsKnown(name)) _r.Error(value, path, $"unknown name '{name}' (known: {string.Join(", ", Names)})");
        return name;
    }

    /// <summary>Whole numbers of bars, fractions of a candle (also written <c>10%</c>), ratios and levels, in range.</summary>
    private double? SignalNumber(SignalArgument a, YamlNode value, string path) =>
        a.IsInteger ? _r.Integer(value, path, (int)a.Min, (int)Math.Min(a.Max, int.MaxValue))
        : a is { Min: 0, Max: 1 } ? _r.Fraction(value, path, 0, 1)
        : _r.Number(value, path, a.Min, a.Max);
}
