using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// A sweep from the dashboard in headless Chromium against the real <c>baton serve</c>: started from a strategy's
/// card, its progress streamed, its ranked table and heat map drawn; a trial opened as an ordinary run whose metrics
/// equal the trial's row of trials.csv. No console error, no request to another origin.
/// </summary>
public sealed class SweepDashboardInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] Compared = ["total_return", "cagr", "sharpe", "sortino", "max_drawdown", "end_equity", "trades.trade_count"];

    [Fact]
    public async Task A_sweep_started_from_a_strategy_page_shows_its_progress_views_and_opens_a_trial_as_a_run()
    {
        await using var server = await BatonServer.StartAsync();
        string origin = server.Address.GetLeftPart(UriPartial.Authority);
        var (context, page, problems) = await chromium.OpenAsync(origin, phone: false);
        await using var _ = context;
        await page.GotoAsync(server.Address.AbsoluteUri);
        await Ready(page, "strategies");
        await page.Locator("article[data-file='sma_crossover.yaml']").GetByRole(AriaRole.Link, new() { Name = "Sweep parameters…" }).ClickAsync();
        await Ready(page, "sweep-new");
        await page.GetByLabel("fast_period (now 10)").FillAsync("5,10,15");
        await page.GetByLabel("slow_period (now 30)").FillAsync("20,30");
        await page.GetByLabel("Where (e.g. fast_period < slow_period)").FillAsync("fast_period + 5 < slow_period");
        await page.GetByLabel("Jobs (1–", new() { Exact = false }).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start sweep" }).ClickAsync();

        await page.WaitForSelectorAsync(".sweep-page[data-state='done']", new() { Timeout = 120_000 });
        string id = await page.Locator(".sweep-page").GetAttributeAsync("data-sweep") ?? "";
        var log = await page.Locator(".log-lines li").AllInnerTextsAsync();
        Assert.Contains(log, l => l.StartsWith("sweep sma_crossover.yaml over fast_period (3) × slow_period (2)", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("trials 5/5 done, 0 failed, best ", StringComparison.Ordinal));
        Assert.Equal(5, await page.Locator("table.ranked tbody tr").CountAsync());
        Assert.Equal(5, await page.Locator("table.heatmap td.scored").CountAsync());
        Assert.Equal(["fast_period = 15, slow_period = 20: not run"], await page.Locator("table.heatmap td.not-run").EvaluateAllAsync<string[]>("cs => cs.map(c => c.title)"));
        await page.ScreenshotAsync(new() { Path = BatonServer.Screenshot("dashboard-sweep-laptop"), FullPage = true });

        using var client = BatonServer.Client(server.Address);
        var doc = await client.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}/data");
        var best = await page.Locator("table.ranked tbody tr").First.GetAttributeAsync("data-trial");
        await page.Locator("table.ranked tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await page.WaitForSelectorAsync(".run-page[data-state='done']", new() { Timeout = 90_000 });
        string run = await page.Locator(".run-page").GetAttributeAsync("data-run") ?? "";
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(server.RunsFolder, run, "metrics.json")));
        var row = doc.GetProperty("trials").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("trial").GetInt32().ToString(CultureInfo.InvariantCulture) == best);
        var names = doc.GetProperty("trials").GetProperty("metrics").EnumerateArray().Select(n => n.GetString()!).ToList();
        foreach (string name in Compared)
        {
            var value = name.Split('.').Aggregate(metrics.RootElement.GetProperty("metrics"), (e, part) => e.GetProperty(part));
            Assert.Equal(value.GetDouble(), row.GetProperty("metrics")[names.IndexOf(name)].GetDouble());
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(server.RunsFolder, run, "manifest.json")));
        Assert.Equal(row.GetProperty("fills_hash").GetString(), manifest.RootElement.GetProperty("fills_sha256").GetString());

        // the sweep's page and its form fit a phone's screen
        var (phoneContext, phone, phoneProblems) = await chromium.OpenAsync(origin, phone: true);
        await using var __ = phoneContext;
        await phone.GotoAsync(new Uri(server.Address, $"#/sweeps/{id}").AbsoluteUri);
        await phone.WaitForSelectorAsync(".sweep-page[data-state='done']", new() { Timeout = 60_000 });
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the sweep page is wider than a phone");
        await phone.ScreenshotAsync(new() { Path = BatonServer.Screenshot("dashboard-sweep-phone"), FullPage = true });
        await phone.GotoAsync(new Uri(server.Address, "#/sweeps/new/sma_crossover.yaml").AbsoluteUri);
        await Ready(phone, "sweep-new");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the sweep form is wider than a phone");
        Assert.True(problems.Count + phoneProblems.Count == 0, string.Join("\n", problems.Concat(phoneProblems)));
    }

    private static Task Ready(IPage page, string name) =>
        page.WaitForFunctionAsync($"() => document.documentElement.dataset.page === '{name}' && document.documentElement.dataset.ready === 'true'",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
}
