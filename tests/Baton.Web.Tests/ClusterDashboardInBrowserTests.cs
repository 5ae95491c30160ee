using System.Net;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// The Cluster page of <c>baton serve --cluster</c> in headless Chromium, against a real redis-server, a real
/// <c>baton worker</c> (its name a script tag, shown as text) and a real <c>baton sweep --cluster</c>: the link in the
/// nav, the worker's row, a slow sweep's row (done of all) while it runs, the worker's trials done going from 0 to the sweep's
/// trials as the page refreshes itself; a server
/// without a cluster has no link and says so on the page. No console error, no request to another origin.
/// </summary>
public sealed class ClusterDashboardInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Name = "<script>window.hacked=1</script>";
    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 120_000, PollingInterval = 250 };

    private const string SlowSweep = """
        name: slow_sweep
        symbols: [BTCUSDT]
        timeframe: 1h
        data: { source: synthetic, bars: 300, seed: 1, start: 2024-01-01, start_price: 100, volatility: 0.01 }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: "${fast_period}" }
            - { id: wait, type: external, command: "sleep 3", timeout: 60s }
        parameters:
          fast_period: 10
        entry:
          - when: wait > 1 and close > fast
            action: buy
        """;

    [Fact]
    public async Task The_cluster_page_shows_the_worker_and_its_trials_rising_with_a_sweep()
    {
        var (_, url) = WebRedis.NewDatabase();
        await using var server = await BatonServer.StartAsync(null, "--cluster", url);
        using var worker = BatonProcess.Start(server.Root, "worker", "--cluster", url, "--name", Name, "--jobs", "1");
        await worker.WaitForAsync("joined the cluster");
        using var client = BatonServer.Client(server.Address);
        for (var deadline = DateTime.UtcNow.AddSeconds(90); (await client.GetAsync("/api/cluster")).StatusCode != HttpStatusCode.OK; await Task.Delay(500))
            Assert.True(DateTime.UtcNow < deadline, "waited 90 s for /api/cluster to answer 200\n" + server.Output + worker.Output);

        string origin = server.Address.GetLeftPart(UriPartial.Authority);
        var (context, page, problems) = await chromium.OpenAsync(origin, phone: false);
        await using var _ = context;
        await page.GotoAsync(server.Address.AbsoluteUri);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Cluster", Exact = true });
        await link.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        await link.ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.page === 'cluster' && document.querySelector('.cluster-page')?.dataset.state === 'ok'",
            null, new() { Timeout = 30_000 });
        var row = page.Locator(".cluster-workers tbody tr[data-status='active']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(Name, await row.Locator("th span").InnerTextAsync());   // the name as text, not markup
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('#page script').length"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.hacked === 1"));
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["active", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "0", "idle"], cells);

        // a sweep of 4 trials on the cluster, each at least 3 s (an external indicator that sleeps): the page, refreshing
        // itself, shows the sweep while it runs, then the 4 trials done by the worker
        File.WriteAllText(Path.Combine(server.StrategiesFolder, "slow_sweep.yaml"), SlowSweep);
        using var sweep = BatonProcess.Start(server.Root, "sweep", Path.Combine(server.StrategiesFolder, "slow_sweep.yaml"), "--param", "fast_period=5..8",
            "--batch-size", "2", "--out", Path.Combine(server.Root, "cluster-sweep"), "--cluster", url);
        try
        {
            await page.WaitForFunctionAsync("() => /^[0-3]\\/4 \\([0-9]+%\\)$/.test(document.querySelector('.cluster-sweeps tbody tr td .sweep-done')?.textContent ?? '')", null, Long);
            Assert.Equal("slow_sweep.yaml", await page.Locator(".cluster-sweeps tbody tr td").First.InnerTextAsync());
            await page.ScreenshotAsync(new() { Path = BatonServer.Screenshot("dashboard-cluster-laptop"), FullPage = true });
            await page.WaitForFunctionAsync("() => document.querySelector('.cluster-workers tbody tr[data-status=\"active\"] .trials-done')?.textContent === '4'", null, Long);
        }
        catch (TimeoutException)
        {
            Assert.Fail("waited 120 s for the sweep on the page, then the worker's trials done to reach 4\nsweep: " + sweep.Output + "\nworker: " + worker.Output
                + "\npage: " + await page.Locator("#page").InnerTextAsync());
        }
        await page.WaitForFunctionAsync("() => document.querySelector('.cluster-sweeps').closest('.table-scroll').hidden", null, Long);   // finished: no longer in the store
        Assert.Matches(@"^127\.0\.0\.1:\d+$", await row.Locator("th .file").InnerTextAsync());
        // the strategies page, still loading when the link was clicked, drew nothing into this one
        Assert.Equal(["Cluster", "Workers", "Sweeps"], await page.Locator("#page h1, #page h2").AllInnerTextsAsync());

        var (phoneContext, phone, phoneProblems) = await chromium.OpenAsync(origin, phone: true);
        await using var __ = phoneContext;
        await phone.GotoAsync(new Uri(server.Address, "#/cluster").AbsoluteUri);
        await phone.WaitForFunctionAsync("() => document.querySelector('.cluster-page')?.dataset.state === 'ok'", null, new() { Timeout = 30_000 });
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the cluster page is wider than a phone");
        Assert.True(problems.Count + phoneProblems.Count == 0, string.Join("\n", problems.Concat(phoneProblems)));
    }

    [Fact]
    public async Task Without_a_cluster_there_is_no_link_and_the_page_says_so()
    {
        await using var server = await BatonServer.StartAsync();
        var (context, page, problems) = await chromium.OpenAsync(server.Address.GetLeftPart(UriPartial.Authority), phone: false);
        await using var _ = context;
        await page.GotoAsync(new Uri(server.Address, "#/cluster").AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });   // the options asked for
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.page === 'cluster' && document.documentElement.dataset.ready === 'true'",
            null, new() { Timeout = 30_000 });
        Assert.StartsWith("No cluster is configured for this server.", await page.Locator("[data-cluster='unavailable']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "Cluster", Exact = true }).IsVisibleAsync());
        Assert.Empty(problems);
    }
}
