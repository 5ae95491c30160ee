namespace Baton.Core.Signals;

/// <summary>
/// The one table between YAML names (<c>crossover</c>) and signal types (<see cref="CrossoverSignal"/>).
/// Lookups happen at load time only.
/// </summary>
public static class SignalRegistry
{
    private static readonly SignalDescriptor[] All = SignalCatalog.Build();
    private static readonly Dictionary<string, SignalDescriptor> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Every signal type, in the catalogue's order (the order the README lists them).</summary>
    public static IReadOnlyList<SignalDescriptor> Descriptors => All;

    public static bool TryGet(string name, out SignalDescriptor descriptor) =>
        ByName.TryGetValue(name, out descriptor!);
}
