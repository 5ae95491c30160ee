namespace Baton.Core.Signals;

/// <summary>
/// The resolved arguments of one signal instance, as its factory reads them: given values, else the descriptor's
/// defaults; series turned into slots. Reading an argument the descriptor does not declare throws, so a factory
/// reads only what its type declares.
/// </summary>
public sealed class SignalArguments
{
    private readonly SignalDescriptor _descriptor;
    private readonly SignalValues _values;
    private readonly Func<string, int>? _slotOf;

    /// <param name="slotOf">Slot of a series name (−1 when unknown); null when only numbers and choices are read
    /// (warm-up, rules).</param>
    public SignalArguments(SignalDescriptor descriptor, SignalValues values, Func<string, int>? slotOf)
    {
        _descriptor = descriptor;
        _values = values;
        _slotOf = slotOf;
    }

    /// <summary>True when the series argument is given or has a default.</summary>
    public bool HasSeries(string name) => SeriesName(name) is not null;

    /// <summary>The slot of a series argument (given, else its default).</summary>
    public int Slot(string name)
    {
        string series = SeriesName(name) ?? throw Missing(name);
        if (_slotOf is null) throw new InvalidOperationException($"{_descriptor.Name}: series are not resolved here");
        int slot = _slotOf(series);
        return slot >= 0 ? slot : throw new ArgumentException($"{name}: unknown name '{series}'");
    }

    /// <summary>The slot of a series argument, or −1 when it is absent and has no default.</summary>
    public int OptionalSlot(string name) => HasSeries(name) ? Slot(name) : -1;

    /// <summary>A number argument (given, else its default).</summary>
    public double Number(string name)
    {
        var a = Declared(name, SignalArgumentKind.Number);
        if (_values.Numbers.TryGetValue(name, out var v)) return v;
        return double.IsNaN(a.DefaultNumber) ? throw Missing(name) : a.DefaultNumber;
    }

    /// <summary>A whole-number argument (a count of bars).</summary>
    public int Integer(string name) => (int)Number(name);

    /// <summary>The word of a choice argument (given, else its default).</summary>
    public string Choice(string name)
    {
        var a = Declared(name, SignalArgumentKind.Choice);
        return _values.Choices.GetValueOrDefault(name) ?? a.DefaultChoice ?? throw Missing(name);
    }

    private string? SeriesName(string name) =>
        _values.Series.GetValueOrDefault(name) ?? Declared(name, SignalArgumentKind.Series).DefaultSeries;

    private SignalArgument Declared(string name, SignalArgumentKind kind) =>
        _descriptor.FindArgument(name) is { } a && a.Kind == kind ? a
            : throw new ArgumentException($"signal '{_descriptor.Name}' has no {kind.ToString().ToLowerInvariant()} argument '{name}'");

    private ArgumentException Missing(string name) => new($"a {_descriptor.Name} signal needs '{name}'");
}
