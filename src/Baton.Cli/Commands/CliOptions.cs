using System.CommandLine;
using System.Globalization;

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

    /// <summary>Parses an ISO date or date-time (UTC unless it has an offset) into Unix ms.</summary>
    public static long? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        throw new CliException($"{option} {text}: expected an ISO date or date-time such as 2021-03-01 or 2021-03-01T12:00:00Z");
    }
}

/// <summary>A user error on the command line: printed as is, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
