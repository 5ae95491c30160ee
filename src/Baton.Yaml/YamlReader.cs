using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Baton.Yaml;

/// <summary>
/// Reads typed values out of YAML nodes, substituting <c>${name}</c> parameters, and collects an error with
/// file:line:col and field path for everything that does not fit instead of stopping at the first.
/// </summary>
internal sealed partial class YamlReader(string file, List<StrategyError> errors)
{
    private Dictionary<string, string> _parameters = new(StringComparer.Ordinal);

    public string File => file;
    public List<StrategyError> Errors => errors;

    public void UseParameters(Dictionary<string, string> parameters) => _parameters = parameters;

    public void Error(YamlNode node, string path, string message) =>
        errors.Add(new StrategyError(file, (int)node.Start.Line, (int)node.Start.Column, path, message));

    public void Error(YamlNode node, int columnOffset, string path, string message) =>
        errors.Add(new StrategyError(file, (int)node.Start.Line, (int)node.Start.Column + columnOffset, path, message));

    public YamlMappingNode? Map(YamlNode node, string path)
    {
        if (node is YamlMappingNode map) return map;
        Error(node, path, $"expected a mapping (key: value lines), got {Describe(node)}");
        return null;
    }

    /// <summary>The map's entries by key, after reporting keys not in <paramref name="known"/>.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode map, string path, IReadOnlyCollection<string>? known)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (known is not null && !known.Contains(key))
            {
                string hint = Suggest(key, known) is { } s ? $"; did you mean '{s}'?" : "";
                Error(keyNode, Join(path, key), $"unknown key '{key}'{hint} (known: {string.Join(", ", known)})");
                continue;
            }
            entries[key] = value;
        }
        return entries;
    }

    public List<YamlNode> List(YamlNode node, string path)
    {
        if (node is YamlSequenceNode seq) return [.. seq.Children];
        if (node is YamlScalarNode { Value: not null and not "" }) return [node];
        if (node is YamlScalarNode) return [];
        Error(node, path, $"expected a list, got {Describe(node)}");
        return [];
    }

    /// <summary>A scalar's text with <c>${name}</c> replaced by its parameter; null (error reported) otherwise.</summary>
    public string? Text(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, path, $"expected a single value, got {Describe(node)}");
            return null;
        }
        string value = scalar.Value ?? "";
        if (!value.Contains("${", StringComparison.Ordinal)) return value;
        bool ok = true;
        string result = Placeholder().Replace(value, m =>
        {
            if (_parameters.TryGetValue(m.Groups[1].Value, out var v)) return v;
            Error(node, path, $"no parameter named '{m.Groups[1].Value}' (parameters: {string.Join(", ", _parameters.Keys)})");
            ok = false;
            return m.Value;
        });
        return ok ? result : null;
    }

    /// <summary>The largest magnitude of any number in a strategy file (prices, amounts, levels, money) unless its field
    /// says less: far beyond any real value, yet no sum or product of a few of them overflows.</summary>
    public const double MaxMagnitude = 1e15;

    public double? Number(YamlNode node, string path, double min = -MaxMagnitude, double max = MaxMagnitude)
    {
        if (Text(node, path) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            Error(node, path, $"expected a number, got \"{text}\"");
            return null;
        }
        return InRange(node, path, v, min, max) ? v : null;
    }

    public int? Integer(YamlNode node, string path, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Text(node, path) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
        {
            Error(node, path, $"expected an integer, got \"{text}\"");
            return null;
        }
        return InRange(node, path, v, min, max) ? v : null;
    }

    /// <summary>An exact amount (cash, fees, quantities) between <paramref name="min"/> and <see cref="MaxMagnitude"/>,
    /// written as any other number of the file (<c>1000</c>, <c>1e3</c>, <c>1_000</c>): no thousands separator, since
    /// <c>0,5</c> would silently be 5.</summary>
    public decimal? Money(YamlNode node, string path, decimal min = 0)
    {
        if (Text(node, path) is not { } text) return null;
        if (!decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v)
            || v < min || v > (decimal)MaxMagnitude)
        {
            Error(node, path, $"expected a number within [{min.ToString(CultureInfo.InvariantCulture)}, {MaxMagnitude:0.#e0}], got \"{text}\"");
            return null;
        }
        return v;
    }

    public bool? Bool(YamlNode node, string path)
    {
        switch (Text(node, path))
        {
            case null: return null;
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            case var t:
                Error(node, path, $"expected true or false, got \"{t}\"");
                return null;
        }
    }

    /// <summary>A fraction written <c>2%</c> (0.02) or as a plain number (0.02), within [min, max].</summary>
    public double? Fraction(YamlNode node, string path, double min, double max) =>
        Text(node, path) is { } text ? Fraction(node, path, text, min, max) : null;

    /// <summary>As <see cref="Fraction(YamlNode, string, double, double)"/>, of <paramref name="text"/> (a value already
    /// read, such as a parameter after <c>--set</c>); errors are placed at <paramref name="node"/>.</summary>
    public double? Fraction(YamlNode node, string path, string text, double min, double max)
    {
        bool percent = text.EndsWith('%');
        var digits = percent ? text[..^1] : text;
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            Error(node, path, $"expected a percentage such as 2% (or a fraction such as 0.02), got \"{text}\"");
            return null;
        }
        v = percent ? v / 100 : v;
        return InRange(node, path, v, min, max, asPercent: true) ? v : null;
    }

    /// <summary>One of <paramref name="choices"/>; null (error reported) otherwise.</summary>
    public string? Choice(YamlNode node, string path, params string[] choices)
    {
        if (Text(node, path) is not { } text) return null;
        if (choices.Contains(text)) return text;
        string hint = Suggest(text, choices) is { } s ? $"; did you mean '{s}'?" : "";
        Error(node, path, $"expected one of {string.Join(", ", choices)}, got \"{text}\"{hint}");
        return null;
    }

    private bool InRange(YamlNode node, string path, double v, double min, double max, bool asPercent = false)
    {
        if (v >= min && v <= max) return true;
        // up to the general bound in full (1000000000000000, not 1E+15); anything larger as 1E+308, not 309 digits
        string F(double x) => asPercent
            ? (Math.Abs(x * 100) <= MaxMagnitude ? (x * 100).ToString("0.####", CultureInfo.InvariantCulture) : (x * 100).ToString(CultureInfo.InvariantCulture)) + "%"
            : Math.Abs(x) <= MaxMagnitude && x == Math.Floor(x) ? x.ToString("0", CultureInfo.InvariantCulture) : x.ToString(CultureInfo.InvariantCulture);
        // a field bounded only below says so while the value is too small; past the general bound the whole range shows
        bool onlyBelow = (max is double.MaxValue or int.MaxValue or MaxMagnitude) && v < min;
        string range = onlyBelow ? $">= {F(min)}" : $"between {F(min)} and {F(max)}";
        Error(node, path, $"expected a value {range}, got {F(v)}");
        return false;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "something else",
    };

    /// <summary>The closest known word within edit distance 2, for "did you mean".</summary>
    public static string? Suggest(string word, IEnumerable<string> known) =>
        known.Select(k => (k, d: Distance(word, k))).Where(x => x.d <= 2).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
