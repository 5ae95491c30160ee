using System.Globalization;
using StackExchange.Redis;

namespace Baton.Cluster.Hosting;

/// <summary>
/// <c>--cluster redis://[:PASSWORD@]HOST:PORT[/DB]</c>: the Redis that holds the cluster's membership (Orleans) and its
/// store. Thrown <see cref="FormatException"/> messages name the option and what was expected.
/// </summary>
public sealed record ClusterAddress(string Host, int Port, string? Password, int Database)
{
    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string expected = "expected redis://HOST:PORT (optionally redis://:PASSWORD@HOST:PORT/DB)";
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "redis" || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"--cluster: '{Shown(text)}' is not a Redis address; {expected}");
        if (uri.Port is < 1 or > 65535) throw new FormatException($"--cluster: '{Shown(text)}' has no port (1 to 65535); {expected}");
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
        }
        string path = uri.AbsolutePath.Trim('/');
        int db = 0;
        if (path.Length > 0 && (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out db) || db > 1023))
            throw new FormatException($"--cluster: '{path}' is not a Redis database number (0 to 15 on a default server, more if it is configured with more); {expected}");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) throw new FormatException($"--cluster: '{Shown(text)}' has a query; {expected}");
        return new ClusterAddress(uri.IdnHost, uri.Port, password, db);
    }

    /// <summary>The text with its password (everything between <c>://</c> and the last <c>@</c>) hidden: an error
    /// message never shows it.</summary>
    private static string Shown(string text)
    {
        int start = text.IndexOf("://", StringComparison.Ordinal);
        int at = text.LastIndexOf('@');
        return start < 0 || at < start ? text : text[..(start + 3)] + "***" + text[at..];
    }

    public ConfigurationOptions Redis()
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { Host, Port } },
            Password = Password,
            DefaultDatabase = Database,
            AbortOnConnectFail = false,
            ConnectTimeout = 3000,
            ConnectRetry = 1,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
        };
        return options;
    }

    public override string ToString() => $"redis://{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}" + (Database == 0 ? "" : "/" + Database.ToString(CultureInfo.InvariantCulture));
}
