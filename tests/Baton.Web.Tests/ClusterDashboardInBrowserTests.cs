using System.Net;
using Microsoft.Playwright;

namespace Baton.Web.Tests;

/// <summary>
/// The Cluster page of <c>baton serve --cluster</c> in headless Chromium, against a real redis-server, a real
/// <c>baton worker</c> (its name a script tag, shown as text) and a real <c>baton sweep --cluster</c>: the link in the
/// nav, the worker's row, its trials done going from 0 to the sweep's trials as the page refreshes itself; a server
/// without a cluster has no link and says so on the page. No console error, no request to another origin.
/// </summary>
public sealed class ClusterDashboardInBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Name = "<script>window.hacked=1</script>";
    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 120_000, PollingInterval = 250 };

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

        // a sweep of 8 trials on the cluster: the page, refreshing itself, shows them done by the worker
        using var sweep = BatonProcess.Start(server.Root, "sweep", "examples/strategies/sma_crossover.yaml", "--param", "fast_period=5..8",
            "--param", "slow_period=20..30:10", "--batch-size", "2", "--out", Path.Combine(server.Root, "cluster-sweep"), "--cluster", url);
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelector('.cluster-workers tbody tr[data-status=\"active\"] .trials-done')?.textContent === '8'", null, Long);
        }
        catch (TimeoutException)
        {
            Assert.Fail("waited 120 s for the worker's trials done to reach 8 on the page\nsweep: " + sweep.Output + "\nworker: " + worker.Output
                + "\nrow: " + await row.InnerTextAsync());
        }
        Assert.Matches(@"^127\.0\.0\.1:\d+$", await row.Locator("th .file").InnerTextAsync());
        // the strategies page, still loading when the link was clicked, drew nothing into this one
        Assert.Equal(["Cluster", "Workers", "Sweeps"], await page.Locator("#page h1, #page h2").AllInnerTextsAsync());
        await page.ScreenshotAsync(new() { Path = BatonServer.Screenshot("dashboard-cluster-laptop"), FullPage = true });

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
