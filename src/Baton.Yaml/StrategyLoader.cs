using System.Globalization;
using Baton.Core.Market;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;
using Baton.Engine.Strategy;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>
/// Loads a strategy YAML file into a validated <see cref="StrategyDefinition"/>. Every error is collected
/// (with file:line:col and the field path) before anything is returned, so a user fixes them all in one go.
/// </summary>
public static class StrategyLoader
{
    private static readonly string[] TopKeys =
        ["name", "description", "symbols", "timeframe", "initial_cash", "periods_per_year", "data", "dependencies",
         "parameters", "entry", "exit", "risk", "sizing", "execution"];

    /// <summary>The largest strategy file read, in bytes.</summary>
    public const int MaxFileBytes = YamlDocument.MaxBytes;

    /// <summary>Loads <paramref name="path"/> with <c>--set</c> overrides; throws <see cref="StrategyValidationException"/>.</summary>
    public static StrategyDefinition Load(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var errors = new List<StrategyError>();
        var definition = TryLoad(path, overrides, errors);
        return errors.Count == 0 && definition is not null ? definition : throw new StrategyValidationException(errors);
    }

    /// <summary>Every error of <paramref name="path"/>; empty when it is valid.</summary>
    public static IReadOnlyList<StrategyError> Validate(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var errors = new List<StrategyError>();
        TryLoad(path, overrides, errors);
        return errors;
    }

    public static StrategyDefinition LoadFromText(string text, string fileName, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var errors = new List<StrategyError>();
        var definition = FromText(text, fileName, overrides, errors);
        return errors.Count == 0 && definition is not null ? definition : throw new StrategyValidationException(errors);
    }

    private static StrategyDefinition? TryLoad(string path, IReadOnlyDictionary<string, string>? overrides, List<StrategyError> errors)
    {
        try
        {
            return FromText(InputFile.ReadUtf8(path, YamlDocument.MaxBytes), path, overrides, errors);
        }
        catch (InputFileException e)
        {
            errors.Add(new StrategyError(path.Length == 0 ? "''" : path, e.Line, e.Column, "", e.Problem));
            return null;
        }
    }

    private static StrategyDefinition? FromText(string text, string file, IReadOnlyDictionary<string, string>? overrides,
        List<StrategyError> errors)
    {
        var root = YamlDocument.Parse(text, file, errors);
        if (root is null) return null;
        var r = new YamlReader(file, errors);
        if (r.Map(root, "") is not { } map) return null;
        var e = r.Entries(map, "", TopKeys);
        var parameters = Parameters(r, e, map, overrides ?? new Dictionary<string, string>());
        r.UseParameters(parameters);
        var name = Required(r, e, map, "name") is { } n ? Name(r, n) : null;
        var symbols = Required(r, e, map, "symbols") is { } s ? Symbols(r, s) : [];
        Timeframe timeframe = default;
        if (Required(r, e, map, "timeframe") is { } tf && r.Text(tf, "timeframe") is { } tfText && !Timeframe.TryParse(tfText, out timeframe))
            r.Error(tf, "timeframe", $"expected {Timeframe.Expected}, got \"{tfText}\"");
        var deps = new Dependencies(r, e.GetValueOrDefault("dependencies"), timeframe);
        var settings = new Settings(r, deps);
        var definition = new StrategyDefinition
        {
            Name = name ?? "",
            Symbols = symbols,
            Timeframe = timeframe,
            Data = e.TryGetValue("data", out var data) ? DataSection.Read(r, data, timeframe) : new DataSpec(),
            InitialCash = e.TryGetValue("initial_cash", out var cash) ? r.Money(cash, "initial_cash", 0.01m) ?? 0 : 100_000m,
            PeriodsPerYear = e.TryGetValue("periods_per_year", out var ppy) ? r.Integer(ppy, "periods_per_year", 1, 527_040) : null,
            Indicators = deps.Indicators,
            Signals = deps.Signals,
            Components = deps.Components,
            Parameters = parameters,
            Entry = e.TryGetValue("entry", out var entry) ? settings.Rules(entry, "entry") : [],
            Exit = e.TryGetValue("exit", out var exit) ? settings.Exit(exit) : new ExitSpec(),
            Risk = e.TryGetValue("risk", out var risk) ? settings.Risk(risk) : new RiskSpec(),
            Sizing = settings.Sizing(e.GetValueOrDefault("sizing"), parameters, e.GetValueOrDefault("parameters")),
            Execution = e.TryGetValue("execution", out var ex) ? settings.Execution(ex) : new ExecutionSpec(),
            SourceFile = file,
        };
        settings.RequireRiskStops(definition.Exit);
        errors.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return definition;
    }

    private static YamlNode? Required(YamlReader r, Dictionary<string, YamlNode> e, YamlMappingNode map, string key)
    {
        if (e.TryGetValue(key, out var node)) return node;
        r.Error(map, key, "missing required key");
        return null;
    }

    /// <summary>The strategy's name: it names the run folder (<c>out/NAME</c>) and the live journal's, so it must be plain.</summary>
    private static string? Name(YamlReader r, YamlNode node)
    {
        if (r.Text(node, "name") is not { } name) return null;
        if (PlainName.Problem(name) is not { } problem) return name;
        r.Error(node, "name", problem);
        return null;
    }

    private static List<string> Symbols(YamlReader r, YamlNode node)
    {
        var list = new List<string>();
        foreach (var (item, i) in r.List(node, "symbols").Select((n, i) => (n, i)))
        {
            string path = $"symbols[{i}]";
            if (r.Text(item, path) is not { } symbol) continue;
            if (SymbolName.Problem(symbol) is { } problem) { r.Error(item, path, problem); continue; }
            if (list.Contains(symbol)) r.Error(item, path, $"symbol '{symbol}' is listed twice");
            else list.Add(symbol);
        }
        if (list.Count == 0 && r.Errors.Count == 0) r.Error(node, "symbols", "expected at least one symbol");
        return list;
    }

    private static Dictionary<string, string> Parameters(YamlReader r, Dictionary<string, YamlNode> e, YamlMappingNode map,
        IReadOnlyDictionary<string, string> overrides)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetValue("parameters", out var node) && r.Map(node, "parameters") is { } p)
            foreach (var (key, value) in r.Entries(p, "parameters", null))
            {
                if (value is YamlScalarNode { Value: { } raw } && raw.Contains("${", StringComparison.Ordinal))
                    r.Error(value, "parameters." + key, $"a parameter cannot refer to a parameter (\"{raw}\"); write its value here");
                else if (r.Text(value, "parameters." + key) is { } text) parameters[key] = text;
            }
        foreach (var (key, value) in overrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (parameters.ContainsKey(key)) parameters[key] = value;
            else r.Error(e.GetValueOrDefault("parameters") ?? map, "parameters",
                $"--set {key}: no such parameter (parameters: {string.Join(", ", parameters.Keys)})");
        }
        return parameters;
    }

    internal static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
