using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// The dashboard in headless Chromium against the real <c>baton serve</c>: strategies with their located problems,
/// a backtest started from the page whose log streams in and whose results are the report's views; the history,
/// comparing two runs and deleting one; the Live page without a live engine. At a laptop's and a phone's width,
/// with no console error, no request to another origin and no page wider than the screen. Screenshots go to
/// artifacts/screenshots/.
/// </summary>
public sealed class DashboardInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] RunViews = ["metrics", "equity", "prices", "monthly", "trades", "risk", "orders"];

    [Fact]
    public async Task A_backtest_started_from_the_page_streams_its_log_and_shows_the_report_views()
    {
        await using var server = await BatonServer.StartAsync();
        var (context, page, problems) = await chromium.OpenAsync(Origin(server), phone: false);
        await using var _ = context;
        await page.GotoAsync(server.Address.AbsoluteUri);
        await Ready(page, "strategies");

        var broken = page.Locator("article[data-file='broken.yaml']");
        Assert.Equal("2 problems", await broken.Locator(".badge").InnerTextAsync());
        var lines = await broken.Locator(".problems li").AllInnerTextsAsync();
        Assert.Contains(lines, l => l.StartsWith("broken.yaml:3:12: timeframe: expected a bar length", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.yaml:6:", StringComparison.Ordinal));

        var card = page.Locator("article[data-file='sma_crossover.yaml']");
        await card.GetByLabel("fast_period").FillAsync("12");
        await card.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-strategies-laptop"), FullPage = true });
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Run backtest" }).ClickAsync();

        await page.WaitForSelectorAsync(".run-page[data-state='done']", new PageWaitForSelectorOptions { Timeout = 90_000 });
        string id = await page.Locator(".run-page").GetAttributeAsync("data-run") ?? "";
        var log = await page.Locator(".log-lines li").AllInnerTextsAsync();
        Assert.Contains(log, l => l.StartsWith("backtest sma_crossover", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains(" fill BTCUSDT buy ", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("done: 5,000 candles", StringComparison.Ordinal));
        Assert.Contains("candles", await page.Locator(".progress").InnerTextAsync() + (await page.Locator(".log-lines").InnerTextAsync()), StringComparison.Ordinal);
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var probe = await page.EvaluateAsync<JsonElement>(Probe, 1366);
        CheckRun(probe, "laptop", 1366);
        var files = Directory.GetFiles(Path.Combine(server.RunsFolder, id)).Select(Path.GetFileName).ToList();
        Assert.Contains("report.html", files);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(server.RunsFolder, id, "manifest.json"))))
            Assert.Equal("12", manifest.RootElement.GetProperty("parameters").GetProperty("fast_period").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-run-laptop"), FullPage = true });

        var (phoneContext, phone, phoneProblems) = await chromium.OpenAsync(Origin(server), phone: true);
        await using var __ = phoneContext;
        await phone.GotoAsync(server.Address.AbsoluteUri);
        await Ready(phone, "strategies");
        await CheckWidth(phone, "strategies (phone)");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-strategies-phone"), FullPage = true });
        await phone.GotoAsync(new Uri(server.Address, $"#/runs/{id}").AbsoluteUri);
        await phone.WaitForSelectorAsync(".run-page[data-state='done']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await phone.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        CheckRun(await phone.EvaluateAsync<JsonElement>(Probe, 390), "phone", 390);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-run-phone"), FullPage = true });
        Assert.True(problems.Count + phoneProblems.Count == 0, string.Join("\n", problems.Concat(phoneProblems)));
    }

    [Fact]
    public async Task History_compares_two_runs_side_by_side_and_deletes_one()
    {
        await using var server = await BatonServer.StartAsync();
        using var client = BatonServer.Client(server.Address);
        string a = await BatonServer.BacktestAsync(client, "sma_crossover.yaml", new() { ["fast_period"] = "8" });
        string b = await BatonServer.BacktestAsync(client, "breakout_multi.yaml", []);
        var (context, page, problems) = await chromium.OpenAsync(Origin(server), phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/history").AbsoluteUri);
        await Ready(page, "history");
        Assert.Equal(2, await page.Locator("tr[data-run]").CountAsync());
        var compare = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Compare selected" });
        Assert.True(await compare.IsDisabledAsync());
        await page.Locator($"tr[data-run='{a}'] input[type=checkbox]").CheckAsync();
        await page.Locator($"tr[data-run='{b}'] input[type=checkbox]").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-history-laptop"), FullPage = true });
        await compare.ClickAsync();
        await Ready(page, "compare");
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var headers = await page.Locator(".compare-table thead th").AllInnerTextsAsync();
        Assert.Equal(["Metric", "A: sma_crossover", "B: breakout_multi"], headers);
        var finalState = await page.Locator(".compare-table tbody tr", new PageLocatorOptions { HasText = "Final state" }).Locator("td").AllInnerTextsAsync();
        Assert.Equal("Stopped", finalState[1]);
        var probe = await page.EvaluateAsync<JsonElement>(Probe, 1366);
        Assert.Equal(3, probe.GetProperty("charts").GetArrayLength()); // the overlay and each run's equity
        CheckCharts(probe, "compare (laptop)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-compare-laptop"), FullPage = true });

        var (phoneContext, phone, phoneProblems) = await chromium.OpenAsync(Origin(server), phone: true);
        await using var __ = phoneContext;
        await phone.GotoAsync(new Uri(server.Address, $"#/compare/{a}/{b}").AbsoluteUri);
        await Ready(phone, "compare");
        await phone.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        CheckCharts(await phone.EvaluateAsync<JsonElement>(Probe, 390), "compare (phone)");
        await CheckWidth(phone, "compare (phone)");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-compare-phone"), FullPage = true });
        await phone.GotoAsync(new Uri(server.Address, "#/history").AbsoluteUri);
        await Ready(phone, "history");
        await CheckWidth(phone, "history (phone)");

        await page.GotoAsync(new Uri(server.Address, "#/history").AbsoluteUri);
        await Ready(page, "history");
        await page.Locator($"tr[data-run='{a}']").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { NameRegex = new("^Delete ") }).ClickAsync();
        await page.Locator($"tr[data-run='{a}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await page.Locator("tr[data-run]").CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{a}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(server.RunsFolder, a)));
        Assert.True(Directory.Exists(Path.Combine(server.RunsFolder, b)));
        Assert.True(problems.Count + phoneProblems.Count == 0, string.Join("\n", problems.Concat(phoneProblems)));
    }

    [Fact]
    public async Task A_run_of_an_earlier_server_opens_from_the_history()
    {
        await using var first = await BatonServer.StartAsync();
        string id;
        using (var client = BatonServer.Client(first.Address)) id = await BatonServer.BacktestAsync(client, "breakout_multi.yaml", []);
        await using var server = await first.RestartAsync();
        var (context, page, problems) = await chromium.OpenAsync(Origin(server), phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/history").AbsoluteUri);
        await Ready(page, "history");
        await page.Locator($"tr[data-run='{id}'] a").ClickAsync();
        await page.WaitForSelectorAsync(".run-page[data-state='done']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.True(await page.Locator(".run-log").IsHiddenAsync());
        Assert.Contains("Trading stopped", await page.Locator(".stopped-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Live_page_says_that_no_live_engine_is_attached()
    {
        await using var server = await BatonServer.StartAsync();
        var (context, page, problems) = await chromium.OpenAsync(Origin(server), phone: true);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/live").AbsoluteUri);
        await Ready(page, "live");
        Assert.Contains("No live trading engine is attached", await page.Locator("[data-live='unavailable']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("page", await page.Locator("a[data-nav='live']").GetAttributeAsync("aria-current"));
        await CheckWidth(page, "live (phone)");
        Assert.Empty(problems);
    }

    private static string Origin(BatonServer server) => server.Address.GetLeftPart(UriPartial.Authority);

    private static Task Ready(IPage page, string name) =>
        page.WaitForFunctionAsync($"() => document.documentElement.dataset.page === '{name}' && document.documentElement.dataset.ready === 'true'",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

    private static async Task CheckWidth(IPage page, string what)
    {
        int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{what}: the page is {width} px wide on a 390 px screen");
    }

    private static void CheckRun(JsonElement probe, string what, int width)
    {
        var views = probe.GetProperty("views").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.All(RunViews, v => Assert.Contains(v, views));
        Assert.Equal(2, probe.GetProperty("charts").GetArrayLength()); // equity, BTCUSDT
        CheckCharts(probe, what);
        Assert.True(probe.GetProperty("tradeRows").GetInt32() > 0, $"{what}: no trade rows");
        Assert.Equal(28, probe.GetProperty("metricRows").GetInt32());
        Assert.True(probe.GetProperty("pageWidth").GetInt32() <= width, $"{what}: the page is wider than the screen: {probe}");
    }

    private static void CheckCharts(JsonElement probe, string what) =>
        Assert.All(probe.GetProperty("charts").EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("canvases").GetInt32() > 0, $"{what}: a chart has no canvas");
            Assert.True(c.GetProperty("width").GetDouble() > 100 && c.GetProperty("height").GetDouble() > 100, $"{what}: chart {c}");
            Assert.True(c.GetProperty("colours").GetInt32() >= 4, $"{what}: a chart looks blank");
        });

    // Views present, each chart's canvases (size, and colours over a grid of samples so a blank canvas fails),
    // table rows, and the page's width.
    private const string Probe = """
        (screenWidth) => {
          const charts = [...document.querySelectorAll('.chart')].map((el) => {
            const canvases = [...el.querySelectorAll('canvas')];
            const colours = new Set();
            for (const c of canvases) {
              if (c.width === 0 || c.height === 0) continue;
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const step = Math.max(1, Math.floor(c.width * c.height / 4000));
              for (let p = 0; p < c.width * c.height; p += step) if (data[p * 4 + 3] > 0) colours.add(`${data[p * 4]},${data[p * 4 + 1]},${data[p * 4 + 2]}`);
            }
            const box = el.getBoundingClientRect();
            return { canvases: canvases.length, width: box.width, height: box.height, colours: colours.size };
          });
          const rows = (view) => document.querySelectorAll(`[data-view="${view}"] tbody tr`).length;
          return {
            views: [...document.querySelectorAll('[data-view]')].map((v) => v.dataset.view),
            charts, metricRows: rows('metrics'), tradeRows: rows('trades'),
            pageWidth: document.documentElement.scrollWidth,
            overflow: [...document.querySelectorAll('body *')]
              .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > screenWidth + 0.5).slice(-5)
              .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} "${(e.textContent || '').trim().slice(0, 40)}"`),
          };
        }
        """;
}
