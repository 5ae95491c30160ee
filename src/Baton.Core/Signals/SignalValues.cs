namespace Baton.Core.Signals;

/// <summary>
/// The arguments a strategy gives one signal, typed: series names, numbers and choice words by argument name.
/// Only what was written: absent arguments take their defaults from the <see cref="SignalDescriptor"/> when built.
/// </summary>
public sealed class SignalValues
{
    /// <summary>No argument given: every one takes its default.</summary>
    public static readonly SignalValues None = new();

    public SignalValues(IReadOnlyDictionary<string, string>? series = null, IReadOnlyDictionary<string, double>? numbers = null,
        IReadOnlyDictionary<string, string>? choices = null)
    {
        Series = series ?? new Dictionary<string, string>();
        Numbers = numbers ?? new Dictionary<string, double>();
        Choices = choices ?? new Dictionary<string, string>();
    }

    /// <summary>Series arguments: argument name to the series it names (<c>above: fast</c>).</summary>
    public IReadOnlyDictionary<string, string> Series { get; }

    /// <summary>Number arguments (<c>lookback: 20</c>; a percentage already divided by 100).</summary>
    public IReadOnlyDictionary<string, double> Numbers { get; }

    /// <summary>Choice arguments: argument name to the word given (<c>direction: bullish</c>).</summary>
    public IReadOnlyDictionary<string, string> Choices { get; }

    /// <summary>True when a value is given for <paramref name="argument"/>.</summary>
    public bool Has(SignalArgument argument) => argument.Kind switch
    {
        SignalArgumentKind.Series => Series.ContainsKey(argument.Name),
        SignalArgumentKind.Number => Numbers.ContainsKey(argument.Name),
        _ => Choices.ContainsKey(argument.Name),
    };
}
