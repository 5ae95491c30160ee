using System.CommandLine;
using Baton.Engine.Data;
using Baton.Engine.Data.Files;

namespace Baton.Cli.Commands;

/// <summary>Options and parsing helpers shared by several commands.</summary>
internal static class CliOptions
{
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a strategy parameter: --set name=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Turns <c>name=value</c> pairs into a dictionary; throws <see cref="CliException"/> on a bad pair.</summary>
    public static Dictionary<string, string> Overrides(string[]? pairs)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new CliException($"--set {pair}: expected name=value");
            overrides[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return overrides;
    }

    /// <summary>Parses an ISO date or date-time (UTC unless it has an offset) into Unix ms, with the data files' parser
    /// (<see cref="CandleTimestamp"/>); a time alone (<c>12:00</c>, which would mean "today"), a bare number (<c>2020</c>:
    /// a year or an epoch?) or a date past 9999-12-31 is refused.</summary>
    public static long? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string t = text.Trim();
        if (t.Length >= 10 && t[4] == '-' && CandleTimestamp.TryParse(t.AsSpan(), out long ms)) return ms;
        throw new CliException($"{option} {Excerpt.Of(text)}: expected an ISO date or date-time in UTC such as 2021-03-01 or 2021-03-01T12:00:00Z");
    }

    /// <summary>The window <c>--from</c> .. <c>--to</c>; refuses one that is empty because it ends before it starts.</summary>
    public static TimeRange Range(string? from, string? to, string fromName = "--from", string toName = "--to")
    {
        var range = new TimeRange(Time(from, fromName), Time(to, toName));
        if (range is { From: { } f, To: { } t } && f > t)
        {
            throw new CliException($"{fromName} {CandleTimestamp.Format(f)} is after {toName} {CandleTimestamp.Format(t)}: "
                + "the window would hold no candle");
        }
        return range;
    }
}

/// <summary>A user error on the command line: printed as is, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
