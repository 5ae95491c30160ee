using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Web.Security;

/// <summary>
/// Who may talk to the server: requests must name an allowed Host (which defeats DNS rebinding), carry the token
/// when there is one, and (for anything that changes state, and for event streams) come from the page's own
/// origin. Bound to a loopback address there is no token; bound to any other address there must be one.
/// </summary>
public sealed class AccessPolicy
{
    public const string CookieName = "baton_token";
    public const string HeaderName = "X-Baton-Token";

    private readonly byte[]? _token;
    private readonly HashSet<string> _hosts;

    /// <param name="bind">The address the server listens on.</param>
    /// <param name="token">Required on every request when not null; must be given when <paramref name="bind"/> is not loopback.</param>
    /// <param name="extraHosts">More names the server may be reached by (a DNS name, a proxy's host).</param>
    public AccessPolicy(IPAddress bind, string? token, IEnumerable<string> extraHosts)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (token is not null && token.Length < 16) throw new ArgumentException("a token must be at least 16 characters long", nameof(token));
        if (!IPAddress.IsLoopback(bind) && token is null)
            throw new ArgumentException($"bound to {bind}, the server needs a token", nameof(token));
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
        _hosts = new HashSet<string>(Hosts(bind).Concat(extraHosts).Select(Normalise), StringComparer.OrdinalIgnoreCase);
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
