using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// Who may talk to <c>baton serve</c>: loopback only by default; bound to every address, nothing at all without the
/// token (page, script, API, event streams), the token printed once and never again; a foreign Host or Origin
/// refused.
/// </summary>
public sealed partial class SecurityTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] Paths =
        ["/", "/assets/dashboard.js", "/assets/dashboard.css", "/api/info", "/api/strategies", "/api/runs", "/api/live", "/api/backtests/x/events"];

    [Fact]
    public async Task Default_bind_is_loopback_only()
    {
        await using var server = await BatonServer.StartAsync();
        Assert.Equal("127.0.0.1", server.Address.Host);
        using var client = BatonServer.Client(server.Address);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/strategies")).StatusCode);
        foreach (var address in NonLoopbackAddresses())
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(address, server.Address.Port));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }
        Assert.DoesNotContain("token", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bound_to_every_address_every_call_without_the_token_is_refused()
    {
        await using var server = await BatonServer.StartAsync(null, "--bind", "0.0.0.0");
        string token = Token().Match(server.Output).Groups[1].Value;
        Assert.True(token.Length >= 32, server.Output);
        using var client = BatonServer.Client(server.Loopback);
        foreach (string path in Paths)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(With(HttpMethod.Get, path, "X-Baton-Token", token[..^1] + "x"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/backtests", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/runs/20240101-000000-abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/?token=wrong")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(With(HttpMethod.Get, "/api/runs", "X-Baton-Token", token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(With(HttpMethod.Get, "/api/runs", "Authorization", "Bearer " + token))).StatusCode);
        var login = await client.GetAsync($"/?token={token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        string cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        // a browser logs in once through the printed address and then uses the page, its API and its event streams
        string origin = server.Loopback.GetLeftPart(UriPartial.Authority);
        var (context, page, problems) = await chromium.OpenAsync(origin, phone: false);
        await using var _ = context;
        await page.GotoAsync($"{origin}/?token={token}");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.page === 'strategies'");
        Assert.Equal(origin + "/", page.Url);
        Assert.True(await page.Locator("article.strategy").CountAsync() >= 4);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-token-login"), FullPage = true });
        Assert.Empty(problems);

        Assert.Single(Regex.Matches(server.Output, Regex.Escape(token)));
    }

    [Fact]
    public async Task Token_from_the_environment_is_never_printed()
    {
        const string token = "a-token-chosen-by-the-user-0123456789";
        await using var server = await BatonServer.StartAsync(new Dictionary<string, string?> { ["BATON_TOKEN"] = token }, "--bind", "0.0.0.0");
        using var client = BatonServer.Client(server.Loopback);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(With(HttpMethod.Get, "/api/runs", "X-Baton-Token", token))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/api/runs?token={token}")).StatusCode);
        Assert.DoesNotContain(token, server.Output, StringComparison.Ordinal);
        Assert.Contains("from BATON_TOKEN", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_origin_or_host_is_refused()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        var post = With(HttpMethod.Post, "/api/backtests", "Origin", "http://evil.example");
        post.Content = Json("""{"strategy":"sma_crossover.yaml"}""");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
        var crossSite = With(HttpMethod.Post, "/api/backtests", "Sec-Fetch-Site", "cross-site");
        crossSite.Content = Json("""{"strategy":"sma_crossover.yaml"}""");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(With(HttpMethod.Delete, "/api/runs/20240101-000000-abcdef", "Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(With(HttpMethod.Get, "/api/backtests/x/events", "Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(With(HttpMethod.Post, "/api/live/x/stop", "Origin", "http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(With(HttpMethod.Get, "/", "Host", $"evil.example:{server.Address.Port}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(With(HttpMethod.Get, "/api/runs", "Host", "rebound.attacker.test"))).StatusCode);
        Assert.Empty(Directory.Exists(server.RunsFolder) ? Directory.GetDirectories(server.RunsFolder) : []);

        // the same origin is let through
        var same = With(HttpMethod.Post, "/api/backtests", "Origin", server.Address.GetLeftPart(UriPartial.Authority));
        same.Content = Json("""{"strategy":"sma_crossover.yaml"}""");
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(same)).StatusCode);
    }

    private static HttpRequestMessage With(HttpMethod method, string path, string header, string value)
    {
        var request = new HttpRequestMessage(method, path);
        if (header == "Host") request.Headers.Host = value;
        else request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private static IEnumerable<IPAddress> NonLoopbackAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork);

    [GeneratedRegex(@"\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex Token();
}
