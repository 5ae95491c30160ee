using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Baton.Cli.Commands;

/// <summary>
/// The valid range of each command-line value, declared once on the option: a value out of range is a parse error
/// (exit 2, <c>error: --speed NaN: expected ...</c>) before the command does anything. <see cref="Apply"/> adds the rules
/// every option gets without asking: no empty or blank text, no NaN or infinity in a number.
/// </summary>
internal static class OptionRules
{
    /// <summary>Refuses a value outside [<paramref name="min"/>, <paramref name="max"/>] (and NaN); <paramref name="unit"/>
    /// follows the range in the message, e.g. "candles per second; 0: as fast as possible".</summary>
    public static Option<T> Between<T>(this Option<T> option, T min, T max, string? unit = null) where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        Ranged.AddOrUpdate(option, option);
        option.Validators.Add(r =>
        {
            if (TryGet(r, out T v)) Check(r, option.Name, v, min, max, unit);
        });
        return option;
    }

    /// <summary>The same for an optional number: absent is fine, a given one must be in range.</summary>
    public static Option<T?> Between<T>(this Option<T?> option, T min, T max, string? unit = null) where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        Ranged.AddOrUpdate(option, option);
        option.Validators.Add(r =>
        {
            if (TryGet(r, out T? v) && v is { } value) Check(r, option.Name, value, min, max, unit);
        });
        return option;
    }

    /// <summary>Refuses a value its <paramref name="parse"/> rejects: it returns null when fine, else what was expected.</summary>
    public static Option<T> Must<T>(this Option<T> option, Func<T, string?> parse)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(parse);
        Ruled.AddOrUpdate(option, option);
        option.Validators.Add(r =>
        {
            if (TryGet(r, out T v) && v is not null && parse(v) is { } expected) r.AddError($"{option.Name} {Shown(r)}: expected {expected}");
        });
        return option;
    }

    /// <summary>Adds to every option and argument of <paramref name="command"/> and its subcommands: text must not be
    /// empty or blank (each value of a repeatable option too); a double must be a finite number.</summary>
    public static void Apply(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in command.Options)
        {
            if (option.ValueType == typeof(string) || option.ValueType == typeof(string[]))
                option.Validators.Add(r => NotBlank(r, option.Name, r.Tokens));
            else if (option.ValueType == typeof(double) && !HasRange(option))
                option.Validators.Add(r =>
                {
                    if (TryGet(r, out double v)) Finite(r, option.Name, v);
                });
        }
        foreach (var argument in command.Arguments)
            if (argument.ValueType == typeof(string) || argument.ValueType == typeof(string[]))
                argument.Validators.Add(r => NotBlank(r, argument.Name.ToUpperInvariant(), r.Tokens));
        foreach (var sub in command.Subcommands) Apply(sub);
    }

    /// <summary>Whether <paramref name="option"/> declared its range with <see cref="Between{T}(Option{T}, T, T, string?)"/>.</summary>
    public static bool HasRange(Option option) => Ranged.TryGetValue(option, out _);

    /// <summary>Whether <paramref name="option"/> declared its rule with <see cref="Must{T}"/>.</summary>
    public static bool HasRule(Option option) => Ruled.TryGetValue(option, out _);

    private static readonly ConditionalWeakTable<Option, object> Ruled = [];

    /// <summary>Options given a range (the finite rule is part of it).</summary>
    private static readonly ConditionalWeakTable<Option, object> Ranged = [];

    /// <summary>The parsed value; false when the text did not convert (that error is already reported).</summary>
    private static bool TryGet<T>(OptionResult r, out T value)
    {
        try
        {
            value = r.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static void Check<T>(OptionResult r, string name, T value, T min, T max, string? unit) where T : struct, INumber<T>
    {
        if (value >= min && value <= max) return;   // false for NaN
        string range = max == MaxOf<T>() ? $"a number of at least {Text(min)}" : $"a number from {Text(min)} to {Text(max)}";
        r.AddError($"{name} {Shown(r)}: expected {range}{(unit is null ? "" : $" ({unit})")}");
    }

    private static void Finite(OptionResult r, string name, double value)
    {
        if (!double.IsFinite(value)) r.AddError($"{name} {Shown(r)}: expected a finite number");
    }

    private static void NotBlank(SymbolResult r, string name, IReadOnlyList<Token> tokens)
    {
        foreach (var token in tokens)
            if (string.IsNullOrWhiteSpace(token.Value)) r.AddError($"{name} '{token.Value}': expected a non-empty value");
    }

    private static T MaxOf<T>() where T : struct, INumber<T> =>
        typeof(T) == typeof(int) ? T.CreateChecked(int.MaxValue) : typeof(T) == typeof(long) ? T.CreateChecked(long.MaxValue)
        : T.CreateSaturating(double.MaxValue);

    /// <summary>A bound as people write it: 0.000001 and 1000000000000, not 1E-06 and 1E+12.</summary>
    private static string Text<T>(T value) where T : struct, INumber<T> =>
        value is double d && Math.Abs(d) < 1e27 ? ((decimal)d).ToString(CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The value as typed (so <c>1e308</c> reads as written, not as a long run of digits).</summary>
    private static string Shown(OptionResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "(default)";

    /// <summary>A parser message in the user's words: "as expected type 'System.Int32'" becomes "expected a whole number
    /// from -2147483648 to 2147483647", and so on for the other value types options use.</summary>
    public static string Plain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (type, words) in TypeWords)
            message = message.Replace($" as expected type '{type}'", $": expected {words}", StringComparison.Ordinal);
        return message;
    }

    private static readonly (string Type, string Words)[] TypeWords =
    [
        ("System.Int32", "a whole number from -2147483648 to 2147483647"),
        ("System.Int64", "a whole number from -9223372036854775808 to 9223372036854775807"),
        ("System.Double", "a number"),
        ("System.Decimal", "a number"),
        ("System.Boolean", "true or false"),
        ("System.TimeSpan", "a duration such as 5s"),
    ];
}
