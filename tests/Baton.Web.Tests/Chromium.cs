using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Baton.Web.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright through its executable path (as in Baton.Report.Tests):
/// Playwright never downloads a browser. <c>BATON_CHROMIUM</c> overrides the path (default <c>/usr/bin/chromium</c>).
/// A missing browser fails the tests that need it, naming what to install.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BATON_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        $"Chromium is not available at {ExecutablePath}: install it (Debian: apt-get install -y chromium; scripts/test.sh does " +
        "this when it runs as root) or point BATON_CHROMIUM at a Chromium executable. The dashboard's browser tests need it.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath)) return;
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = Args, Timeout = 60_000,
        });
    }

    /// <summary>A page at a laptop's or a phone's size that records console errors, page errors and any request
    /// to another origin than <paramref name="origin"/>.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(string origin, bool phone)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
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

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
