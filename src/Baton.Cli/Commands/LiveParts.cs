using System.Globalization;
using Baton.Engine.Live;
using Baton.Engine.Live.Bus;
using Baton.Engine.Live.Journal;
using Baton.Engine.Strategy;
using Baton.Postgres;
using Baton.Redis;
using Baton.Sqlite;
using Baton.Yaml;

namespace Baton.Cli.Commands;

/// <summary>Picks the live adapters: the journal (a SQLite file, or PostgreSQL for a <c>postgresql://</c> URI), the bus
/// (Redis for <c>--redis</c>, else in-process), and the strategy as journaled (its text and <c>--set</c> overrides).</summary>
internal static class LiveParts
{
    private const string SetMarker = "#baton-set ";

    public static IJournal Journal(string location)
    {
        if (PostgresUri.IsUri(location)) return new PostgresJournal(PostgresUri.Parse(location));
        if (Path.GetDirectoryName(Path.GetFullPath(location)) is { } dir) Directory.CreateDirectory(dir);
        return new SqliteJournal(location);
    }

    /// <summary>Refuses a SQLite journal location that holds something else (a text file, another kind of database)
    /// before the session opens anything.</summary>
    public static void CheckJournal(string location)
    {
        if (!PostgresUri.IsUri(location)) SqliteFiles.Check(location, "session", "a live journal", mayCreate: true);
    }

    /// <summary>The journal's canonical location, the same text for every process that writes it: <c>sqlite:</c> and the
    /// file's full path (a symbolic link followed), or the PostgreSQL server, database and table (no login). The lease
    /// names it, and a standby with another journal is refused.</summary>
    public static string JournalIdentity(string location)
    {
        if (PostgresUri.IsUri(location)) return PostgresUri.Parse(location).Identity;
        string full = Path.GetFullPath(location);
        return "sqlite:" + (File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full);
    }

    /// <summary>The default consumer name: <c>baton-</c> and 12 hex digits of the SHA-256 of <see cref="JournalIdentity"/>, so
    /// the same journal reads the group under the same name on any host, and a process taking over a journal finds the
    /// pending entries of the one before it as its own.</summary>
    public static string DefaultConsumer(string journalLocation) =>
        "baton-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JournalIdentity(journalLocation))))[..12];

    public static string Describe(string location) => PostgresUri.IsUri(location) ? PostgresUri.Parse(location).Redacted : location;

    public static async Task<IMessageBus> RedisAsync(string url, string group, string consumer, TimeSpan claimIdle)
    {
        try
        {
            return await RedisMessageBus.ConnectAsync(url, new RedisConsumer(group, consumer) { ClaimIdle = claimIdle }).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Redis for a one-shot command (publish, live stop): an unreachable server fails at once, naming the URL.</summary>
    public static async Task<IMessageBus> RedisNowAsync(string url, string group, string consumer)
    {
        try
        {
            return await RedisMessageBus.ConnectNowAsync(url, new RedisConsumer(group, consumer)).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    public static string RedactRedis(string url) => RedisUrl.Redact(url);

    /// <summary>The header a journal keeps: the file's text, with the <c>--set</c> overrides appended as comments so replay
    /// rebuilds exactly the strategy that ran.</summary>
    public static JournalHeader Header(StrategyDefinition definition, string path, string[]? set)
    {
        string text = File.ReadAllText(path);
        var lines = CliOptions.Overrides(set).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{SetMarker}{kv.Key}={kv.Value}");
        string full = text.TrimEnd('\n') + "\n" + string.Join("\n", lines);
        return new JournalHeader(definition.Name, Path.GetFullPath(path), full, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    /// <summary>The strategy a journal was written for.</summary>
    public static StrategyDefinition Strategy(JournalHeader header)
    {
        var overrides = header.StrategyText.Split('\n').Where(l => l.StartsWith(SetMarker, StringComparison.Ordinal))
            .Select(l => l[SetMarker.Length..]).ToArray();
        return StrategyLoader.LoadFromText(header.StrategyText, header.StrategyPath, CliOptions.Overrides(overrides));
    }

    /// <summary>Fastest replay or publish rate the options accept, in candles per second (0 means as fast as possible).</summary>
    public const double MaxSpeed = 1_000_000;

    private const string DurationExpected = "a duration from 0 to 24h such as 500ms, 5s, 2m or 1h";

    /// <summary>Parses <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c> (at most 24h), or <c>off</c> (null).</summary>
    public static TimeSpan? Duration(string text, string option)
    {
        if (text is "off" or "none") return null;
        return TryDuration(text, out var span) ? span : throw new CliException($"{option} {text}: expected {DurationExpected}, or off");
    }

    /// <summary>Option rule: null when <paramref name="text"/> is a duration or <c>off</c>, else what was expected.</summary>
    public static string? DurationOrOff(string text) => text is "off" or "none" || TryDuration(text, out _) ? null : DurationExpected + ", or off";

    /// <summary>Option rule: null when <paramref name="text"/> is a duration, else what was expected.</summary>
    public static string? DurationOnly(string text) => TryDuration(text, out _) ? null : DurationExpected;

    /// <summary>Option rule for <c>--lease-ttl</c>: a duration from 500ms to 10m.</summary>
    public static string? LeaseTtl(string text) =>
        TryDuration(text, out var span) && span >= TimeSpan.FromMilliseconds(500) && span <= TimeSpan.FromMinutes(10) ? null : "a duration from 500ms to 10m such as 5s";

    private static bool TryDuration(string text, out TimeSpan span)
    {
        span = default;
        (string number, double unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0) : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0) : ("", 0);
        if (unit == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double n)) return false;
        double ms = n * unit;
        if (!(ms >= 0 && ms <= TimeSpan.FromDays(1).TotalMilliseconds)) return false;   // also NaN
        span = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
