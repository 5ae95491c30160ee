using System.Globalization;
using Baton.Core.Indicators;

namespace Baton.Core.Tests.Indicators;

/// <summary>
/// One parameterisation of a registered indicator type and where its expected values come from: a TA-Lib
/// reference series per output, or a naive recomputation written in the tests.
/// </summary>
public sealed record IndicatorCase(
    string Type,
    IReadOnlyDictionary<string, double> Parameters,
    string Source,
    Func<MarketData, double[][]> Expected)
{
    public Indicator Create() => IndicatorRegistry.Create(Type, Parameters);

    /// <summary>Parses <c>"period=10,stddev=2"</c> (empty for none).</summary>
    public static Dictionary<string, double> ParseParameters(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            result[parts[0].Trim()] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return result;
    }

    public override string ToString()
    {
        var args = string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));
        return $"{Type}({args}) vs {Source}";
    }
}
