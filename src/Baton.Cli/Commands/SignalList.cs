using System.Globalization;
using Baton.Core.Signals;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>The signal types of the catalogue, printed by <c>baton indicators list</c> after the indicators.</summary>
internal static class SignalList
{
    private static readonly string[] PlainHeader = ["signal", "arguments", "warm_up", "reads", "title"];

    /// <summary>A blank line, then the columns of <see cref="PlainHeader"/> separated by two spaces, padded; no field but
    /// the last (the title) contains a space.</summary>
    public static void PrintPlain()
    {
        var all = new List<string[]> { PlainHeader };
        all.AddRange(SignalRegistry.Descriptors.Select(Fields));
        var widths = Enumerable.Range(0, 4).Select(c => all.Max(r => r[c].Length)).ToArray();
        Console.Out.WriteLine();
        foreach (var r in all)
            Console.Out.WriteLine(string.Join("  ", r.Take(4).Select((f, c) => f.PadRight(widths[c]))) + "  " + r[4]);
    }

    public static void PrintTable()
    {
        var table = new Table().AddColumns("signal", "arguments (defaults)", "warm-up", "reads", "");
        foreach (var f in SignalRegistry.Descriptors.Select(Fields))
            table.AddRow([.. f.Select(Markup.Escape)]);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{SignalRegistry.Descriptors.Count} signal types, under [bold]dependencies.signals[/] of a strategy."));
    }

    /// <summary>Name; arguments as <c>name</c> (required), <c>name=default</c>, <c>name?</c> (optional, no default),
    /// a choice with its words in parentheses; warm-up; what it reads; title.</summary>
    private static string[] Fields(SignalDescriptor d)
    {
        string arguments = string.Join(',', d.Arguments.Select(a =>
            a.Name + (a.Kind == SignalArgumentKind.Choice ? "(" + string.Join('|', a.Choices) + ")" : "")
            + (a.DefaultText is { } x ? "=" + x : a.Required ? "" : "?")));
        string reads = d.ReadsCandle ? "candle" : "series";
        return [d.Name, arguments, WarmUp(d), reads, d.Title];
    }

    /// <summary>The warm-up in bars, or <c>bars+1</c> when it grows with a required whole argument.</summary>
    private static string WarmUp(SignalDescriptor d)
    {
        var whole = d.Arguments.Where(a => a is { Kind: SignalArgumentKind.Number, Required: true, IsInteger: true }).ToList();
        var required = d.Arguments.Where(a => a.Required && !whole.Contains(a)).ToList();
        int At(double n) => d.WarmUpOf(new SignalValues(
            required.Where(a => a.Kind == SignalArgumentKind.Series).ToDictionary(a => a.Name, _ => "close"),
            whole.Concat(required.Where(a => a.Kind == SignalArgumentKind.Number)).ToDictionary(a => a.Name, _ => n),
            required.Where(a => a.Kind == SignalArgumentKind.Choice).ToDictionary(a => a.Name, a => a.Choices[0])));
        int one = At(1);
        if (whole.Count == 0) return one.ToString(CultureInfo.InvariantCulture);
        return whole.Count == 1 && At(2) == one + 1 ? string.Create(CultureInfo.InvariantCulture, $"{whole[0].Name}+{one - 1}") : "-";
    }
}
