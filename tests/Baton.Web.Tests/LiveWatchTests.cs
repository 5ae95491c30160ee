using System.Text.Json;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace Baton.Web.Tests;

/// <summary>
/// <c>baton serve --redis URL</c> watching sessions that run in their own processes, in headless Chromium against the
/// real redis-server: the sessions named on <c>events:live</c> (contract C3: <c>strategy</c> and <c>seq</c> on every event, a
/// <c>session</c> announcement with <c>seq</c> 0) are listed and shown side by side, each with its own numbers (a repeated
/// event counted once), candles from <c>prices:live</c> and fills; a session that starts after the page is open appears;
/// the stop button of one sends a stop naming that strategy, and a real <c>baton live</c> stops on it.
/// </summary>
public sealed class LiveWatchTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const long Hour = 3_600_000;
    private const long T0 = 1_704_067_200_000;   // 2024-01-01T00:00Z
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task Sessions_of_other_processes_are_shown_side_by_side_and_one_is_stopped_by_name()
    {
        var (db, url) = WebRedis.NewDatabase();
        await PublishAsync(db, Session("alpha", "BTCUSDT"), Candles("BTCUSDT", 42_000, 5), Session("beta", "ETHUSDT"), Candles("ETHUSDT", 2_300, 5));
        await PublishAsync(db,
            Event("alpha", 1, "portfolio_update", Portfolio(100_000, "trading", T0 + Hour)),
            Event("alpha", 2, "fill", Fill(1, "BTCUSDT", "buy", 0.5, 42_010, T0 + 2 * Hour)),
            Event("alpha", 3, "portfolio_update", Portfolio(101_234.5, "position_open", T0 + 3 * Hour)),
            Event("beta", 1, "fill", Fill(1, "ETHUSDT", "sell", 2, 2_310, T0 + 2 * Hour)),
            Event("beta", 2, "fill", Fill(2, "ETHUSDT", "buy", 2, 2_290, T0 + 4 * Hour)),
            Event("beta", 3, "portfolio_update", Portfolio(98_765.25, "trading", T0 + 4 * Hour)),
            Event("alpha", 2, "fill", Fill(1, "BTCUSDT", "buy", 0.5, 42_010, T0 + 2 * Hour)));   // delivered again: counted once
        await using var server = await BatonServer.StartAsync(null, "--redis", url);
        var (context, page, problems) = await chromium.OpenAsync(server.Address.GetLeftPart(UriPartial.Authority), phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/live").AbsoluteUri);

        var alpha = page.Locator("section[data-session='alpha']");
        var beta = page.Locator("section[data-session='beta']");
        await Equity(alpha, "101234.50");
        await Equity(beta, "98765.25");
        Assert.Equal(1, await alpha.Locator(".live-trades tbody tr").CountAsync());
        Assert.Equal(2, await beta.Locator(".live-trades tbody tr").CountAsync());
        Assert.Equal(["BTCUSDT", "buy", "0.5", "42010", "21.005", "entry"], (await alpha.Locator(".live-trades tbody td").AllInnerTextsAsync()).Skip(1));
        await alpha.Locator(".chart-live-price[data-symbol='BTCUSDT'][data-bars='5']").WaitForAsync(Soon);
        await beta.Locator(".chart-live-price[data-symbol='ETHUSDT'][data-bars='5']").WaitForAsync(Soon);
        Assert.Equal("2", await alpha.Locator(".chart-live-equity").GetAttributeAsync("data-points"));
        Assert.Equal("alpha · PositionOpen · BTCUSDT · 1h · own process", await alpha.Locator(".lead").InnerTextAsync());
        var (a, b) = (await alpha.BoundingBoxAsync(), await beta.BoundingBoxAsync());
        Assert.True(a!.Y == b!.Y && a.X + a.Width <= b.X, $"not side by side: alpha at ({a.X}, {a.Y}), beta at ({b.X}, {b.Y})");

        // a session that starts while the page is open appears, with its candles as they come
        await PublishAsync(db, Session("gamma", "BTCUSDT"), Event("gamma", 1, "portfolio_update", Portfolio(50_000, "trading", T0 + 5 * Hour)));
        var gamma = page.Locator("section[data-session='gamma']");
        await Equity(gamma, "50000.00");
        await PublishAsync(db, Candles("BTCUSDT", 42_100, 1, from: 5));
        await gamma.Locator(".chart-live-price[data-bars='6']").WaitForAsync(Soon);
        await alpha.Locator(".chart-live-price[data-bars='6']").WaitForAsync(Soon);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-live-sessions-laptop"), FullPage = true });

        // the stop button of one session sends a stop naming it; its stopped event comes back on events:live
        await alpha.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Stop trading" }).ClickAsync();
        await page.Locator("section[data-session='alpha'][data-stop-sent='true']").WaitForAsync(Soon);
        var stop = JsonDocument.Parse(Assert.Single(await db.MessagesAsync("control:live"))).RootElement;
        Assert.Equal(1, stop.GetProperty("v").GetInt32());
        Assert.Equal("stop", stop.GetProperty("type").GetString());
        Assert.Equal("dashboard", stop.GetProperty("producer").GetString());
        Assert.Equal("alpha", stop.GetProperty("strategy").GetString());
        Assert.Equal("stopped from the dashboard", stop.GetProperty("reason").GetString());
        Assert.True(stop.GetProperty("seq").GetInt64() >= 1 && stop.GetProperty("id").GetString()!.Length > 0, stop.ToString());
        await PublishAsync(db, Event("alpha", 4, "stopped", new { reason = "stopped from the dashboard", time = T0 + 5 * Hour }));
        await alpha.Locator(".stopped-banner", new LocatorLocatorOptions { HasText = "stopped from the dashboard" }).WaitForAsync(Soon);
        Assert.True(await alpha.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Stop trading" }).IsDisabledAsync());
        Assert.False(await beta.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Stop trading" }).IsDisabledAsync());
        Assert.True(await beta.Locator(".stopped-banner").IsHiddenAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_stop_button_stops_a_real_baton_live_in_its_own_process()
    {
        var (db, url) = WebRedis.NewDatabase();
        string folder = Path.Combine(Path.GetTempPath(), "baton-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var live = BatonProcess.Start(BatonServer.RepoRoot, "live", Path.Combine("examples", "strategies", "sma_crossover.yaml"),
            "--redis", url, "--journal", Path.Combine(folder, "journal.db"));
        await live.WaitForAsync("Ctrl-C stops");
        // the session's announcement (contract C3), published here for a `baton live` that does not announce itself yet
        await PublishAsync(db, Session("sma_crossover", "BTCUSDT"));
        await using var server = await BatonServer.StartAsync(null, "--redis", url);
        var (context, page, problems) = await chromium.OpenAsync(server.Address.GetLeftPart(UriPartial.Authority), phone: true);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/live").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { NameRegex = new("sma_crossover") }).ClickAsync();
        await page.Locator("section[data-session='sma-crossover'] .lead", new PageLocatorOptions { HasText = "BTCUSDT · 1h" }).WaitForAsync(Soon);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop trading" }).ClickAsync();
        // the real session took the dashboard's stop: its stopped event, with the dashboard's reason, is on events:live
        for (int i = 0; i < 600 && !(await db.MessagesAsync("events:live")).Any(Stopped); i++) await Task.Delay(50);
        Assert.True((await db.MessagesAsync("events:live")).Any(Stopped), "no stopped event from baton live:\n" + live.Output);
        Assert.Equal("sma_crossover", JsonDocument.Parse(Assert.Single(await db.MessagesAsync("control:live"))).RootElement.GetProperty("strategy").GetString());
        int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the Live page is {width} px wide on a 390 px screen");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Stopped(string json)
    {
        var e = JsonDocument.Parse(json).RootElement;
        return e.GetProperty("type").GetString() == "stopped" && e.GetProperty("reason").GetString() == "stopped from the dashboard";
    }

    private static async Task Equity(ILocator session, string value) =>
        await session.Locator(".live-portfolio dt:text-is('equity') + dd", new LocatorLocatorOptions { HasText = value }).WaitForAsync(Soon);

    private static async Task PublishAsync(IDatabase db, params IEnumerable<(string Stream, string Json)>[] groups)
    {
        foreach (var group in groups)
            foreach (var (stream, json) in group) await db.AddAsync(stream, json);
    }

    private static IEnumerable<(string, string)> Session(string strategy, string symbol) =>
    [
        ("events:live", JsonSerializer.Serialize(new
        {
            type = "session", strategy, seq = 0, symbols = new[] { symbol }, timeframe = "1h", initial_capital = 100_000,
            consumer = "test", started_at = T0, journal = $"/tmp/{strategy}/journal.db",
        })),
    ];

    private static IEnumerable<(string, string)> Event(string strategy, long seq, string type, object body)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["type"] = type;
        json["strategy"] = strategy;
        json["seq"] = seq;
        return [("events:live", json.ToJsonString())];
    }

    private static object Portfolio(double equity, string state, long time) =>
        new { equity, cash = equity, realized_pnl = 0, state, drawdown = 0, positions = Array.Empty<object>(), time };

    private static object Fill(long order, string symbol, string side, double quantity, double price, long time) =>
        new { order_id = order, symbol, side, quantity, price, fee = Math.Round(quantity * price * 0.001, 6), intent = "entry", time };

    private static IEnumerable<(string, string)> Candles(string symbol, double price, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => ("prices:live", JsonSerializer.Serialize(new
        {
            v = 1, type = "candle", producer = "feed", seq = i + 1, symbol, timeframe = "1h", ts = T0 + i * Hour,
            open = price + i, high = price + i + 10, low = price + i - 10, close = price + i + 5, volume = 1,
        })));
}
