namespace Baton.Core.Indicators;

/// <summary>What an indicator's input is: one series (a price field or another indicator) or whole bars.</summary>
public enum IndicatorInput
{
    Series,
    Bar,
}

/// <summary>A numeric parameter of an indicator type, with its default and its allowed range.</summary>
public sealed record IndicatorParameter(string Name, double Default, double Min, double Max, bool IsInteger, string Description);

/// <summary>
/// One indicator type as users name it (<c>sma</c>, <c>macd</c>): its parameters, its outputs in order,
/// and how to build an instance. Output 0 is the value a bare id (<c>macd</c>) refers to.
/// </summary>
public sealed record IndicatorDescriptor(
    string Name,
    string Title,
    IndicatorInput Input,
    IReadOnlyList<IndicatorParameter> Parameters,
    IReadOnlyList<string> Outputs,
    Func<IndicatorArguments, Indicator> Create)
{
    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public IndicatorParameter? FindParameter(string name)
    {
        foreach (var p in Parameters)
            if (p.Name == name) return p;
        return null;
    }
}

/// <summary>Resolved parameter values for one indicator instance; absent names take their defaults.</summary>
public sealed class IndicatorArguments
{
    private readonly IndicatorDescriptor _descriptor;
    private readonly IReadOnlyDictionary<string, double> _values;

    public IndicatorArguments(IndicatorDescriptor descriptor, IReadOnlyDictionary<string, double> values)
    {
        _descriptor = descriptor;
        _values = values;
    }

    public double Number(string name)
    {
        if (_values.TryGetValue(name, out var v)) return v;
        return _descriptor.FindParameter(name)?.Default
            ?? throw new ArgumentException($"indicator '{_descriptor.Name}' has no parameter '{name}'", nameof(name));
    }

    public int Integer(string name) => (int)Number(name);
}
