using System.Net;

namespace Baton.Web.Tests;

/// <summary>
/// The access guard classifies a request by the endpoint routing selected, so no spelling of a path (case, trailing
/// slash) slips past the Origin check; behind an HTTPS reverse proxy a change is accepted from the origin named with
/// <c>--origin</c> or forwarded by a <c>--trusted-proxy</c>, and refused with a message saying why; the login redirect
/// never leaves the server.
/// </summary>
public sealed class GuardTests(GuardTests.PlainServer plain) : IClassFixture<GuardTests.PlainServer>
{
    private const string Evil = "http://evil.example";
    private const string Public = "https://baton.example.com";
    private const string Run = "20240101-000000-abcdef";

    /// <summary>Method, path, Origin → status, on a server with no proxy settings.</summary>
    public static TheoryData<string, string, string?, HttpStatusCode> Plain => new()
    {
        { "GET", "/api/backtests/x/events", Evil, HttpStatusCode.Forbidden },
        { "GET", "/api/backtests/x/events/", Evil, HttpStatusCode.Forbidden },
        { "GET", "/API/BACKTESTS/x/EVENTS", Evil, HttpStatusCode.Forbidden },
        { "GET", "/api/Backtests/x/Events/", Evil, HttpStatusCode.Forbidden },
        { "GET", "/api/live/x/events", Evil, HttpStatusCode.Forbidden },
        { "GET", "/API/LIVE/x/EVENTS/", Evil, HttpStatusCode.Forbidden },
        { "GET", "/api/backtests/x/EVENTS", null, HttpStatusCode.NotFound },
        { "GET", "/api/runs", Evil, HttpStatusCode.OK },
        { "GET", "/API/RUNS/", Evil, HttpStatusCode.OK },
        { "POST", "/api/backtests", Evil, HttpStatusCode.Forbidden },
        { "POST", "/API/BACKTESTS/", Evil, HttpStatusCode.Forbidden },
        { "POST", $"/api/runs/{Run}/cancel", Evil, HttpStatusCode.Forbidden },
        { "POST", $"/API/RUNS/{Run}/CANCEL/", Evil, HttpStatusCode.Forbidden },
        { "DELETE", $"/api/runs/{Run}/", Evil, HttpStatusCode.Forbidden },
        { "POST", "/api/live/x/stop/", Evil, HttpStatusCode.Forbidden },
        { "POST", "/nowhere", Evil, HttpStatusCode.Forbidden },
        { "PUT", "/api/runs", Evil, HttpStatusCode.Forbidden },
        { "POST", $"/api/runs/{Run}/cancel", Public, HttpStatusCode.Forbidden },
        { "POST", $"/API/RUNS/{Run}/CANCEL", null, HttpStatusCode.NotFound },
        { "DELETE", $"/api/runs/{Run}", null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public async Task A_change_or_event_stream_from_a_foreign_origin_is_refused_however_the_path_is_spelled(string method, string path,
        string? origin, HttpStatusCode expected)
    {
        var server = plain.Server;
        using var client = BatonServer.Client(server.Address);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.Contains($"comes from {origin}", body, StringComparison.Ordinal);
            Assert.Contains("--origin", body, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.Exists(server.RunsFolder) ? Directory.GetDirectories(server.RunsFolder) : []);
    }

    /// <summary>Server options, then the request's Host, X-Forwarded-Proto and -Host, Origin → status.</summary>
    public static TheoryData<string, string?, string?, string?, string, HttpStatusCode> BehindAProxy => new()
    {
        // no proxy settings: the page at https://baton.example.com is refused (the reported defect), with the reason
        { "--host baton.example.com", "baton.example.com", null, null, Public, HttpStatusCode.Forbidden },
        { "--host baton.example.com", null, "https", "baton.example.com", Public, HttpStatusCode.Forbidden },
        // --origin: that origin is accepted, whatever Host the proxy passes on; others are not
        { "--origin https://baton.example.com", "baton.example.com", null, null, Public, HttpStatusCode.NotFound },
        { "--origin https://baton.example.com", null, null, null, Public, HttpStatusCode.NotFound },
        { "--origin https://baton.example.com", null, null, null, "http://baton.example.com", HttpStatusCode.Forbidden },
        { "--origin https://baton.example.com", null, null, null, "https://baton.example.com:8443", HttpStatusCode.Forbidden },
        { "--origin https://baton.example.com", null, null, null, Evil, HttpStatusCode.Forbidden },
        // --trusted-proxy: the scheme and host it forwards make the request's own origin
        { "--trusted-proxy 127.0.0.1 --host baton.example.com", null, "https", "baton.example.com", Public, HttpStatusCode.NotFound },
        { "--trusted-proxy 127.0.0.1 --host baton.example.com", null, "https", "baton.example.com", Evil, HttpStatusCode.Forbidden },
        { "--trusted-proxy 127.0.0.1 --host baton.example.com", null, "https", "evil.example", "https://evil.example", HttpStatusCode.BadRequest },
        // a proxy not trusted: its forwarded headers are ignored
        { "--trusted-proxy 10.9.8.7 --host baton.example.com", null, "https", "baton.example.com", Public, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(BehindAProxy))]
    public async Task Behind_an_HTTPS_proxy_changes_come_from_the_configured_origin(string options, string? host, string? proto,
        string? forwardedHost, string origin, HttpStatusCode expected)
    {
        await using var server = await BatonServer.StartAsync(null, options.Split(' '));
        using var client = BatonServer.Client(server.Address);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{Run}/cancel");
        if (host is not null) request.Headers.Host = host;
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        if (forwardedHost is not null) request.Headers.Add("X-Forwarded-Host", forwardedHost);
        request.Headers.Add("Origin", origin);
        var response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{options} / {origin}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("{\"error\":", body, StringComparison.Ordinal);   // every refusal says why, as the page shows it
    }

    [Fact]
    public async Task The_login_redirect_stays_on_the_server()
    {
        const string token = "a-token-chosen-by-the-user-0123456789";
        await using var server = await BatonServer.StartAsync(new Dictionary<string, string?> { ["BATON_TOKEN"] = token }, "--bind", "0.0.0.0");
        using var client = BatonServer.Client(server.Loopback);
        foreach (string path in new[] { "//evil.example/x", "///evil.example/x", "/\\evil.example/x", "/%2F%2Fevil.example/x", "/%5C%5Cevil.example", "//" })
            await CheckRedirect(client, server, path, token);
    }

    private static async Task CheckRedirect(HttpClient client, BatonServer server, string path, string token)
    {
        var response = await client.GetAsync(new Uri(server.Loopback.AbsoluteUri.TrimEnd('/') + path + $"?token={token}&a=1"));
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{path}: {response.StatusCode}");
        string location = response.Headers.Location!.OriginalString;
        Assert.True(location.StartsWith('/'), $"{path} → {location}");
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.Equal(server.Loopback.Host, new Uri(server.Loopback, location).Host);
        Assert.DoesNotContain(token, location, StringComparison.Ordinal);
    }

    /// <summary>One plain server for the rows of <see cref="Plain"/> (started once: no row changes anything).</summary>
    public sealed class PlainServer : IAsyncLifetime
    {
        public BatonServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await BatonServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
