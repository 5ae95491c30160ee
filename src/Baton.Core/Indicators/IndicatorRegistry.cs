namespace Baton.Core.Indicators;

/// <summary>
/// The one table between YAML names (<c>sma</c>) and indicator types (<see cref="SimpleMovingAverage"/>).
/// Lookups happen at load time only.
/// </summary>
public static class IndicatorRegistry
{
    private static readonly IndicatorDescriptor[] All = IndicatorCatalog.Build();
    private static readonly Dictionary<string, IndicatorDescriptor> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Every indicator type, sorted by name.</summary>
    public static IReadOnlyList<IndicatorDescriptor> Descriptors => All;

    public static bool TryGet(string name, out IndicatorDescriptor descriptor) =>
        ByName.TryGetValue(name, out descriptor!);

    /// <summary>Builds an instance from parameter values (validated by the caller against the descriptor).</summary>
    public static Indicator Create(string name, IReadOnlyDictionary<string, double> parameters)
    {
        if (!TryGet(name, out var d)) throw new ArgumentException($"unknown indicator type '{name}'", nameof(name));
        return d.Create(new IndicatorArguments(d, parameters));
    }
}
