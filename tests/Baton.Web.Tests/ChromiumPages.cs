using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Baton.Web.Tests;

/// <summary>Pages of the dashboard in <see cref="Chromium"/> (the launcher of Baton.Runs.Tests, compiled in here too).</summary>
internal static class ChromiumPages
{
    /// <summary>A page at a laptop's or a phone's size that records console errors, page errors and any request
    /// to another origin than <paramref name="origin"/>.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(this Chromium chromium, string origin,
        bool phone)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone, HasTouch = phone, DeviceScaleFactor = 1, Locale = "de-DE", TimezoneId = "Pacific/Chatham",
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Request += (_, r) => { if (!r.Url.StartsWith(origin, StringComparison.Ordinal)) problems.Add("request to " + r.Url); };
        page.Dialog += async (_, d) => await d.AcceptAsync();
        return (context, page, problems);
    }
}
