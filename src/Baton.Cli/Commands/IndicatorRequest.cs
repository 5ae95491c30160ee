using System.Globalization;
using Baton.Core.Indicators;
using Baton.Core.Market;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>
/// One <c>--indicator</c> of <c>baton indicators compute</c>, parsed and checked: <c>name</c> or
/// <c>name:key=value,key=value</c>, where a key is one of the type's parameters or <c>source</c> (a price field).
/// Its columns are named <c>name</c>, then <c>_value</c> for each pair in the order written (numbers in shortest
/// round-trip form, the source as its name), then <c>.output</c> for each output of a multi-output type:
/// <c>sma:period=10</c> gives <c>sma_10</c>, <c>macd:fast=12,slow=26,signal=9</c> gives <c>macd_12_26_9.macd</c>,
/// <c>macd_12_26_9.signal</c>, <c>macd_12_26_9.hist</c>, <c>max:period=20,source=high</c> gives <c>max_20_high</c>.
/// </summary>
internal sealed class IndicatorRequest
{
    private readonly Dictionary<string, double> _parameters;

    private IndicatorRequest(string spec, IndicatorDescriptor descriptor, Dictionary<string, double> parameters, PriceField source, string header)
    {
        Spec = spec;
        Descriptor = descriptor;
        _parameters = parameters;
        Source = source;
        Columns = descriptor.Outputs.Count == 1 ? [header] : [.. descriptor.Outputs.Select(o => header + "." + o)];
    }

    public string Spec { get; }
    public IndicatorDescriptor Descriptor { get; }
    /// <summary>The price field a series indicator reads (close unless <c>source=</c> says otherwise).</summary>
    public PriceField Source { get; }
    /// <summary>Column names, one per output, in the type's output order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public Indicator Create() => Descriptor.Create(new IndicatorArguments(Descriptor, _parameters));

    /// <summary>Parses <paramref name="spec"/>; throws <see cref="CliException"/> naming the spec and the problem.</summary>
    public static IndicatorRequest Parse(string spec)
    {
        string text = spec.Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? text : text[..colon]).Trim();
        if (name.Length == 0) throw Bad(spec, "expected a type name such as sma or sma:period=10");
        if (!IndicatorRegistry.TryGet(name, out var descriptor))
        {
            string hint = NameHints.Closest(name, IndicatorRegistry.Descriptors.Select(d => d.Name)) is { } s ? $"; did you mean '{s}'?" : "";
            throw Bad(spec, $"unknown indicator type '{name}'{hint} (baton indicators list shows every type)");
        }
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        PriceField? source = null;
        var header = new List<string> { name };
        string pairs = colon < 0 ? "" : text[(colon + 1)..];
        foreach (string pair in pairs.Trim().Length == 0 ? [] : pairs.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? pair : pair[..eq].Trim(), value = eq < 0 ? "" : pair[(eq + 1)..].Trim();
            if (eq <= 0 || value.Length == 0) throw Bad(spec, $"expected key=value, got '{pair}'");
            if (parameters.ContainsKey(key) || (key == "source" && source is not null)) throw Bad(spec, $"'{key}' is given twice");
            if (key == "source")
            {
                source = ParseSource(spec, descriptor, value);
                header.Add(value);
                continue;
            }
            double number = ParseParameter(spec, descriptor, key, value);
            parameters[key] = number;
            header.Add(number.ToString("R", CultureInfo.InvariantCulture));
        }
        // the rules between parameters (macd/ppo/apo/kama: fast < slow; psar: acceleration <= maximum), as a strategy's are
        if (descriptor.Check(parameters) is [var problem, ..]) throw Bad(spec, problem.Message.StartsWith(problem.Parameter, StringComparison.Ordinal) ? problem.Message : $"{problem.Parameter}: {problem.Message}");
        return new IndicatorRequest(spec, descriptor, parameters, source ?? PriceField.Close, string.Join('_', header));
    }

    private static PriceField ParseSource(string spec, IndicatorDescriptor descriptor, string value)
    {
        if (descriptor.Input == IndicatorInput.Bar) throw Bad(spec, $"{descriptor.Name} reads whole candles; it takes no source");
        if (PriceFields.TryParse(value, out var field)) return field;
        string hint = NameHints.Closest(value, PriceFields.Names) is { } s ? $"; did you mean '{s}'?" : "";
        throw Bad(spec, $"source '{value}' is not a price field{hint} (expected one of {string.Join(", ", PriceFields.Names)})");
    }

    private static double ParseParameter(string spec, IndicatorDescriptor descriptor, string key, string value)
    {
        if (descriptor.FindParameter(key) is not { } p)
        {
            var known = descriptor.Parameters.Select(x => x.Name).Concat(descriptor.Input == IndicatorInput.Series ? ["source"] : []).ToList();
            string hint = NameHints.Closest(key, known) is { } s ? $"; did you mean '{s}'?" : "";
            string list = known.Count == 0 ? "it takes none" : "known: " + string.Join(", ", known);
            throw Bad(spec, $"unknown parameter '{key}' for {descriptor.Name}{hint} ({list})");
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(spec, $"{key}: expected a number, got '{value}'");
        if (p.IsInteger && v != Math.Floor(v)) throw Bad(spec, $"{key}: expected a whole number, got {value}");
        if (v < p.Min || v > p.Max)
            throw Bad(spec, string.Create(CultureInfo.InvariantCulture, $"{key}: expected a value between {p.Min} and {p.Max}, got {value}"));
        return v;
    }

    private static CliException Bad(string spec, string problem) => new($"--indicator {spec}: {problem}");
}
