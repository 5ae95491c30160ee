using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Security;

/// <summary>
/// Who may talk to the server: requests must name an allowed Host (which defeats DNS rebinding), carry the token
/// when there is one, and (for anything that changes state, and for event streams) come from the page's own
/// origin: the origin the request itself was made to (its scheme, as a trusted proxy forwarded it, and Host), or one
/// named with <c>--origin</c> (the public address of an HTTPS reverse proxy). Bound to a loopback address there is no
/// token; bound to any other address there must be one.
/// </summary>
public sealed class AccessPolicy
{
    public const string CookieName = "baton_token";
    public const string HeaderName = "X-Baton-Token";

    private readonly byte[]? _token;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;

    /// <param name="bind">The address the server listens on.</param>
    /// <param name="token">Required on every request when not null; must be given when <paramref name="bind"/> is not loopback.</param>
    /// <param name="extraHosts">More names the server may be reached by (a DNS name, a proxy's host).</param>
    /// <param name="origins">Public origins (<c>https://host[:port]</c>) the page may also be served from; their hosts are allowed too.</param>
    public AccessPolicy(IPAddress bind, string? token, IEnumerable<string> extraHosts, IEnumerable<Uri>? origins = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (token is not null && token.Length < 16) throw new ArgumentException("a token must be at least 16 characters long", nameof(token));
        if (!IPAddress.IsLoopback(bind) && token is null)
            throw new ArgumentException($"bound to {bind}, the server needs a token", nameof(token));
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
        var publicOrigins = (origins ?? []).ToList();
        _origins = new HashSet<string>(publicOrigins.Select(OriginOf), StringComparer.OrdinalIgnoreCase);
        _hosts = new HashSet<string>(Hosts(bind).Concat(extraHosts).Concat(publicOrigins.Select(o => o.Host)).Select(Normalise),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An origin as a browser sends it: <c>scheme://host</c>, with <c>:port</c> only when not the scheme's default.</summary>
    public static string OriginOf(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return origin.IsDefaultPort ? $"{origin.Scheme}://{origin.Host}" : $"{origin.Scheme}://{origin.Host}:{origin.Port}";
    }

    /// <summary>Null when the request comes from an allowed origin; otherwise why not, for the page to show. An Origin, when
    /// sent, must be the request's own (<c>scheme://Host</c>) or one of <c>--origin</c>; a browser's Sec-Fetch-Site must not
    /// say another site. Clients that are not browsers send neither.</summary>
    public string? CrossOriginReason(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return $"refused: the browser says this request comes from another site (Sec-Fetch-Site: {site})";
        string origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        string own = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || _origins.Contains(origin)) return null;
        return $"refused: this change comes from {ErrorEcho.Cut(origin, 100)}, and this server only accepts changes from {own}"
            + (_origins.Count > 0 ? " or " + string.Join(", ", _origins.Order(StringComparer.Ordinal)) : "")
            + ". Behind an HTTPS reverse proxy, start baton serve with --origin https://<public host> (or --trusted-proxy <proxy address>).";
    }


    public bool RequiresToken => _token is not null;

    /// <summary>A token for <c>--bind</c> beyond loopback when none is given: 32 random bytes, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="host"/> (a Host header's name, without its port) is one the server answers to.</summary>
    public bool IsAllowedHost(string host) => _hosts.Contains(Normalise(host));

    /// <summary>Compares in constant time; true whenever no token is required.</summary>
    public bool IsValidToken(string? candidate)
    {
        if (_token is null) return true;
        if (string.IsNullOrEmpty(candidate)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
    }

    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');

    /// <summary>The names a listener on <paramref name="bind"/> is reached by: loopback names for a loopback or any-address
    /// bind, the address itself, and for an any-address bind this machine's name and interface addresses.</summary>
    private static IEnumerable<string> Hosts(IPAddress bind)
    {
        bool any = bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any);
        if (IPAddress.IsLoopback(bind) || any)
        {
            yield return "localhost";
            yield return "127.0.0.1";
            yield return "::1";
        }
        yield return bind.ToString();
        if (!any) yield break;
        yield return Dns.GetHostName();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
                yield return address.Address.ToString();
    }
}
