using System.Globalization;

namespace Baton.Core.Signals;

/// <summary>What a signal argument holds: the name of a series it reads, a number, or one word of a fixed set.</summary>
public enum SignalArgumentKind
{
    /// <summary>A price field, an indicator id or output, or an earlier signal's id: one slot of the graph.</summary>
    Series,
    Number,
    Choice,
}

/// <summary>
/// One argument of a signal type. A series argument may default to a price field (<see cref="DefaultSeries"/>);
/// a number has a range (and <see cref="DefaultNumber"/> unless it is required); a choice has its words
/// (and <see cref="DefaultChoice"/> unless required). An argument with no default that is not
/// <see cref="Required"/> is simply absent (a breakout's channel edge it does not watch).
/// </summary>
/// <param name="Name">The YAML key (<c>lookback</c>).</param>
/// <param name="Kind">Series, number or choice.</param>
/// <param name="Description">One line for listings.</param>
public sealed record SignalArgument(string Name, SignalArgumentKind Kind, string Description)
{
    /// <summary>A strategy must give it: it has no default.</summary>
    public bool Required { get; init; }

    /// <summary>The price field a series argument reads when none is given (<c>close</c>), or null.</summary>
    public string? DefaultSeries { get; init; }

    /// <summary>A number's default; NaN when it has none (required).</summary>
    public double DefaultNumber { get; init; } = double.NaN;

    /// <summary>A number's least allowed value (bars, ratios and fractions from 0 or 1).</summary>
    public double Min { get; init; }

    /// <summary>A number's largest allowed value: whole numbers of bars at most 100 000, so history stays bounded.</summary>
    public double Max { get; init; }

    /// <summary>A number that must be whole (a count of bars).</summary>
    public bool IsInteger { get; init; }

    /// <summary>A choice's words, in the order messages list them.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>A choice's word when none is given, or null (required).</summary>
    public string? DefaultChoice { get; init; }

    /// <summary>The default written as in YAML, or null when the argument has none.</summary>
    public string? DefaultText => Kind switch
    {
        SignalArgumentKind.Series => DefaultSeries,
        SignalArgumentKind.Number => double.IsNaN(DefaultNumber) ? null : DefaultNumber.ToString("R", CultureInfo.InvariantCulture),
        _ => DefaultChoice,
    };
}

/// <summary>An argument value a signal cannot be built with: which argument, and why.</summary>
public readonly record struct SignalProblem(string Argument, string Message);

/// <summary>
/// One signal type as users name it (<c>crossover</c>, <c>hammer</c>): the series it reads (its series arguments,
/// and the candle's open, high, low and close when <see cref="ReadsCandle"/>), its arguments with their ranges and
/// defaults, its warm-up, and how to build an instance from typed values.
/// </summary>
/// <param name="Name">The YAML type (<c>morning_star</c>).</param>
/// <param name="Title">One line for listings.</param>
/// <param name="ReadsCandle">True when it reads the candle's open, high, low and close slots (candlestick patterns).</param>
/// <param name="Arguments">Its arguments in the order YAML messages list them.</param>
/// <param name="WarmUp">Candles of ready inputs before it can fire, from its numbers and choices (no slots): equal to
/// the built instance's <see cref="SignalComponent.WarmUpPeriod"/>, which the contract test checks.</param>
/// <param name="Create">Builds an instance; reads only declared arguments.</param>
public sealed record SignalDescriptor(
    string Name,
    string Title,
    bool ReadsCandle,
    IReadOnlyList<SignalArgument> Arguments,
    Func<SignalArguments, int> WarmUp,
    Func<SignalArguments, SignalComponent> Create)
{
    /// <summary>A rule between arguments beyond each one's own range (a breakout needs the edge its direction
    /// watches); checked once every value has parsed. None for most types.</summary>
    public Func<SignalArguments, IEnumerable<SignalProblem>>? Rule { get; init; }

    /// <summary>The argument called <paramref name="name"/>, or null.</summary>
    public SignalArgument? FindArgument(string name)
    {
        foreach (var a in Arguments)
            if (a.Name == name) return a;
        return null;
    }

    /// <summary>Bars of ready inputs before the signal can fire, for these values (defaults for absent ones).</summary>
    public int WarmUpOf(SignalValues values) => WarmUp(new SignalArguments(this, values, null));

    /// <summary>Builds an instance; <paramref name="slotOf"/> turns a series name into its slot (−1: unknown).
    /// Throws <see cref="ArgumentException"/> for values <see cref="Check"/> refuses.</summary>
    public SignalComponent Build(SignalValues values, Func<string, int> slotOf) =>
        Create(new SignalArguments(this, values, slotOf));

    /// <summary>Every problem of <paramref name="values"/>: an argument the type does not have (or of another kind),
    /// a required one missing, a number out of range or not whole, a word not among the choices, then a broken
    /// <see cref="Rule"/>. Empty when <see cref="Build"/> can build the signal. Load-time only.</summary>
    public IReadOnlyList<SignalProblem> Check(SignalValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<SignalProblem>();
        CheckNames(values.Series.Keys, SignalArgumentKind.Series, problems);
        CheckNames(values.Numbers.Keys, SignalArgumentKind.Number, problems);
        CheckNames(values.Choices.Keys, SignalArgumentKind.Choice, problems);
        foreach (var a in Arguments)
        {
            if (a.Required && !values.Has(a)) problems.Add(new(a.Name, $"missing required argument for type {Name}"));
            if (a.Kind == SignalArgumentKind.Number && values.Numbers.TryGetValue(a.Name, out var v)
                && (!(v >= a.Min && v <= a.Max) || (a.IsInteger && Math.Floor(v) != v)))
                problems.Add(new(a.Name, $"expected {(a.IsInteger ? "a whole number" : "a value")} between {a.Min} and {a.Max}, got {v}"));
            if (a.Kind == SignalArgumentKind.Choice && values.Choices.TryGetValue(a.Name, out var word) && !a.Choices.Contains(word))
                problems.Add(new(a.Name, $"expected one of {string.Join(", ", a.Choices)}, got \"{word}\""));
        }
        if (problems.Count > 0 || Rule is null) return problems;   // a rule between values that are not valid says nothing more
        problems.AddRange(Rule(new SignalArguments(this, values, null)));
        return problems;
    }

    private void CheckNames(IEnumerable<string> names, SignalArgumentKind kind, List<SignalProblem> problems)
    {
        foreach (var name in names)
            if (FindArgument(name)?.Kind != kind)
                problems.Add(new(name, $"unknown {kind.ToString().ToLowerInvariant()} argument '{name}' for {Name} (known: {string.Join(", ", Arguments.Select(a => a.Name))})"));
    }
}
