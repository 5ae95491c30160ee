using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// A finished run's parameters and why it stopped survive a server restart (the history keeps both) and are shown
/// everywhere the run is: its page, its report.html, the history, and the comparison, which marks the parameters
/// that differ.
/// </summary>
public sealed class RunParametersTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Parameters_and_stop_reason_are_kept_across_a_restart_and_shown_on_every_page()
    {
        await using var first = await BatonServer.StartAsync();
        // sma_crossover with a 1% drawdown limit: the risk manager stops it
        string example = File.ReadAllText(Path.Combine(first.StrategiesFolder, "sma_crossover.yaml"));
        File.WriteAllText(Path.Combine(first.StrategiesFolder, "stops.yaml"), example.Replace("max_drawdown: 20%", "max_drawdown: 1%", StringComparison.Ordinal));
        string a, b;
        using (var client = BatonServer.Client(first.Address))
        {
            a = await BatonServer.BacktestAsync(client, "stops.yaml", new() { ["fast_period"] = "8" });
            b = await BatonServer.BacktestAsync(client, "stops.yaml", new() { ["fast_period"] = "12" });
        }
        await using var server = await first.RestartAsync();
        using var api = BatonServer.Client(server.Address);
        var run = await api.GetFromJsonAsync<JsonElement>($"/api/runs/{a}");
        string reason = run.GetProperty("stop_reason").GetString()!;
        Assert.Contains("drawdown", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("8", JsonDocument.Parse(run.GetProperty("parameters").GetString()!).RootElement.GetProperty("fast_period").GetString());

        string origin = server.Address.GetLeftPart(UriPartial.Authority);
        var (context, page, problems) = await chromium.OpenAsync(origin, phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, $"#/runs/{a}").AbsoluteUri);
        await page.WaitForSelectorAsync(".run-page[data-state='done']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await CheckParametersView(page, "8");
        Assert.Contains(reason, await page.Locator(".stopped-banner").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(new Uri(server.Address, $"/api/runs/{a}/report.html").AbsoluteUri);
        await page.WaitForSelectorAsync("[data-view='parameters']");
        await CheckParametersView(page, "8");

        await page.GotoAsync(new Uri(server.Address, "#/history").AbsoluteUri);
        await page.WaitForSelectorAsync($"tr[data-run='{a}']");
        var row = page.Locator($"tr[data-run='{a}']");
        Assert.Contains("fast_period=8", await row.Locator(".params").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"stopped: {reason}", await row.Locator(".stop-reason").InnerTextAsync());

        await page.GotoAsync(new Uri(server.Address, $"#/compare/{a}/{b}").AbsoluteUri);
        await page.WaitForSelectorAsync("tr[data-parameter='fast_period']");
        var fast = page.Locator("tr[data-parameter='fast_period']");
        Assert.Equal("differs", await fast.GetAttributeAsync("class"));
        Assert.Equal(["8", "12", "differs"], await fast.Locator("td").AllInnerTextsAsync());
        Assert.Null(await page.Locator("tr[data-parameter='slow_period']").GetAttributeAsync("class"));
        Assert.Contains("1 of ", await page.Locator("[data-view='compare-parameters'] .legend").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BatonServer.Screenshot("dashboard-compare-parameters"), FullPage = true });
        Assert.Empty(problems);
    }

    private static async Task CheckParametersView(IPage page, string fast)
    {
        var names = await page.Locator("[data-view='parameters'] dt").AllInnerTextsAsync();
        var values = await page.Locator("[data-view='parameters'] dd").AllInnerTextsAsync();
        Assert.Equal(["fast_period", "position_size", "slow_period"], names);
        Assert.Equal([fast, "10%", "30"], values);
    }
}
