using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// A live session inside the real <c>baton serve --live</c> (the sma_crossover example on an in-process bus, its data
/// replayed at 20 candles a second), watched in headless Chromium: portfolio updates and fills appear on the Live page
/// as they happen, the stop button (after its confirmation) stops trading, the stopped banner shows the reason, and the
/// API then reports the session stopped. The event stream is also read directly, to check working orders and that the
/// stop was decided by the engine.
/// </summary>
public sealed class LiveDashboardTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 2_000 };

    [Fact]
    public async Task A_live_sessions_updates_appear_and_the_stop_button_stops_it()
    {
        await using var server = await BatonServer.StartAsync(null,
            "--live", Path.Combine("examples", "strategies", "sma_crossover.yaml"), "--speed", "20");
        using var client = BatonServer.Client(server.Address);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/live");
        Assert.True(listed.GetProperty("available").GetBoolean(), server.Output);
        var session = Assert.Single(listed.GetProperty("sessions").EnumerateArray().ToList());
        Assert.Equal("sma-crossover", session.GetProperty("id").GetString());
        Assert.Equal("sma_crossover", session.GetProperty("strategy").GetString());
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var events = ReadEventsAsync(client, "/api/live/sma-crossover/events", watching.Token);

        var (context, page, problems) = await chromium.OpenAsync(server.Address.GetLeftPart(UriPartial.Authority), phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/live").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { NameRegex = new("sma_crossover") }).ClickAsync();
        await page.Locator(".live-portfolio dt", new PageLocatorOptions { HasText = "equity" }).WaitForAsync(Soon);

        // the replayed candles keep coming: the portfolio's time moves on within a second
        string before = await PortfolioValue(page, "time");
        var moving = Stopwatch.StartNew();
        while (await PortfolioValue(page, "time") == before)
        {
            Assert.True(moving.Elapsed < TimeSpan.FromSeconds(1), $"no portfolio update on the page for a second (time {before})");
            await Task.Delay(50);
        }
        // fills appear on the page as they happen
        var fills = page.Locator(".log-lines li[data-type='fill']");
        await fills.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        // the page shows the fills since it attached: an entry, or the exit of a position opened before (replay at speed 20)
        var lines = await fills.AllInnerTextsAsync();
        Assert.All(lines, line => Assert.Matches(@" fill #\d+ (buy|sell) [0-9.]+ BTCUSDT @ [0-9]+\.[0-9]{2}, fee [0-9]+\.[0-9]{2} \((entry|signal exit|stop loss|take profit|trailing stop)\)$", line));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-live-trading-laptop"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop trading" }).ClickAsync();
        var banner = page.Locator(".stopped-banner");
        await banner.WaitForAsync(Soon);
        Assert.Contains("stopped from the dashboard", await banner.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop trading" }).IsDisabledAsync());
        await page.Locator(".live-portfolio dd", new PageLocatorOptions { HasText = "stopped" }).WaitForAsync(Soon);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-live-stopped-laptop"), FullPage = true });

        var after = (await client.GetFromJsonAsync<JsonElement>("/api/live")).GetProperty("sessions")[0];
        Assert.Equal("Stopped", after.GetProperty("state").GetString());
        Assert.Equal("stopped from the dashboard", after.GetProperty("stop_reason").GetString());
        var again = await client.PostAsJsonAsync("/api/live/sma-crossover/stop", new { reason = "twice" });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        await watching.CancelAsync();
        var seen = await events;
        Assert.Equal("portfolio_update", seen[0].Type);
        Assert.Contains(seen, e => e.Type == "fill");
        var filled = seen.First(e => e.Type == "fill").Data.GetProperty("order_id").GetInt64();
        Assert.Contains(seen, e => e.Type == "portfolio_update" && e.Data.GetProperty("working_orders").EnumerateArray()
            .Any(o => o.GetProperty("order_id").GetInt64() == filled && o.GetProperty("state").GetString() == "submitted"));
        Assert.Contains(seen, e => e.Type == "stopped" && e.Data.GetProperty("reason").GetString() == "stopped from the dashboard");
        Assert.Equal("stopped", seen.Last(e => e.Type == "portfolio_update").Data.GetProperty("state").GetString());
    }

    private static async Task<string> PortfolioValue(IPage page, string name) =>
        await page.Locator($".live-portfolio dt:text-is('{name}') + dd").InnerTextAsync();

    /// <summary>The server-sent events of <paramref name="path"/> until cancelled: each event's name and data.</summary>
    private static async Task<List<(string Type, JsonElement Data)>> ReadEventsAsync(HttpClient client, string path, CancellationToken token)
    {
        var seen = new List<(string, JsonElement)>();
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
            string type = "message";
            while (await reader.ReadLineAsync(token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    seen.Add((type, JsonDocument.Parse(line[6..]).RootElement.GetProperty("data").Clone()));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return seen;
    }
}
