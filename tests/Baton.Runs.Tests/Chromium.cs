using Microsoft.Playwright;

namespace Baton.Runs.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright through its executable path: Playwright never downloads a
/// browser here. <c>BATON_CHROMIUM</c> overrides the path (default <c>/usr/bin/chromium</c>). A missing
/// browser fails the tests that need it, with what to install. Baton.Web.Tests compiles this same file.
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
        "this when it runs as root) or point BATON_CHROMIUM at a Chromium executable. The browser tests need it.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath)) return;
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
