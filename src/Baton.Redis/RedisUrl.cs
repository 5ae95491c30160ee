using StackExchange.Redis;

namespace Baton.Redis;

/// <summary><c>redis://[[user]:password@]host[:port][/db]</c> (or a plain <c>host:port</c>) to connection options, and the
/// same URL with its password hidden for logs.</summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,         // keep reconnecting in the background, forever
            ConnectRetry = 3,
            ConnectTimeout = 2000,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
            ReconnectRetryPolicy = new ExponentialRetry(100, 5000),
            ClientName = "baton",
        };
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            options.EndPoints.Add(url);
            return options;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
            throw new ArgumentException($"--redis: expected redis://[:password@]host[:port][/db], got {Redact(url)}");
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort ? 6379 : uri.Port);
        options.Ssl = uri.Scheme == "rediss";
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                if (parts[0].Length > 0) options.User = Uri.UnescapeDataString(parts[0]);
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
            else options.Password = Uri.UnescapeDataString(parts[0]);
        }
        string db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0)
            options.DefaultDatabase = int.TryParse(db, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 0
                ? n : throw new ArgumentException($"--redis: expected a database number after the host, got \"{db}\"");
        return options;
    }

    /// <summary>The URL with any password replaced by <c>***</c>.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme) return url;
        string user = url[(scheme + 3)..at];
        int colon = user.IndexOf(':', StringComparison.Ordinal);
        return url[..(scheme + 3)] + (colon < 0 ? "***" : user[..colon] + ":***") + url[at..];
    }
}
