namespace Baton.Core.Indicators;

/// <summary>What an indicator's input is: one series (a price field or another indicator) or whole bars.</summary>
public enum IndicatorInput
{
    Series,
    Bar,
}

/// <summary>A numeric parameter of an indicator type, with its default and its allowed range.</summary>
public sealed record IndicatorParameter(string Name, double Default, double Min, double Max, bool IsInteger, string Description);

/// <summary>A rule between two parameters of one indicator: <see cref="Smaller"/> must be below <see cref="Larger"/>
/// (or equal to it when not <see cref="Strict"/>), as a MACD's fast period must be shorter than its slow one.</summary>
public sealed record ParameterRelation(string Smaller, string Larger, bool Strict = true);

/// <summary>A parameter value an indicator cannot be built with: which parameter, and why.</summary>
public readonly record struct ParameterProblem(string Parameter, string Message);

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
    Func<IndicatorArguments, Indicator> Create,
    IReadOnlyList<ParameterRelation>? Relations = null)
{
    /// <summary>The rules between parameters (none for most types).</summary>
    public IReadOnlyList<ParameterRelation> Relations { get; init; } = Relations ?? [];

    /// <summary>Every problem of <paramref name="values"/> (absent names take their defaults): a value outside its
    /// parameter's range or not whole where it must be, or a broken <see cref="Relations"/> rule. Empty when
    /// <see cref="Create"/> can build the indicator. Load-time only.</summary>
    public IReadOnlyList<ParameterProblem> Check(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<ParameterProblem>();
        var arguments = new IndicatorArguments(this, values);
        foreach (var p in Parameters)
        {
            double v = arguments.Number(p.Name);
            if (!(v >= p.Min && v <= p.Max) || (p.IsInteger && Math.Floor(v) != v))
                problems.Add(new(p.Name, $"expected {(p.IsInteger ? "a whole number" : "a value")} between {p.Min} and {p.Max}, got {v}"));
        }
        if (problems.Count > 0) return problems;   // a relation between values that are not valid says nothing more
        foreach (var r in this.Relations)
        {
            double small = arguments.Number(r.Smaller), large = arguments.Number(r.Larger);
            if (r.Strict ? small < large : small <= large) continue;
            string than = r.Strict ? "less than" : "at most";
            problems.Add(new(values.ContainsKey(r.Smaller) || !values.ContainsKey(r.Larger) ? r.Smaller : r.Larger,
                $"{r.Smaller} ({small}) must be {than} {r.Larger} ({large}) for {Name}"));
        }
        return problems;
    }

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
