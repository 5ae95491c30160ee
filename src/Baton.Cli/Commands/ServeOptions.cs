using System.CommandLine;
using System.Globalization;
using System.Net;
using Baton.Web;

namespace Baton.Cli.Commands;

/// <summary><c>baton serve</c>'s options for running behind a reverse proxy and for bounding its runs, and their parsing
/// (every bad value is a <see cref="CliException"/> naming the option and what was expected).</summary>
internal sealed class ServeOptions
{
    public Option<string[]> Origins { get; } = new("--origin")
    {
        Description = "A public origin the page is served from, e.g. https://baton.example.com behind an HTTPS reverse proxy (repeatable)",
    };

    public Option<string[]> Proxies { get; } = new("--trusted-proxy")
    {
        Description = "IP address of a reverse proxy whose X-Forwarded-Proto/-Host/-For headers are believed (repeatable)",
    };

    public Option<int> Running { get; } = new Option<int>("--max-running") { Description = "Backtests running at once", DefaultValueFactory = _ => 2 }
        .Between(1, 64, "backtests at once");

    public Option<int> Queued { get; } = new Option<int>("--max-queued")
    {
        Description = "Backtests waiting for a slot; more are refused with 429", DefaultValueFactory = _ => 20,
    }.Between(0, 10_000, "backtests waiting");

    public Option<int> Keep { get; } = new Option<int>("--keep-runs")
    {
        Description = "Finished runs kept, the newest; older ones are deleted with their folders (0: all)", DefaultValueFactory = _ => 100,
    }.Between(0, 1_000_000, "0: keep all");

    public Option<string> Budget { get; } = new("--runs-budget")
    {
        Description = "Disk the finished runs' folders may take, e.g. 500MB or 2GB; the oldest go first, the newest stays (0: no limit)",
        DefaultValueFactory = _ => "2GB",
    };

    public IEnumerable<Option> All => [Origins, Proxies, Running, Queued, Keep, Budget];

    public RunLimits Limits(ParseResult result)
    {
        int running = result.GetValue(Running), queued = result.GetValue(Queued), keep = result.GetValue(Keep);
        return new RunLimits(running, queued, keep, Size(result.GetValue(Budget)!, "--runs-budget"));
    }

    public IReadOnlyList<Uri> PublicOrigins(ParseResult result) => (result.GetValue(Origins) ?? []).Select(Origin).ToList();

    public IReadOnlyList<IPAddress> TrustedProxies(ParseResult result) =>
        (result.GetValue(Proxies) ?? []).Select(p => IPAddress.TryParse(p, out var a) ? a
            : throw new CliException($"--trusted-proxy {p}: expected the proxy's IP address, such as 127.0.0.1")).ToList();

    /// <summary><c>scheme://host[:port]</c>, http or https, nothing after it (an origin, as a browser sends it).</summary>
    private static Uri Origin(string text)
    {
        string trimmed = text.TrimEnd('/');
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/"
            && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0)
            return uri;
        throw new CliException($"--origin {text}: expected an origin such as https://baton.example.com or https://host:8443 (no path)");
    }

    /// <summary>Bytes, or a number with KB, MB, GB or TB (powers of 1024); 0 means no limit.</summary>
    internal static long Size(string text, string option)
    {
        string t = text.Trim().ToUpperInvariant();
        (string unit, long factor) = t.EndsWith("TB", StringComparison.Ordinal) ? ("TB", 1L << 40) : t.EndsWith("GB", StringComparison.Ordinal) ? ("GB", 1L << 30)
            : t.EndsWith("MB", StringComparison.Ordinal) ? ("MB", 1L << 20) : t.EndsWith("KB", StringComparison.Ordinal) ? ("KB", 1L << 10) : ("", 1L);
        string number = t[..^unit.Length].Trim();
        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) && value * factor <= long.MaxValue)
            return (long)(value * factor);
        throw new CliException($"{option} {text}: expected a size such as 500MB, 2GB or 0 (no limit)");
    }
}
