namespace Baton.Research.Parameters;

/// <summary>
/// One swept parameter: its name and its values in order (a range ascending, a list as written). A value is kept as
/// the exact text <c>--set</c> gets (<c>10</c>, <c>0.5</c>, <c>2%</c>); <see cref="Numbers"/> holds the same values as
/// numbers, percentages as fractions (<c>2%</c> = 0.02), for <c>--where</c> and the model-based search.
/// </summary>
public sealed record ParameterAxis(string Name, IReadOnlyList<string> Values)
{
    /// <summary>The values as numbers, in the same order as <see cref="Values"/>.</summary>
    public IReadOnlyList<double> Numbers { get; init; } = [];

    /// <summary>Number of values (at least 1).</summary>
    public int Count => Values.Count;
}
